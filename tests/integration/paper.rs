//! Field work on paper: the blank questionnaire printed for a company, tailored by its profile,
//! and the key-in page that brings the filled form back, marked as keyed in from paper.

use assessments::answers::AnswerValue;
use assessments::organization::OrganizationKind;
use senda_tests::demo::{MILL, MILL_MEMBER};
use senda_tests::{AssessmentsCopy, TestApp, Visitor, read_pdf};

/// The demo on the shipped questionnaires plus the short test one; an assessment of the mill on
/// it, started by its member.
async fn short_assessment() -> (TestApp, AssessmentsCopy, Visitor, String) {
    let assessments = AssessmentsCopy::with_fixture("prueba-corta");
    let app = TestApp::spawn_with_assessments(assessments.path.clone()).await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let fields = [("questionnaire", "prueba-corta@1"), ("carry", ""), ("referencia", "")];
    let started = member.post_form(&format!("/empresas/{mill}/evaluaciones"), &fields).await;
    assert_eq!(started.status, 303, "{}", started.body);
    let id = started.header("location").and_then(|l| l.strip_prefix("/evaluaciones/")).unwrap().to_owned();
    (app, assessments, member, id)
}

/// The PDF's text with its lines joined, so a wrapped sentence reads whole.
async fn paper_text(member: &Visitor, id: &str) -> String {
    let (status, bytes) = member.get_bytes(&format!("/evaluaciones/{id}/cuestionario.pdf")).await;
    assert_eq!(status, 200);
    let (text, _) = read_pdf(&bytes);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_paper_form_holds_the_questions_the_profile_leaves_and_says_when_to_answer_the_others() {
    let (_app, _assessments, member, id) = short_assessment().await;

    // No profile yet: every question, the conditional ones with their condition spelled out.
    let blank = paper_text(&member, &id).await;
    for expected in [
        "Cuestionario para llenar en papel",
        "Empresa: Ingenio La Esperanza (demo)",
        "Prueba corta · v1 · prueba-corta",
        "1. ¿Contrata personas jornaleras de temporada?",
        "[perfil.temporales]",
        "2. ¿Firma cada persona de temporada un contrato por escrito?",
        "Conteste solo si en la pregunta 1 marcó: Sí o Parcialmente.",
        "5. ¿Tiene cada adolescente su certificado médico?",
        "Conteste solo si en la pregunta 4 marcó: Sí o Parcialmente.",
        "No sé",
        "Número: (años)",
        "Página 1 de",
    ] {
        assert!(blank.contains(expected), "missing «{expected}» in: {blank}");
    }

    // A profile without seasonal workers leaves their contract out; the others keep their numbers.
    let unanswered = assessments::answers::fingerprint(None, "", "");
    let profile =
        [("a.perfil.temporales", "no"), ("r.perfil.temporales", "0"), ("f.perfil.temporales", &unanswered)];
    let saved = member.post_form(&format!("/evaluaciones/{id}/secciones/perfil"), &profile).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let tailored = paper_text(&member, &id).await;
    assert!(!tailored.contains("contrato por escrito"), "{tailored}");
    assert!(tailored.contains("3. ¿Qué edad tiene la persona más joven que trabaja hoy?"), "{tailored}");
    assert!(tailored.contains("Conteste solo si en la pregunta 4 marcó: Sí o Parcialmente."), "{tailored}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_keyed_in_from_paper_save_as_a_section_does_and_are_marked_with_who_keyed_them() {
    let (app, _assessments, member, id) = short_assessment().await;
    let key_in = format!("/evaluaciones/{id}/secciones/captura");

    // One page, every question, numbered as on paper.
    let page = member.get(&key_in).await;
    assert_eq!(page.status, 200);
    let text = senda_tests::visible_text(&page.body);
    assert!(text.contains("Capturar desde papel"), "{text}");
    assert!(text.contains("1. ¿Contrata personas jornaleras de temporada?"), "{text}");
    assert!(text.contains("4. ¿Trabajan adolescentes de 15 a 17 años?"), "{text}");

    // Keyed in with the scan of the paper: answers of two sections in one post, one refused.
    let mut form = reqwest::multipart::Form::new();
    for (question, value) in
        [("perfil.temporales", "yes"), ("practicas.adolescentes", "no"), ("practicas.edad", "quince")]
    {
        form = form
            .text(format!("a.{question}"), value)
            .text(format!("r.{question}"), "0")
            .text(format!("f.{question}"), assessments::answers::fingerprint(None, "", ""));
    }
    let form = form.part(
        "u.captura",
        reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("papel.pdf"),
    );
    let sent = member.post_multipart(&key_in, form).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert_eq!(
        sent.header("location"),
        Some(format!("{key_in}?problemas=1#q-practicas.edad").as_str()),
        "the refused number is named"
    );

    let account = app.store.account_by_email(MILL_MEMBER).await.unwrap().unwrap();
    let viewer = app.store.viewer(account.id).await.unwrap().unwrap();
    let answers = app.store.answers(&viewer, id.parse().unwrap()).await.unwrap();
    let answer = |question: &str| answers.iter().find(|a| a.question_id == question).cloned();
    let adolescents = answer("practicas.adolescentes").expect("saved from the key-in page");
    assert_eq!(adolescents.value, Some(AnswerValue::Choice("no".into())));
    assert!(adolescents.from_paper && answer("perfil.temporales").unwrap().from_paper);
    assert_eq!(adolescents.updated_by, account.name);
    assert!(answer("practicas.edad").is_none(), "an invalid number is kept as a draft, not saved");

    // The typed text is kept for the person to correct, and the scan is the assessment's.
    let again = member.get(&format!("{key_in}?problemas=1")).await;
    assert!(again.body.contains("value=\"quince\""), "what was typed is kept");
    assert!(again.body.contains("papel.pdf"), "the scan is listed on the key-in page");

    // A section's page says the answer came from paper, who keyed it and when.
    let section =
        senda_tests::visible_text(&member.get(&format!("/evaluaciones/{id}/secciones/practicas")).await.body);
    assert!(section.contains(&format!("Capturada desde papel por {}", account.name)), "{section}");

    // An answer changed later on a screen is no longer marked.
    let fields = [
        ("a.practicas.adolescentes", "yes"),
        ("r.practicas.adolescentes", &adolescents.revision.to_string()),
        ("f.practicas.adolescentes", &adolescents.fingerprint()),
    ];
    let saved = member.post_form(&format!("/evaluaciones/{id}/secciones/practicas"), &fields).await;
    assert_eq!(saved.status, 303);
    let answers = app.store.answers(&viewer, id.parse().unwrap()).await.unwrap();
    let changed = answers.iter().find(|a| a.question_id == "practicas.adolescentes").unwrap();
    assert!(!changed.from_paper);
}
