//! axe-core, the accessibility engine, run inside Chromium on every kind of page, signed in as
//! each role that reaches it, once hydrated: no violation of any rule it checks (WCAG 2.x A and
//! AA among them: contrast, names, labels, landmarks, language).

use assessments::answers::AssessmentStatus;
use assessments::organization::OrganizationKind;
use fantoccini::Locator;
use senda_tests::TestApp;
use senda_tests::browser::{Browser, JavaScript, PHONE};
use senda_tests::demo::*;

/// axe-core as `scripts/setup --for-tests` installs it.
fn axe_source() -> String {
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("{} (run scripts/setup --for-tests): {e}", file.display()))
}

/// The violations axe finds on the page the browser shows, one line each: rule, impact, what
/// it asks for, and the first elements that break it.
async fn violations(browser: &Browser, axe: &str) -> Vec<String> {
    browser.client.execute(&format!("{axe}\nreturn true;"), vec![]).await.expect("axe loads");
    let found = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(result => done(result.violations.map(v =>
                 `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')}`)))
               .catch(error => done([`axe failed: ${error}`]));",
            vec![],
        )
        .await
        .expect("axe runs");
    serde_json::from_value(found).expect("a list of violations")
}

/// Visits each of `paths` hydrated and returns its violations, each prefixed with who saw it where.
async fn check(app: &TestApp, who: Option<&str>, paths: &[String], axe: &str) -> Vec<String> {
    let browser = Browser::start(JavaScript::On, PHONE).await;
    if let Some(email) = who {
        browser.sign_in(app, email).await;
    }
    let mut found = Vec::new();
    for path in paths {
        browser.client.goto(&app.url(path)).await.unwrap();
        browser.wait_for_hydration().await;
        for violation in violations(&browser, axe).await {
            found.push(format!("{} on {path}: {violation}", who.unwrap_or("signed out")));
        }
    }
    browser.quit().await;
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kind_of_page_has_no_accessibility_violation_for_any_role() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let axe = axe_source();
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let union = app.organization_id(OrganizationKind::Association, UNION).await;
    let member = app.store.account_by_email(MILL_MEMBER).await.unwrap().unwrap();
    let viewer = app.store.viewer(member.id).await.unwrap().unwrap();
    let assessments = app.store.assessments_of(&viewer, mill).await.unwrap();
    let in_status = |status| assessments.iter().find(|a| a.status == status).map(|a| a.id).unwrap();
    let (submitted, in_progress) =
        (in_status(AssessmentStatus::Submitted), in_status(AssessmentStatus::InProgress));
    let plan = app.store.plan_of_assessment(&viewer, submitted).await.unwrap().expect("the demo's plan");

    // The harness sees a violation when there is one: a field without a label, added by hand.
    let browser = Browser::start(JavaScript::On, PHONE).await;
    browser.client.goto(&app.url("/entrar")).await.unwrap();
    browser.wait_for_hydration().await;
    let script = "document.querySelector('main').append(document.createElement('input')); return true;";
    browser.client.execute(script, vec![]).await.unwrap();
    let planted = violations(&browser, &axe).await;
    assert!(planted.iter().any(|v| v.starts_with("label (critical)")), "{planted:?}");
    browser.quit().await;

    // An invitation link, as a newcomer opens it.
    let admin = app.signed_in(MILL_ADMIN).await;
    let invited =
        admin.post_form(&format!("/organizaciones/{mill}/invitaciones"), &[("role", "company_member")]).await;
    let location = invited.header("location").expect("back to the people page").to_owned();
    let token = location.split("invitacion=").nth(1).expect("the link is shown to the admin").to_owned();
    let signed_out = [
        "/".to_owned(),
        "/entrar".to_owned(),
        "/cuestionarios".to_owned(),
        "/parametros-legales".to_owned(),
        format!("/invitacion/{token}"),
    ];
    let mut found = check(&app, None, &signed_out, &axe).await;
    // The first start's setup page, on an installation without anyone yet.
    let first_run = TestApp::spawn().await;
    found.extend(check(&first_run, None, &["/configuracion-inicial".into()], &axe).await);
    // An action's page, as its plan links it.
    let browser = Browser::start(JavaScript::Off, PHONE).await;
    browser.sign_in(&app, MILL_MEMBER).await;
    browser.client.goto(&app.url(&format!("/planes/{plan}"))).await.unwrap();
    let action = browser.client.find(Locator::Css("a[href*='/acciones/']")).await.unwrap();
    let action = action.attr("href").await.unwrap().expect("a link to an action");
    browser.quit().await;
    let company_pages = [
        "/".to_owned(),
        "/empresas".to_owned(),
        format!("/empresas/{mill}"),
        format!("/evaluaciones/{in_progress}"),
        format!("/evaluaciones/{in_progress}/secciones/perfil"),
        format!("/evaluaciones/{in_progress}/secciones/captura"),
        format!("/evaluaciones/{submitted}/brechas"),
        format!("/planes/{plan}"),
        action,
    ];
    found.extend(check(&app, Some(MILL_MEMBER), &company_pages, &axe).await);
    let admin_pages = [
        format!("/empresas/{mill}/accesos"),
        format!("/empresas/{mill}/bitacora"),
        format!("/organizaciones/{mill}/personas"),
    ];
    found.extend(check(&app, Some(MILL_ADMIN), &admin_pages, &axe).await);
    let advisor_pages =
        ["/".to_owned(), format!("/evaluaciones/{submitted}"), format!("/evaluaciones/{submitted}/brechas")];
    found.extend(check(&app, Some(ADVISOR), &advisor_pages, &axe).await);
    found.extend(
        check(&app, Some(ASSOCIATION_ADMIN), &["/".into(), format!("/asociaciones/{union}")], &axe).await,
    );
    found.extend(check(&app, Some(PLATFORM_ADMIN), &["/".into(), "/organizaciones".into()], &axe).await);
    assert!(found.is_empty(), "{} accessibility violation(s):\n{}", found.len(), found.join("\n"));
}
