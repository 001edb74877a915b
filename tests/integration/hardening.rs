//! The hardening review's findings (issue 15), each replayed as the attack it describes: sign-in
//! limits raced and abused, sessions kept across a change of person, the first-run setup raced.

use assessments::access::AuditAction;
use assessments::organization::OrganizationKind;
use senda_tests::demo::{ADVISOR, MILL, MILL_ADMIN, MILL_MEMBER, TOBACCO_ADMIN, TOBACCO_MEMBER};
use senda_tests::{DEMO_PASSWORD, TestApp, visible_text};

/// The demo, and the sugar mill's id.
async fn demo() -> (TestApp, assessments::ids::OrganizationId) {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    (app, mill)
}

/// Posts the sign-in form as a client at `from` (behind a trusted proxy when the app trusts
/// this machine) without cookies; returns where the answer sends it, and the cookies it sets.
async fn sign_in(app: &TestApp, from: Option<&str>, email: &str, password: &str) -> (String, Vec<String>) {
    let mut request = app.client().post(app.url("/entrar")).form(&[("email", email), ("password", password)]);
    if let Some(from) = from {
        request = request.header("x-forwarded-for", from);
    }
    let reply = request.send().await.expect("the test server answers");
    assert_eq!(reply.status(), 303);
    let cookies = reply
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .collect();
    (reply.headers()["location"].to_str().unwrap().to_owned(), cookies)
}

fn outcome(location: &str) -> &str {
    match location {
        "/" => "signed in",
        l if l.starts_with("/entrar?error=credentials_wrong") => "wrong",
        l if l.starts_with("/entrar?error=too_many_attempts") => "waits",
        other => panic!("unexpected answer to a sign-in: {other}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_wrong_passwords_sent_at_once_get_five_checks_and_no_more() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mut burst = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let (client, url) = (app.client(), app.url("/entrar"));
        burst.spawn(async move {
            let reply = client.post(url).form(&[("email", MILL_ADMIN), ("password", "not it")]).send().await;
            reply.expect("the test server answers").headers()["location"].to_str().unwrap().to_owned()
        });
    }
    let outcomes: Vec<String> = burst.join_all().await;
    let checked = outcomes.iter().filter(|l| outcome(l) == "wrong").count();
    let refused = outcomes.iter().filter(|l| outcome(l) == "waits").count();
    assert_eq!((checked, refused), (5, 45), "only the pair's five free failures reach the password check");

    // The same place now waits, even with the right password.
    let (location, _) = sign_in(&app, None, MILL_ADMIN, DEMO_PASSWORD).await;
    assert_eq!(outcome(&location), "waits");
    // The attempts are in the company's log: each checked one once, the refused ones not at all.
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let log = app.audit_log(mill, MILL_ADMIN).await;
    assert_eq!(log.iter().filter(|line| line.action == AuditAction::SignInFailed).count(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strangers_failing_from_many_places_slow_them_down_but_never_the_owner_at_their_usual_place() {
    let app = TestApp::spawn_with_settings(|settings| {
        settings.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    app.load_demo().await;
    let owner_place = Some("201.141.3.9");
    assert_eq!(outcome(&sign_in(&app, owner_place, MILL_ADMIN, DEMO_PASSWORD).await.0), "signed in");

    // Twelve strangers, each from an address of their own: the account's ten free failures pass
    // the check, the next ones wait — and so would the right password typed from a new place.
    let mut seen = Vec::new();
    for n in 0..12 {
        let place = format!("198.51.100.{n}");
        seen.push(outcome(&sign_in(&app, Some(&place), MILL_ADMIN, "guess").await.0).to_owned());
    }
    assert_eq!(seen, [vec!["wrong"; 10], vec!["waits"; 2]].concat());
    let (from_a_new_place, _) = sign_in(&app, Some("198.51.100.200"), MILL_ADMIN, DEMO_PASSWORD).await;
    assert_eq!(outcome(&from_a_new_place), "waits");

    // The owner, from where they always sign in, is not slowed down by any of it.
    assert_eq!(outcome(&sign_in(&app, owner_place, MILL_ADMIN, DEMO_PASSWORD).await.0), "signed in");
    // The forwarded address is the one recorded, so the owner's place is the one their admins see.
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let log = app.audit_log(mill, MILL_ADMIN).await;
    let signed_in: Vec<_> = log.iter().filter(|line| line.action == AuditAction::SignedIn).collect();
    assert_eq!(signed_in.len(), 2);
    assert!(signed_in.iter().all(|line| line.address.as_deref() == Some("201.141.3.9")), "{signed_in:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_is_trusted_to_forward_only_when_the_operator_says_so() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    // Without trusted proxies a client cannot pose as many places: the header is ignored, so
    // the pair of this machine and the account is what waits after five failures.
    for n in 0..5 {
        let place = format!("198.51.100.{n}");
        assert_eq!(outcome(&sign_in(&app, Some(&place), MILL_MEMBER, "guess").await.0), "wrong");
    }
    let (sixth, _) = sign_in(&app, Some("198.51.100.99"), MILL_MEMBER, "guess").await;
    assert_eq!(outcome(&sixth), "waits");
}

/// The session cookie's `name=value` among a reply's cookies.
fn session_cookie<'a>(cookies: &'a [String], name: &str) -> &'a str {
    let cookie =
        cookies.iter().find(|c| c.starts_with(&format!("{name}="))).expect("a session cookie is set");
    cookie.split(';').next().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_as_someone_else_on_a_signed_in_browser_starts_a_new_session() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let (_, cookies) = sign_in(&app, None, MILL_MEMBER, DEMO_PASSWORD).await;
    let first = session_cookie(&cookies, "senda_session").to_owned();

    let reply = app
        .client()
        .post(app.url("/entrar"))
        .header("cookie", &first)
        .form(&[("email", TOBACCO_ADMIN), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.headers()["location"], "/");
    let cookies: Vec<String> =
        reply.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_owned()).collect();
    let second = session_cookie(&cookies, "senda_session").to_owned();
    assert_ne!(second, first, "the session id is renewed");

    // The first id opens nothing any more; the new one is the tobacco admin's.
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    let companies = |cookie: String| {
        let request = app.client().post(app.url("/api/companies/get")).header("cookie", cookie);
        let request = request.form(&[("company_id", mill.as_str())]);
        async move { request.send().await.unwrap().status().as_u16() }
    };
    assert_eq!(companies(first).await, 401);
    assert_eq!(companies(second).await, 404, "the tobacco admin does not see the mill");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_https_the_session_cookie_is_secure_and_bound_to_this_host() {
    let app = TestApp::spawn_with_settings(|settings| settings.secure_cookies = true).await;
    app.load_demo().await;
    let (location, cookies) = sign_in(&app, None, MILL_ADMIN, DEMO_PASSWORD).await;
    assert_eq!(location, "/");
    let cookie = cookies.iter().find(|c| c.starts_with("__Host-senda_session=")).expect("{cookies:?}");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.split("; ").any(|a| a == attribute), "{attribute} missing from {cookie}");
    }
    assert!(!cookie.contains("Domain="), "{cookie}");
    assert!(!cookies.iter().any(|c| c.starts_with("senda_session=")), "{cookies:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simultaneous_first_run_setups_create_one_platform_admin() {
    let app = TestApp::spawn().await;
    let mut setups = tokio::task::JoinSet::new();
    for n in 0..8 {
        let (client, url) = (app.client(), app.url("/configuracion-inicial"));
        setups.spawn(async move {
            let email = format!("admin{n}@senda.mx");
            let fields = [("name", "Admin"), ("email", email.as_str()), ("password", DEMO_PASSWORD)];
            let reply = client.post(url).form(&fields).send().await.expect("the test server answers");
            reply.headers()["location"].to_str().unwrap().to_owned()
        });
    }
    let locations: Vec<String> = setups.join_all().await;
    let created = locations.iter().filter(|l| *l == "/").count();
    let closed = locations.iter().filter(|l| l.contains("error=setup_closed")).count();
    assert_eq!((created, closed), (1, 7), "{locations:?}");
    assert_eq!(app.store.count_accounts().await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_runs_only_its_own_nonced_scripts_cannot_be_framed_and_is_never_kept() {
    let (app, mill) = demo().await;
    let admin = app.signed_in(MILL_ADMIN).await;
    let page = admin.get(&format!("/empresas/{mill}")).await;
    assert_eq!(page.status, 200);
    let policy = page.header("content-security-policy").expect("a page sends its policy");
    let nonce = policy.split("'nonce-").nth(1).and_then(|rest| rest.split('\'').next()).expect(policy);
    for directive in ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "'wasm-unsafe-eval'"]
    {
        assert!(policy.contains(directive), "{directive} missing from {policy}");
    }
    assert!(!policy.contains("'unsafe-inline'") && !policy.contains("'unsafe-eval'"), "{policy}");
    // Every script the page carries (the hydration script, the data it hydrates from) has it.
    let scripts: Vec<&str> =
        page.body.split("<script").skip(1).map(|s| s.split('>').next().unwrap()).collect();
    assert!(!scripts.is_empty(), "the page hydrates");
    for script in &scripts {
        assert!(
            script.contains(&format!("nonce=\"{nonce}\"")),
            "a script without the nonce: <script{script}>"
        );
    }
    let again = admin.get(&format!("/empresas/{mill}")).await;
    assert!(!again.header("content-security-policy").unwrap().contains(nonce), "a nonce is used once");

    for reply in
        [&page, &admin.get(&format!("/evaluaciones/{}/brechas.csv", app.demo_assessment(mill).await)).await]
    {
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("referrer-policy"), Some("same-origin"));
        assert_eq!(reply.header("strict-transport-security"), None, "not over plain HTTP");
    }
    let csv = admin.get(&format!("/evaluaciones/{}/brechas.csv", app.demo_assessment(mill).await)).await;
    assert!(csv.header("content-security-policy").unwrap().contains("script-src 'none'"));

    let https = TestApp::spawn_with_settings(|settings| settings.secure_cookies = true).await;
    let home = https.get("/", None).await;
    assert_eq!(home.header("strict-transport-security"), Some("max-age=31536000"));
}

/// Starts posting a 30 MB section form whose body never arrives beyond its first part, and
/// returns the status line the server answers with meanwhile, or `None` if it waits for the body.
async fn post_a_body_that_never_ends(app: &TestApp, path: &str, cookie: &str) -> Option<String> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary=frontera\r\nContent-Length: 30000000\r\n\r\n\
         --frontera\r\nContent-Disposition: form-data; name=\"u.codigo.politica-escrita\"; \
         filename=\"grande.pdf\"\r\n\r\n%PDF-1.4\n",
        app.addr
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&vec![b'0'; 64 * 1024]).await.unwrap();
    let mut answer = vec![0; 64];
    let read = tokio::time::timeout(std::time::Duration::from_secs(3), stream.read(&mut answer)).await;
    let read = read.ok()?.ok()?;
    String::from_utf8_lossy(&answer[..read]).lines().next().map(str::to_owned)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_strangers_upload_is_refused_before_its_body_is_read() {
    let (app, mill) = demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let started = member
        .post_form(&format!("/empresas/{mill}/evaluaciones"), &[("questionnaire", "agro-laboral@3")])
        .await;
    let assessment = started.header("location").expect("started").to_owned();
    let path = format!("{assessment}/secciones/codigo");

    let (_, cookies) = sign_in(&app, None, TOBACCO_MEMBER, DEMO_PASSWORD).await;
    let stranger = session_cookie(&cookies, "senda_session").to_owned();
    assert_eq!(
        post_a_body_that_never_ends(&app, &path, &stranger).await.as_deref(),
        Some("HTTP/1.1 404 Not Found")
    );

    // The company's own person is heard out: the server waits for the rest of the body...
    let (_, cookies) = sign_in(&app, None, MILL_MEMBER, DEMO_PASSWORD).await;
    let own = session_cookie(&cookies, "senda_session").to_owned();
    assert_eq!(post_a_body_that_never_ends(&app, &path, &own).await, None);
    // ...and a whole file of theirs is kept.
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("politica.pdf");
    let form = reqwest::multipart::Form::new().part("u.codigo.politica-escrita", part);
    let saved = member.post_multipart(&path, form).await;
    assert_eq!(saved.header("location"), Some(format!("{path}?guardado=1").as_str()), "{saved:?}");
}

/// The kinds of the lines of `company`'s log, oldest first, with their details.
async fn log_kinds(app: &TestApp, company: assessments::ids::OrganizationId) -> Vec<(AuditAction, String)> {
    let mut log = app.audit_log(company, MILL_ADMIN).await;
    log.reverse();
    log.into_iter().map(|line| (line.action, line.detail)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_an_advisor_lists_returns_verifies_and_sends_back_is_in_the_companys_log() {
    let (app, mill) = demo().await;
    let (advisor, member) = (app.signed_in(ADVISOR).await, app.signed_in(MILL_MEMBER).await);
    let before = log_kinds(&app, mill).await.len();

    let company = [("company_id", mill.to_string())];
    let company: Vec<(&str, &str)> = company.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(advisor.call("assessments/of-company", &company).await.status, 200);
    let plans = advisor.call("plans/of-company", &company).await;
    assert_eq!(plans.status, 200);
    // The company's own people listing the same are not outsiders: nothing is written for them.
    assert_eq!(member.call("assessments/of-company", &company).await.status, 200);

    let plans: serde_json::Value = serde_json::from_str(&plans.body).unwrap();
    let plan = plans[0]["header"]["id"].as_str().unwrap().to_owned();
    let page = advisor.call("plans/get", &[("plan_id", &plan)]).await;
    let page: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    let actions = page["actions"].as_array().unwrap();
    let with_status = |status: &str| {
        let action = actions.iter().find(|a| a["action"]["status"] == status).expect(status);
        (action["action"]["id"].as_str().unwrap().to_owned(), action["action"]["revision"].to_string())
    };
    let (done, done_revision) = with_status("done");
    let verify = format!("/planes/{plan}/acciones/{done}/estado");
    let verified =
        advisor.post_form(&verify, &[("estado", "verified"), ("nota", ""), ("r", &done_revision)]).await;
    assert_eq!(
        verified.header("location"),
        Some(format!("/planes/{plan}/acciones/{done}?guardado=1").as_str())
    );

    let (open, open_revision) = with_status("in_progress");
    let path = format!("/planes/{plan}/acciones/{open}/estado");
    let finished =
        member.post_form(&path, &[("estado", "done"), ("nota", "Listo"), ("r", &open_revision)]).await;
    assert!(finished.header("location").unwrap().ends_with("?guardado=1"), "{finished:?}");
    let next_revision = (open_revision.parse::<i64>().unwrap() + 1).to_string();
    let back =
        [("estado", "in_progress"), ("nota", "Falta la firma del supervisor"), ("r", next_revision.as_str())];
    assert!(advisor.post_form(&path, &back).await.header("location").unwrap().ends_with("?guardado=1"));

    let assessment = app.demo_assessment(mill).await;
    let returned = advisor.post_form(&format!("/evaluaciones/{assessment}/devolver"), &[]).await;
    assert_eq!(returned.status, 303);

    // The company sees what its advisor did, not from where: that is the advisor's business.
    let log = app.audit_log(mill, MILL_ADMIN).await;
    assert!(log.iter().filter(|l| l.action == AuditAction::ActionVerified).all(|l| l.address.is_none()));
    assert!(log.iter().filter(|l| l.action == AuditAction::SignedIn).all(|l| l.address.is_some()));
    let kinds = log_kinds(&app, mill).await;
    let new: Vec<(AuditAction, &str)> = kinds[before..].iter().map(|(a, d)| (*a, d.as_str())).collect();
    assert_eq!(
        new,
        [
            (AuditAction::OutsiderViewed, "list of assessments"),
            (AuditAction::OutsiderViewed, "list of plans"),
            (AuditAction::OutsiderViewed, "improvement plan"),
            (AuditAction::ActionVerified, ""),
            (AuditAction::ActionSentBack, "Falta la firma del supervisor"),
            (AuditAction::AssessmentReturned, ""),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_that_cannot_be_audited_is_not_served() {
    let (app, mill) = demo().await;
    let csv = format!("/evaluaciones/{}/brechas.csv", app.demo_assessment(mill).await);
    let (advisor, member) = (app.signed_in(ADVISOR).await, app.signed_in(MILL_MEMBER).await);
    assert_eq!(advisor.get(&csv).await.status, 200);

    app.database.execute("ALTER TABLE audit_log RENAME TO audit_log_away").await;
    let refused = advisor.get(&csv).await;
    assert_eq!(refused.status, 500);
    assert!(
        !refused.body.contains("\u{feff}") && !refused.body.contains("LFT"),
        "no data without its audit line"
    );
    // The company's own people are not audited, so their export does not depend on the log.
    assert_eq!(member.get(&csv).await.status, 200);
    app.database.execute("ALTER TABLE audit_log_away RENAME TO audit_log").await;
    assert_eq!(advisor.get(&csv).await.status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_log_page_pages_and_filters_by_person_and_kind() {
    let (app, mill) = demo().await;
    // Sixty looks by the advisor, between the admin's sign-ins.
    let advisor = app.signed_in(ADVISOR).await;
    for _ in 0..60 {
        advisor.call("companies/get", &[("company_id", &mill.to_string())]).await;
    }
    let admin = app.signed_in(MILL_ADMIN).await;
    let page = async |query: &str| admin.get(&format!("/empresas/{mill}/bitacora{query}")).await;
    let rows = |html: &str| html.matches("<tr>").count() - 1;

    let first = page("").await;
    assert_eq!(rows(&first.body), 50);
    assert!(
        first.body.contains(&format!("href=\"/empresas/{mill}/bitacora?pagina=2\"")),
        "a link to older lines"
    );
    let by_advisor = page(&format!("?persona={}&tipo=outsider_viewed&pagina=2", "asesora")).await;
    assert_eq!(rows(&by_advisor.body), 10, "60 looks: 50 on the first page, 10 on the second");
    assert!(
        by_advisor.body.contains("pagina=1&amp;persona=asesora&amp;tipo=outsider_viewed"),
        "paging keeps the filter"
    );
    let table = by_advisor.body.split("<tbody>").nth(1).unwrap();
    assert!(
        !table.contains("Entró") && table.contains("Consulta por persona de fuera"),
        "only the kind asked for"
    );
    let admins = page("?persona=ADMIN%40ingenio&tipo=signed_in").await;
    assert_eq!(rows(&admins.body), 1, "the admin's one sign-in, found by part of the email in any case");
    let nobody = page("?persona=nadie").await;
    assert!(visible_text(&nobody.body).contains("Ningún registro coincide con el filtro."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_sees_the_links_not_used_yet_and_a_withdrawn_one_opens_nothing() {
    let (app, mill) = demo().await;
    let admin = app.signed_in(MILL_ADMIN).await;
    let reply =
        admin.post_form(&format!("/organizaciones/{mill}/invitaciones"), &[("role", "company_admin")]).await;
    let token = reply.header("location").unwrap().split("invitacion=").nth(1).unwrap().to_owned();

    let page = admin.get(&format!("/organizaciones/{mill}/personas")).await;
    let text = visible_text(&page.body);
    assert!(
        text.contains("Invitaciones sin usar") && text.contains("Administración de la empresa"),
        "{text}"
    );
    let withdraw = page
        .body
        .split("action=\"")
        .filter_map(|rest| rest.split('"').next())
        .find(|action| action.ends_with("/retirar") && action.contains("/invitaciones/"))
        .expect("a form to withdraw the link")
        .to_owned();
    assert!(!withdraw.contains(&token), "the page names the link by its hash, never by the token itself");
    // Another organization's admin cannot withdraw it, not even through their own organization.
    let key = withdraw.split("/invitaciones/").nth(1).unwrap().trim_end_matches("/retirar");
    let tobacco = app.organization_id(OrganizationKind::Company, senda_tests::demo::TOBACCO).await;
    let other_admin = app.signed_in(TOBACCO_ADMIN).await;
    for path in [withdraw.clone(), format!("/organizaciones/{tobacco}/invitaciones/{key}/retirar")] {
        assert_eq!(other_admin.post_form(&path, &[]).await.status, 404, "{path}");
    }
    assert!(
        visible_text(&admin.get(&format!("/organizaciones/{mill}/personas")).await.body)
            .contains("Invitaciones sin usar")
    );
    assert_eq!(
        admin.post_form(&withdraw, &[]).await.header("location"),
        Some(format!("/organizaciones/{mill}/personas").as_str())
    );
    assert!(
        !visible_text(&admin.get(&format!("/organizaciones/{mill}/personas")).await.body)
            .contains("Invitaciones sin usar")
    );

    // The withdrawn link creates no account and lets nobody in.
    let stranger = app.visitor();
    let fields = [("name", "Eve"), ("email", "eve@example.mx"), ("password", DEMO_PASSWORD)];
    stranger.post_form(&format!("/invitacion/{token}"), &fields).await;
    assert!(app.store.account_by_email("eve@example.mx").await.unwrap().is_none());
    let log = log_kinds(&app, mill).await;
    assert_eq!(log.last().map(|(action, _)| *action), Some(AuditAction::InvitationRevoked));
}

/// The session's row as the database has it: its expiry (unix seconds) and its data.
async fn the_only_session(app: &TestApp) -> (i64, serde_json::Value) {
    use sqlx::{Connection, Row};
    sqlx::any::install_default_drivers();
    let mut connection = sqlx::AnyConnection::connect(app.database.url.as_str()).await.unwrap();
    let rows = sqlx::query("SELECT expires_at, data FROM sessions").fetch_all(&mut connection).await.unwrap();
    assert_eq!(rows.len(), 1, "one person signed in, one session");
    let data: String = rows[0].get("data");
    (rows[0].get("expires_at"), serde_json::from_str(&data).unwrap())
}

/// Moves the session's last keep-alive (and the expiry it set) `seconds` into the past.
async fn age_the_session(app: &TestApp, seconds: i64) {
    use sqlx::Connection;
    let (expires_at, mut data) = the_only_session(app).await;
    let touched = &mut data["data"]["senda.touched"];
    *touched =
        serde_json::json!(touched.as_i64().expect("a signed-in session records its keep-alive") - seconds);
    let mut connection = sqlx::AnyConnection::connect(app.database.url.as_str()).await.unwrap();
    sqlx::query("UPDATE sessions SET expires_at = $1, data = $2")
        .bind(expires_at - seconds)
        .bind(data.to_string())
        .execute(&mut connection)
        .await
        .unwrap();
}

/// Issue 17: a session ends eight hours after its last use, not its sign-in; and keeping it alive
/// writes to the database at most once a quarter of an hour, not on every request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_in_use_is_kept_alive_with_a_write_only_when_its_expiry_is_due() {
    let (app, _) = demo().await;
    let visitor = app.signed_in(MILL_MEMBER).await;
    let (signed_in_until, _) = the_only_session(&app).await;
    // Into the next second (expiries are kept to the second): the sign-in itself marked the
    // session kept alive, so the first pages after it write nothing either.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(visitor.get("/").await.status, 200);
    assert_eq!(visitor.get("/empresas").await.status, 200);
    assert_eq!(the_only_session(&app).await.0, signed_in_until, "no write minutes after the last one");

    // Ten minutes on: still no write.
    age_the_session(&app, 10 * 60).await;
    let (aged, _) = the_only_session(&app).await;
    assert_eq!(visitor.get("/").await.status, 200);
    assert_eq!(the_only_session(&app).await.0, aged);

    // Twenty minutes on: the expiry moves to eight hours from now, and the browser is told.
    age_the_session(&app, 10 * 60).await;
    let reply = visitor.get("/").await;
    assert_eq!(reply.status, 200);
    let now = chrono::Utc::now().timestamp();
    let (renewed, _) = the_only_session(&app).await;
    assert!((now + 8 * 3600 - 60..=now + 8 * 3600 + 5).contains(&renewed), "{renewed} against {now}");
    assert!(
        reply.header("set-cookie").is_some_and(|c| c.contains("Max-Age=28800")),
        "the cookie lives on too"
    );
    assert_eq!(visitor.get("/").await.status, 200, "the renewed session is the same person's");
    assert!(visitor.get("/").await.body.contains("/salir"), "still signed in");
}
