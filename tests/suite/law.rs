//! The law data as people read it: the generated reference page, and law files.

use apart::Diagnostic;
use apart::law::{LAST_KNOWN_DATE, LawBook, LawError, LawProblem, Param};

/// `docs/law.md` lists every parameter with its rows and sources; it is generated from the
/// book and this test fails when it drifts. Regenerate with
/// `APART_BLESS=1 cargo test -p apart-tests law_reference`.
#[test]
fn law_reference_is_up_to_date() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/law.md");
    let text = LawBook::shared().unwrap().reference_markdown();
    for &param in Param::ALL {
        assert!(text.contains(&format!("## `{}`", param.id())), "{param}");
    }
    if std::env::var("APART_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &text).unwrap();
    } else {
        assert!(
            std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()),
            "docs/law.md is stale: regenerate with `APART_BLESS=1 cargo test -p apart-tests law_reference`"
        );
    }
}

/// Every day from 2020-03-01 to the verified date answers for every table (a value, `none`, or
/// an explicit `unknown`), and later dates keep the rows in force.
#[test]
fn every_day_up_to_the_verified_date_is_covered() {
    let book = LawBook::shared().unwrap();
    assert_eq!(book.verified_until(), LAST_KNOWN_DATE);
    for table in book.tables() {
        let mut d = apart::law::FIRST_DATE;
        while d <= LAST_KNOWN_DATE {
            let found = table.in_force(d).unwrap();
            assert!(found.beyond.is_none(), "{} {d}", table.param);
            d = d.next_day().unwrap();
        }
        let later = table.in_force(time::macros::date!(2026 - 12 - 05)).unwrap();
        assert_eq!(later.beyond.is_some(), table.valid_until.is_some());
    }
}

/// Security audit F3: a caller's tables cannot make `compute` panic or go negative. A rate of
/// -5 or 29 digits is refused; the largest values each unit accepts, with the largest inputs,
/// compute.
#[test]
fn caller_law_cannot_break_the_engine() {
    use apart::Diagnostic;
    use apart::indemnity::{EmployeeMonth, Explain, Options, compute};
    use apart::money::RoundingPolicy;

    let mut book = LawBook::shared().unwrap().clone();
    for value in ["-5", "79228162514264337593543950335", "1.5"] {
        let text = format!(
            "id = \"droit_commun_indemnity_rate\"\nunit = \"fraction\"\ndescription = \"x\"\n\
             [[values]]\nfrom = \"2020-03-01\"\nvalue = \"{value}\"\nstatus = \"confirmed\"\n\
             source = {{ title = \"x\" }}\n"
        );
        let e = book
            .replace_table(Param::DroitCommunIndemnityRate, &text)
            .unwrap_err();
        assert_eq!(e.code(), "LAW_INVALID_OVERRIDE", "{value}");
        assert!(book.apply_file(&text).is_err(), "{value}");
    }
    // The largest value every unit accepts, from 2026-01-01.
    let mut file = String::from("verified_until = \"2026-12-31\"\n");
    for table in book.tables() {
        let (_, hi) = table.unit.range();
        file.push_str(&format!(
            "[[tables]]\nid = \"{}\"\n[[tables.values]]\nfrom = \"2026-01-01\"\nvalue = \"{hi}\"\nsource = {{ title = \"max\" }}\n",
            table.param.id()
        ));
    }
    book.apply_file(&file).unwrap();
    let mut computed = 0;
    for (gross, contract, hours) in [
        ("1000000", "1", "1"),
        ("0.01", "744", "744"),
        ("1000000", "744", "744"),
    ] {
        let mut input = EmployeeMonth::new(
            "2026-06".parse().unwrap(),
            gross.parse().unwrap(),
            hours.parse().unwrap(),
        );
        input.contract_hours = contract.parse().unwrap();
        input.complement_rate = Some("1".parse().unwrap());
        input.net_pay_worked = Some("1000000".parse().unwrap());
        input.rmm_net = Some("1000000".parse().unwrap());
        for rounding in [RoundingPolicy::PerHour, RoundingPolicy::Exact] {
            let options = Options {
                rounding,
                explain: Explain::On,
                ..Options::default()
            };
            if let Ok(out) = compute(&book, &input, &options) {
                assert!(!out.employee_indemnity.is_negative());
                assert!(!out.employer_allocation.is_negative());
                computed += 1;
            }
        }
    }
    assert!(computed > 0);
}

/// A table that replaces a built-in one covers every date the built-in one does (issue 13,
/// found by the `law_file` fuzz target): a replaced table starting after `FIRST_DATE` would drop
/// the earlier rows unnoticed, so it is refused, in a law file and in `replace_table` alike;
/// an `unknown` row says what the caller does not know, and the book stays without problems.
#[test]
fn a_replaced_table_starts_at_the_first_date() {
    use apart::Diagnostic;
    use apart::indemnity::{EmployeeMonth, Options, compute};
    use apart::law::FIRST_DATE;

    let rows =
        "[[tables.values]]\nfrom = \"2021-03-01\"\nvalue = \"0.6\"\nsource = { title = \"x\" }\n";
    let late = format!("[[tables]]\nid = \"droit_commun_indemnity_rate\"\nreplace = true\n{rows}");
    let mut book = LawBook::shared().unwrap().clone();
    let before = book.clone();
    let err = book.apply_file(&late).unwrap_err();
    assert_eq!(err.code(), "LAW_INVALID_OVERRIDE");
    assert_eq!(
        err,
        LawError::InvalidOverride {
            table: "droit_commun_indemnity_rate",
            problem: LawProblem::StartsLate {
                first: time::macros::date!(2021 - 03 - 01)
            },
        }
    );
    assert!(
        err.message(apart::Lang::En)
            .contains("the first row starts on 2021-03-01, after 2020-03-01"),
        "{}",
        err.message(apart::Lang::En)
    );
    assert_eq!(book, before);
    let table = rows.replace("[[tables.values]]", "[[values]]");
    let err = book
        .replace_table(
            Param::DroitCommunIndemnityRate,
            &format!("id = \"droit_commun_indemnity_rate\"\n{table}"),
        )
        .unwrap_err();
    assert_eq!(err.code(), "LAW_INVALID_OVERRIDE");
    let empty = "[[tables]]\nid = \"droit_commun_indemnity_rate\"\nreplace = true\n";
    assert_eq!(
        book.apply_file(empty).unwrap_err().code(),
        "LAW_INVALID_OVERRIDE"
    );
    // With what the caller does not know said, the table is taken.
    let unknown = format!(
        "[[tables]]\nid = \"droit_commun_indemnity_rate\"\nreplace = true\n\
         [[tables.values]]\nfrom = \"{FIRST_DATE}\"\nvalue = \"unknown\"\nsource = {{ title = \"x\" }}\n{rows}"
    );
    book.apply_file(&unknown).unwrap();
    assert_eq!(book.problems(), Vec::<LawError>::new());
    let month = |m: &str| {
        apart::value::from_json::<EmployeeMonth>(&format!(
            r#"{{"month":"{m}","gross_monthly":"2000","hours_not_worked":"70"}}"#
        ))
        .unwrap()
    };
    let err = compute(&book, &month("2020-06"), &Options::default()).unwrap_err();
    assert_eq!(err.code(), "LAW_VALUE_UNKNOWN");
    assert!(compute(&book, &month("2021-04"), &Options::default()).is_ok());
}

/// A caller's row is refused when it could only mislead a later computation (user trial
/// 2026-12-07): a fraction of a day or a month, and `none` (not applicable) in a table that
/// never has one (the SMIC always applies), by `upsert_row`, `replace_table` and law files
/// alike; `none` stays possible where the built-in table has it (a floor). A value with white
/// space is refused as every decimal is.
#[test]
fn caller_rows_refuse_fractions_of_whole_units_and_none_where_it_cannot_be() {
    use apart::law::{Row, Value};
    use time::macros::date;
    let from = date!(2026 - 08 - 01);
    let mut book = LawBook::shared().unwrap().clone();
    let before = book.clone();
    let known = |v: &str| Value::Known(v.parse().unwrap());
    let refused = |book: &mut LawBook, param, value| {
        let err = book
            .upsert_row(param, Row::new(from, value, "Décret"))
            .unwrap_err();
        let LawError::InvalidOverride { problem, .. } = &err else {
            panic!("{err:?}")
        };
        (problem.id(), err.message(apart::Lang::En))
    };
    let (id, en) = refused(&mut book, Param::DaDecisionDelayDays, known("1.5"));
    assert_eq!(id, "not_whole");
    assert_eq!(
        en,
        "row refused for 'da_decision_delay_days': value 1.5 on 2026-08-01: unit days is counted in whole numbers"
    );
    assert_eq!(
        refused(&mut book, Param::DaMaxDurationMonths, known("2.5")).0,
        "not_whole"
    );
    let (id, en) = refused(&mut book, Param::SmicHourly, Value::NotApplicable);
    assert_eq!(id, "not_applicable_refused");
    assert!(en.contains("the row of 2026-08-01 says 'none'"), "{en}");
    assert_eq!(book, before);
    // Whole values, `unknown`, and `none` where the table has it, are taken.
    book.upsert_row(
        Param::DaDecisionDelayDays,
        Row::new(from, known("15.0"), "Décret"),
    )
    .unwrap();
    book.upsert_row(Param::SmicHourly, Row::new(from, Value::Unknown, "Décret"))
        .unwrap();
    book.upsert_row(
        Param::ApldIndemnityRate,
        Row::new(from, Value::NotApplicable, "Décret"),
    )
    .unwrap();
    // A whole table or a law file: the same rules.
    let file = "[[tables]]\nid = \"smic_hourly\"\nreplace = true\n\
                [[tables.values]]\nfrom = \"2020-03-01\"\nvalue = \"none\"\nsource = { title = \"x\" }\n";
    let err = book.apply_file(file).unwrap_err();
    assert!(
        matches!(
            &err,
            LawError::InvalidOverride {
                problem: LawProblem::NotApplicableRefused { .. },
                ..
            }
        ),
        "{err:?}"
    );
    let file = file
        .replace("smic_hourly", "da_decision_delay_days")
        .replace("none", "2.5");
    let err = book.apply_file(&file).unwrap_err();
    assert!(
        matches!(
            &err,
            LawError::InvalidOverride {
                problem: LawProblem::NotWhole { .. },
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        "12.5\n".parse::<Value>().unwrap_err().code(),
        "VALUE_INVALID_DECIMAL"
    );
    assert_eq!(
        " none".parse::<Value>().unwrap_err().code(),
        "VALUE_INVALID_DECIMAL"
    );
}

/// A caller's law file may hold a note of any length: the error of an `unknown` row carries at
/// most `NOTE_MAX_CHARS` characters of it, control characters escaped (issue 13: an error never
/// repeats a hostile input whole).
#[test]
fn an_unknown_row_quotes_a_short_note() {
    use apart::Diagnostic;
    use apart::diagnostic::DetailValue;
    use apart::indemnity::{EmployeeMonth, Options, compute};
    use apart::law::{FIRST_DATE, NOTE_MAX_CHARS};

    let note = format!("\u{1b}[2J{}", "n".repeat(1_000_000));
    let file = format!(
        "[[tables]]\nid = \"droit_commun_indemnity_rate\"\nreplace = true\n\
         [[tables.values]]\nfrom = \"{FIRST_DATE}\"\nvalue = \"unknown\"\nsource = {{ title = \"x\" }}\n\
         note = \"{}\"\n",
        note.replace('\u{1b}', "\\u001b")
    );
    let mut book = LawBook::shared().unwrap().clone();
    book.apply_file(&file).unwrap();
    let input = apart::value::from_json::<EmployeeMonth>(
        r#"{"month":"2026-01","gross_monthly":"2000","hours_not_worked":"70"}"#,
    )
    .unwrap();
    let err = compute(&book, &input, &Options::default()).unwrap_err();
    assert_eq!(err.code(), "LAW_VALUE_UNKNOWN");
    let quoted = err
        .details()
        .into_iter()
        .find_map(|(name, value)| match (name, value) {
            ("note", DetailValue::Text(text)) => Some(text),
            _ => None,
        })
        .expect("a note detail");
    assert!(quoted.starts_with("\\u{1b}[2Jnnn"), "{quoted:.40}");
    // At most NOTE_MAX_CHARS characters as printed (the escape counts for six), then `…`.
    assert_eq!(quoted.chars().count(), NOTE_MAX_CHARS + 1);
}

/// Every problem of a caller's law data is said in French and English, from a typed reason
/// whose name is the `problem` field: no English parser or check text inside a French message
/// (the parser's own words are quoted after the line, as an input is).
#[test]
fn law_problems_are_typed_and_translated() {
    use apart::diagnostic::{DiagnosticRecord, Lang};

    let row = |from: &str, value: &str, source: &str| {
        format!(
            "[[values]]\nfrom = \"{from}\"\nvalue = \"{value}\"\nsource = {{ title = \"{source}\" }}\n"
        )
    };
    let table =
        |head: &str, rows: &str| format!("id = \"droit_commun_indemnity_rate\"\n{head}{rows}");
    let book = LawBook::shared().unwrap();
    let replace = |text: &str| {
        book.clone()
            .replace_table(Param::DroitCommunIndemnityRate, text)
    };
    let cases: Vec<(Result<(), LawError>, &str, &str, &str)> = vec![
        (
            book.clone()
                .apply_file("id = \"smic_hourly\"\n[[values]\n")
                .map(drop),
            "LAW_INVALID_FILE",
            "syntax",
            "fichier de loi invalide : ligne 2 : TOML illisible (« ",
        ),
        (
            book.clone().apply_file("verified_until_x = 1\n").map(drop),
            "LAW_INVALID_FILE",
            "syntax",
            "fichier de loi invalide : ligne 1 : TOML illisible (« ",
        ),
        (
            book.clone().apply_file("").map(drop),
            "LAW_INVALID_FILE",
            "no_table",
            "fichier de loi invalide : aucune table : donnez `id` et `[[values]]`, ou `[[tables]]`",
        ),
        (
            LawBook::parse_table(
                Param::DroitCommunIndemnityRate,
                &table("", &row("2020-03-01", "0.7", "x")),
            )
            .map(drop),
            "LAW_INVALID_DATA",
            "no_unit",
            "table « droit_commun_indemnity_rate » invalide : pas d'unité (`unit`)",
        ),
        (
            replace(&format!(
                "id = \"smic_hourly\"\n{}",
                row("2020-03-01", "0.7", "x")
            )),
            "LAW_INVALID_OVERRIDE",
            "other_table",
            "ligne refusée pour « droit_commun_indemnity_rate » : le texte décrit la table « smic_hourly »",
        ),
        (
            replace(&table(
                "unit = \"eur_per_hour\"\n",
                &row("2020-03-01", "0.7", "x"),
            )),
            "LAW_INVALID_OVERRIDE",
            "other_unit",
            "ligne refusée pour « droit_commun_indemnity_rate » : unité eur_per_hour au lieu de fraction",
        ),
        (
            replace(&table("", "")),
            "LAW_INVALID_OVERRIDE",
            "no_rows",
            "ligne refusée pour « droit_commun_indemnity_rate » : aucune ligne",
        ),
        (
            replace(&table(
                "",
                &format!(
                    "{}{}",
                    row("2020-03-01", "0.7", "x"),
                    row("2020-03-01", "0.6", "y")
                ),
            )),
            "LAW_INVALID_OVERRIDE",
            "dates_not_increasing",
            "ligne refusée pour « droit_commun_indemnity_rate » : dates non croissantes (2020-03-01 puis 2020-03-01)",
        ),
        (
            replace(&table("", &row("2020-03-01", "1.5", "x"))),
            "LAW_INVALID_OVERRIDE",
            "out_of_range",
            "ligne refusée pour « droit_commun_indemnity_rate » : valeur 1.5 au 2020-03-01 hors de l'intervalle 0.0001 à 1 de l'unité fraction",
        ),
        (
            replace(&table("", &row("2020-03-01", "0.7", " "))),
            "LAW_INVALID_OVERRIDE",
            "no_source",
            "ligne refusée pour « droit_commun_indemnity_rate » : la ligne du 2020-03-01 n'a pas de source",
        ),
    ];
    for (result, code, problem, french) in cases {
        let err = result.expect_err(french);
        let record = DiagnosticRecord::of(&err);
        assert_eq!(
            (record.code.as_str(), record.family.as_str()),
            (code, "law"),
            "{french}"
        );
        assert_eq!(
            record.detail("problem").map(ToString::to_string).as_deref(),
            Some(problem),
            "{french}"
        );
        let fr = record.messages.get(Lang::Fr);
        assert!(fr.starts_with(french), "{fr}");
        if problem != "syntax" {
            assert_eq!(fr, french);
            // The English message says the same thing in English.
            let en = record.messages.get(Lang::En);
            assert!(!en.contains("ligne") && !en.contains("table «"), "{en}");
        }
    }
    // A book's own problems are the same errors, listed rather than raised.
    let mut table = book.table(Param::SmicHourly).unwrap().clone();
    table.valid_until = Some(time::macros::date!(2025 - 12 - 31));
    let problems = table.problems();
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message(Lang::Fr),
        "table « smic_hourly » invalide : vérifiée jusqu'au 2025-12-31 seulement, avant le 2026-05-31"
    );
}

/// A row's source title is a citation, shown in French and English explanations alike: no
/// English commentary in it (that goes to the row's `note`).
#[test]
fn source_titles_are_citations() {
    let mut english = Vec::new();
    for table in LawBook::shared().unwrap().tables() {
        for row in &table.values {
            if let Some(word) = super::errors::english_word(&row.source.title) {
                english.push(format!(
                    "{} {}: '{word}' in {:?}",
                    table.param, row.from, row.source.title
                ));
            }
        }
    }
    assert!(english.is_empty(), "{}", english.join("\n"));
}

/// A user trial: a bad date in a law file leaked the carried error's JSON into the message, two
/// rows of one date were both accepted (the last won), and `/dev/zero` as a law file took all
/// the memory. Each is now a typed problem.
#[test]
fn law_files_refuse_bad_values_repeated_dates_and_huge_texts() {
    let row = |from: &str, value: &str| {
        format!(
            "[[tables.values]]\nfrom = \"{from}\"\nvalue = \"{value}\"\nsource = {{ title = \"x\" }}\n"
        )
    };
    let table = |rows: &str| format!("[[tables]]\nid = \"smic_hourly\"\n{rows}");
    let problem = |text: &str| match LawBook::with_file(text) {
        Err(LawError::InvalidFile { problem, .. } | LawError::InvalidOverride { problem, .. }) => {
            problem
        }
        other => panic!("{other:?}"),
    };

    let bad_date = table(&row("2026-02-30", "12.50"));
    let err = LawBook::with_file(&bad_date).unwrap_err();
    for lang in [apart::Lang::Fr, apart::Lang::En] {
        let message = err.message(lang);
        assert!(
            !message.contains('\u{1e}') && !message.contains("\"code\""),
            "{message}"
        );
        assert!(message.contains("2026-02-30"), "{message}");
    }
    assert!(
        err.message(apart::Lang::En)
            .starts_with("invalid law file: line ")
    );
    let details = err.details();
    let detail = |name: &str| {
        details
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    };
    assert_eq!(detail("problem").as_deref(), Some("invalid_value"));
    assert_eq!(detail("cause").as_deref(), Some("VALUE_INVALID_DATE"));
    let bad_status = format!(
        "{}status = \"probably\"\n",
        table(&row("2026-07-01", "12.50"))
    );
    assert_eq!(problem(&bad_status).id(), "invalid_value");

    let twice_in_one_block = table(&(row("2026-07-01", "12.50") + &row("2026-07-01", "12.60")));
    assert_eq!(problem(&twice_in_one_block).id(), "dates_not_increasing");
    let backwards = table(&(row("2026-08-01", "12.50") + &row("2026-07-01", "12.60")));
    assert_eq!(problem(&backwards).id(), "dates_not_increasing");
    let twice_in_two_blocks =
        table(&row("2026-07-01", "12.50")) + &table(&row("2026-07-01", "12.60"));
    assert_eq!(problem(&twice_in_two_blocks).id(), "dates_not_increasing");
    let in_order = table(&(row("2026-07-01", "12.50") + &row("2026-08-01", "12.60")));
    assert!(LawBook::with_file(&in_order).is_ok());

    let huge = format!("# {}\n", "x".repeat(apart::law::MAX_LAW_TEXT_BYTES));
    assert_eq!(problem(&huge).id(), "too_large");
    let mut book = LawBook::shared().unwrap().clone();
    let err = book.replace_table(Param::SmicHourly, &huge).unwrap_err();
    assert_eq!(err.code(), "LAW_INVALID_OVERRIDE");
}
