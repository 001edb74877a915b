//! Signing in, seeing one's own company, signing out — as a person does it, with and without
//! JavaScript.

use assessments::organization::OrganizationKind;
use fantoccini::Locator;
use senda_tests::browser::{Browser, JavaScript, PHONE};
use senda_tests::{DEMO_PASSWORD, TestApp};

async fn sign_in_see_company_sign_out(javascript: JavaScript) {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let browser = Browser::start(javascript, PHONE).await;
    browser.client.goto(&app.url("/empresas")).await.unwrap();

    // Not signed in: sent to the sign-in form, which will return here.
    browser.displayed("form[action='/entrar']").await;
    assert!(browser.client.current_url().await.unwrap().as_str().contains("/entrar?volver=/empresas"));

    // A wrong password: the message, and the email still typed in.
    browser.displayed("#email").await.send_keys("admin@ingenio.demo.senda.mx").await.unwrap();
    browser.displayed("#password").await.send_keys("no es la contraseña").await.unwrap();
    browser.displayed("form[action='/entrar'] button[type=submit]").await.click().await.unwrap();
    let problem = browser.displayed(".field-problem").await.text().await.unwrap();
    assert_eq!(problem, "El correo o la contraseña no coinciden.");
    let kept = browser.displayed("#email").await.prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("admin@ingenio.demo.senda.mx"));

    browser.displayed("#password").await.send_keys(DEMO_PASSWORD).await.unwrap();
    browser.displayed("form[action='/entrar'] button[type=submit]").await.click().await.unwrap();

    // Back on the list: the sugar mill, and not the tobacco company.
    let mill = browser.displayed("ul.cards a").await;
    assert_eq!(mill.text().await.unwrap(), "Ingenio La Esperanza (demo)");
    let names = browser.client.find_all(Locator::Css("ul.cards a")).await.unwrap();
    assert_eq!(names.len(), 1, "the admin sees only their own company");
    mill.click().await.unwrap();
    let heading = browser.displayed("h1").await.text().await.unwrap();
    assert_eq!(heading, "Ingenio La Esperanza (demo)");
    let mill_id = app.organization_id(OrganizationKind::Company, "Ingenio La Esperanza (demo)").await;
    assert!(browser.client.current_url().await.unwrap().path().ends_with(&mill_id.to_string()));

    // Sign out from the header (the menu folds on a phone once hydrated).
    if javascript == JavaScript::On {
        browser.displayed("button.menu-toggle").await.click().await.unwrap();
    }
    browser.displayed("form[action='/salir'] button").await.click().await.unwrap();
    browser.wait_for_path("/").await;
    if javascript == JavaScript::On {
        browser.displayed("button.menu-toggle").await.click().await.unwrap();
    }
    browser.displayed("a[href='/entrar']").await;
    browser.client.goto(&app.url(&format!("/empresas/{mill_id}"))).await.unwrap();
    browser.displayed("form[action='/entrar']").await;
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_a_person_signs_in_sees_their_company_and_signs_out() {
    sign_in_see_company_sign_out(JavaScript::On).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_a_person_signs_in_sees_their_company_and_signs_out() {
    sign_in_see_company_sign_out(JavaScript::Off).await;
}
