//! Working the improvement plan on a phone, with JavaScript and without, and downloading it as
//! a PDF.

use assessments::organization::OrganizationKind;
use fantoccini::Locator;
use senda_tests::TestApp;
use senda_tests::browser::{Browser, JavaScript, PHONE};
use senda_tests::demo::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_person_filters_the_plan_marks_an_action_done_and_downloads_the_pdf() {
    work_the_plan(JavaScript::Off).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_a_person_filters_the_plan_marks_an_action_done_and_downloads_the_pdf() {
    work_the_plan(JavaScript::On).await;
}

/// Filters the plan, marks an action done (refused without evidence, then with it) and
/// downloads the PDF, on a phone.
async fn work_the_plan(javascript: JavaScript) {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    let browser = Browser::start(javascript, PHONE).await;
    browser.sign_in(&app, MILL_MEMBER).await;

    // From the company page to its plan, showing only what is pending.
    browser.client.goto(&app.url(&format!("/empresas/{mill}"))).await.unwrap();
    browser.settled().await;
    browser.follow("a[href^='/planes/']").await;
    browser.displayed("select[name=estado]").await.select_by_value("pending").await.unwrap();
    browser.displayed(".filters button[type=submit]").await.click().await.unwrap();
    browser.displayed(".actions").await;
    let statuses = browser.client.find_all(Locator::Css(".action__status")).await.unwrap();
    assert!(!statuses.is_empty());
    for status in statuses {
        assert_eq!(status.text().await.unwrap(), "Pendiente");
    }

    // Done without evidence is refused, with the reason; with evidence it is saved and kept.
    browser.follow(".action a[href*='/acciones/']").await;
    browser.displayed("select#to").await.select_by_value("done").await.unwrap();
    browser.displayed("form[action$='/estado'] button[type=submit]").await.click().await.unwrap();
    let problem = browser.displayed(".notice--error").await.text().await.unwrap();
    assert!(problem.contains("evidencia"), "{problem}");
    browser.displayed("select#to").await.select_by_value("done").await.unwrap();
    browser
        .displayed("#status-note")
        .await
        .send_keys("Constancias de capacitación firmadas, en archivo")
        .await
        .unwrap();
    browser.displayed("form[action$='/estado'] button[type=submit]").await.click().await.unwrap();
    browser.displayed(".notice[role=status]").await;
    let history = browser.displayed(".history").await.text().await.unwrap();
    assert!(history.contains("Pendiente → Hecha — Constancias de capacitación firmadas"), "{history}");

    // Back on the plan, the PDF downloads.
    browser.displayed(".breadcrumb a").await.click().await.unwrap();
    browser.displayed("a[href$='/pdf']").await.click().await.unwrap();
    let pdf = browser.downloaded(".pdf").await;
    assert!(pdf.starts_with(b"%PDF-"), "a PDF was downloaded");
    browser.quit().await;
}
