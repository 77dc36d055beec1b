//! Dated legal parameters of activité partielle, as data.
//!
//! Every parameter (SMIC, rates, floors, ceilings, quotas, levies, procedural delays) is a
//! [`Table`]: rows of `from` date, value and source. The indemnity's parameters are selected
//! by **the date of the hours not worked**, never the date of filing (floors are published up
//! to a month late and apply to the hours of the month they name: spec §6 pitfall 2); each
//! procedural table says in its description which date selects its row (the date of receipt
//! of a DA, the placement, the date of authorisation). A [`LawBook`] holds every table; callers
//! add or replace rows at run time with a law file ([`LawBook::apply_file`], the shape of the
//! data files) when a decree is published after this release.
//!
//! The module, one concept per file: [`Param`] (the registry, `param.rs`), [`Table`] and its
//! rows (`table.rs`), [`LawBook`] (`book.rs`), law files (`file.rs`), [`LawError`]
//! (`error.rs`).
//!
//! # Data origin
//!
//! The tables are the TOML files of `crates/apart/src/law/data/`, one file per parameter in
//! openfisca's shape, embedded at compile time with `include_str!` and parsed once by
//! [`LawBook::shared`]. Every figure comes from the research note `shared/spec/indemnity.md`
//! (§1) or from a text found later (named in the row); each row keeps the decree in
//! `source.title` (and the Légifrance address in `source.href` where known) and the
//! secondary sources in `note`. `docs/law.md` lists every row (generated, drift-tested).
//!
//! ```toml
//! id = "droit_commun_allocation_floor"
//! unit = "eur_per_hour"            # eur_per_hour | eur_per_month | fraction | smic_multiple | hours_per_year | days | months
//! description = "…"
//!
//! [[values]]
//! from = "2026-01-01"              # first day of the hours not worked it applies to
//! value = "8.57"                   # an exact decimal as a string, or "none" or "unknown"
//! status = "confirmed"             # or "unconfirmed" (backed, but by a single or indirect source)
//! source = { title = "Décret n° 2026-35 du 29 janvier 2026" }
//! note = "efl.fr; legisocial.fr"
//! ```
//!
//! * Values are strings so that no figure goes through a binary float.
//! * `"none"` means *not applicable* from that date: no ceiling (the employee indemnity in
//!   2020), no floor (APLD-Rebond: no text sets one), or a regime not (or no longer) in force.
//! * `"unknown"` marks a period the stored sources do not cover (some Mayotte floors): a
//!   lookup there is an error naming the table and how to add the row, never a guess; the
//!   indemnity engine skips an unknown floor that cannot bind (with a warning).
//! * Rows follow the **applied** calendar, not the postponed 2021 legal texts (spec §1.2).
//! * The data is verified until [`LAST_KNOWN_DATE`]. Values stay in force until a text changes
//!   them: a later date reads the rows in force ([`LawBook::in_force`]) and the indemnity
//!   engine warns (`LAW_BEYOND_VERIFIED_DATE`), or refuses with its `strict_law_dates`
//!   option; [`LawBook::lookup`] stays strict.
//! * `ended = true` (a regime whose last row is `none`) and `open_ended = true` (a rule in force
//!   until a text amends it, such as a quota or a procedural delay, with no yearly revaluation
//!   to wait for) make the last row hold with no verified date.
//! * The procedural tables (quotas, DA decision delay, late filing, maximum durations, DI
//!   filing deadline) live here too, read by `procedure::rules`; their first rows go back
//!   before [`FIRST_DATE`] because requests before the Covid era are still dated by them.
//!
//! Updating: add a row to the file, run `cargo test -p apart law` (the table check),
//! `APART_BLESS=1 cargo test -p apart-tests law_reference` (regenerates `docs/law.md`), and add
//! a CHANGELOG line naming the decree.
//!
//! # Example
//!
//! ```
//! use apart::law::{LawBook, Param};
//! use time::macros::date;
//!
//! let book = LawBook::shared()?;
//! let row = book.lookup(Param::DroitCommunAllocationFloor, date!(2026 - 01 - 15))?;
//! assert_eq!(row.value.known().map(|v| v.to_string()), Some("8.57".to_string()));
//! // After the verified date, the strict lookup is an error that names the table…
//! let err = book.lookup(Param::SmicHourly, date!(2026 - 07 - 01)).unwrap_err();
//! assert_eq!(apart::Diagnostic::code(&err), "LAW_DATE_AFTER_LAST_KNOWN");
//! // …and the row in force still applies, flagged.
//! let found = book.in_force(Param::SmicHourly, date!(2026 - 07 - 01))?;
//! assert_eq!(found.row.value.to_string(), "12.31");
//! assert_eq!(found.beyond, Some(apart::law::LAST_KNOWN_DATE));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod book;
mod error;
mod file;
mod param;
mod problem;
mod reference;
mod table;

use time::Date;
use time::macros::date;

pub use book::LawBook;
pub use error::{LawError, NOTE_MAX_CHARS};
pub use file::FileChange;
pub use param::Param;
pub use problem::{LawProblem, MAX_LAW_TEXT_BYTES};
pub use table::{InForce, MAX_SOURCE_BYTES, Row, Source, Status, Table, Unit, Value};

/// The last date for which the built-in tables are verified complete (checked on 2026-12-05).
///
/// The SMIC of 2026-01-01 (12.02 €) and the floors of January 2026 are confirmed;
/// openfisca-france alone announces 12.31 € from 2026-06-01, which no other stored source
/// confirms, so the verification stops the day before. Later months compute with the rows in
/// force and say so (`LAW_BEYOND_VERIFIED_DATE`).
pub const LAST_KNOWN_DATE: Date = date!(2026 - 05 - 31);

/// The first date the library computes: the start of the Covid-era scheme (décret 2020-325).
pub const FIRST_DATE: Date = date!(2020 - 03 - 01);

/// A short description of the embedded data, for `--version` style output.
pub const DATA_VERSION: &str =
    "2026-01 (décrets n° 2026-35 et 2026-52, SMIC 12.02 €), verified until 2026-05-31";

/// Formats a date as `YYYY-MM-DD`.
pub(crate) fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;
    use crate::diagnostic::{Diagnostic, Lang};
    use crate::money::round_cents;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    /// The value in force on `d`, also after the verified date (rows of a text found after
    /// it, such as the SMIC of June 2026, are checked too).
    fn known(book: &LawBook, p: Param, d: Date) -> Decimal {
        book.in_force(p, d).unwrap().row.value.known().unwrap()
    }

    /// The table check (issue 3 item 1): every table parses, dates strictly increase (so no
    /// gap and no overlap), values are in range for their unit, every row has a source, and
    /// every table covers 2020-03-01 to LAST_KNOWN_DATE.
    #[test]
    fn every_table_is_sound() {
        let book = LawBook::builtin().unwrap();
        assert_eq!(book.tables().len(), Param::ALL.len());
        let problems = book.problems();
        assert!(problems.is_empty(), "{problems:#?}");
        for (i, table) in book.tables().iter().enumerate() {
            assert_eq!(table.param as usize, i);
            // Covered from the first date to the last known date: every lookup answers
            // (a value, 'none', or an explicit 'unknown'), never "before first"/"after last".
            let mut d = FIRST_DATE;
            while d <= LAST_KNOWN_DATE {
                match book.lookup(table.param, d) {
                    Ok(_) | Err(LawError::UnknownValue { .. }) => {}
                    Err(e) => panic!("{}: {e}", table.param),
                }
                d = d.next_day().unwrap();
            }
        }
    }

    /// Monthly SMIC = hourly × 35 × 52 / 12, rounded to the cent (spec §1.1). Note: not × 151.67
    /// as the spec's note says (10.15 × 151.67 = 1 539.45, the decree says 1 539.42).
    #[test]
    fn monthly_smic_is_hourly_times_151_6667() {
        let book = LawBook::builtin().unwrap();
        for row in &book.table(Param::SmicMonthly).unwrap().values {
            let hourly = known(&book, Param::SmicHourly, row.from);
            let monthly = row.value.known().unwrap();
            assert_eq!(
                round_cents(hourly * dec!(35) * dec!(52) / dec!(12)),
                monthly,
                "{}",
                row.from
            );
        }
    }

    /// Spec §1.2 empirical rule (11 of 11): droit-commun floor = round(0.9 × net hourly SMIC),
    /// where the net hourly SMIC is the indemnity floor; checked from 2021-07 on.
    #[test]
    fn droit_commun_floor_is_ninety_percent_of_the_indemnity_floor() {
        let book = LawBook::builtin().unwrap();
        for d in [
            date!(2021 - 10 - 01),
            date!(2022 - 01 - 01),
            date!(2022 - 05 - 01),
            date!(2022 - 08 - 01),
            date!(2023 - 01 - 01),
            date!(2023 - 05 - 01),
            date!(2024 - 01 - 01),
            date!(2024 - 11 - 01),
            date!(2026 - 01 - 01),
        ] {
            let floor = known(&book, Param::DroitCommunAllocationFloor, d);
            let net = known(&book, Param::IndemnityFloor, d);
            assert_eq!(round_cents(dec!(0.9) * net), floor, "{d}");
            assert_eq!(known(&book, Param::ApldAllocationFloor, d), net, "{d}");
        }
    }

    /// The indemnity floor (a net hourly SMIC) is below the gross hourly SMIC on every date:
    /// the engine relies on it to skip the floor when the rate gives more than the SMIC.
    #[test]
    fn indemnity_floor_is_below_the_smic() {
        let book = LawBook::builtin().unwrap();
        let mut d = FIRST_DATE;
        while d <= LAST_KNOWN_DATE {
            assert!(
                known(&book, Param::IndemnityFloor, d) < known(&book, Param::SmicHourly, d),
                "{d}"
            );
            d = d.next_day().unwrap();
        }
    }

    /// The Mayotte indemnity floor is read as the Mayotte net hourly SMIC that the Mayotte APLD
    /// floor of the same decree prints, and the Mayotte droit-commun floor is 90 % of it (the
    /// same drafting convention as on the mainland): checked wherever the three are known.
    #[test]
    fn mayotte_floors_follow_the_net_smic() {
        let book = LawBook::builtin().unwrap();
        for d in [
            date!(2022 - 01 - 01),
            date!(2022 - 05 - 01),
            date!(2022 - 08 - 01),
            date!(2023 - 05 - 01),
            date!(2024 - 01 - 01),
            date!(2024 - 11 - 01),
            date!(2026 - 01 - 01),
        ] {
            let net = known(&book, Param::IndemnityFloorMayotte, d);
            let floor = known(&book, Param::DroitCommunAllocationFloorMayotte, d);
            assert_eq!(round_cents(dec!(0.9) * net), floor, "{d}");
            assert_eq!(
                known(&book, Param::MajoratedAllocationFloorMayotte, d),
                net,
                "{d}"
            );
        }
        // 2023-01: no decree read prints the net SMIC; the row is derived from D5522-87's 6.94
        // by the same convention (7.71 is the only cent it allows), so the convention must hold.
        let d = date!(2023 - 01 - 01);
        let net = known(&book, Param::IndemnityFloorMayotte, d);
        assert_eq!(net, dec!(7.71));
        assert_eq!(
            round_cents(dec!(0.9) * net),
            known(&book, Param::DroitCommunAllocationFloorMayotte, d)
        );
    }

    /// Like the mainland floor, every known Mayotte indemnity floor is below the Mayotte gross
    /// hourly SMIC of its date (the engine skips the floor when the rate gives the SMIC).
    #[test]
    fn mayotte_indemnity_floor_is_below_the_smic() {
        let book = LawBook::builtin().unwrap();
        let mut d = FIRST_DATE;
        while d <= date!(2026 - 12 - 31) {
            let floor = book.in_force(Param::IndemnityFloorMayotte, d).unwrap().row;
            let smic = book.in_force(Param::SmicHourlyMayotte, d).unwrap().row;
            if let (Some(floor), Some(smic)) = (floor.value.known(), smic.value.known()) {
                assert!(floor < smic, "{d}");
            }
            d = d.next_day().unwrap();
        }
    }

    #[test]
    fn lookups_follow_the_applied_calendar() {
        let book = LawBook::builtin().unwrap();
        // 2021: 60 % until May, 52 % in June, 36 % from July (not 36 % from February).
        assert_eq!(
            known(
                &book,
                Param::DroitCommunAllocationRate,
                date!(2021 - 02 - 15)
            ),
            dec!(0.60)
        );
        assert_eq!(
            known(
                &book,
                Param::DroitCommunAllocationRate,
                date!(2021 - 06 - 30)
            ),
            dec!(0.52)
        );
        assert_eq!(
            known(
                &book,
                Param::DroitCommunAllocationRate,
                date!(2021 - 07 - 01)
            ),
            dec!(0.36)
        );
        // No indemnity ceiling in 2020.
        assert_eq!(
            book.lookup(Param::IndemnityCeilingSmicMultiple, date!(2020 - 12 - 31))
                .unwrap()
                .value,
            Value::NotApplicable
        );
    }

    #[test]
    fn errors_name_the_table() {
        let book = LawBook::builtin().unwrap();
        let e = book
            .lookup(Param::SmicHourly, date!(2026 - 06 - 01))
            .unwrap_err();
        assert_eq!(e.code(), "LAW_DATE_AFTER_LAST_KNOWN");
        assert!(e.message(Lang::En).contains("smic_hourly"));
        // Said for every front end, with no language's own syntax.
        assert!(e.to_string().contains("--law"), "{e}");
        assert!(!e.to_string().contains("::"), "{e}");
        let e = book
            .lookup(Param::DroitCommunAllocationFloor, date!(2020 - 02 - 29))
            .unwrap_err();
        assert_eq!(e.code(), "LAW_DATE_BEFORE_FIRST");
        let e = book
            .lookup(Param::CovidProtectedAllocationFloor, date!(2021 - 07 - 15))
            .unwrap_err();
        assert_eq!(e.code(), "LAW_VALUE_UNKNOWN");
    }

    #[test]
    fn overrides_replace_and_insert() {
        let mut book = LawBook::builtin().unwrap();
        let floor = Param::MajoratedAllocationFloorMayotte;
        book.upsert_row(
            floor,
            Row::new(date!(2023 - 01 - 01), Value::Known(dec!(7.74)), "caller"),
        )
        .unwrap();
        assert_eq!(known(&book, floor, date!(2023 - 02 - 15)), dec!(7.74));
        // 2021 stays unknown.
        assert!(book.lookup(floor, date!(2021 - 06 - 01)).is_err());
        book.upsert_row(
            floor,
            Row::new(
                date!(2023 - 01 - 01),
                Value::Known(dec!(7.75)),
                "caller fix",
            ),
        )
        .unwrap();
        assert_eq!(known(&book, floor, date!(2023 - 02 - 15)), dec!(7.75));
        // The row of 2023-05 still starts where it did.
        assert_eq!(known(&book, floor, date!(2023 - 05 - 01)), dec!(7.88));
        assert!(book.problems().is_empty());
    }

    #[test]
    fn param_ids_round_trip() {
        for &p in Param::ALL {
            assert_eq!(p.id().parse::<Param>().unwrap(), p);
        }
        assert!("smic".parse::<Param>().is_err());
    }

    /// Security audit F3: a caller's table is checked like a row (range, source), keeps the
    /// built-in unit, and a refused file changes nothing.
    #[test]
    fn caller_tables_are_checked() {
        let mut book = LawBook::builtin().unwrap();
        let minus_five = "id = \"droit_commun_indemnity_rate\"\nunit = \"fraction\"\n\
            description = \"x\"\n[[values]]\nfrom = \"2020-03-01\"\nvalue = \"-5\"\n\
            status = \"confirmed\"\nsource = { title = \"x\" }\n";
        let e = book
            .replace_table(Param::DroitCommunIndemnityRate, minus_five)
            .unwrap_err();
        assert_eq!(e.code(), "LAW_INVALID_OVERRIDE");
        let huge = minus_five.replace("-5", "79228162514264337593543950335");
        assert!(
            book.replace_table(Param::DroitCommunIndemnityRate, &huge)
                .is_err()
        );
        assert!(LawBook::parse_table(Param::DroitCommunIndemnityRate, &huge).is_err());
        // Another unit is refused; leaving it out keeps the built-in one.
        let other_unit = minus_five
            .replace("-5", "0.6")
            .replace("\"fraction\"", "\"eur_per_hour\"");
        assert!(
            book.replace_table(Param::DroitCommunIndemnityRate, &other_unit)
                .is_err()
        );
        let no_unit = "id = \"droit_commun_indemnity_rate\"\n[[values]]\nfrom = \"2020-03-01\"\n\
            value = \"0.6\"\nsource = { title = \"caller\" }\n";
        book.replace_table(Param::DroitCommunIndemnityRate, no_unit)
            .unwrap();
        let table = book.table(Param::DroitCommunIndemnityRate).unwrap();
        assert_eq!(table.unit, Unit::Fraction);
        assert_eq!(table.values.len(), 1);
        // A row without a source is refused.
        let no_source = Row::new(date!(2026 - 01 - 01), Value::Known(dec!(0.5)), " ");
        assert!(
            book.upsert_row(Param::DroitCommunIndemnityRate, no_source)
                .is_err()
        );
        // A file whose second table fails changes nothing.
        let before = book.clone();
        let file = "[[tables]]\nid = \"smic_hourly\"\n[[tables.values]]\nfrom = \"2026-06-01\"\n\
            value = \"12.31\"\nsource = { title = \"a\" }\n[[tables]]\nid = \"crds_rate\"\n\
            [[tables.values]]\nfrom = \"2026-06-01\"\nvalue = \"2\"\nsource = { title = \"b\" }\n";
        assert_eq!(
            book.apply_file(file).unwrap_err().code(),
            "LAW_INVALID_OVERRIDE"
        );
        assert_eq!(book, before);
    }

    #[test]
    fn law_files_add_rows_and_vouch_for_dates() {
        let mut book = LawBook::builtin().unwrap();
        let text = "verified_until = \"2026-12-31\"\n[[tables]]\nid = \"smic_hourly\"\n\
            [[tables.values]]\nfrom = \"2026-06-01\"\nvalue = \"12.31\"\n\
            source = { title = \"Arrêté du 22 mai 2026\" }\n";
        let changes = book.apply_file(text).unwrap();
        assert_eq!(changes.first().map(|c| c.param), Some(Param::SmicHourly));
        assert_eq!(book.verified_until(), date!(2026 - 12 - 31));
        assert_eq!(
            known(&book, Param::SmicHourly, date!(2026 - 07 - 01)),
            dec!(12.31)
        );
        assert!(book.problems().is_empty(), "{:?}", book.problems());
        // Errors name the line, and an unknown table its id.
        let e = book.apply_file("[[tables]]\nid = 3\n").unwrap_err();
        assert_eq!(e.code(), "LAW_INVALID_FILE");
        assert!(e.message(Lang::En).contains("line"), "{e}");
        let e = book.apply_file("id = \"smic\"\n[[values]]\n").unwrap_err();
        assert_eq!(e.code(), "LAW_INVALID_FILE");
        let e = book.apply_file("id = \"smic\"\n").unwrap_err();
        assert_eq!(e.code(), "LAW_UNKNOWN_PARAMETER");
        assert_eq!(book.apply_file("").unwrap_err().code(), "LAW_INVALID_FILE");
        // Every built-in data file is itself a valid law file.
        for &param in Param::ALL {
            let mut copy = LawBook::builtin().unwrap();
            copy.apply_file(param.embedded()).unwrap();
        }
    }

    #[test]
    fn rows_stay_in_force_after_the_verified_date() {
        let book = LawBook::builtin().unwrap();
        let found = book
            .in_force(Param::DroitCommunAllocationFloor, date!(2026 - 11 - 01))
            .unwrap();
        assert_eq!(found.row.value, Value::Known(dec!(8.57)));
        assert_eq!(found.beyond, Some(LAST_KNOWN_DATE));
        // Open-ended tables are never beyond.
        let found = book
            .in_force(Param::AnnualQuotaHours, date!(2030 - 01 - 01))
            .unwrap();
        assert_eq!(found.beyond, None);
        assert_eq!(book.verified_until(), LAST_KNOWN_DATE);
    }

    #[test]
    fn highest_known_floor() {
        let book = LawBook::builtin().unwrap();
        let table = book.table(Param::MajoratedAllocationFloorMayotte).unwrap();
        assert_eq!(table.highest_known(), Some(dec!(8.33)));
        let table = book.table(Param::IndemnityFloorMayotte).unwrap();
        assert_eq!(table.highest_known(), Some(dec!(8.53)));
    }
}
