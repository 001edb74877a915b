//! Per-company confidentiality as people meet it: reads by everyone who must get nothing and by
//! those who must get what they should, revocations and removals that apply on the next request,
//! invitations, sign-in and set-up. Every route and its exact statuses: `writes.rs`.

use assessments::organization::OrganizationKind;
use senda_tests::demo::*;
use senda_tests::{DEMO_PASSWORD, TestApp, Visitor};

/// The demo, and the sugar mill's id.
async fn demo() -> (TestApp, String) {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    (app, mill)
}

/// A way to read a company's data.
#[derive(Debug, Clone)]
enum Probe {
    Page(String),
    ServerFn(&'static str, String),
    ServerFnWith(&'static str, Vec<(&'static str, String)>),
}

/// What everyone with any access to the company may read: its overview.
fn overview_probes(company: &str) -> Vec<Probe> {
    vec![Probe::Page(format!("/empresas/{company}")), Probe::ServerFn("companies/get", company.to_owned())]
}

/// What only the company's own admins may read.
fn admin_probes(company: &str) -> Vec<Probe> {
    vec![
        Probe::Page(format!("/empresas/{company}/accesos")),
        Probe::Page(format!("/empresas/{company}/bitacora")),
        Probe::Page(format!("/organizaciones/{company}/personas")),
        Probe::ServerFn("companies/access", company.to_owned()),
        Probe::ServerFn("companies/audit-log", company.to_owned()),
        Probe::ServerFn("organizations/people", company.to_owned()),
    ]
}

async fn probe(visitor: &Visitor, probe: &Probe) -> senda_tests::Reply {
    match probe {
        Probe::Page(path) => visitor.get(path).await,
        Probe::ServerFn(endpoint, id) => {
            let field = if endpoint.starts_with("organizations") { "organization_id" } else { "company_id" };
            visitor.call(endpoint, &[(field, id)]).await
        }
        Probe::ServerFnWith(endpoint, fields) => {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            visitor.call(endpoint, &fields).await
        }
    }
}

/// Signed in but not allowed: the same 404 as for a company that does not exist, and nothing of
/// the company in the body.
async fn assert_gets_nothing(who: &str, visitor: &Visitor, probes: &[Probe]) {
    for p in probes {
        let reply = probe(visitor, p).await;
        assert_eq!(reply.status, 404, "{who} reached {p:?}: {}", reply.body);
        assert!(!reply.body.contains(MILL), "{who} saw the company's name through {p:?}");
    }
}

async fn assert_gets_it(who: &str, visitor: &Visitor, probes: &[Probe]) {
    for p in probes {
        let reply = probe(visitor, p).await;
        assert_eq!(reply.status, 200, "{who} was refused {p:?}: {}", reply.body);
        assert!(reply.body.contains(MILL), "{who}: {p:?}");
    }
}

async fn assert_company_not_listed(who: &str, visitor: &Visitor, company: &str) {
    let reply = visitor.call("companies/list", &[]).await;
    assert_eq!(reply.status, 200, "{who}: {}", reply.body);
    assert!(!reply.body.contains(company), "{who} sees the company in their list");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_of_other_companies_and_organizations_without_a_grant_get_nothing() {
    let (app, mill) = demo().await;
    let everything: Vec<Probe> = overview_probes(&mill).into_iter().chain(admin_probes(&mill)).collect();
    for who in [TOBACCO_ADMIN, TOBACCO_MEMBER, PLATFORM_ADMIN] {
        let visitor = app.signed_in(who).await;
        assert_gets_nothing(who, &visitor, &everything).await;
        assert_company_not_listed(who, &visitor, &mill).await;
    }
    // Their writes, with real ids in the state where each is allowed: see `writes.rs`.
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nonexistent_company_and_a_forbidden_one_answer_alike() {
    let (app, mill) = demo().await;
    let stranger = app.signed_in(TOBACCO_ADMIN).await;
    let forbidden = stranger.get(&format!("/empresas/{mill}")).await;
    let missing = stranger.get("/empresas/00000000-0000-4000-8000-000000000000").await;
    assert_eq!((forbidden.status, missing.status), (404, 404));
    let fn_forbidden = stranger.call("companies/get", &[("company_id", &mill)]).await;
    let fn_missing =
        stranger.call("companies/get", &[("company_id", "00000000-0000-4000-8000-000000000000")]).await;
    assert_eq!((fn_forbidden.status, fn_forbidden.body), (fn_missing.status, fn_missing.body));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_out_client_is_sent_to_sign_in_and_server_functions_refuse_it() {
    let (app, mill) = demo().await;
    let visitor = app.visitor();
    for p in overview_probes(&mill).iter().chain(&admin_probes(&mill)) {
        let reply = probe(&visitor, p).await;
        match p {
            Probe::Page(_) => {
                assert_eq!(reply.status, 302, "{p:?}");
                assert!(reply.header("location").is_some_and(|l| l.starts_with("/entrar?volver=")), "{p:?}");
            }
            Probe::ServerFn(..) | Probe::ServerFnWith(..) => assert_eq!(reply.status, 401, "{p:?}"),
        }
        assert!(!reply.body.contains(MILL));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_people_see_the_company_and_only_admins_administer_it() {
    let (app, mill) = demo().await;
    let admin = app.signed_in(MILL_ADMIN).await;
    assert_gets_it("mill admin", &admin, &overview_probes(&mill)).await;
    assert_gets_it("mill admin", &admin, &admin_probes(&mill)).await;

    let member = app.signed_in(MILL_MEMBER).await;
    assert_gets_it("mill member", &member, &overview_probes(&mill)).await;
    assert_gets_nothing("mill member", &member, &admin_probes(&mill)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn granted_outsiders_see_the_overview_and_their_views_are_audited() {
    let (app, mill) = demo().await;
    for who in [ADVISOR, ASSOCIATION_ADMIN, ASSOCIATION_VIEWER] {
        let visitor = app.signed_in(who).await;
        assert_gets_it(who, &visitor, &overview_probes(&mill)).await;
        assert_gets_nothing(who, &visitor, &admin_probes(&mill)).await;
    }
    let admin = app.signed_in(MILL_ADMIN).await;
    let log = admin.call("companies/audit-log", &[("company_id", &mill)]).await;
    assert!(log.body.contains("OutsiderViewed") && log.body.contains(ADVISOR), "{}", log.body);
    // The tobacco company granted nobody: neither the advisor nor the association sees it.
    let tobacco = app.organization_id(OrganizationKind::Company, TOBACCO).await.to_string();
    for who in [ADVISOR, ASSOCIATION_ADMIN, ASSOCIATION_VIEWER] {
        let visitor = app.signed_in(who).await;
        assert_eq!(visitor.get(&format!("/empresas/{tobacco}")).await.status, 404, "{who}");
        assert_eq!(visitor.call("companies/get", &[("company_id", &tobacco)]).await.status, 404, "{who}");
        assert_company_not_listed(who, &visitor, &tobacco).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_grant_takes_effect_on_the_next_request() {
    let (app, mill) = demo().await;
    let advisor = app.signed_in(ADVISOR).await;
    assert_gets_it("advisor", &advisor, &overview_probes(&mill)).await;

    let admin = app.signed_in(MILL_ADMIN).await;
    let access = admin.call("companies/access", &[("company_id", &mill)]).await;
    let access: serde_json::Value = serde_json::from_str(&access.body).unwrap();
    let grant = access["grants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["scope"] == "assessments")
        .expect("the demo grants the advisory organization");
    let grant_id = grant["id"].as_str().unwrap();
    let reply = admin.post_form(&format!("/empresas/{mill}/accesos/{grant_id}/retirar"), &[]).await;
    assert_eq!(reply.status, 303);

    assert_gets_nothing("advisor after revocation", &advisor, &overview_probes(&mill)).await;
    assert_company_not_listed("advisor after revocation", &advisor, &mill).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_member_loses_the_session_and_the_company() {
    let (app, mill) = demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    assert_gets_it("mill member", &member, &overview_probes(&mill)).await;

    let admin = app.signed_in(MILL_ADMIN).await;
    let people = admin.call("organizations/people", &[("organization_id", &mill)]).await;
    let people: serde_json::Value = serde_json::from_str(&people.body).unwrap();
    let member_id = people["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == MILL_MEMBER)
        .and_then(|m| m["user_id"].as_str())
        .unwrap()
        .to_owned();
    let reply = admin.post_form(&format!("/organizaciones/{mill}/personas/{member_id}/quitar"), &[]).await;
    assert_eq!(reply.status, 303);

    // The old session is over: the page sends them to sign in, the server function refuses.
    let page = member.get(&format!("/empresas/{mill}")).await;
    assert_eq!(page.status, 302);
    assert_eq!(member.call("companies/get", &[("company_id", &mill)]).await.status, 401);
    // Signing in again gives them nothing of the company.
    let again = app.signed_in(MILL_MEMBER).await;
    assert_gets_nothing("removed member", &again, &overview_probes(&mill)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_link_works_once_and_sets_the_role() {
    let (app, mill) = demo().await;
    let admin = app.signed_in(MILL_ADMIN).await;
    let reply =
        admin.post_form(&format!("/organizaciones/{mill}/invitaciones"), &[("role", "company_member")]).await;
    let location = reply.header("location").unwrap().to_owned();
    let token = location.split("invitacion=").nth(1).expect("the link is shown to the admin").to_owned();

    let newcomer = app.visitor();
    let page = newcomer.get(&format!("/invitacion/{token}")).await;
    assert!(page.body.contains(MILL), "the invitation names the company");
    let fields = [("name", "Rosa Medina"), ("email", "rosa@ingenio.mx"), ("password", DEMO_PASSWORD)];
    let joined = newcomer.post_form(&format!("/invitacion/{token}"), &fields).await;
    assert_eq!(joined.header("location"), Some("/"));
    assert_eq!(newcomer.get(&format!("/empresas/{mill}")).await.status, 200);
    assert_eq!(
        newcomer.call("companies/access", &[("company_id", &mill)]).await.status,
        404,
        "a member is not an admin"
    );

    let second = app.visitor();
    let used = second.get(&format!("/invitacion/{token}")).await;
    assert!(!used.body.contains(MILL), "a used invitation reveals nothing");
    let fields = [("name", "Otra"), ("email", "otra@ingenio.mx"), ("password", DEMO_PASSWORD)];
    second.post_form(&format!("/invitacion/{token}"), &fields).await;
    assert!(
        app.store.account_by_email("otra@ingenio.mx").await.unwrap().is_none(),
        "a used link created an account"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_errors_do_not_tell_whether_an_email_exists_and_attempts_are_limited() {
    let (app, _) = demo().await;
    let visitor = app.visitor();
    let wrong_password =
        visitor.post_form("/entrar", &[("email", MILL_ADMIN), ("password", "not the password")]).await;
    let unknown_email = visitor
        .post_form("/entrar", &[("email", "nadie@ingenio.mx"), ("password", "not the password")])
        .await;
    let code =
        |reply: &senda_tests::Reply| reply.header("location").unwrap().split('&').next().unwrap().to_owned();
    assert_eq!(code(&wrong_password), "/entrar?error=credentials_wrong");
    assert_eq!(code(&unknown_email), code(&wrong_password));
    assert!(
        wrong_password.header("location").unwrap().contains("correo=admin%40ingenio.demo.senda.mx"),
        "the email typed is kept"
    );

    for _ in 0..4 {
        visitor.post_form("/entrar", &[("email", MILL_ADMIN), ("password", "still wrong")]).await;
    }
    let blocked = visitor.post_form("/entrar", &[("email", MILL_ADMIN), ("password", DEMO_PASSWORD)]).await;
    assert!(
        blocked.header("location").unwrap().starts_with("/entrar?error=too_many_attempts"),
        "{blocked:?}"
    );

    let admin = app.signed_in(TOBACCO_ADMIN).await;
    let tobacco = app.organization_id(OrganizationKind::Company, TOBACCO).await.to_string();
    let log = admin.call("companies/audit-log", &[("company_id", &tobacco)]).await;
    assert!(log.body.contains("SignedIn"), "{}", log.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_ends_the_session_on_the_server() {
    let (app, mill) = demo().await;
    let admin = app.signed_in(MILL_ADMIN).await;
    let cookie_jar_before = admin.get(&format!("/empresas/{mill}")).await;
    assert_eq!(cookie_jar_before.status, 200);
    let reply = admin.post_form("/salir", &[]).await;
    assert_eq!(reply.status, 303);
    assert_eq!(admin.call("companies/get", &[("company_id", &mill)]).await.status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_loads_twice_without_change() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let accounts = app.store.count_accounts().await.unwrap();
    app.load_demo().await;
    assert_eq!(app.store.count_accounts().await.unwrap(), accounts);
    let admin = app.signed_in(MILL_ADMIN).await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    let access = admin.call("companies/access", &[("company_id", &mill)]).await;
    let access: serde_json::Value = serde_json::from_str(&access.body).unwrap();
    assert_eq!(access["grants"].as_array().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_run_setup_creates_one_platform_admin_and_then_closes() {
    let app = TestApp::spawn().await;
    let visitor = app.visitor();
    assert!(visitor.get("/configuracion-inicial").await.body.contains("Crear cuenta de administración"));
    let short = visitor
        .post_form(
            "/configuracion-inicial",
            &[("name", "Ana"), ("email", "ana@senda.mx"), ("password", "corta")],
        )
        .await;
    let location = short.header("location").unwrap();
    assert!(location.contains("error=password_too_short") && location.contains("nombre=Ana"), "{location}");
    let form_again = visitor.get(location).await;
    assert!(form_again.body.contains("al menos 10 caracteres") && form_again.body.contains(r#"value="Ana""#));

    let fields = [("name", "Ana"), ("email", "ana@senda.mx"), ("password", DEMO_PASSWORD)];
    let created = visitor.post_form("/configuracion-inicial", &fields).await;
    assert_eq!(created.header("location"), Some("/"));
    let second = app.visitor();
    let fields = [("name", "Eve"), ("email", "eve@senda.mx"), ("password", DEMO_PASSWORD)];
    let refused = second.post_form("/configuracion-inicial", &fields).await;
    assert!(refused.header("location").unwrap().contains("error=setup_closed"));
    assert_eq!(app.store.count_accounts().await.unwrap(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cross_site_form_post_is_refused() {
    let (app, mill) = demo().await;
    let admin = app.signed_in(MILL_ADMIN).await;
    let reply = admin
        .client
        .post(format!("http://{}/organizaciones/{mill}/invitaciones", app.addr))
        .header("origin", "https://evil.example")
        .form(&[("role", "company_admin")])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_platform_admin_creates_a_company_whose_first_admin_joins_by_link() {
    let (app, _) = demo().await;
    let platform = app.signed_in(PLATFORM_ADMIN).await;
    let bad = platform
        .post_form(
            "/organizaciones",
            &[("kind", "company"), ("name", "Cañera del Sur"), ("sector", ""), ("rfc", "XX")],
        )
        .await;
    let location = bad.header("location").unwrap();
    assert!(location.contains("sector_missing") && location.contains("rfc_invalid"), "{location}");
    assert!(
        platform.get(location).await.body.contains(r#"value="Cañera del Sur""#),
        "what was typed is kept"
    );

    let fields =
        [("kind", "company"), ("name", "Cañera del Sur"), ("sector", "cane_grower"), ("rfc", "csu850101ab1")];
    let created = platform.post_form("/organizaciones", &fields).await;
    let token = created.header("location").unwrap().split("invitacion=").nth(1).unwrap().to_owned();

    let newcomer = app.visitor();
    let fields = [("name", "Luis Ortega"), ("email", "luis@canera.mx"), ("password", DEMO_PASSWORD)];
    newcomer.post_form(&format!("/invitacion/{token}"), &fields).await;
    let company = app.organization_id(OrganizationKind::Company, "Cañera del Sur").await.to_string();
    assert_eq!(
        newcomer.call("companies/access", &[("company_id", &company)]).await.status,
        200,
        "the first member is its admin"
    );
    // The platform admin created it but sees nothing of its data.
    assert_eq!(platform.get(&format!("/empresas/{company}")).await.status, 404);
    // Only platform admins list organizations.
    assert_eq!(newcomer.call("organizations/list", &[]).await.status, 404);
}

/// Every way to read an assessment's answers.
fn assessment_probes(assessment: &str) -> Vec<Probe> {
    vec![
        Probe::Page(format!("/evaluaciones/{assessment}")),
        Probe::Page(format!("/evaluaciones/{assessment}/secciones/perfil")),
        Probe::ServerFnWith("assessments/overview", vec![("assessment_id", assessment.to_owned())]),
        Probe::ServerFnWith(
            "assessments/section",
            vec![("assessment_id", assessment.to_owned()), ("section_id", "perfil".to_owned())],
        ),
        Probe::Page(format!("/evaluaciones/{assessment}/brechas")),
        Probe::ServerFnWith("assessments/gap-report", vec![("assessment_id", assessment.to_owned())]),
    ]
}

/// Every way to change an assessment, for the company's own people only.
fn answering_actions(company: &str, assessment: &str) -> Vec<(String, Vec<(&'static str, String)>)> {
    vec![
        (
            format!("/empresas/{company}/evaluaciones"),
            vec![("questionnaire", "agro-laboral@3".into()), ("carry", String::new())],
        ),
        (
            format!("/evaluaciones/{assessment}/secciones/perfil"),
            vec![("a.perfil.temporales", "yes".into()), ("r.perfil.temporales", "0".into())],
        ),
        (format!("/evaluaciones/{assessment}/borradores/perfil.temporales/descartar"), vec![]),
        (format!("/evaluaciones/{assessment}/enviar"), vec![]),
        // Returning needs a submitted assessment, and is its advisor's too: see `writes.rs`.
    ]
}

/// The mill's admin starts an assessment; its id.
async fn mill_assessment(app: &TestApp, mill: &str) -> String {
    let admin = app.signed_in(MILL_ADMIN).await;
    let reply = admin
        .post_form(
            &format!("/empresas/{mill}/evaluaciones"),
            &[("questionnaire", "agro-laboral@3"), ("carry", "")],
        )
        .await;
    reply.header("location").and_then(|l| l.strip_prefix("/evaluaciones/")).expect("started").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_are_seen_by_own_people_and_granted_advisors_and_changed_by_own_people_only() {
    let (app, mill) = demo().await;
    let assessment = mill_assessment(&app, &mill).await;
    let probes = assessment_probes(&assessment);
    for who in [TOBACCO_ADMIN, TOBACCO_MEMBER, PLATFORM_ADMIN, ASSOCIATION_ADMIN, ASSOCIATION_VIEWER] {
        let visitor = app.signed_in(who).await;
        assert_gets_nothing(who, &visitor, &probes).await;
        let list = visitor.call("assessments/of-company", &[("company_id", &mill)]).await;
        assert!(!list.body.contains(&assessment), "{who} sees the assessment listed");
    }
    for who in [MILL_ADMIN, MILL_MEMBER, ADVISOR] {
        let visitor = app.signed_in(who).await;
        assert_gets_it(who, &visitor, &probes).await;
        let list = visitor.call("assessments/of-company", &[("company_id", &mill)]).await;
        assert!(list.body.contains(&assessment), "{who} misses the assessment in the list");
    }
    let admin = app.signed_in(MILL_ADMIN).await;
    let count_assessments = async || {
        let list = admin.call("assessments/of-company", &[("company_id", &mill)]).await;
        list.body.matches("\"questionnaire_version\"").count()
    };
    let assessments_before = count_assessments().await;
    for who in [TOBACCO_ADMIN, PLATFORM_ADMIN, ASSOCIATION_ADMIN, ADVISOR] {
        let visitor = app.signed_in(who).await;
        for (path, fields) in answering_actions(&mill, &assessment) {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let reply = visitor.post_form(&path, &fields).await;
            assert_eq!(reply.status, 404, "{who} could POST {path}");
            assert!(!reply.body.contains(MILL));
        }
    }
    let section =
        admin.call("assessments/section", &[("assessment_id", &assessment), ("section_id", "perfil")]).await;
    assert!(section.body.contains("\"answers\":[]"), "an outsider's post changed the answers");
    assert_eq!(count_assessments().await, assessments_before, "an outsider started an assessment");
    let log = admin.call("companies/audit-log", &[("company_id", &mill)]).await;
    assert!(log.body.contains("assessment answers"), "the advisor's look is in the log: {}", log.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_advisor_and_a_signed_out_client_see_no_answers() {
    let (app, mill) = demo().await;
    let assessment = mill_assessment(&app, &mill).await;
    let probes = assessment_probes(&assessment);
    let advisor = app.signed_in(ADVISOR).await;
    assert_gets_it("advisor", &advisor, &probes).await;

    let admin = app.signed_in(MILL_ADMIN).await;
    let access = admin.call("companies/access", &[("company_id", &mill)]).await;
    let access: serde_json::Value = serde_json::from_str(&access.body).unwrap();
    let grant = access["grants"].as_array().unwrap().iter().find(|g| g["scope"] == "assessments").unwrap();
    let grant_id = grant["id"].as_str().unwrap();
    admin.post_form(&format!("/empresas/{mill}/accesos/{grant_id}/retirar"), &[]).await;
    assert_gets_nothing("advisor after revocation", &advisor, &probes).await;

    let visitor = app.visitor();
    for p in &probes {
        let reply = probe(&visitor, p).await;
        assert!(matches!(reply.status, 302 | 401), "{p:?}: {}", reply.status);
        assert!(!reply.body.contains(MILL));
    }
    for (path, _) in answering_actions(&mill, &assessment) {
        let reply = visitor.post_form(&path, &[]).await;
        assert_ne!(reply.status, 200, "{path}");
        assert!(!reply.body.contains(MILL));
    }
}

/// A removed admin cannot come back through an invitation they sent before: neither the link an
/// admin created for someone else, nor one they keep for themselves.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_admins_invitations_die_with_their_membership() {
    let (app, mill) = demo().await;
    async fn invite(visitor: &Visitor, mill: &str, role: &str) -> String {
        let reply =
            visitor.post_form(&format!("/organizaciones/{mill}/invitaciones"), &[("role", role)]).await;
        reply.header("location").unwrap().split("invitacion=").nth(1).expect("a token").to_owned()
    }
    // A second admin joins by the first admin's invitation.
    let first = app.signed_in(MILL_ADMIN).await;
    let for_second = invite(&first, &mill, "company_admin").await;
    let second = app.visitor();
    let fields = [("name", "Laura Ibarra"), ("email", "laura@ingenio.mx"), ("password", DEMO_PASSWORD)];
    assert_eq!(second.post_form(&format!("/invitacion/{for_second}"), &fields).await.status, 303);
    // The first admin keeps a link, then is removed by the second.
    let kept = invite(&first, &mill, "company_admin").await;
    let also_kept = invite(&first, &mill, "company_member").await;
    let first_id = app.store.account_by_email(MILL_ADMIN).await.unwrap().unwrap().id.to_string();
    let second = app.signed_in("laura@ingenio.mx").await;
    let removed = second.post_form(&format!("/organizaciones/{mill}/personas/{first_id}/quitar"), &[]).await;
    assert_eq!(removed.status, 303);

    // Neither link works any more: not for the removed admin signed in, nor for a new account.
    let back = app.signed_in(MILL_ADMIN).await;
    back.post_form(&format!("/invitacion/{kept}"), &[]).await;
    assert_eq!(back.get(&format!("/empresas/{mill}")).await.status, 404, "the removed admin is not back");
    let stranger = app.visitor();
    let fields = [("name", "Alguien"), ("email", "alguien@ingenio.mx"), ("password", DEMO_PASSWORD)];
    stranger.post_form(&format!("/invitacion/{also_kept}"), &fields).await;
    assert!(
        app.store.account_by_email("alguien@ingenio.mx").await.unwrap().is_none(),
        "no account from a dead link"
    );

    // The admin who stays still invites, and that link works.
    let fresh = invite(&second, &mill, "company_member").await;
    let newcomer = app.visitor();
    let fields = [("name", "Nuevo"), ("email", "nuevo@ingenio.mx"), ("password", DEMO_PASSWORD)];
    assert_eq!(
        newcomer.post_form(&format!("/invitacion/{fresh}"), &fields).await.header("location"),
        Some("/")
    );
    assert_eq!(newcomer.get(&format!("/empresas/{mill}")).await.status, 200);
}
