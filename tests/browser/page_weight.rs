//! What a phone on a weak connection downloads for a section page: the page itself with its
//! stylesheet and script before the WebAssembly, and the WebAssembly, as the server sends them
//! (gzip). Sizes, not times: they do not depend on the machine.

use assessments::organization::OrganizationKind;
use senda_tests::TestApp;
use senda_tests::demo::{MILL, MILL_MEMBER};

/// The most a section page may weigh, transferred, before its WebAssembly starts loading.
const BEFORE_WEBASSEMBLY_BUDGET: usize = 150 * 1024;

/// The WebAssembly of the site the tests run on (a debug build, as `scripts/test` builds it),
/// gzipped: its size on 2026-12-01 (4,046,397 bytes) plus 10 %. A release build is far smaller
/// (docs/BENCHMARKS.md); this budget catches growth, not the release figure.
const WEBASSEMBLY_BUDGET: usize = 4_046_397 * 11 / 10;

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

    assert_eq!(webassembly.len(), 1, "one WebAssembly file: {webassembly:?}");
    let bundle = transferred(&visitor.client, app.url(&webassembly[0])).await;
    println!("{section}: {page} bytes, {total} with {before:?}; WebAssembly {bundle} bytes (gzip)");
    assert!(
        bundle <= WEBASSEMBLY_BUDGET,
        "the WebAssembly is {bundle} bytes gzipped: over {WEBASSEMBLY_BUDGET}"
    );
}
