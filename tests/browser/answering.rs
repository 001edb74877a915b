//! Completing a small assessment as a person does on a phone: without JavaScript (plain forms
//! and the Save button), with it (answers save themselves, conditions follow live), and two
//! people editing one answer.

use std::time::{Duration, Instant};

use assessments::answers::{AnswerValue, StoredAnswer};
use assessments::organization::OrganizationKind;
use fantoccini::Locator;
use senda_tests::browser::{Browser, JavaScript, PATIENCE, PHONE};
use senda_tests::demo::*;
use senda_tests::{AssessmentsCopy, TestApp};

/// The demo, on the shipped questionnaires plus the small test one.
async fn demo_with_short_questionnaire() -> (TestApp, AssessmentsCopy, String) {
    let assessments = AssessmentsCopy::with_fixture("prueba-corta");
    let app = TestApp::spawn_with_assessments(assessments.path.clone()).await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    (app, assessments, mill)
}

/// From the company page, starts an assessment on the short questionnaire; its id.
async fn start_short_assessment(browser: &Browser, app: &TestApp, mill: &str) -> String {
    browser.client.goto(&app.url(&format!("/empresas/{mill}"))).await.unwrap();
    browser.settled().await;
    browser.displayed("select#questionnaire").await.select_by_value("prueba-corta@1").await.unwrap();
    browser.displayed("form[action$='/evaluaciones'] button[type=submit]").await.click().await.unwrap();
    browser.displayed(".sections").await;
    let url = browser.client.current_url().await.unwrap();
    url.path().strip_prefix("/evaluaciones/").expect("on the assessment's page").to_owned()
}

/// Clicks the label of an option (what a thumb does on a phone).
async fn choose(browser: &Browser, question: &str, value: &str) {
    browser.displayed(&format!("label[for='a-{question}-{value}']")).await.click().await.unwrap();
}

/// The saved answer to `question`, read as the company's people may.
async fn saved_answer(app: &TestApp, assessment: &str, question: &str) -> Option<StoredAnswer> {
    let member = app.store.account_by_email(MILL_MEMBER).await.unwrap().unwrap();
    let viewer = app.store.viewer(member.id).await.unwrap().unwrap();
    let answers = app.store.answers(&viewer, assessment.parse().unwrap()).await.unwrap();
    answers.into_iter().find(|a| a.question_id == question)
}

/// The saved value of `question`.
async fn saved(app: &TestApp, assessment: &str, question: &str) -> Option<AnswerValue> {
    saved_answer(app, assessment, question).await.and_then(|a| a.value)
}

/// Waits until `question` is saved as `value`.
async fn wait_until_saved(app: &TestApp, assessment: &str, question: &str, value: AnswerValue) {
    let deadline = Instant::now() + PATIENCE;
    while saved(app, assessment, question).await.as_ref() != Some(&value) {
        assert!(Instant::now() < deadline, "{question} was not saved as {value:?} within {PATIENCE:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_person_completes_and_submits_an_assessment_with_the_save_button() {
    let (app, _assessments, mill) = demo_with_short_questionnaire().await;
    let browser = Browser::start(JavaScript::Off, PHONE).await;
    browser.sign_in(&app, MILL_MEMBER).await;
    let id = start_short_assessment(&browser, &app, &mill).await;

    browser.displayed("a[href$='/secciones/perfil']").await.click().await.unwrap();
    choose(&browser, "perfil.temporales", "yes").await;
    browser.displayed("button[name=siguiente]").await.click().await.unwrap();
    browser.wait_for_path(&format!("/evaluaciones/{id}/secciones/practicas")).await;

    // The profile's answer shows the seasonal contract question.
    choose(&browser, "practicas.contrato", "partial").await;
    choose(&browser, "practicas.adolescentes", "no").await;
    browser.displayed("#a-practicas\\.edad").await.send_keys("catorce").await.unwrap();
    browser.displayed(".answers__actions button[type=submit]").await.click().await.unwrap();

    // Refused with the reason next to it, and nothing typed lost.
    let problem = browser.displayed("#q-practicas\\.edad .field-problem").await.text().await.unwrap();
    assert!(problem.starts_with("Escriba un número"), "{problem}");
    let kept = browser.displayed("#a-practicas\\.edad").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("catorce"));
    assert_eq!(saved(&app, &id, "practicas.contrato").await, Some(AnswerValue::Choice("partial".into())));

    let field = browser.displayed("#a-practicas\\.edad").await;
    field.clear().await.unwrap();
    field.send_keys("15").await.unwrap();
    browser.displayed(".answers__actions button[type=submit]").await.click().await.unwrap();
    browser.displayed(".notice[role=status]").await;
    assert_eq!(saved(&app, &id, "practicas.edad").await, Some(AnswerValue::Number(15.0)));

    // Back on the overview: complete, so it can be submitted.
    browser.displayed(".breadcrumb a").await.click().await.unwrap();
    browser
        .displayed(&format!("form[action='/evaluaciones/{id}/enviar'] button"))
        .await
        .click()
        .await
        .unwrap();
    let status = browser.displayed(".notice[role=status]").await.text().await.unwrap();
    assert!(status.starts_with("Enviada a revisión"), "{status}");
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_answers_save_as_they_are_given_and_conditions_follow_live() {
    let (app, _assessments, mill) = demo_with_short_questionnaire().await;
    let browser = Browser::start(JavaScript::On, PHONE).await;
    browser.sign_in(&app, MILL_MEMBER).await;
    let id = start_short_assessment(&browser, &app, &mill).await;
    browser.client.goto(&app.url(&format!("/evaluaciones/{id}/secciones/practicas"))).await.unwrap();
    browser.wait_for_hydration().await;
    // Until an answer shows it, the follow-up is hidden.
    assert!(!browser.is_displayed("#q-practicas\\.permiso").await);

    choose(&browser, "practicas.adolescentes", "yes").await;
    wait_until_saved(&app, &id, "practicas.adolescentes", AnswerValue::Choice("yes".into())).await;
    browser.displayed("#q-practicas\\.permiso").await;
    let state = browser.displayed(".save-state").await.text().await.unwrap();
    assert_eq!(state, "Guardado.");
    let count = browser.displayed(".progress__count").await.text().await.unwrap();
    assert!(count.starts_with("1 / 3"), "the section's progress follows: {count}");
    assert_eq!(browser.displayed(".section-score__value").await.text().await.unwrap(), "100");

    // Typing saves after a pause, without the button.
    browser.displayed("#a-practicas\\.edad").await.send_keys("16").await.unwrap();
    wait_until_saved(&app, &id, "practicas.edad", AnswerValue::Number(16.0)).await;

    // An invalid number is said at once; the saved one stays.
    let field = browser.displayed("#a-practicas\\.edad").await;
    field.clear().await.unwrap();
    field.send_keys("dieciséis").await.unwrap();
    let problem = browser.displayed("#q-practicas\\.edad .field-problem").await.text().await.unwrap();
    assert!(problem.starts_with("Escriba un número"), "{problem}");
    // Past the typing pause (1.2 s) and a save's round trip, the saved value is still 16: the
    // invalid text was never sent to replace it.
    let watch_until = Instant::now() + Duration::from_millis(3000);
    while Instant::now() < watch_until {
        assert_eq!(saved(&app, &id, "practicas.edad").await, Some(AnswerValue::Number(16.0)));
        tokio::time::sleep(Duration::from_millis(250)).await;
    }

    // Answering "no" hides the follow-up again, live.
    choose(&browser, "practicas.adolescentes", "no").await;
    let deadline = Instant::now() + PATIENCE;
    while browser.is_displayed("#q-practicas\\.permiso").await {
        assert!(Instant::now() < deadline, "the follow-up question stayed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // And the section's score falls live: a gap on a critical requirement (4 points of 8 left).
    let deadline = Instant::now() + PATIENCE;
    while browser.displayed(".section-score__value").await.text().await.unwrap() != "50" {
        assert!(Instant::now() < deadline, "the section score did not follow the answer");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(browser.displayed(".section-score__gaps").await.text().await.unwrap(), "1");
    browser.quit().await;
}

/// The answers this browser keeps while they wait for the connection, as its storage holds them.
async fn kept_in_browser(browser: &Browser) -> String {
    let kept = browser
        .client
        .execute(
            "return Object.keys(localStorage).filter(k => k.startsWith('senda/')).map(k => localStorage[k]).join('');",
            vec![],
        )
        .await
        .unwrap();
    kept.as_str().unwrap_or_default().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_given_while_the_connection_is_down_survive_a_reload_and_are_saved_once_it_returns() {
    let (mut app, _assessments, mill) = demo_with_short_questionnaire().await;
    let browser = Browser::start(JavaScript::On, PHONE).await;
    browser.sign_in(&app, MILL_MEMBER).await;
    let id = start_short_assessment(&browser, &app, &mill).await;
    let section = app.url(&format!("/evaluaciones/{id}/secciones/practicas"));
    browser.client.goto(&section).await.unwrap();
    browser.wait_for_hydration().await;
    choose(&browser, "practicas.adolescentes", "yes").await;
    wait_until_saved(&app, &id, "practicas.adolescentes", AnswerValue::Choice("yes".into())).await;

    // The signal goes; the person goes on answering: a changed answer and a new one.
    app.cut_connection().await;
    choose(&browser, "practicas.adolescentes", "no").await;
    browser.displayed("#a-practicas\\.edad").await.send_keys("16").await.unwrap();
    let waiting = browser.displayed("#q-practicas\\.edad .unsent").await.text().await.unwrap();
    assert!(waiting.starts_with("Sin enviar"), "{waiting}");
    browser.displayed("#q-practicas\\.adolescentes .unsent").await;
    let state = browser.displayed(".save-state").await.text().await.unwrap();
    assert!(state.starts_with("Sin conexión"), "{state}");

    // Kept in the browser; a reload without signal shows only the browser's own error page.
    let kept = kept_in_browser(&browser).await;
    assert!(kept.contains("a.practicas.edad") && kept.contains("a.practicas.adolescentes"), "{kept}");
    // Kept for this person only: another account in the same browser never gets it put back.
    let member = app.store.account_by_email(MILL_MEMBER).await.unwrap().unwrap();
    let keys = browser.client.execute("return Object.keys(localStorage).join(' ');", vec![]).await.unwrap();
    assert_eq!(keys, serde_json::json!(format!("senda/sin-enviar/{}/{id}/practicas", member.id)));
    let _ = browser.client.refresh().await;

    // The signal returns; the section, opened again, shows what was typed and sends it.
    app.restore_connection().await;
    browser.client.goto(&section).await.unwrap();
    browser.wait_for_hydration().await;
    wait_until_saved(&app, &id, "practicas.adolescentes", AnswerValue::Choice("no".into())).await;
    wait_until_saved(&app, &id, "practicas.edad", AnswerValue::Number(16.0)).await;
    let no = browser.displayed("#a-practicas\\.adolescentes-no").await;
    assert_eq!(no.prop("checked").await.unwrap().as_deref(), Some("true"));
    let deadline = Instant::now() + PATIENCE;
    while browser.is_displayed(".unsent").await || !kept_in_browser(&browser).await.is_empty() {
        assert!(Instant::now() < deadline, "the answers stayed marked as waiting once saved");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    // Saved once each: a later visit sends nothing again.
    browser.client.goto(&section).await.unwrap();
    browser.wait_for_hydration().await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let revision = |answer: Option<StoredAnswer>| answer.map(|a| a.revision);
    assert_eq!(revision(saved_answer(&app, &id, "practicas.adolescentes").await), Some(2), "yes, then no");
    assert_eq!(revision(saved_answer(&app, &id, "practicas.edad").await), Some(1));
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_editing_one_answer_see_the_conflict_and_choose() {
    let (app, _assessments, mill) = demo_with_short_questionnaire().await;
    let admin = Browser::start(JavaScript::Off, PHONE).await;
    let member = Browser::start(JavaScript::On, PHONE).await;
    admin.sign_in(&app, MILL_ADMIN).await;
    member.sign_in(&app, MILL_MEMBER).await;
    let id = start_short_assessment(&admin, &app, &mill).await;
    let section = app.url(&format!("/evaluaciones/{id}/secciones/practicas"));
    admin.client.goto(&section).await.unwrap();
    member.client.goto(&section).await.unwrap();
    member.wait_for_hydration().await;

    // The admin answers and saves first; the member, on the page loaded before, answers otherwise.
    choose(&admin, "practicas.adolescentes", "yes").await;
    admin.displayed(".answers__actions button[type=submit]").await.click().await.unwrap();
    admin.displayed(".notice[role=status]").await;
    choose(&member, "practicas.adolescentes", "no").await;

    // The member's page shows both answers; the admin's stays saved.
    let conflict = member.displayed("#q-practicas\\.adolescentes .conflict").await.text().await.unwrap();
    assert!(conflict.contains("Otra persona guardó esta respuesta"), "{conflict}");
    let theirs = member.displayed(".conflict__theirs").await.text().await.unwrap();
    assert_eq!(theirs, "Sí");
    let mine = member.client.find(Locator::Css("#a-practicas\\.adolescentes-no")).await.unwrap();
    assert_eq!(mine.prop("checked").await.unwrap().as_deref(), Some("true"), "the member's answer is kept");
    assert_eq!(saved(&app, &id, "practicas.adolescentes").await, Some(AnswerValue::Choice("yes".into())));

    // The member keeps the saved answer.
    member.displayed(".conflict button").await.click().await.unwrap();
    let deadline = Instant::now() + PATIENCE;
    while member.is_displayed(".conflict").await {
        assert!(Instant::now() < deadline, "the conflict stayed after choosing");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let theirs = member.client.find(Locator::Css("#a-practicas\\.adolescentes-yes")).await.unwrap();
    assert_eq!(theirs.prop("checked").await.unwrap().as_deref(), Some("true"));
    admin.quit().await;
    member.quit().await;
}

const WHY_NOT_APPLICABLE: &str = "Una agencia contrata a todo el personal de temporada.";

/// "Not applicable" asks why, in the note, and keeps the choice until the reason is given.
async fn not_applicable_asks_why(javascript: JavaScript) {
    let (app, _assessments, mill) = demo_with_short_questionnaire().await;
    let browser = Browser::start(javascript, PHONE).await;
    browser.sign_in(&app, MILL_MEMBER).await;
    let id = start_short_assessment(&browser, &app, &mill).await;
    let save_button = ".answers__actions button[type=submit]";
    browser.client.goto(&app.url(&format!("/evaluaciones/{id}/secciones/perfil"))).await.unwrap();
    browser.settled().await;
    choose(&browser, "perfil.temporales", "yes").await;
    if javascript == JavaScript::Off {
        browser.displayed(save_button).await.click().await.unwrap();
        browser.displayed(".notice[role=status]").await;
    }
    wait_until_saved(&app, &id, "perfil.temporales", AnswerValue::Choice("yes".into())).await;

    browser.client.goto(&app.url(&format!("/evaluaciones/{id}/secciones/practicas"))).await.unwrap();
    browser.settled().await;
    let hint = browser.displayed("#q-practicas\\.contrato").await.text().await.unwrap();
    assert!(hint.contains("Las personas de temporada llegan por una agencia"), "when it can apply: {hint}");
    choose(&browser, "practicas.contrato", "not_applicable").await;
    if javascript == JavaScript::Off {
        browser.displayed(save_button).await.click().await.unwrap();
    }
    let problem = browser.displayed("#q-practicas\\.contrato .field-problem").await.text().await.unwrap();
    assert!(problem.starts_with("Diga en la nota por qué no aplica"), "{problem}");
    let kept =
        browser.displayed("#a-practicas\\.contrato-not_applicable").await.prop("checked").await.unwrap();
    assert_eq!(kept.as_deref(), Some("true"), "the choice is kept");
    assert_eq!(saved(&app, &id, "practicas.contrato").await, None, "nothing saved without a reason");

    // The note is open where the reason goes; with it, the answer is saved.
    browser.displayed("#n-practicas\\.contrato").await.send_keys(WHY_NOT_APPLICABLE).await.unwrap();
    if javascript == JavaScript::Off {
        browser.displayed(save_button).await.click().await.unwrap();
        browser.displayed(".notice[role=status]").await;
    }
    wait_until_saved(&app, &id, "practicas.contrato", AnswerValue::Choice("not_applicable".into())).await;
    let note = saved_answer(&app, &id, "practicas.contrato").await.map(|a| a.note);
    assert_eq!(note.as_deref(), Some(WHY_NOT_APPLICABLE));
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_not_applicable_asks_why_and_keeps_the_choice() {
    not_applicable_asks_why(JavaScript::Off).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_not_applicable_asks_why_and_keeps_the_choice() {
    not_applicable_asks_why(JavaScript::On).await;
}

/// Presses `keys` one after the other on whatever has the focus, as a keyboard does.
async fn press(browser: &Browser, keys: &str) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let mut actions = KeyActions::new("keyboard".into());
    for key in keys.chars() {
        actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    }
    browser.client.perform_actions(actions).await.unwrap();
}

/// Presses Tab until the focus is on an element matching `css`; fails after `most` presses.
async fn tab_to(browser: &Browser, css: &str, most: usize) {
    for _ in 0..most {
        press(browser, "\u{e004}").await;
        let script = "return document.activeElement.matches(arguments[0]);";
        if browser.client.execute(script, vec![css.into()]).await.unwrap() == serde_json::json!(true) {
            return;
        }
    }
    panic!("{most} presses of Tab did not reach {css}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_paper_form_is_keyed_in_from_one_page_with_the_keyboard_alone() {
    let (app, _assessments, mill) = demo_with_short_questionnaire().await;
    let browser = Browser::start(JavaScript::On, PHONE).await;
    browser.sign_in(&app, MILL_MEMBER).await;
    let id = start_short_assessment(&browser, &app, &mill).await;
    browser.client.goto(&app.url(&format!("/evaluaciones/{id}/secciones/captura"))).await.unwrap();
    browser.wait_for_hydration().await;
    // Until the profile says seasonal workers are hired, their contract is not asked.
    assert!(!browser.is_displayed("#q-practicas\\.contrato").await);

    // From the top of the page: Tab to the first question, a number key per option.
    tab_to(&browser, "[name='a.perfil.temporales']", 40).await;
    press(&browser, "1").await;
    wait_until_saved(&app, &id, "perfil.temporales", AnswerValue::Choice("yes".into())).await;
    browser.displayed("#q-practicas\\.contrato").await;
    tab_to(&browser, "[name='a.practicas.contrato']", 10).await;
    press(&browser, "2").await;
    tab_to(&browser, "[name='a.practicas.edad']", 10).await;
    // A mistyped number is announced at once and linked to its question.
    press(&browser, "1x").await;
    let alert = browser.displayed("#problem-practicas\\.edad[role=alert]").await.text().await.unwrap();
    assert!(alert.starts_with("Escriba un número"), "{alert}");
    let question = browser.displayed("#q-practicas\\.edad").await;
    assert_eq!(question.attr("aria-describedby").await.unwrap().as_deref(), Some("problem-practicas.edad"));
    press(&browser, "\u{e003}\u{e003}16").await; // Backspace twice, then the number.
    tab_to(&browser, "[name='a.practicas.adolescentes']", 10).await;
    press(&browser, "3").await;
    wait_until_saved(&app, &id, "practicas.contrato", AnswerValue::Choice("partial".into())).await;
    wait_until_saved(&app, &id, "practicas.edad", AnswerValue::Number(16.0)).await;
    wait_until_saved(&app, &id, "practicas.adolescentes", AnswerValue::Choice("no".into())).await;
    let keyed = saved_answer(&app, &id, "practicas.adolescentes").await.unwrap();
    assert!(keyed.from_paper, "keyed in from paper");
    // And the form is sent with its button, from the keyboard.
    tab_to(&browser, ".answers__actions button[type=submit]", 30).await;
    press(&browser, "\u{e007}").await;
    browser.displayed(".notice[role=status]").await;
    assert!(!browser.is_displayed(".field-problem").await);
    browser.quit().await;
}
