//! The page shell, health, language, error pages and the database underneath.

use axum::routing::get;
use senda_tests::TestApp;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_names_the_version_and_reports_the_database() {
    let app = TestApp::spawn().await;
    let reply = app.get("/healthz", None).await;
    assert_eq!(reply.status, 200);
    let health: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(health["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(health["database"], "ok");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_answers_503_when_the_database_does_not() {
    let app = TestApp::spawn().await;
    app.store.close().await;
    let reply = app.get("/healthz", None).await;
    assert_eq!(reply.status, 503);
    let health: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(health["database"], "unavailable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_database_and_its_folder_are_created_on_first_start() {
    let app = TestApp::spawn().await;
    if let Some(file) = app.database.url.sqlite_file() {
        assert!(file.is_file(), "{} was not created", file.display());
    } else {
        assert!(app.database.is_postgres());
    }
    assert!(app.store.applied_migrations().await.unwrap() >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_home_page_is_the_spanish_shell_ready_to_hydrate() {
    let app = TestApp::spawn().await;
    let reply = app.get("/", None).await;
    assert_eq!(reply.status, 200);
    let html = &reply.body;
    assert!(html.contains(r#"<html lang="es""#), "{html}");
    for expected in
        ["Inicio", "Autoevaluación laboral para empresas agrícolas", "Saltar al contenido", "English"]
    {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    assert!(html.contains("/pkg/senda.js"), "the hydration script is not referenced");
    assert!(html.contains("/pkg/senda.css"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_sets_a_cookie_and_returns_to_the_same_page() {
    let app = TestApp::spawn().await;
    let reply = app.get("/idioma/en?volver=/alguna/pagina%3Fx%3D1", None).await;
    assert_eq!(reply.status, 303);
    assert_eq!(reply.header("location"), Some("/alguna/pagina?x=1"));
    let cookie = reply.header("set-cookie").unwrap();
    assert!(
        cookie.starts_with("senda_lang=en;")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
    );

    let english = app.get("/", Some("senda_lang=en")).await;
    assert!(english.body.contains(r#"<html lang="en""#));
    assert!(english.body.contains("Labor self-assessment for agricultural companies"));
    assert!(english.body.contains("Español"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_language_switch_never_sends_the_reader_to_another_site() {
    let app = TestApp::spawn().await;
    // A tab or newline is stripped by browsers (`/\t/evil.example` reads as `//evil.example`);
    // other control characters once made the redirect itself fail.
    for target in [
        "//evil.example/",
        "https://evil.example/",
        "/%5Cevil.example",
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%01x",
    ] {
        let reply = app.get(&format!("/idioma/es?volver={target}"), None).await;
        assert_eq!(reply.status, 303);
        assert_eq!(reply.header("location"), Some("/"), "for {target}");
    }
    assert_eq!(app.get("/idioma/fr", None).await.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_address_is_a_404_page_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let spanish = app.get("/no/existe", None).await;
    assert_eq!(spanish.status, 404);
    assert!(spanish.body.contains("No encontramos esta página"));
    let english = app.get("/no/existe", Some("senda_lang=en")).await;
    assert_eq!(english.status, 404);
    assert!(english.body.contains("We could not find this page"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_becomes_a_500_page_in_the_readers_language_without_internal_details() {
    async fn explode() -> &'static str {
        panic!("secret internal detail")
    }
    let app = TestApp::spawn_with(|routes| routes.route("/explota", get(explode))).await;
    let spanish = app.get("/explota", None).await;
    assert_eq!(spanish.status, 500);
    assert!(spanish.body.contains("Algo salió mal"));
    assert!(!spanish.body.contains("secret internal detail"));
    let english = app.get("/explota", Some("senda_lang=en")).await;
    assert_eq!(english.status, 500);
    assert!(english.body.contains("Something went wrong"));
    // The server is still serving.
    assert_eq!(app.get("/healthz", None).await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_assets_are_served_from_the_site_root() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get("/favicon.svg", None).await.status, 200);
    let css = app.get("/pkg/senda.css", None).await;
    assert_eq!(css.status, 200, "run `cargo leptos build` before the tests");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_bundle_is_sent_compressed_to_save_slow_connections() {
    let app = TestApp::spawn().await;
    let response =
        app.client().get(app.url("/pkg/senda.wasm")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers().get("content-encoding").and_then(|v| v.to_str().ok()), Some("gzip"));
}
