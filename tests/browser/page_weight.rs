//! What a phone on a weak connection downloads for a section page: the page itself with its
//! stylesheet and script, as the server sends them (gzip), and the release WebAssembly that a phone
//! gets (built by `scripts/test`), gzipped. Sizes, not times: they do not depend on the machine.

use assessments::organization::OrganizationKind;
use senda_tests::TestApp;
use senda_tests::demo::{MILL, MILL_MEMBER};

/// The most a section page may weigh, transferred, before its WebAssembly starts loading.
const BEFORE_WEBASSEMBLY_BUDGET: usize = 150 * 1024;

/// The release WebAssembly, gzipped: what a phone downloads once (issue 17).
const RELEASE_WEBASSEMBLY_BUDGET: usize = 250 * 1024;

/// A first visit of a section page on a phone, transferred: the page, its stylesheet and script,
/// and the release WebAssembly.
const FIRST_VISIT_BUDGET: usize = 350 * 1024;

/// Where `scripts/test` leaves the release build's script and WebAssembly (`cargo leptos build
/// --release --frontend-only`), before building the debug site the other tests run on.
fn release_bundle() -> std::path::PathBuf {
    senda_tests::site_root().join("../release-bundle")
}

/// `bytes` gzipped at the default level, as the server's compression sends them.
fn gzipped(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// A file of the release bundle, gzipped; missing means the release build did not run.
fn release_file(name: &str) -> usize {
    let path = release_bundle().join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|error| {
        panic!("{}: {error}. `scripts/test` builds it; so does `cargo leptos build --release --frontend-only` and copying target/site/pkg/{{senda.js,senda.wasm}} there", path.display())
    });
    gzipped(&bytes)
}

/// `path` as a browser that accepts gzip receives it: the bytes on the wire.
async fn transferred(client: &reqwest::Client, url: String) -> usize {
    let response =
        client.get(&url).header("accept-encoding", "gzip").send().await.expect("the server answers");
    assert_eq!(response.status().as_u16(), 200, "{url}");
    response.bytes().await.expect("the body").len()
}

/// Every `/pkg/…` file a page names: its stylesheet, script and WebAssembly.
fn assets(html: &str) -> Vec<String> {
    let mut found: Vec<String> = html
        .split(['"', '\''])
        .filter(|part| part.starts_with("/pkg/") && !part.contains(char::is_whitespace))
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_section_page_and_its_webassembly_stay_within_what_a_phone_can_afford() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let assessment = app.demo_assessment(mill).await;
    let visitor = app.signed_in(MILL_MEMBER).await;
    let overview = visitor.get(&format!("/evaluaciones/{assessment}")).await;
    let sections: Vec<&str> = overview
        .body
        .split('"')
        .filter(|part| part.starts_with(&format!("/evaluaciones/{assessment}/secciones/")))
        .collect();
    assert!(!sections.is_empty(), "the overview links its sections");

    // The heaviest section of the demo's assessment, with everything it loads before WebAssembly.
    let mut heaviest = (0, String::new(), Vec::new());
    for section in sections {
        let page = transferred(&visitor.client, app.url(section)).await;
        if page > heaviest.0 {
            let html = visitor.get(section).await.body;
            heaviest = (page, section.to_owned(), assets(&html));
        }
    }
    let (page, section, assets) = heaviest;
    let (webassembly, before): (Vec<String>, Vec<String>) =
        assets.into_iter().partition(|a| a.ends_with(".wasm"));
    assert!(
        before.iter().any(|a| a.ends_with(".css")) && before.iter().any(|a| a.ends_with(".js")),
        "{before:?}"
    );
    let mut total = page;
    for asset in &before {
        total += transferred(&visitor.client, app.url(asset)).await;
    }
    assert!(
        total <= BEFORE_WEBASSEMBLY_BUDGET,
        "{section} weighs {total} bytes before WebAssembly (page {page}, then {before:?}): over {BEFORE_WEBASSEMBLY_BUDGET}"
    );

    // The debug WebAssembly the tests run is not what a phone gets: the release build is measured.
    assert!(webassembly.len() <= 1, "at most one WebAssembly file: {webassembly:?}");
    let script = before.iter().find(|a| a.ends_with(".js")).map(|_| release_file("senda.js")).unwrap_or(0);
    let bundle = release_file("senda.wasm");
    let first_visit = total + bundle + script;
    println!(
        "{section}: {page} bytes, {total} with {before:?}; release WebAssembly {bundle} bytes and script {script} (gzip); first visit {first_visit}"
    );
    assert!(
        bundle <= RELEASE_WEBASSEMBLY_BUDGET,
        "the release WebAssembly is {bundle} bytes gzipped: over {RELEASE_WEBASSEMBLY_BUDGET}"
    );
    assert!(
        first_visit <= FIRST_VISIT_BUDGET,
        "a first visit of {section} transfers {first_visit} bytes: over {FIRST_VISIT_BUDGET}"
    );
}
