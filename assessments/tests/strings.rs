//! Translators' PO files: export, read back, refused where they do not fit (`assessments::strings`).

use assessments::catalog::Catalog;
use assessments::language::LanguageTag;
use assessments::loader::parse_questionnaire;
use assessments::parameters::LegalParameters;
use assessments::questionnaire::Questionnaire;
use assessments::strings::{Coverage, apply, catalog_texts, coverage, export, parse, questionnaire_texts};
use assessments::text::Text;

const VERSION: &str = r#"
id = "cadenas"
version = 1
status = "published"
title = { es = "Cadenas", en = "Strings" }
intro = { es = "Prueba \"con\" comillas." }

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
id = "perfil.sector"
text = { es = "¿En qué sector trabaja?" }
answer = "single_choice"

[[section.question.option]]
value = "cana"
label = { es = "Caña de azúcar" }

[[section.question.option]]
value = "tabaco"
label = { es = "Tabaco" }
"#;

fn questionnaire() -> Questionnaire {
    parse_questionnaire("cadenas/1.toml", VERSION, &Catalog::default(), &LegalParameters::default()).unwrap()
}

fn hch() -> LanguageTag {
    "hch".parse().unwrap()
}

#[test]
fn an_export_translated_and_read_back_adds_the_language_and_its_coverage() {
    let mut questionnaire = questionnaire();
    let exported = export(&questionnaire_texts(&mut questionnaire), &hch(), "questionnaires/cadenas/1.toml");
    assert!(
        exported.contains(
            "msgctxt \"question.perfil.sector.option.tabaco.label\"\nmsgid \"Tabaco\"\nmsgstr \"\""
        )
    );
    assert!(exported.contains("msgid \"Prueba \\\"con\\\" comillas.\""), "{exported}");

    let translated = exported
        .replace("msgid \"Tabaco\"\nmsgstr \"\"", "msgid \"Tabaco\"\nmsgstr \"(prueba) tabaco\"")
        .replace(
            "msgid \"Cadenas\"\nmsgstr \"\"",
            "msgid \"Cadenas\"\nmsgstr \"\"\n\"(prueba) \"\n\"cadenas\"",
        );
    let po = parse("questionnaires/cadenas/1.hch.po", &translated).unwrap();
    assert_eq!(po.language, hch());
    let mut texts = questionnaire_texts(&mut questionnaire);
    assert_eq!(apply(&mut texts, &po, "1.hch.po"), Ok(2));
    let coverage = coverage(&texts);
    assert_eq!(coverage[1], Coverage { language: hch(), translated: 2, total: 6 });
    assert_eq!(questionnaire.title.shown_in(&hch()).wording, "(prueba) cadenas");
    // What is exported again keeps what was translated.
    let again = export(&questionnaire_texts(&mut questionnaire), &hch(), "x");
    assert!(again.contains("msgstr \"(prueba) tabaco\""), "{again}");
}

#[test]
fn a_translation_of_another_spanish_text_or_dropping_a_legal_value_is_refused_with_its_line() {
    let mut questionnaire = questionnaire();
    questionnaire.sections[0].questions[0].text = Text::new("¿Paga al menos {salario-minimo} al día?", None);
    let po = "msgid \"\"\nmsgstr \"Language: hch\\n\"\n\n\
              msgctxt \"section.perfil.title\"\nmsgid \"Perfil antiguo\"\nmsgstr \"x\"\n\n\
              msgctxt \"question.perfil.sector.text\"\nmsgid \"¿Paga al menos {salario-minimo} al día?\"\nmsgstr \"y\"\n\n\
              msgctxt \"question.nada.text\"\nmsgid \"z\"\nmsgstr \"z\"\n";
    let po = parse("1.hch.po", po).unwrap();
    let problems = apply(&mut questionnaire_texts(&mut questionnaire), &po, "1.hch.po").unwrap_err();
    let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [4, 8, 12], "{problems:?}");
    assert!(problems[0].message.contains("Spanish text this version does not have"));
    assert!(problems[1].message.contains("{salario-minimo}"));
    assert!(problems[2].message.contains("names no text"));
    assert!(questionnaire.sections[0].title.in_tag(&hch()).is_none(), "nothing of a refused file applies");
}

#[test]
fn fuzzy_and_empty_entries_are_untranslated_and_broken_files_name_their_line() {
    let mut questionnaire = questionnaire();
    let po = "msgid \"\"\nmsgstr \"Language: hch\\n\"\n\n#, fuzzy\n\
              msgctxt \"title\"\nmsgid \"Cadenas\"\nmsgstr \"x\"\n\n\
              msgctxt \"intro\"\nmsgid \"Prueba \\\"con\\\" comillas.\"\nmsgstr \"\"\n";
    let po = parse("1.hch.po", po).unwrap();
    assert_eq!(apply(&mut questionnaire_texts(&mut questionnaire), &po, "f"), Ok(0));

    let broken =
        parse("1.hch.po", "msgid \"\"\nmsgstr \"Language: hch\\n\"\n\nmsgctxt \"title\"\nmsgid Cadenas\n");
    assert_eq!(broken.unwrap_err()[0].line, 5);
    let no_language = parse("1.po", "msgctxt \"title\"\nmsgid \"Cadenas\"\nmsgstr \"x\"\n").unwrap_err();
    assert!(no_language[0].message.contains("names no Language"));
    let plural =
        parse("1.po", "msgid \"\"\nmsgstr \"Language: hch\\n\"\n\nmsgid \"a\"\nmsgid_plural \"b\"\n");
    assert_eq!(plural.unwrap_err()[0].line, 5);
}

#[test]
fn the_catalog_is_keyed_by_instrument_and_requirement() {
    let mut catalog = Catalog::default();
    catalog.instruments.insert(
        "LFT".into(),
        assessments::catalog::Instrument {
            key: "LFT".into(),
            name: Text::new("Ley Federal del Trabajo", None),
        },
    );
    let keys: Vec<String> = catalog_texts(&mut catalog).into_iter().map(|(key, _)| key).collect();
    assert_eq!(keys, ["instrument.LFT.name"]);
}

#[test]
fn a_translation_is_not_a_change_carried_answers_stay_as_they_were_and_diff_lists_nothing() {
    let before = questionnaire();
    let mut after = questionnaire();
    for (_, text) in questionnaire_texts(&mut after) {
        text.translate(hch(), "(prueba)".into());
    }
    let answers = assessments::answers::Answers::from([(
        "perfil.sector".to_owned(),
        assessments::answers::AnswerValue::Choice("tabaco".into()),
    )]);
    let carried = assessments::answers::carry_over(&before, &answers, &after);
    assert_eq!(carried.len(), 1);
    assert!(!carried[0].needs_review, "a translation does not ask for the answer to be reviewed");
    assert!(assessments::diff::diff(&before, &after).changed.is_empty());

    // A changed Spanish text still is a change.
    after.sections[0].questions[0].text = Text::new("¿En qué sector trabaja hoy?", None);
    assert!(assessments::answers::carry_over(&before, &answers, &after)[0].needs_review);
}

#[test]
fn a_byte_order_mark_and_a_carriage_return_are_read_and_an_entry_is_placed_at_its_first_keyword() {
    let with_mark = "\u{feff}msgid \"\"\nmsgstr \"Language: qaa\\n\"\n\nmsgctxt \"title\"\nmsgid \"a\\rb\"\nmsgstr \"c\"\n";
    let po = parse("1.qaa.po", with_mark).expect("an editor's byte-order mark is not a keyword");
    assert_eq!(po.entries[0].spanish, "a\rb");
    assert_eq!(po.entries[0].line, 4);
    let mut text = Text::new("a\rb", None);
    let exported = export(&[("title".to_owned(), &mut text)], &"qaa".parse().unwrap(), "x");
    assert!(exported.contains("msgid \"a\\rb\""), "{exported}");

    let stray =
        parse("1.qaa.po", "msgid \"\"\nmsgstr \"Language: qaa\\n\"\n\nmsgstr \"suelto\"\n").unwrap_err();
    assert_eq!((stray[0].line, stray[0].message.as_str()), (4, "an entry needs msgctxt, msgid and msgstr"));
}
