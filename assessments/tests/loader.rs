//! The loader on small files written for each rule, and on arbitrary and mangled text.

use assessments::dates::day;
use assessments::diff::{Change, diff};
use assessments::loader::{
    Problem, SourceFile, load_library, parse_catalog, parse_parameters, parse_questionnaire,
};
use assessments::parameters::LegalParameters;
use assessments::questionnaire::{AnswerKind, Level};
use proptest::prelude::*;

const CATALOG: &str = r#"
[instruments.LFT]
name = { es = "Ley Federal del Trabajo", en = "Federal Labor Law" }

[[requirement]]
id = "LFT-22BIS"
instrument = "LFT"
article = "Art. 22 Bis"
summary = { es = "Prohibido el trabajo de menores de 15 años.", en = "No work under 15." }
severity = "critical"
evidence = { es = "Verificación de edad." }
confidence = "confirmed"
sources = ["https://example.org/lft"]

[[requirement]]
id = "LFT-132-XXXI"
instrument = "LFT"
article = "Art. 132 fr. XXXI"
summary = { es = "Protocolo contra la violencia." }
severity = "high"
evidence = { es = "Protocolo firmado." }
confidence = "unconfirmed"
confidence_note = "Fracción por verificar."
"#;

const QUESTIONNAIRE: &str = r#"
id = "prueba"
version = 1
status = "published"
title = { es = "Prueba", en = "Test" }
intro = { es = "Introducción." }

[due_days]
critical = 30
high = 90
medium = 180
low = 365

[[section]]
id = "perfil"
title = { es = "Perfil" }
profile = true

[[section.question]]
id = "perfil.vivienda"
text = { es = "¿Da vivienda?" }
answer = "yes_no_partial"
allow_not_applicable = false

[[section]]
id = "contratacion"
title = { es = "Contratación" }

[[section.question]]
id = "contratacion.edad"
text = { es = "¿Verifica la edad antes del alta?" }
answer = "yes_no_partial"
evidence = true
requirements = ["LFT-22BIS"]
action = { es = "Adopte un procedimiento de verificación de edad." }

[[section.question]]
id = "contratacion.protocolo"
text = { es = "¿Cómo difunde el protocolo?" }
answer = "single_choice"
requirements = ["LFT-132-XXXI"]
action = { es = "Difunda el protocolo." }
show_if = { question = "perfil.vivienda", any_of = ["yes"] }

[[section.question.option]]
value = "escrito"
label = { es = "Por escrito" }
level = "compliant"

[[section.question.option]]
value = "no"
label = { es = "No se difunde" }
level = "gap"
"#;

fn catalog() -> assessments::catalog::Catalog {
    parse_catalog("requirements.toml", CATALOG).expect("the test catalog is valid")
}

fn problems_of(questionnaire: &str) -> Vec<Problem> {
    parse_questionnaire(
        "questionnaires/prueba/1.toml",
        questionnaire,
        &catalog(),
        &LegalParameters::default(),
    )
    .expect_err("should be refused")
}

/// The line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle present")].matches('\n').count() + 1
}

fn assert_problem(problems: &[Problem], line: usize, fragment: &str) {
    assert!(
        problems.iter().any(|p| p.line == line && p.message.contains(fragment)),
        "no problem at line {line} containing {fragment:?}: {problems:#?}"
    );
}

#[test]
fn a_valid_questionnaire_loads_with_its_scoring() {
    let questionnaire =
        parse_questionnaire("q", QUESTIONNAIRE, &catalog(), &LegalParameters::default()).unwrap();
    assert_eq!(questionnaire.questions().count(), 3);
    let age = questionnaire.question("contratacion.edad").unwrap();
    assert_eq!(assessments::loader::levels_of(&age.answer), [Level::Compliant, Level::Partial, Level::Gap]);
}

/// "Not applicable" erases a gap, so on a question verifying a critical or high requirement it
/// is offered only where the questionnaire says when it can be true.
#[test]
fn not_applicable_is_offered_on_a_weighty_question_only_with_its_case() {
    let parse = |text: &str| parse_questionnaire("q", text, &catalog(), &LegalParameters::default());
    let offered = |text: &str, id: &str| {
        let questionnaire = parse(text).unwrap();
        let answer = &questionnaire.question(id).unwrap().answer;
        matches!(answer, AnswerKind::YesNoPartial { allow_not_applicable: true, .. })
    };
    assert!(!offered(QUESTIONNAIRE, "contratacion.edad"), "critical, and no case given");
    let with_case = QUESTIONNAIRE.replace(
        "evidence = true\nrequirements = [\"LFT-22BIS\"]",
        "evidence = true\nrequirements = [\"LFT-22BIS\"]\nnot_applicable_when = { es = \"No contrata a nadie directamente.\" }",
    );
    assert!(offered(&with_case, "contratacion.edad"));
    let on_a_choice = QUESTIONNAIRE.replace(
        "show_if = { question = \"perfil.vivienda\", any_of = [\"yes\"] }",
        "show_if = { question = \"perfil.vivienda\", any_of = [\"yes\"] }\nnot_applicable_when = { es = \"Sin vivienda.\" }",
    );
    let problems = parse(&on_a_choice).unwrap_err();
    assert_problem(
        &problems,
        line_of(&on_a_choice, "id = \"contratacion.protocolo\""),
        "does not offer that answer",
    );
}

#[test]
fn a_syntax_error_is_reported_on_its_line() {
    let broken = QUESTIONNAIRE.replace("answer = \"single_choice\"", "answer = single_choice");
    assert_problem(&problems_of(&broken), line_of(&broken, "answer = single_choice"), "");
}

#[test]
fn an_unknown_field_is_refused_with_its_line() {
    let broken = QUESTIONNAIRE.replace("evidence = true", "evidense = true");
    assert_problem(&problems_of(&broken), line_of(&broken, "evidense"), "unknown field `evidense`");
}

#[test]
fn an_unknown_requirement_is_refused_with_its_line() {
    let broken = QUESTIONNAIRE.replace("[\"LFT-22BIS\"]", "[\"LFT-999\"]");
    assert_problem(&problems_of(&broken), line_of(&broken, "LFT-999"), "unknown requirement `LFT-999`");
}

#[test]
fn a_duplicate_question_id_is_refused() {
    let broken = QUESTIONNAIRE.replace("id = \"contratacion.protocolo\"", "id = \"contratacion.edad\"");
    let second = broken.rfind("id = \"contratacion.edad\"").unwrap();
    let line = broken[..second].matches('\n').count() + 1;
    assert_problem(&problems_of(&broken), line, "`contratacion.edad` is defined twice");
}

#[test]
fn a_condition_on_a_later_or_unknown_question_is_refused() {
    let broken =
        QUESTIONNAIRE.replace("question = \"perfil.vivienda\"", "question = \"contratacion.despues\"");
    assert_problem(&problems_of(&broken), line_of(&broken, "contratacion.despues"), "unknown or comes later");
}

#[test]
fn a_condition_on_an_impossible_answer_is_refused() {
    // The profile question does not allow not_applicable.
    let broken = QUESTIONNAIRE.replace("any_of = [\"yes\"]", "any_of = [\"not_applicable\"]");
    assert!(problems_of(&broken).iter().any(|p| p.message.contains("cannot be answered `not_applicable`")));
}

#[test]
fn a_missing_spanish_text_is_refused() {
    let broken = QUESTIONNAIRE.replace("title = { es = \"Contratación\" }", "title = { en = \"Hiring\" }");
    assert_problem(&problems_of(&broken), line_of(&broken, "{ en = \"Hiring\" }"), "missing field `es`");
}

#[test]
fn an_unscored_option_is_refused() {
    let broken = QUESTIONNAIRE.replacen("level = \"gap\"\n", "", 1);
    assert_problem(&problems_of(&broken), line_of(&broken, "value = \"no\""), "has no level");
}

#[test]
fn a_scored_question_that_verifies_nothing_is_refused() {
    let broken = QUESTIONNAIRE.replace("requirements = [\"LFT-132-XXXI\"]\n", "");
    assert!(
        problems_of(&broken)
            .iter()
            .any(|p| p.message.contains("`contratacion.protocolo` verifies no requirement"))
    );
}

#[test]
fn a_text_may_carry_any_language_but_a_key_that_is_no_language_tag_is_refused_where_it_is() {
    let french = QUESTIONNAIRE
        .replace("title = { es = \"Prueba\", en = \"Test\" }", "title = { es = \"Prueba\", fr = \"Essai\" }");
    let parsed =
        parse_questionnaire("questionnaires/prueba/1.toml", &french, &catalog(), &LegalParameters::default());
    assert_eq!(parsed.expect("any language").title.shown_in(&"fr".parse().unwrap()).wording, "Essai");
    let broken = QUESTIONNAIRE.replace(
        "title = { es = \"Prueba\", en = \"Test\" }",
        "title = { es = \"Prueba\", \"fr!\" = \"Essai\" }",
    );
    let problems = problems_of(&broken);
    assert_problem(&problems, line_of(&broken, "title ="), "`fr!` is not a language tag");
}

#[test]
fn a_number_question_must_score_every_number() {
    let with_number = QUESTIONNAIRE.replace(
        "answer = \"yes_no_partial\"\nevidence = true",
        "answer = \"number\"\nranges = [{ up_to = 48, level = \"compliant\" }]\nevidence = true",
    );
    assert!(problems_of(&with_number).iter().any(|p| p.message.contains("last range must have no `up_to`")));
}

#[test]
fn a_requirement_no_published_question_verifies_is_refused_by_the_library() {
    let catalog = format!(
        "{CATALOG}\n[[requirement]]\nid = \"LFT-UNUSED\"\ninstrument = \"LFT\"\narticle = \"Art. 1\"\n\
         summary = {{ es = \"x\" }}\nseverity = \"low\"\nevidence = {{ es = \"x\" }}\nconfidence = \"unconfirmed\"\n"
    );
    let files = [
        SourceFile { path: "requirements.toml".into(), contents: catalog.clone() },
        SourceFile { path: "questionnaires/prueba/1.toml".into(), contents: QUESTIONNAIRE.into() },
    ];
    let problems = load_library(&files).unwrap_err();
    assert_problem(&problems, line_of(&catalog, "\"LFT-UNUSED\""), "not verified by any question");
}

#[test]
fn a_file_name_must_match_its_id_and_version() {
    let files = [
        SourceFile { path: "requirements.toml".into(), contents: CATALOG.into() },
        SourceFile { path: "questionnaires/prueba/2.toml".into(), contents: QUESTIONNAIRE.into() },
    ];
    let problems = load_library(&files).unwrap_err();
    assert!(
        problems.iter().any(|p| p.message.contains("should be questionnaires/prueba/1.toml")),
        "{problems:?}"
    );
}

#[test]
fn a_library_hashes_each_file_and_finds_the_latest_published_version() {
    let files = [
        SourceFile { path: "requirements.toml".into(), contents: CATALOG.into() },
        SourceFile { path: "questionnaires/prueba/1.toml".into(), contents: QUESTIONNAIRE.into() },
    ];
    let library = load_library(&files).unwrap();
    let loaded = library.latest_published("prueba").unwrap();
    assert_eq!(loaded.content_hash.len(), 64);
    assert_eq!(library.questionnaire("prueba", 1).unwrap().content_hash, loaded.content_hash);
}

#[test]
fn the_diff_names_added_removed_and_changed_questions() {
    let old = parse_questionnaire("q", QUESTIONNAIRE, &catalog(), &LegalParameters::default()).unwrap();
    let new_text = QUESTIONNAIRE
        .replace("¿Verifica la edad antes del alta?", "¿Verifica la edad de cada persona antes del alta?")
        .replace("value = \"no\"", "value = \"nunca\"")
        .replace("any_of = [\"yes\"]", "any_of = [\"yes\", \"partial\"]")
        .replace("id = \"perfil.vivienda\"\n", "id = \"perfil.alojamiento\"\n")
        .replace("question = \"perfil.vivienda\"", "question = \"perfil.alojamiento\"");
    let new = parse_questionnaire("q", &new_text, &catalog(), &LegalParameters::default()).unwrap();
    let changes = diff(&old, &new);
    assert_eq!(changes.added, ["perfil.alojamiento"]);
    assert_eq!(changes.removed, ["perfil.vivienda"]);
    let of =
        |id: &str| changes.changed.iter().find(|c| c.id == id).map(|c| c.changes.clone()).unwrap_or_default();
    assert_eq!(of("contratacion.edad"), [Change::Text]);
    let protocol = of("contratacion.protocolo");
    assert!(protocol.contains(&Change::Options { added: vec!["nunca".into()], removed: vec!["no".into()] }));
    assert!(protocol.contains(&Change::Condition));
}

const PARAMETERS: &str = r#"
[[parameter]]
name = "jornada-maxima-semanal"
label = { es = "Jornada máxima semanal", en = "Maximum working week" }
unit = { es = "horas", en = "hours" }
basis = "CPEUM art. 123-A fr. IV"

[[parameter.period]]
from = "2026-01-01"
until = "2026-12-31"
value = 48
confidence = "confirmed"
source = "https://example.org/cpeum"

[[parameter.period]]
from = "2027-01-01"
value = 46
confidence = "confirmed"
source = "https://example.org/cpeum"

[[parameter]]
name = "salario-minimo-jornaleros"
label = { es = "Salario mínimo de jornaleros" }
unit = { es = "pesos diarios" }
basis = "LFT art. 280 Bis"

[[parameter.period]]
from = "2026-01-01"
confidence = "unconfirmed"
source = "https://example.org/conasami"
"#;

fn parameters() -> LegalParameters {
    parse_parameters("parameters.toml", PARAMETERS).expect("the test parameters are valid")
}

/// The test questionnaire with a question on the working week, written `hours_question`.
fn with_hours(reference_from: Option<&str>, hours_question: &str) -> String {
    let top = reference_from.map(|date| format!("reference_from = \"{date}\"\n")).unwrap_or_default();
    let text = QUESTIONNAIRE.replacen("\n[due_days]", &format!("\n{top}[due_days]"), 1);
    format!("{text}\n{hours_question}")
}

const HOURS: &str = r#"
[[section.question]]
id = "contratacion.horas"
text = { es = "¿Cuántas horas trabaja una persona a la semana? (máximo legal: {jornada-maxima-semanal})" }
answer = "number"
ranges = [{ up_to = "jornada-maxima-semanal", level = "compliant" }, { level = "gap" }]
requirements = ["LFT-22BIS"]
action = { es = "No pase de {jornada-maxima-semanal} horas." }
"#;

#[test]
fn a_parameter_is_read_with_its_periods_and_an_unconfirmed_amount_has_no_value() {
    let parameters = parameters();
    let week = |date: &str| parameters.value_on("jornada-maxima-semanal", day(date)).map(|v| v.value);
    assert_eq!((week("2026-12-31"), week("2027-01-01"), week("2025-12-31")), (Some(48.0), Some(46.0), None));
    assert_eq!(parameters.value_on("salario-minimo-jornaleros", day("2026-06-01")), None);
}

#[test]
fn each_parameter_mistake_is_refused_with_its_line() {
    let refused = |text: &str| parse_parameters("parameters.toml", text).expect_err("should be refused");
    let cases = [
        (
            PARAMETERS.replacen("until = \"2026-12-31\"", "until = \"2027-01-05\"", 1),
            "from = \"2027-01-01\"",
            "overlaps",
        ),
        (
            PARAMETERS.replacen("from = \"2027-01-01\"", "from = \"2027-02-01\"", 1),
            "from = \"2027-02-01\"",
            "no value between 2026-12-31 and 2027-02-01",
        ),
        (
            PARAMETERS.replacen("until = \"2026-12-31\"\n", "", 1),
            "from = \"2027-01-01\"",
            "only the last period may be open-ended",
        ),
        (
            PARAMETERS.replacen("until = \"2026-12-31\"", "until = \"2026-02-30\"", 1),
            "until = \"2026-02-30\"",
            "is not a date",
        ),
        (
            PARAMETERS.replacen("value = 48\n", "", 1),
            "from = \"2026-01-01\"",
            "a confirmed period needs a `value`",
        ),
        (
            PARAMETERS.replacen(
                "name = \"salario-minimo-jornaleros\"",
                "name = \"jornada-maxima-semanal\"",
                1,
            ),
            "name = \"jornada-maxima-semanal\"\nlabel = { es = \"Salario",
            "defined twice",
        ),
        (
            PARAMETERS.replacen("name = \"jornada-maxima-semanal\"", "name = \"Jornada Máxima\"", 1),
            "name = \"Jornada Máxima\"",
            "may use only",
        ),
    ];
    for (text, at, message) in cases {
        let problems = refused(&text);
        assert!(
            problems.iter().any(|p| p.file == "parameters.toml"
                && p.line == line_of(&text, at)
                && p.message.contains(message)),
            "{message:?} at line {}: {problems:?}",
            line_of(&text, at)
        );
    }
}

#[test]
fn a_questionnaire_may_use_only_parameters_that_have_a_value_on_every_date_it_can_be_answered_for() {
    let parse =
        |text: &str| parse_questionnaire("questionnaires/prueba/1.toml", text, &catalog(), &parameters());
    let good = with_hours(Some("2026-01-01"), HOURS);
    let questionnaire = parse(&good).expect("a question on the working week from 2026");
    assert_eq!(questionnaire.reference_from, Some(day("2026-01-01")));

    let cases = [
        (with_hours(Some("2025-06-01"), HOURS), "has no value on some day from 2025-06-01"),
        (with_hours(None, HOURS), "says no `reference_from`"),
        (
            with_hours(
                Some("2026-01-01"),
                &HOURS.replace("{jornada-maxima-semanal} horas", "{jornada-semanal} horas"),
            ),
            "unknown parameter `jornada-semanal`",
        ),
        (
            with_hours(
                Some("2026-01-01"),
                &HOURS.replace("up_to = \"jornada-maxima-semanal\"", "up_to = \"jornada\""),
            ),
            "unknown parameter `jornada`",
        ),
        (
            with_hours(
                Some("2026-01-01"),
                &HOURS.replace("(máximo legal: {jornada-maxima-semanal})", "({salario-minimo-jornaleros})"),
            ),
            "parameter `salario-minimo-jornaleros` has no value",
        ),
        (with_hours(Some("2026-02-31"), HOURS), "is not a date"),
    ];
    for (text, message) in cases {
        let problems = parse(&text).expect_err(message);
        assert!(problems.iter().any(|p| p.message.contains(message)), "{message:?}: {problems:?}");
        let line = problems.iter().find(|p| p.message.contains(message)).map(|p| p.line).unwrap_or_default();
        let expected = if message.contains("reference_from`") {
            1
        } else if message == "is not a date" {
            line_of(&text, "reference_from")
        } else {
            line_of(&text, "id = \"contratacion.horas\"")
        };
        assert_eq!(line, expected, "{message:?}");
    }
}

#[test]
fn only_a_critical_requirement_may_be_zero_tolerance() {
    let text = CATALOG.replacen("severity = \"high\"", "severity = \"high\"\nzero_tolerance = true", 1);
    let problems = parse_catalog("requirements.toml", &text).unwrap_err();
    assert_problem(
        &problems,
        line_of(&text, "id = \"LFT-132-XXXI\""),
        "zero-tolerance, so it must be critical",
    );
    let critical =
        CATALOG.replacen("severity = \"critical\"", "severity = \"critical\"\nzero_tolerance = true", 1);
    assert!(
        parse_catalog("requirements.toml", &critical)
            .unwrap()
            .requirement("LFT-22BIS")
            .unwrap()
            .zero_tolerance
    );
}

#[test]
fn an_option_at_not_applicable_on_a_weighty_question_needs_its_case() {
    // The protocol question verifies a high requirement; one of its options erases it.
    let text = QUESTIONNAIRE.replacen(
        "label = { es = \"No se difunde\" }\nlevel = \"gap\"",
        "label = { es = \"No se difunde\" }\nlevel = \"not_applicable\"",
        1,
    );
    let problems = problems_of(&text);
    assert_problem(
        &problems,
        line_of(&text, "id = \"contratacion.protocolo\""),
        "needs `not_applicable_when`",
    );
}

/// Realistic text broken in the ways an editor breaks files.
fn mangled() -> impl Strategy<Value = String> {
    let lines: Vec<String> = QUESTIONNAIRE.lines().map(str::to_owned).collect();
    let n = lines.len();
    (0..4usize, 0..n, 0..n, 0..QUESTIONNAIRE.len()).prop_map(move |(how, a, b, cut)| {
        let mut lines = lines.clone();
        match how {
            0 => {
                lines.remove(a);
            }
            1 => {
                let line = lines[a].clone();
                lines.insert(b, line);
            }
            2 => lines.swap(a, b),
            _ => {
                let text = lines.join("\n");
                let cut = (0..=cut.min(text.len())).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
                return text[..cut].to_owned();
            }
        }
        lines.join("\n")
    })
}

/// A refusal a person can act on: at least one problem, each naming the file and a line of it.
fn refused_clearly(problems: &[Problem], file: &str, text: &str) -> bool {
    let lines = text.lines().count().max(1) + 1;
    !problems.is_empty()
        && problems
            .iter()
            .all(|p| p.file == file && (1..=lines).contains(&p.line) && !p.message.trim().is_empty())
}

proptest! {
    #[test]
    fn the_loader_never_panics_on_arbitrary_text(text in "\\PC*") {
        if let Err(problems) = parse_catalog("requirements.toml", &text) {
            prop_assert!(refused_clearly(&problems, "requirements.toml", &text), "{problems:?}");
        }
        if let Err(problems) = parse_parameters("parameters.toml", &text) {
            prop_assert!(refused_clearly(&problems, "parameters.toml", &text), "{problems:?}");
        }
        if let Err(problems) = parse_questionnaire("q.toml", &text, &catalog(), &parameters()) {
            prop_assert!(refused_clearly(&problems, "q.toml", &text), "{problems:?}");
        }
    }

    #[test]
    fn the_loader_never_panics_on_mangled_questionnaires(text in mangled()) {
        let files = [
            SourceFile { path: "requirements.toml".into(), contents: CATALOG.into() },
            SourceFile { path: "questionnaires/prueba/1.toml".into(), contents: text },
        ];
        let _ = load_library(&files);
    }

    #[test]
    fn the_loader_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Err(problems) = parse_questionnaire("q.toml", &text, &catalog(), &parameters()) {
            prop_assert!(refused_clearly(&problems, "q.toml", &text), "{problems:?}");
        }
    }
}

/// Retiring a version changes only its status line, so it hashes as it was published and the
/// store lets its status move on; any other change to it is still caught. A retired version's
/// requirements count as verified: its assessments still cite them.
#[test]
fn a_retired_version_hashes_as_published_and_still_verifies_its_requirements() {
    let load = |questionnaire: String| {
        let files = [
            SourceFile { path: "requirements.toml".into(), contents: CATALOG.into() },
            SourceFile { path: "questionnaires/prueba/1.toml".into(), contents: questionnaire },
        ];
        load_library(&files).unwrap_or_else(|problems| panic!("{problems:?}")).questionnaires[0].clone()
    };
    let published = load(QUESTIONNAIRE.into());
    let retired = load(QUESTIONNAIRE.replace("status = \"published\"", "status = \"retired\""));
    assert_eq!(retired.questionnaire.status, assessments::questionnaire::Status::Retired);
    assert_eq!(retired.content_hash, published.content_hash);
    let edited = load(
        QUESTIONNAIRE
            .replace("status = \"published\"", "status = \"retired\"")
            .replace("¿Da vivienda?", "¿Da casa?"),
    );
    assert_ne!(edited.content_hash, published.content_hash);
    // Line ends do not count; only the top-level status is read as the retirement, not a
    // "retired" written anywhere else.
    assert_eq!(load(QUESTIONNAIRE.replace('\n', "\r\n")).content_hash, published.content_hash);
    let with_comment = QUESTIONNAIRE.replace(
        "intro = { es = \"Introducción.\" }",
        "# status = \"retired\"\nintro = { es = \"Introducción.\" }",
    );
    let retired_with_comment = with_comment.replace("status = \"published\"", "status = \"retired\"");
    assert_eq!(load(retired_with_comment).content_hash, load(with_comment).content_hash);
}

#[test]
fn an_evidence_prompt_on_a_profile_question_and_a_malformed_asked_from_are_refused() {
    let text = QUESTIONNAIRE
        .replace(
            "answer = \"yes_no_partial\"\nallow_not_applicable = false\n",
            "answer = \"yes_no_partial\"\nallow_not_applicable = false\nevidence_prompt = { es = \"Foto.\" }\n",
        )
        .replace("evidence = true\n", "evidence = true\nasked_from = \"2027-02-30\"\n");
    let problems = problems_of(&text);
    assert_problem(&problems, line_of(&text, "id = \"perfil.vivienda\""), "asks for no evidence");
    assert_problem(&problems, line_of(&text, "asked_from"), "`2027-02-30` is not a date");
}

/// A question asked only from a later day is not part of an assessment read before it, and a
/// parameter it names needs a value only from that day on.
#[test]
fn a_question_asked_from_a_later_day_is_left_out_before_it() {
    let parameters = parse_parameters(
        "parameters.toml",
        r#"
[[parameter]]
name = "tope"
label = { es = "Tope" }
unit = { es = "horas" }
basis = "LFT"

[[parameter.period]]
from = "2027-01-01"
value = 12
confidence = "confirmed"
source = "https://example.org"
"#,
    )
    .unwrap();
    let text = QUESTIONNAIRE
        .replace("status = \"published\"", "status = \"published\"\nreference_from = \"2026-01-01\"")
        .replace(
            "evidence = true\n",
            "evidence = true\nasked_from = \"2027-01-01\"\nhelp = { es = \"Hasta {tope} horas.\" }\n",
        );
    let questionnaire = parse_questionnaire("questionnaires/prueba/1.toml", &text, &catalog(), &parameters)
        .unwrap_or_else(|p| panic!("{p:?}"));
    let read = |date: &str| assessments::parameters::as_of(&questionnaire, &parameters, day(date));
    let (before, values_before) = read("2026-12-31");
    assert!(before.question("contratacion.edad").is_none() && values_before.is_empty());
    let (from, values_from) = read("2027-01-01");
    let help = from.question("contratacion.edad").unwrap().help.as_ref().unwrap().spanish().to_owned();
    assert_eq!((help.as_str(), values_from.len()), ("Hasta 12 horas.", 1));
    // Without `asked_from`, the same question needs the value from `reference_from` on.
    let problems = parse_questionnaire(
        "questionnaires/prueba/1.toml",
        &text.replace("asked_from = \"2027-01-01\"\n", ""),
        &catalog(),
        &parameters,
    )
    .unwrap_err();
    assert!(
        problems.iter().any(|p| p.message.contains("has no value on some day from 2026-01-01")),
        "{problems:?}"
    );
}

/// A question asked from a day needs the version to say from which reference date it can be
/// answered, and no question may depend on one asked later than itself (it would vanish with it).
#[test]
fn asked_from_needs_reference_from_and_no_condition_on_a_later_question() {
    let without_reference = QUESTIONNAIRE.replace(
        "allow_not_applicable = false\n",
        "allow_not_applicable = false\nasked_from = \"2027-01-01\"\n",
    );
    let problems = problems_of(&without_reference);
    assert_problem(
        &problems,
        line_of(&without_reference, "id = \"perfil.vivienda\""),
        "needs `reference_from`",
    );
    assert_problem(
        &problems,
        line_of(&without_reference, "id = \"contratacion.protocolo\""),
        "asked only from a later day",
    );
}
