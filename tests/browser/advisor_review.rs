//! An advisor's review clicked through end to end, with JavaScript and without: the advisor
//! finds the mill on their home, asks for evidence on two answers, comments on a gap and asks for
//! changes; the mill's staff find the requests on their home, reply, attach the evidence and
//! resubmit; the advisor sees what changed, verifies a requirement, signs the review, and the
//! PDF carries it.

use assessments::organization::OrganizationKind;
use fantoccini::Locator;
use senda_tests::TestApp;
use senda_tests::browser::{Browser, JavaScript, PHONE};
use senda_tests::demo::*;

const SUMMARY: &str = "Revisión de gabinete: pagos en orden; falta evidencia de jornada.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_an_advisor_reviews_the_mill_end_to_end() {
    review_end_to_end(JavaScript::On).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_an_advisor_reviews_the_mill_end_to_end() {
    review_end_to_end(JavaScript::Off).await;
}

async fn review_end_to_end(javascript: JavaScript) {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let id = app.demo_assessment(mill).await;
    let overview = format!("/evaluaciones/{id}");
    let open = async |browser: &Browser, path: &str| {
        browser.client.goto(&app.url(path)).await.unwrap();
        browser.settled().await;
    };

    // The advisor: from their home to the mill's assessment, two requests, a comment, changes asked.
    let advisor = Browser::start(javascript, PHONE).await;
    advisor.sign_in(&app, ADVISOR).await;
    advisor.follow(&format!(".portfolio a[href='{overview}']")).await;
    advisor.wait_for_path(&overview).await;
    open(&advisor, &format!("{overview}/secciones/salarios")).await;
    let choices = advisor.client.find_all(Locator::Css("#nuevo-answer-clave option")).await.unwrap();
    let mut asked = Vec::new();
    for choice in choices.iter().take(2) {
        asked.push(choice.attr("value").await.unwrap().expect("a question id"));
    }
    for (question, text) in asked.iter().zip(["Recibos firmados de marzo.", "Listas de raya de la zafra."]) {
        advisor.displayed("#nuevo-answer-clave").await.select_by_value(question).await.unwrap();
        advisor.displayed("#nuevo-answer-pide").await.select_by_value("needs_evidence").await.unwrap();
        advisor.displayed("#texto-nuevo-answer").await.send_keys(text).await.unwrap();
        advisor.displayed("form.thread__new button[type=submit]").await.click().await.unwrap();
        advisor.displayed(&format!("[id='hilos-{question}'] .thread")).await;
    }
    open(&advisor, &format!("{overview}/brechas")).await;
    advisor.displayed("li.gap[id^='g-'] details.review__new summary").await.click().await.unwrap();
    advisor
        .displayed("li.gap[id^='g-'] details.review__new textarea")
        .await
        .send_keys("Empiecen por aquí.")
        .await
        .unwrap();
    advisor
        .displayed("li.gap[id^='g-'] details.review__new button[type=submit]")
        .await
        .click()
        .await
        .unwrap();
    advisor.displayed_with("li.gap[id^='g-'] .review__subject", "Empiecen por aquí.").await;
    open(&advisor, &overview).await;
    let requests = advisor.displayed("#solicitudes").await.text().await.unwrap();
    assert!(requests.contains("Recibos firmados de marzo."), "{requests}");
    advisor.displayed(&format!("form[action='{overview}/devolver'] button")).await.click().await.unwrap();
    advisor.wait_for_address_with("devuelta=1").await;
    advisor.quit().await;

    // The mill's staff: the requests on their home, a reply, the evidence, the resubmission.
    let staff = Browser::start(javascript, PHONE).await;
    staff.sign_in(&app, MILL_MEMBER).await;
    let home = staff.displayed(".waiting").await.text().await.unwrap();
    assert!(home.contains("Evaluaciones devueltas para cambios"), "{home}");
    assert!(
        home.contains("Recibos firmados de marzo.") && home.contains("Listas de raya de la zafra."),
        "{home}"
    );
    let question = &asked[0];
    staff.displayed(&format!(".waiting a[href$='#hilos-{question}']")).await.click().await.unwrap();
    staff.wait_for_path(&format!("{overview}/secciones/salarios")).await;
    staff.settled().await;
    let thread = format!("[id='hilos-{question}'] .thread");
    staff
        .displayed(&format!("{thread} textarea"))
        .await
        .send_keys("Adjuntamos los recibos de marzo.")
        .await
        .unwrap();
    staff.displayed(&format!("{thread} form.thread__reply button")).await.click().await.unwrap();
    staff.displayed_with(&format!("{thread} .thread__head"), "respondida").await;
    staff.settled().await;
    let document = std::env::temp_dir().join(format!("recibos-{id}-{javascript:?}.pdf"));
    std::fs::write(&document, b"%PDF-1.4\n% recibos\n%%EOF\n").unwrap();
    let escaped = question.replace('.', "\\.");
    staff.displayed(&format!("#q-{escaped} .question__more summary")).await.click().await.unwrap();
    staff.displayed(&format!("#u-{escaped}")).await.send_keys(&document.display().to_string()).await.unwrap();
    staff.displayed(".answers__actions button[type=submit]").await.click().await.unwrap();
    staff.displayed(&format!("#q-{escaped} .files a")).await;
    let _ = std::fs::remove_file(document);
    open(&staff, &overview).await;
    staff.displayed(&format!("form[action='{overview}/enviar'] button")).await.click().await.unwrap();
    staff.displayed_with(".page", "Enviada a revisión").await;
    staff.quit().await;

    // The advisor again: what changed, a verification, the signed review, and the PDF.
    let advisor = Browser::start(javascript, PHONE).await;
    advisor.sign_in(&app, ADVISOR).await;
    let home = advisor.displayed(".portfolio").await.text().await.unwrap();
    assert!(
        home.contains("2 solicitudes respondidas"),
        "the demo's answered question and this reply: {home}"
    );
    open(&advisor, &overview).await;
    let changes = advisor.displayed("[aria-labelledby='changes-title']").await.text().await.unwrap();
    assert!(changes.contains(&format!("recibos-{id}")), "the file attached since: {changes}");
    open(&advisor, &format!("{overview}/brechas")).await;
    let verified_by = |text: &str| text.matches("Verificado por").count();
    let before = verified_by(&advisor.displayed(".report").await.text().await.unwrap());
    // A requirement not verified yet (the demo verified one already).
    let mut to_verify = None;
    for row in advisor.client.find_all(Locator::Css("tr")).await.unwrap() {
        let declared = !row.text().await.unwrap().contains("Verificado por");
        if let Ok(button) = row.find(Locator::Css("form[action$='/verificar'] button[value=on_file]")).await
            && declared
        {
            to_verify = Some(button);
            break;
        }
    }
    to_verify.expect("a met requirement not verified yet").click().await.unwrap();
    advisor.wait_for_address_with("#met-title").await;
    advisor.displayed("#texto-revision").await.send_keys(SUMMARY).await.unwrap();
    advisor.displayed("#revisiones form button[type=submit]").await.click().await.unwrap();
    let signed = advisor.displayed(".signed-review").await.text().await.unwrap();
    assert!(signed.contains("Revisado por") && signed.contains(SUMMARY), "{signed}");
    let report = advisor.displayed(".report").await.text().await.unwrap();
    assert_eq!(verified_by(&report), before + 1, "the verification shows with its name");
    advisor.displayed("a[href$='brechas.pdf']").await.click().await.unwrap();
    let pdf = advisor.downloaded(".pdf").await;
    let text = senda_tests::read_pdf(&pdf).0.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Revisado por") && text.contains("pagos en orden"),
        "the PDF carries the review: {text}"
    );
    advisor.quit().await;
}
