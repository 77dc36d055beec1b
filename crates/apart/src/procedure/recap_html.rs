//! The recap rendered as one self-contained HTML page that prints well: inline CSS with an
//! `@media print` block, every text escaped, no script, no external resource (no link, image,
//! font or URL), French labels. Deterministic: the same recap gives the same bytes.

use rust_decimal::Decimal;
use std::fmt::Write as _;
use time::{Date, OffsetDateTime};

use super::Period;
use super::da::{DaState, DecisionKind, LinkKind};
use super::di::DiState;
use super::recap::Recap;
use crate::calendar::Month;
use crate::machine::{Actor, State};

const CSS: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#111;background:#fff;margin:2rem auto;max-width:52rem;padding:0 1rem;line-height:1.4}\
h1{font-size:1.4rem;margin-bottom:.2rem}\
.state{font-size:1rem;color:#333;margin-top:0}\
h2{font-size:1.1rem;border-bottom:1px solid #888;padding-bottom:.2rem;margin-top:1.6rem}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}\
dt{font-weight:600}dd{margin:0}\
table{border-collapse:collapse;width:100%;margin-top:.4rem}\
th,td{border:1px solid #aaa;padding:.25rem .5rem;text-align:left;vertical-align:top}\
th{background:#eee}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
tfoot td{font-weight:600}\
footer{margin-top:2rem;font-size:.8rem;color:#444;overflow-wrap:anywhere}\
@media print{@page{size:A4;margin:15mm}\
body{margin:0;max-width:none;padding:0;font-size:10pt}\
h2{break-after:avoid}tr,dl{break-inside:avoid}thead{display:table-header-group}\
th{background:none}}";

/// Renders `recap` as an HTML page.
pub(crate) fn render(recap: &Recap) -> String {
    let c = recap.content();
    let mut h = String::with_capacity(8 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        h,
        "<title>{} — {}</title>",
        esc(c.kind.title_fr()),
        esc(&c.establishment.name)
    );
    let _ = writeln!(h, "<style>{CSS}</style>\n</head>\n<body>\n<main>");
    let _ = writeln!(h, "<h1>{}</h1>", esc(c.kind.title_fr()));
    let mut state = format!("État : {}", esc(&c.state_label));
    if let Some(code) = c.extranet_code {
        let _ = write!(state, " (statut {code})");
    }
    if let Some(at) = c.state_at {
        let _ = write!(state, " depuis le {}", instant(at));
    }
    let _ = writeln!(h, "<p class=\"state\">{state}</p>");

    h.push_str("<section>\n<h2>Établissement</h2>\n<dl>\n");
    row(&mut h, "Dénomination", &esc(&c.establishment.name));
    row(&mut h, "SIRET", &esc(&c.establishment.siret));
    if let Some(address) = &c.establishment.address {
        row(&mut h, "Adresse", &esc(address));
    }
    h.push_str("</dl>\n</section>\n");

    if let Some(da) = &c.da {
        h.push_str("<section>\n<h2>Demande d'autorisation</h2>\n<dl>\n");
        row(&mut h, "Référence", &esc(&da.reference));
        row(&mut h, "Motif", &esc(&da.motive_label));
        row(&mut h, "Période demandée", &period(&da.period));
        row(&mut h, "Salariés concernés", &da.employees.to_string());
        row(&mut h, "Heures demandées", &decimal(da.hours));
        if let Some((kind, previous)) = &da.link {
            let label = match kind {
                LinkKind::Renews => "Renouvellement de",
                LinkKind::Amends => "Avenant à",
            };
            row(&mut h, label, &esc(previous));
        }
        if let Some(at) = da.received_at {
            row(&mut h, "Reçue le", &instant(at));
        }
        if let (Some(at), None) = (da.implicit_at, &da.decision) {
            row(&mut h, "Sans décision, acceptée le", &instant(at));
        }
        h.push_str("</dl>\n</section>\n");
        if let Some(d) = &da.decision {
            h.push_str("<section>\n<h2>Décision</h2>\n<dl>\n");
            let kind = match d.kind {
                DecisionKind::Explicit => "Autorisation expresse",
                DecisionKind::Implicit => "Autorisation tacite (silence de l'administration)",
            };
            row(&mut h, "Nature", kind);
            if let Some(number) = &d.number {
                row(&mut h, "Numéro", &esc(number));
            }
            row(&mut h, "Date", &instant(d.at));
            row(&mut h, "Période autorisée", &period(&d.period));
            row(&mut h, "Heures autorisées", &decimal(d.hours));
            row(
                &mut h,
                "Demandes d'indemnisation jusqu'au",
                &date(d.claims_last_day),
            );
            h.push_str("</dl>\n</section>\n");
        }
        if let Some(reasons) = &da.refusal_reasons {
            h.push_str("<section>\n<h2>Refus</h2>\n<dl>\n");
            row(&mut h, "Motifs", &esc(reasons));
            h.push_str("</dl>\n</section>\n");
        }
        if let Some(reason) = &da.withdrawal_reason {
            h.push_str("<section>\n<h2>Retrait</h2>\n<dl>\n");
            row(&mut h, "Motif", &esc(reason));
            h.push_str("</dl>\n</section>\n");
        }
    }

    if let Some(di) = &c.di {
        h.push_str("<section>\n<h2>Demande d'indemnisation</h2>\n<dl>\n");
        row(&mut h, "Code DI", &esc(&di.code));
        row(&mut h, "Mois", &month(di.month));
        row(&mut h, "Version", &di.di_version.to_string());
        row(&mut h, "Demande d'autorisation", &esc(&di.da_reference));
        row(&mut h, "Période autorisée", &period(&di.authorised_period));
        row(&mut h, "Heures autorisées", &decimal(di.authorised_hours));
        if let Some(at) = di.submitted_at {
            row(&mut h, "Transmise le", &instant(at));
        }
        if let Some(incident) = &di.regularised_from_incident {
            row(
                &mut h,
                "Régularisation",
                &format!("après l'incident {}", esc(incident)),
            );
        }
        h.push_str("</dl>\n</section>\n");
    }

    if let Some(t) = &c.totals {
        h.push_str("<section>\n<h2>Salariés</h2>\n<table>\n<thead><tr><th>Salarié</th><th>NIR</th><th class=\"n\">Heures chômées</th><th class=\"n\">dont formation</th></tr></thead>\n<tbody>\n");
        for l in &c.employees {
            let _ = writeln!(
                h,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(&l.employee),
                esc(&l.nir_masked),
                decimal(l.hours_not_worked),
                decimal(l.training_hours)
            );
        }
        let _ = writeln!(
            h,
            "</tbody>\n<tfoot><tr><td colspan=\"2\">Total</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr></tfoot>\n</table>",
            decimal(t.hours_not_worked),
            decimal(t.training_hours)
        );
        if t.amount_claimed.is_some()
            || t.amount_validated.is_some()
            || t.amount_paid.is_some()
            || t.iban_masked.is_some()
        {
            h.push_str("<dl>\n");
            if let Some(a) = t.amount_claimed {
                row(&mut h, "Montant demandé", &euros(a));
            }
            if let Some(a) = t.amount_validated {
                row(&mut h, "Montant validé", &euros(a));
            }
            if let Some(a) = t.amount_paid {
                row(&mut h, "Montant versé", &euros(a));
            }
            if let Some(iban) = &t.iban_masked {
                row(&mut h, "Compte bancaire (IBAN)", &esc(iban));
            }
            h.push_str("</dl>\n");
        }
        h.push_str("</section>\n");
    }

    h.push_str("<section>\n<h2>Historique</h2>\n<table>\n<thead><tr><th>Date</th><th>Événement</th><th>De</th><th>Vers</th><th>Par</th></tr></thead>\n<tbody>\n");
    let di = c.di.is_some();
    for e in &c.history {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            instant(e.at),
            esc(event_label(di, &e.event)),
            esc(state_label(di, &e.from)),
            esc(state_label(di, &e.to)),
            esc(actor_label(e.actor))
        );
    }
    h.push_str("</tbody>\n</table>\n</section>\n");
    let _ = writeln!(
        h,
        "<footer>Document récapitulatif, version {} du dossier. Empreinte SHA-256 du contenu : <code>{}</code></footer>",
        c.version,
        esc(recap.hash())
    );
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

/// A state's French label (the extranet's for a DI); the name itself if unknown.
fn state_label(di: bool, name: &str) -> &str {
    if di {
        DiState::from_name(name).map_or(name, |s| s.extranet_label())
    } else {
        DaState::from_name(name).map_or(name, |s| s.label_fr())
    }
}

/// An event's French label; the name itself if unknown.
fn event_label(di: bool, name: &str) -> &str {
    match (di, name) {
        (_, "Edit") => "Saisie",
        (false, "Delete") => "Suppression",
        (_, "Submit") => "Transmission",
        (false, "StartReview") | (true, "StartInstruction") => "Début de l'instruction",
        (false, "Authorise") => "Autorisation",
        (false, "Refuse") => "Refus",
        (_, "Withdraw") => "Retrait",
        (false, "AdministrationWithdraw") => "Retrait par l'administration",
        (false, "ImplicitAcceptance") => "Acceptation tacite",
        (false, "PeriodEnd") => "Fin de la période autorisée",
        (false, "ClaimsClose") => "Fin du délai des demandes d'indemnisation",
        (true, "RequestUtVisa") => "Demande de visa UT",
        (true, "Validate") => "Validation",
        (true, "Reject") => "Rejet",
        (true, "Regularise") => "Régularisation après incident",
        (true, "Correct") => "Correction (nouvelle version)",
        (true, "RequestPayment") => "Demande de paiement",
        (true, "ConfirmPayment") => "Paiement effectué",
        (true, "InvalidatePayment") => "Paiement invalidé",
        (true, "OpenClawback") => "Ordre de reversement à émettre",
        (true, "IssueClawback") => "Ordre de reversement émis",
        (true, "CancelClawback") => "Ordre de reversement invalidé",
        _ => name,
    }
}

fn actor_label(actor: Actor) -> &'static str {
    match actor {
        Actor::Visitor => "Visiteur",
        Actor::Principal => "Compte principal",
        Actor::Member => "Utilisateur de l'établissement",
        Actor::Accountant => "Expert-comptable",
        Actor::Administration => "Administration (DDETS)",
        Actor::Asp => "ASP",
        Actor::System => "Système",
    }
}

fn row(h: &mut String, label: &str, value: &str) {
    let _ = writeln!(h, "<dt>{}</dt><dd>{value}</dd>", esc(label));
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn date(d: Date) -> String {
    format!("{:02}/{:02}/{:04}", d.day(), u8::from(d.month()), d.year())
}

fn period(p: &Period) -> String {
    format!("du {} au {}", date(p.start()), date(p.end()))
}

fn instant(at: OffsetDateTime) -> String {
    let offset = at.offset();
    let (oh, om, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    format!(
        "{} {:02}:{:02} (UTC{sign}{:02}:{:02})",
        date(at.date()),
        at.hour(),
        at.minute(),
        oh.unsigned_abs(),
        om.unsigned_abs()
    )
}

fn month(m: Month) -> String {
    const NAMES: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let name = NAMES
        .get(usize::from(m.month()).saturating_sub(1))
        .copied()
        .unwrap_or("");
    format!("{name} {}", m.year())
}

/// A decimal with a French decimal comma, as given (no rounding).
fn decimal(d: Decimal) -> String {
    d.to_string().replace('.', ",")
}

fn euros(d: Decimal) -> String {
    format!("{}\u{a0}€", decimal(d))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn labels_are_french() {
        assert_eq!(state_label(true, "AwaitingUtVisa"), "En attente de visa UT");
        assert_eq!(
            state_label(false, "AuthorisedImplicit"),
            "Autorisée tacitement"
        );
        assert_eq!(state_label(false, "Nope"), "Nope");
        assert_eq!(
            event_label(true, "Regularise"),
            "Régularisation après incident"
        );
        assert_eq!(
            event_label(false, "ImplicitAcceptance"),
            "Acceptation tacite"
        );
        assert_eq!(actor_label(Actor::Asp), "ASP");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            esc("<script>\"a\" & 'b'</script>\u{0}"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;\u{FFFD}"
        );
    }

    #[test]
    fn css_has_print_rules_and_no_url() {
        assert!(CSS.contains("@media print"));
        assert!(!CSS.contains("url("));
        assert!(!CSS.contains("@import"));
    }

    #[test]
    fn formats() {
        assert_eq!(decimal(Decimal::new(3550, 2)), "35,50");
        assert_eq!(
            instant(time::macros::datetime!(2021-03-10 23:30 -4)),
            "10/03/2021 23:30 (UTC-04:00)"
        );
        assert_eq!(month(Month::new(2022, 2).unwrap()), "février 2022");
    }
}
