//! The pages around an assessment, with JavaScript on: an advisor reads the gap report and takes
//! its CSV, a company's admin withdraws an access and invites a person, and the company's staff
//! attach a document to an answer.

use assessments::answers::AssessmentStatus;
use assessments::organization::OrganizationKind;
use fantoccini::Locator;
use senda_tests::TestApp;
use senda_tests::browser::{Browser, JavaScript, PHONE};
use senda_tests::demo::*;

const ASSOCIATION: &str = "Unión de Cañeros de Nayarit (demo)";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_an_advisor_reads_the_gap_report_findings_first_and_downloads_its_csv() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let submitted = app.demo_assessment(mill).await;
    let browser = Browser::start(JavaScript::On, PHONE).await;
    browser.sign_in(&app, ADVISOR).await;

    browser.client.goto(&app.url(&format!("/empresas/{mill}"))).await.unwrap();
    browser.wait_for_hydration().await;
    browser.follow(&format!("a[href='/evaluaciones/{submitted}']")).await;
    browser.follow("a[href$='/brechas']").await;
    browser.wait_for_path(&format!("/evaluaciones/{submitted}/brechas")).await;
    let score = browser.displayed(".scorecard__number").await.text().await.unwrap();
    assert!(score.parse::<u32>().is_ok_and(|n| n < 100), "a score below 100: {score}");
    let page = browser.displayed(".report").await.text().await.unwrap();
    let at = |text: &str| page.find(text).unwrap_or_else(|| panic!("the report lacks {text}"));
    assert!(at("Hallazgos de tolerancia cero") < at("Puntaje por sección"), "findings come first");

    browser.displayed("a[href$='brechas.csv']").await.click().await.unwrap();
    let csv = browser.downloaded(".csv").await;
    assert!(csv.starts_with("\u{feff}".as_bytes()), "UTF-8 with a BOM, for spreadsheets");
    assert!(String::from_utf8(csv).unwrap().contains("Art. 133 fr. II y III"), "the finding is in the CSV");
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_an_admin_withdraws_an_access_and_invites_a_person() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let browser = Browser::start(JavaScript::On, PHONE).await;
    browser.sign_in(&app, MILL_ADMIN).await;

    browser.client.goto(&app.url(&format!("/empresas/{mill}/accesos"))).await.unwrap();
    browser.wait_for_hydration().await;
    let cards = browser.client.find_all(Locator::Css("ul.cards > li.card")).await.unwrap();
    assert_eq!(cards.len(), 2, "the advisory organization and the association");
    let mut withdraw = None;
    for card in cards {
        if card.text().await.unwrap().contains(ASSOCIATION) {
            withdraw = Some(card.find(Locator::Css("button[type=submit]")).await.unwrap());
        }
    }
    withdraw.expect("the association's access").click().await.unwrap();
    let deadline = std::time::Instant::now() + senda_tests::browser::PATIENCE;
    while browser.client.find_all(Locator::Css("ul.cards > li.card")).await.unwrap().len() != 1 {
        assert!(std::time::Instant::now() < deadline, "the withdrawn access stayed on the page");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let association = app.organization_id(OrganizationKind::Association, ASSOCIATION).await;
    let admin = app.store.account_by_email(MILL_ADMIN).await.unwrap().unwrap();
    let viewer = app.store.viewer(admin.id).await.unwrap().unwrap();
    let grants = app.store.grants(&viewer, mill).await.unwrap();
    assert!(grants.iter().all(|g| g.grantee.id != association), "withdrawn in the database too");

    browser.client.goto(&app.url(&format!("/organizaciones/{mill}/personas"))).await.unwrap();
    browser.wait_for_hydration().await;
    browser.displayed("select#role").await.select_by_value("company_member").await.unwrap();
    browser.displayed("form[action$='/invitaciones'] button[type=submit]").await.click().await.unwrap();
    let link = browser.displayed(".invitation-link").await.text().await.unwrap();
    assert!(link.contains("/invitacion/"), "a one-time link to pass on: {link}");
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_a_document_attached_to_an_answer_is_kept_and_listed() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let member = app.store.account_by_email(MILL_MEMBER).await.unwrap().unwrap();
    let viewer = app.store.viewer(member.id).await.unwrap().unwrap();
    let in_progress = app
        .store
        .assessments_of(&viewer, mill)
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.status == AssessmentStatus::InProgress)
        .expect("the demo's assessment of version 3")
        .id;
    let document = std::env::temp_dir().join(format!("politica-{in_progress}.pdf"));
    std::fs::write(&document, b"%PDF-1.4\n%%EOF\n").unwrap();

    let browser = Browser::start(JavaScript::On, PHONE).await;
    browser.sign_in(&app, MILL_MEMBER).await;
    browser.client.goto(&app.url(&format!("/evaluaciones/{in_progress}/secciones/codigo"))).await.unwrap();
    browser.wait_for_hydration().await;
    let question = "#q-codigo\\.politica-escrita";
    browser.displayed(&format!("{question} .question__more summary")).await.click().await.unwrap();
    browser
        .displayed("#u-codigo\\.politica-escrita")
        .await
        .send_keys(&document.display().to_string())
        .await
        .unwrap();
    browser.displayed(".answers__actions button[type=submit]").await.click().await.unwrap();
    let listed = browser.displayed(&format!("{question} .files a")).await.text().await.unwrap();
    assert!(listed.starts_with("politica-"), "the file is listed under its answer: {listed}");
    let files = app.store.evidence_files(&viewer, in_progress).await.unwrap();
    assert_eq!(files.len(), 1, "and kept");
    let _ = std::fs::remove_file(document);
    browser.quit().await;
}
