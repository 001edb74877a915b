//! Questions in any language: a translator's PO file beside a published version adds a language
//! without making a new version; an assessment shown in it falls back to Spanish, marked, where a
//! translation is missing; a translation that does not fit is left out, with its file, line and
//! reason.

use assessments::organization::OrganizationKind;
use senda_tests::demo::{MILL, MILL_MEMBER};
use senda_tests::{AssessmentsCopy, TestApp, read_pdf, visible_text};

/// A test translation of the short questionnaire into `qaa`, a tag reserved for local use: it
/// is no real language, and says so in every text.
const TEST_TRANSLATION: &str = r#"# A test translation, in no real language.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: qaa\n"

msgctxt "question.perfil.temporales.text"
msgid "¿Contrata personas jornaleras de temporada?"
msgstr "(prueba) ¿jornaleras de temporada?"

msgctxt "question.practicas.edad.unit"
msgid "años"
msgstr "(prueba) años"
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_translation_beside_a_published_version_shows_its_questions_in_that_language() {
    let assessments = AssessmentsCopy::with_fixture("prueba-corta");
    let app = TestApp::spawn_with_assessments(assessments.path.clone()).await;
    app.load_demo().await;

    // Added after the version was first loaded: the same version, translated.
    std::fs::write(assessments.path.join("questionnaires/prueba-corta/1.qaa.po"), TEST_TRANSLATION).unwrap();
    let library = server::questionnaires::load(&assessments.path).expect("the translation is accepted");
    server::questionnaires::load_into_database(&app.store, &library).await.expect("not a new version");
    let translated = library.questionnaire("prueba-corta", 1).unwrap();
    assert_eq!(
        translated.questionnaire.content_languages().iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        ["es", "en", "qaa"]
    );

    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let fields = [("questionnaire", "prueba-corta@1"), ("carry", ""), ("referencia", "")];
    let started = member.post_form(&format!("/empresas/{mill}/evaluaciones"), &fields).await;
    let id = started.header("location").and_then(|l| l.strip_prefix("/evaluaciones/")).unwrap().to_owned();

    // A language the version is not translated into is refused; the translated one is taken.
    let refused = member.post_form(&format!("/evaluaciones/{id}/idioma"), &[("idioma", "fr")]).await;
    assert_eq!(refused.header("location"), Some(format!("/evaluaciones/{id}?error=idioma").as_str()));
    let chosen = member.post_form(&format!("/evaluaciones/{id}/idioma"), &[("idioma", "qaa")]).await;
    assert_eq!(chosen.header("location"), Some(format!("/evaluaciones/{id}?idioma=1").as_str()));

    // On screen: the translation tagged with its language; the rest in Spanish, tagged and marked.
    let page = member.get(&format!("/evaluaciones/{id}/secciones/perfil")).await.body;
    assert!(page.contains(r#"<span lang="qaa">(prueba) ¿jornaleras de temporada?</span>"#), "{page}");
    let page = member.get(&format!("/evaluaciones/{id}/secciones/practicas")).await.body;
    assert!(page.contains(r#"<span lang="es">¿Trabajan adolescentes de 15 a 17 años?</span>"#), "{page}");
    assert!(visible_text(&page).contains("(en español: aún sin traducción)"));
    assert!(page.contains("(prueba) años"), "a unit is translated too");

    // On paper too, with the Spanish marked.
    let (status, pdf) = member.get_bytes(&format!("/evaluaciones/{id}/cuestionario.pdf")).await;
    assert_eq!(status, 200);
    let text = read_pdf(&pdf).0.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("1. (prueba) ¿jornaleras de temporada?"), "{text}");
    assert!(text.contains("¿Trabajan adolescentes de 15 a 17 años? [es]"), "{text}");

    // Back to each reader's own language.
    member.post_form(&format!("/evaluaciones/{id}/idioma"), &[("idioma", "")]).await;
    let page = member.get(&format!("/evaluaciones/{id}/secciones/perfil")).await.body;
    assert!(page.contains("¿Contrata personas jornaleras de temporada?") && !page.contains("(prueba)"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_translation_that_does_not_fit_its_version_is_left_out_with_file_line_and_reason() {
    let assessments = AssessmentsCopy::with_fixture("prueba-corta");
    let broken = TEST_TRANSLATION.replace("msgid \"años\"", "msgid \"meses\"");
    std::fs::write(assessments.path.join("questionnaires/prueba-corta/1.qaa.po"), broken).unwrap();
    // The server still starts, in Spanish; `senda assessments check` refuses it (tests/cli.rs).
    let library = server::questionnaires::load(&assessments.path).expect("left out, not fatal");
    let version = &library.questionnaire("prueba-corta", 1).unwrap().questionnaire;
    assert_eq!(version.content_languages().len(), 2, "es and en only: {:?}", version.content_languages());
    let problems: Vec<String> = library.translation_problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("questionnaires/prueba-corta/1.qaa.po:11: `question.practicas.edad.unit` translates a Spanish text"),
        "{problems:?}"
    );

    let misnamed = AssessmentsCopy::with_fixture("prueba-corta");
    std::fs::write(misnamed.path.join("questionnaires/prueba-corta/1.crn.po"), TEST_TRANSLATION).unwrap();
    let library = server::questionnaires::load(&misnamed.path).expect("left out, not fatal");
    assert!(
        library.translation_problems[0]
            .message
            .contains("named for `crn` but its Language header says `qaa`")
    );
}
