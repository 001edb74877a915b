//! The page shell in a phone-sized window.

use senda_tests::TestApp;
use senda_tests::browser::{Browser, JavaScript, PHONE};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_hydrated_the_menu_button_folds_and_unfolds_the_navigation_without_a_reload() {
    let app = TestApp::spawn().await;
    let browser = Browser::start(JavaScript::On, PHONE).await;
    browser.client.goto(&app.url("/")).await.unwrap();

    // The button appears only once WebAssembly has taken over the page.
    let button = browser.displayed("button.menu-toggle").await;
    assert!(!browser.is_displayed("#main-nav a[href='/']").await, "navigation should fold on a phone");
    assert_eq!(button.attr("aria-expanded").await.unwrap().as_deref(), Some("false"));

    // A marker on the window survives only if the page is not reloaded.
    browser.client.execute("window.sendaMarker = 42; return null;", vec![]).await.unwrap();
    button.click().await.unwrap();
    browser.displayed("#main-nav a[href='/']").await;
    assert_eq!(button.attr("aria-expanded").await.unwrap().as_deref(), Some("true"));
    let marker = browser.client.execute("return window.sendaMarker ?? null;", vec![]).await.unwrap();
    assert_eq!(marker, serde_json::json!(42), "the page was reloaded");

    button.click().await.unwrap();
    assert!(!browser.is_displayed("#main-nav a[href='/']").await);
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_javascript_the_navigation_is_open_and_the_language_switch_works() {
    let app = TestApp::spawn().await;
    let browser = Browser::start(JavaScript::Off, PHONE).await;
    browser.client.goto(&app.url("/")).await.unwrap();
    assert_eq!(browser.page_language().await, "es");

    // Nothing hydrates: no menu button, and the navigation stays in reach.
    browser.displayed("#main-nav a[href='/']").await;
    assert!(!browser.is_displayed("button.menu-toggle").await);

    browser.displayed("a[hreflang='en']").await.click().await.unwrap();
    browser.displayed("h1").await;
    assert_eq!(browser.page_language().await, "en");
    let heading = browser.displayed("h1").await.text().await.unwrap();
    assert_eq!(heading, "Labor self-assessment for agricultural companies");

    // The choice is remembered.
    browser.client.refresh().await.unwrap();
    assert_eq!(browser.page_language().await, "en");
    browser.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_the_language_switch_also_works() {
    let app = TestApp::spawn().await;
    let browser = Browser::start(JavaScript::On, senda_tests::browser::DESKTOP).await;
    browser.client.goto(&app.url("/")).await.unwrap();
    browser.displayed("a[hreflang='en']").await.click().await.unwrap();
    let deadline = std::time::Instant::now() + senda_tests::browser::PATIENCE;
    while browser.page_language().await != "en" {
        assert!(std::time::Instant::now() < deadline, "the page did not switch to English");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        browser.displayed("h1").await.text().await.unwrap(),
        "Labor self-assessment for agricultural companies"
    );
    browser.quit().await;
}
