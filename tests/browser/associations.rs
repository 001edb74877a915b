//! An association and its members clicked through, with JavaScript and without: the union's
//! admin finds the dashboard on their home, reads each member's progress and the figures across
//! members, narrows them to a sector (withheld: it would single out the mill), and asks the
//! tobacco company to share; the tobacco company's admin reads exactly what would be shared,
//! adds its summary and accepts; the union's viewer then finds it among the members.

use assessments::organization::OrganizationKind;
use senda_tests::TestApp;
use senda_tests::browser::{Browser, JavaScript, PHONE};
use senda_tests::demo::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_an_association_asks_and_a_company_shares() {
    ask_and_share(JavaScript::On).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_an_association_asks_and_a_company_shares() {
    ask_and_share(JavaScript::Off).await;
}

async fn ask_and_share(javascript: JavaScript) {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let union = app.organization_id(OrganizationKind::Association, UNION).await;
    let tobacco = app.organization_id(OrganizationKind::Company, TOBACCO).await;
    let dashboard = format!("/asociaciones/{union}");

    let admin = Browser::start(javascript, PHONE).await;
    admin.sign_in(&app, ASSOCIATION_ADMIN).await;
    admin.follow(&format!("a[href='{dashboard}']")).await;
    admin.wait_for_path(&dashboard).await;
    let members = admin.displayed_with(".members", GROWER_1).await;
    assert!(members.contains(MILL) && !members.contains(TOBACCO), "{members}");
    admin.displayed(".member svg .progress-chart__line").await;
    admin.displayed_with("section[aria-labelledby='aggregates-title']", "6 empresas").await;

    // The growers alone would be the whole less the mill: withheld, and the page says why.
    admin.displayed("#sector").await.select_by_value("cane_grower").await.unwrap();
    admin.displayed("form.filters button[type=submit]").await.click().await.unwrap();
    admin.wait_for_address_with("sector=cane_grower").await;
    admin.displayed_with(".withheld", "dejaría deducir los datos de muy pocas empresas").await;

    admin.displayed("#empresa").await.send_keys(TOBACCO).await.unwrap();
    admin.displayed("#ask-title ~ form button[type=submit]").await.click().await.unwrap();
    admin.wait_for_address_with("solicitud=enviada").await;
    admin.displayed_with("#ask-outcome", "Solicitud enviada").await;
    admin.quit().await;

    // The company's admin: what would be shared, the summary added, accepted.
    let company = Browser::start(javascript, PHONE).await;
    company.sign_in(&app, TOBACCO_ADMIN).await;
    company.client.goto(&app.url(&format!("/empresas/{tobacco}/accesos"))).await.unwrap();
    company.settled().await;
    let request = company.displayed_with(".requests-to-answer", UNION).await;
    assert!(request.contains("Nunca verá sus respuestas"), "{request}");
    company.displayed(".requests-to-answer input[name=resumen]").await.click().await.unwrap();
    company.displayed(".requests-to-answer button[value=aceptar]").await.click().await.unwrap();
    company.displayed_with(".cards", "Avance del plan y resumen de la última evaluación").await;
    assert!(!company.is_displayed(".requests-to-answer").await, "answered, the request is gone");
    company.quit().await;

    // From the union's next look, the tobacco company is a member with its summary.
    let viewer = Browser::start(javascript, PHONE).await;
    viewer.sign_in(&app, ASSOCIATION_VIEWER).await;
    viewer.client.goto(&app.url(&dashboard)).await.unwrap();
    let members = viewer.displayed_with(".members", TOBACCO).await;
    assert!(members.contains("resumen de su última evaluación"), "{members}");
    viewer.quit().await;
}
