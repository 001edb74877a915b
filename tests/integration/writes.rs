//! The confidentiality matrix over every write. Each action that changes something is tried in
//! the state where it is allowed (a submitted assessment for a return, a real grant for a revoke,
//! a real member for a removal), with real ids. Everyone who must be refused gets the exact
//! status, and a read afterwards shows nothing changed. Then the rightful person does it and
//! succeeds, in the same test, so a probe that fails for everyone cannot pass.
//!
//! [`EVERY_ROUTE`] names every route of the router and every server function with who may use
//! it, and a test checks it against the router's source and the registered server functions.
//! Nothing can be added without saying who may use it.

use assessments::organization::OrganizationKind;
use senda_tests::demo::*;
use senda_tests::{TestApp, Visitor};
use serde_json::Value;

/// Everyone the demo has, signed in. Signed-out clients are tried apart.
const EVERYONE: [&str; 8] = [
    MILL_ADMIN,
    MILL_MEMBER,
    TOBACCO_ADMIN,
    TOBACCO_MEMBER,
    ADVISOR,
    ASSOCIATION_ADMIN,
    ASSOCIATION_VIEWER,
    PLATFORM_ADMIN,
];

const ASSOCIATION: &str = "Unión de Cañeros de Nayarit (demo)";

/// Who may use a route or server function.
#[derive(Debug, Clone, Copy, PartialEq)]
enum May {
    /// Anyone, signed in or not (public pages, signing in, the language switch).
    Anyone,
    /// Anyone signed in, about themselves only (signing out, their own session).
    SignedIn,
    /// The organization's admins.
    OwnAdmins,
    /// The company's own people.
    OwnPeople,
    /// The company's own people, and advisors it granted its assessments.
    OwnPeopleAndAdvisors,
    /// The company's admins, and advisors it granted its assessments.
    OwnAdminsAndAdvisors,
    /// The company's own people, and the advisors and associations it granted.
    OwnPeopleAndGrantees,
    /// Advisors the company granted its assessments, only.
    GrantedAdvisors,
    /// The platform's admins.
    PlatformAdmins,
    /// The association's people, on its own dashboard.
    AssociationPeople,
    /// The association's admins.
    AssociationAdmins,
    /// Whoever holds the one-time link.
    LinkHolder,
    /// Nobody once the platform has an admin.
    FirstRunOnly,
}

/// Every route of the router (`POST` or `GET`, path as the router writes it), every page of the
/// application and every server function (`/api/…`), with who may use it.
const EVERY_ROUTE: &[(&str, &str, May)] = &[
    ("GET", "/healthz", May::Anyone),
    ("GET", "/idioma/{tag}", May::Anyone),
    ("POST", "/entrar", May::Anyone),
    ("POST", "/salir", May::SignedIn),
    ("POST", "/configuracion-inicial", May::FirstRunOnly),
    ("POST", "/invitacion/{token}", May::LinkHolder),
    ("POST", "/organizaciones", May::PlatformAdmins),
    ("POST", "/organizaciones/{id}/invitaciones", May::OwnAdmins),
    ("POST", "/organizaciones/{id}/invitaciones/{invitation}/retirar", May::OwnAdmins),
    ("POST", "/organizaciones/{id}/personas/{user}/quitar", May::OwnAdmins),
    ("POST", "/empresas/{id}/accesos", May::OwnAdmins),
    ("POST", "/empresas/{id}/accesos/{grant}/retirar", May::OwnAdmins),
    ("POST", "/empresas/{id}/accesos/solicitudes/{request}", May::OwnAdmins),
    ("POST", "/asociaciones/{id}/solicitudes", May::AssociationAdmins),
    ("GET", "/asociaciones/{id}", May::AssociationPeople),
    ("GET", "/asociaciones/{id}/panel.csv", May::AssociationPeople),
    ("GET", "/asociaciones/{id}/panel.pdf", May::AssociationPeople),
    ("POST", "/api/associations/dashboard", May::AssociationPeople),
    ("POST", "/empresas/{id}/evaluaciones", May::OwnPeople),
    ("POST", "/evaluaciones/{id}/secciones/{section}", May::OwnPeople),
    ("GET", "/evaluaciones/{id}/evidencias/{file}", May::OwnPeopleAndAdvisors),
    ("GET", "/evaluaciones/{id}/brechas.csv", May::OwnPeopleAndAdvisors),
    ("GET", "/evaluaciones/{id}/brechas.pdf", May::OwnPeopleAndAdvisors),
    ("GET", "/evaluaciones/{id}/cuestionario.pdf", May::OwnPeople),
    ("POST", "/evaluaciones/{id}/idioma", May::OwnPeople),
    ("POST", "/evaluaciones/{id}/plan", May::OwnPeople),
    ("GET", "/planes/{id}/pdf", May::OwnPeopleAndAdvisors),
    ("POST", "/planes/{id}/acciones", May::OwnPeople),
    ("POST", "/planes/{id}/acciones/{action}", May::OwnPeople),
    ("POST", "/planes/{id}/acciones/{action}/estado", May::OwnPeopleAndAdvisors),
    ("POST", "/planes/{id}/acciones/{action}/notas", May::OwnPeopleAndAdvisors),
    ("POST", "/planes/{id}/acciones/{action}/dividir", May::OwnPeople),
    ("POST", "/planes/{id}/acciones/{action}/unir", May::OwnPeople),
    ("POST", "/evaluaciones/{id}/evidencias/{file}/quitar", May::OwnPeople),
    ("POST", "/evaluaciones/{id}/borradores/{question}/descartar", May::OwnPeople),
    ("POST", "/evaluaciones/{id}/enviar", May::OwnPeople),
    ("POST", "/evaluaciones/{id}/devolver", May::OwnAdminsAndAdvisors),
    ("POST", "/evaluaciones/{id}/requisitos/{requirement}/verificar", May::GrantedAdvisors),
    ("POST", "/evaluaciones/{id}/hilos", May::OwnPeopleAndAdvisors),
    ("POST", "/evaluaciones/{id}/hilos/{thread}/responder", May::OwnPeopleAndAdvisors),
    // The company closes its own comments; a request only a granted advisor closes.
    ("POST", "/evaluaciones/{id}/hilos/{thread}/cerrar", May::OwnPeopleAndAdvisors),
    ("POST", "/evaluaciones/{id}/revisiones", May::GrantedAdvisors),
    ("GET", "/", May::Anyone),
    ("GET", "/entrar", May::Anyone),
    ("GET", "/configuracion-inicial", May::FirstRunOnly),
    ("GET", "/empresas", May::SignedIn),
    ("GET", "/empresas/{id}", May::OwnPeopleAndGrantees),
    ("GET", "/empresas/{id}/accesos", May::OwnAdmins),
    ("GET", "/empresas/{id}/bitacora", May::OwnAdmins),
    ("GET", "/evaluaciones/{id}", May::OwnPeopleAndAdvisors),
    ("GET", "/evaluaciones/{id}/brechas", May::OwnPeopleAndAdvisors),
    ("GET", "/evaluaciones/{id}/secciones/{section}", May::OwnPeopleAndAdvisors),
    ("GET", "/planes/{id}", May::OwnPeopleAndAdvisors),
    ("GET", "/planes/{id}/acciones/{action}", May::OwnPeopleAndAdvisors),
    ("GET", "/cuestionarios", May::Anyone),
    ("GET", "/parametros-legales", May::Anyone),
    ("GET", "/organizaciones", May::PlatformAdmins),
    ("GET", "/organizaciones/{id}/personas", May::OwnAdmins),
    ("GET", "/invitacion/{token}", May::LinkHolder),
    ("POST", "/api/plans/get", May::OwnPeopleAndAdvisors),
    ("POST", "/api/plans/action", May::OwnPeopleAndAdvisors),
    ("POST", "/api/plans/of-company", May::OwnPeopleAndGrantees),
    // An association may ask and gets an empty list: it sees no assessment (checked below).
    ("POST", "/api/assessments/of-company", May::OwnPeopleAndGrantees),
    ("POST", "/api/assessments/overview", May::OwnPeopleAndAdvisors),
    ("POST", "/api/assessments/section", May::OwnPeopleAndAdvisors),
    ("POST", "/api/assessments/autosave", May::OwnPeople),
    ("POST", "/api/assessments/gap-report", May::OwnPeopleAndAdvisors),
    ("POST", "/api/session/who", May::Anyone),
    // Each person's own waiting work; signed out, nothing.
    ("POST", "/api/home/waiting", May::Anyone),
    ("POST", "/api/setup/open", May::Anyone),
    ("POST", "/api/parameters/list", May::Anyone),
    ("POST", "/api/companies/list", May::SignedIn),
    ("POST", "/api/companies/get", May::OwnPeopleAndGrantees),
    ("POST", "/api/organizations/people", May::OwnAdmins),
    ("POST", "/api/invitations/get", May::LinkHolder),
    ("POST", "/api/companies/access", May::OwnAdmins),
    ("POST", "/api/organizations/list", May::PlatformAdmins),
    ("POST", "/api/questionnaires/list", May::Anyone),
    ("POST", "/api/companies/audit-log", May::OwnAdmins),
];

/// The router's own routes, read from its source: each `.route("PATH", get(…).post(…))`, with
/// every method chained in the call.
fn routes_in_the_router() -> Vec<(String, String)> {
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../server/src/http.rs"))
        .expect("the router's source");
    // The router itself, not the routers its unit tests build.
    let source = source.split("#[cfg(test)]").next().unwrap_or_default();
    assert!(!source.contains(".nest(") && !source.contains(".merge("), "routes this reader cannot see");
    let mut routes = Vec::new();
    for call in source.split(".route(").skip(1) {
        // The call's own text: up to the parenthesis that closes it.
        let mut depth = 1;
        let end = call
            .char_indices()
            .find(|(_, c)| {
                depth += match c {
                    '(' => 1,
                    ')' => -1,
                    _ => 0,
                };
                depth == 0
            })
            .map(|(at, _)| at)
            .expect("a closed call");
        let call = &call[..end];
        let path = call.split('"').nth(1).expect("a quoted path").to_owned();
        let mut methods = 0;
        for (method, name) in [("GET", "get("), ("POST", "post(")] {
            let chained = call.match_indices(name).any(|(at, _)| {
                call[..at].chars().next_back().is_none_or(|before| !before.is_alphanumeric() && before != '_')
            });
            if chained {
                routes.push((method.to_owned(), path.clone()));
                methods += 1;
            }
        }
        assert!(methods > 0, "{path}: a method this test does not know");
    }
    routes
}

/// The application's pages, written as the router writes paths (`/empresas/{id}`). The server's
/// own list, made once per process: generating it again while another test's server renders
/// pages stalls those renders.
fn pages() -> Vec<String> {
    server::http::page_routes()
        .iter()
        .map(|listing| {
            let parts: Vec<String> = listing
                .path()
                .split('/')
                .map(|part| match part.strip_prefix(':') {
                    Some(name) => format!("{{{name}}}"),
                    None => part.to_owned(),
                })
                .collect();
            let path = parts.join("/");
            if path.is_empty() { "/".to_owned() } else { path }
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_and_server_function_says_who_may_use_it() {
    let mut in_the_app: Vec<(String, String)> = routes_in_the_router();
    in_the_app.extend(
        leptos::server_fn::axum::server_fn_paths()
            .map(|(path, method)| (method.as_str().to_owned(), path.to_owned())),
    );
    in_the_app.extend(pages().into_iter().map(|path| ("GET".to_owned(), path)));
    in_the_app.sort();
    in_the_app.dedup();
    let mut in_the_table: Vec<(String, String)> =
        EVERY_ROUTE.iter().map(|(method, path, _)| ((*method).to_owned(), (*path).to_owned())).collect();
    in_the_table.sort();
    let missing: Vec<_> = in_the_app.iter().filter(|r| !in_the_table.contains(r)).collect();
    let stale: Vec<_> = in_the_table.iter().filter(|r| !in_the_app.contains(r)).collect();
    assert!(missing.is_empty(), "routes with no line in EVERY_ROUTE (who may use them?): {missing:?}");
    assert!(stale.is_empty(), "lines of EVERY_ROUTE that name no route: {stale:?}");
    assert!(
        in_the_app.len() >= 45,
        "only {} routes found: is the parser still reading the router?",
        in_the_app.len()
    );
}

/// The demo, everyone signed in, and the ids a write needs.
struct World {
    app: TestApp,
    people: Vec<(&'static str, Visitor)>,
    mill: String,
    /// The mill's submitted assessment (of version 1) and its plan.
    submitted: String,
    plan: String,
    /// The mill's assessment of version 3, in progress.
    in_progress: String,
}

impl World {
    async fn new() -> Self {
        let app = TestApp::spawn().await;
        app.load_demo().await;
        let mut people = Vec::new();
        for who in EVERYONE {
            people.push((who, app.signed_in(who).await));
        }
        let mill_id = app.organization_id(OrganizationKind::Company, MILL).await;
        let submitted = app.demo_assessment(mill_id).await.to_string();
        let mill = mill_id.to_string();
        let admin = &people[0].1;
        let list = json(admin.call("assessments/of-company", &[("company_id", &mill)]).await);
        let in_progress = list["assessments"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["header"]["status"] == "in_progress")
            .expect("the demo's assessment of version 3")["header"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let overview = json(admin.call("assessments/overview", &[("assessment_id", &submitted)]).await);
        let plan = overview["plan"].as_str().expect("the demo mill's plan").to_owned();
        World { app, people, mill, submitted, plan, in_progress }
    }

    fn as_(&self, who: &str) -> &Visitor {
        &self.people.iter().find(|(w, _)| *w == who).expect("a demo person").1
    }

    /// Tries `path` with `fields` as a signed-out client (sent to sign in) and as everyone not in
    /// `allowed` (404, nothing of the company shown), checking after each that `observe` reads
    /// the same; then as `rightful`, who gets `success` and changes what `observe` reads.
    async fn try_write(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        allowed: &[&str],
        rightful: &str,
        success: u16,
        observe: impl AsyncFn() -> String,
    ) {
        let before = observe().await;
        let reply = self.app.visitor().post_form(path, fields).await;
        assert_eq!(reply.status, 303, "signed out on {path}: {}", reply.body);
        assert!(reply.header("location").is_some_and(|l| l.starts_with("/entrar")), "signed out on {path}");
        assert_eq!(observe().await, before, "a signed-out client changed something through {path}");
        for (who, visitor) in self.people.iter().filter(|(who, _)| !allowed.contains(who)) {
            let reply = visitor.post_form(path, fields).await;
            assert_eq!(reply.status, 404, "{who} on {path}: {}", reply.body);
            assert!(!reply.body.contains(MILL), "{who} saw the company through {path}");
            assert_eq!(observe().await, before, "{who} changed something through {path}");
        }
        let reply = self.as_(rightful).post_form(path, fields).await;
        assert_eq!(reply.status, success, "{rightful} on {path}: {}", reply.body);
        assert_ne!(observe().await, before, "{rightful} changed nothing through {path}");
    }

    /// `path` is a file (an export, a document) of the mill's answers: those who see the answers
    /// get it, everyone else signed in the 404 of a thing that is not there, and a signed-out
    /// client the way to sign in.
    async fn assert_file_goes_to_those_who_see_the_answers(&self, path: &str, starts: &[u8]) {
        self.assert_file_goes_to_only(path, starts, &OWN_AND_ADVISOR).await;
    }

    /// `path` is a file that starts with `starts` for `allowed`, and is not found for the rest.
    async fn assert_file_goes_to_only(&self, path: &str, starts: &[u8], allowed: &[&str]) {
        assert_eq!(self.app.visitor().get_bytes(path).await.0, 303, "signed out: {path}");
        for (who, visitor) in &self.people {
            let (status, body) = visitor.get_bytes(path).await;
            let expected = if allowed.contains(who) { 200 } else { 404 };
            assert_eq!(status, expected, "{who}: {path}");
            assert_eq!(body.starts_with(starts), expected == 200, "{who}: {path}");
        }
    }

    /// A server function's JSON, as `who` reads it.
    async fn read(&self, who: &str, endpoint: &str, fields: &[(&str, &str)]) -> String {
        let reply = self.as_(who).call(endpoint, fields).await;
        assert_eq!(reply.status, 200, "{who} reading {endpoint}: {}", reply.body);
        reply.body
    }
}

fn json(reply: senda_tests::Reply) -> Value {
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("JSON")
}

/// Own people and the people of granted organizations: everyone who may read an assessment.
const OWN_PEOPLE: [&str; 2] = [MILL_ADMIN, MILL_MEMBER];
const OWN_AND_ADVISOR: [&str; 3] = [MILL_ADMIN, MILL_MEMBER, ADVISOR];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_companys_admins_invite_grant_revoke_and_remove() {
    let world = World::new().await;
    let mill = world.mill.clone();
    let people = async || world.read(MILL_ADMIN, "organizations/people", &[("organization_id", &mill)]).await;
    let access = async || world.read(MILL_ADMIN, "companies/access", &[("company_id", &mill)]).await;

    let invite = format!("/organizaciones/{mill}/invitaciones");
    world.try_write(&invite, &[("role", "company_member")], &[MILL_ADMIN], MILL_ADMIN, 303, people).await;
    // The open invitation just made, withdrawn.
    let listed: Value = serde_json::from_str(&people().await).unwrap();
    let key = listed["invitations"][0]["key"].as_str().expect("the open invitation is listed").to_owned();
    let withdraw = format!("/organizaciones/{mill}/invitaciones/{key}/retirar");
    world.try_write(&withdraw, &[], &[MILL_ADMIN], MILL_ADMIN, 303, people).await;
    assert_eq!(serde_json::from_str::<Value>(&people().await).unwrap()["invitations"], serde_json::json!([]));

    // A real grantee of the right kind, not yet granted: a second advisory organization.
    let created = world
        .as_(PLATFORM_ADMIN)
        .post_form("/organizaciones", &[("kind", "advisory"), ("name", "Asesoría Nueva (prueba)")])
        .await;
    assert_eq!(created.status, 303, "{}", created.body);
    let advisory =
        world.app.organization_id(OrganizationKind::Advisory, "Asesoría Nueva (prueba)").await.to_string();
    let grant = format!("/empresas/{mill}/accesos");
    let fields = [("scope", "assessments"), ("grantee", advisory.as_str())];
    world.try_write(&grant, &fields, &[MILL_ADMIN], MILL_ADMIN, 303, access).await;

    // A real grant: the association's.
    let association = world.app.organization_id(OrganizationKind::Association, ASSOCIATION).await.to_string();
    let grants: Value = serde_json::from_str(&access().await).unwrap();
    let grant_id = grants["grants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["grantee"]["id"] == association.as_str())
        .expect("the association's grant")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let revoke = format!("/empresas/{mill}/accesos/{grant_id}/retirar");
    world.try_write(&revoke, &[], &[MILL_ADMIN], MILL_ADMIN, 303, access).await;

    // A real member: the mill's staff.
    let roster: Value = serde_json::from_str(&people().await).unwrap();
    let member_id = roster["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == MILL_MEMBER)
        .expect("the mill's staff")["user_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let remove = format!("/organizaciones/{mill}/personas/{member_id}/quitar");
    world.try_write(&remove, &[], &[MILL_ADMIN], MILL_ADMIN, 303, people).await;
}

/// A section's answers as the page gets them (drafts are each person's own: as the member).
async fn section(world: &World, assessment: &str, section: &str) -> app::model::assessment::SectionToAnswer {
    let reply = world
        .as_(MILL_MEMBER)
        .call("assessments/section", &[("assessment_id", assessment), ("section_id", section)])
        .await;
    serde_json::from_str(&reply.body).unwrap_or_else(|_| panic!("a section: {}", reply.body))
}

/// The fields a section form sends to change one answer, from what the page showed.
async fn answer_fields(
    world: &World,
    assessment: &str,
    section_id: &str,
    question: &str,
    value: &str,
) -> Vec<(String, String)> {
    let page = section(world, assessment, section_id).await;
    let saved = page.answers.iter().find(|a| a.question_id == question);
    vec![
        (format!("a.{question}"), value.to_owned()),
        (format!("r.{question}"), saved.map_or(0, |a| a.revision).to_string()),
        (
            format!("f.{question}"),
            saved.map_or_else(|| assessments::answers::fingerprint(None, "", ""), |a| a.fingerprint()),
        ),
    ]
}

fn borrowed(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_companys_own_people_start_answer_and_discard() {
    let world = World::new().await;
    let (mill, id) = (world.mill.clone(), world.in_progress.clone());
    let list = async || world.read(MILL_ADMIN, "assessments/of-company", &[("company_id", &mill)]).await;
    let start = format!("/empresas/{mill}/evaluaciones");
    let fields = [("questionnaire", "agro-laboral@3"), ("carry", ""), ("referencia", "")];
    world.try_write(&start, &fields, &OWN_PEOPLE, MILL_MEMBER, 303, list).await;

    // The language of the questions: own people only, while it can be answered.
    let overview = async || world.read(MILL_ADMIN, "assessments/overview", &[("assessment_id", &id)]).await;
    let language = format!("/evaluaciones/{id}/idioma");
    world.try_write(&language, &[("idioma", "en")], &OWN_PEOPLE, MILL_MEMBER, 303, overview).await;
    // The key-in page saves through the section's route: the same rule for the whole questionnaire.
    let keyed = async || serde_json::to_string(&section(&world, &id, "captura").await.answers).unwrap();
    let fields = answer_fields(&world, &id, "captura", "codigo.politica-escrita", "partial").await;
    let key_in = format!("/evaluaciones/{id}/secciones/captura");
    world.try_write(&key_in, &borrowed(&fields), &OWN_PEOPLE, MILL_MEMBER, 303, keyed).await;

    let code = async || serde_json::to_string(&section(&world, &id, "codigo").await.answers).unwrap();
    let fields = answer_fields(&world, &id, "codigo", "codigo.politica-escrita", "no").await;
    let save = format!("/evaluaciones/{id}/secciones/codigo");
    world.try_write(&save, &borrowed(&fields), &OWN_PEOPLE, MILL_MEMBER, 303, code).await;

    // A real draft: a number typed as a word is kept with its reason.
    let fields =
        answer_fields(&world, &id, "trabajo-infantil", "trabajo-infantil.edad-minima", "catorce").await;
    let kept = world
        .as_(MILL_MEMBER)
        .post_form(&format!("/evaluaciones/{id}/secciones/trabajo-infantil"), &borrowed(&fields))
        .await;
    assert_eq!(kept.status, 303);
    let drafts =
        async || serde_json::to_string(&section(&world, &id, "trabajo-infantil").await.drafts).unwrap();
    assert!(drafts().await.contains("catorce"), "the draft is kept");
    let discard = format!("/evaluaciones/{id}/borradores/trabajo-infantil.edad-minima/descartar");
    world.try_write(&discard, &[], &OWN_PEOPLE, MILL_MEMBER, 303, drafts).await;
}

/// The hydrated page's autosave is a server function: refused alike, with the status of a server
/// function (401 signed out, 404 to anyone else), and nothing saved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_autosave_server_function_saves_for_own_people_only() {
    let world = World::new().await;
    let id = world.in_progress.clone();
    let code = async || serde_json::to_string(&section(&world, &id, "codigo").await.answers).unwrap();
    let fields = answer_fields(&world, &id, "codigo", "codigo.difusion", "partial").await;
    let body = serde_json::json!({ "assessment_id": id, "section_id": "codigo", "fields": fields });
    let before = code().await;
    assert_eq!(world.app.visitor().call_json("assessments/autosave", &body).await.status, 401);
    for (who, visitor) in world.people.iter().filter(|(who, _)| !OWN_PEOPLE.contains(who)) {
        let reply = visitor.call_json("assessments/autosave", &body).await;
        assert_eq!(reply.status, 404, "{who}: {}", reply.body);
        assert_eq!(code().await, before, "{who} saved through the autosave");
    }
    let reply = world.as_(MILL_MEMBER).call_json("assessments/autosave", &body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_ne!(code().await, before, "the company's own person saved nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_submitted_assessment_is_returned_by_its_admins_or_its_advisor_and_submitted_again_by_its_people() {
    let world = World::new().await;
    let id = world.submitted.clone();
    let status = async || {
        json(world.as_(MILL_ADMIN).call("assessments/overview", &[("assessment_id", &id)]).await)["header"]["status"]
            .to_string()
    };
    let back = format!("/evaluaciones/{id}/devolver");
    world.try_write(&back, &[], &[MILL_ADMIN, ADVISOR], ADVISOR, 303, status).await;
    // Returned, and complete: the state where it can be submitted.
    let submit = format!("/evaluaciones/{id}/enviar");
    world.try_write(&submit, &[], &OWN_PEOPLE, MILL_MEMBER, 303, status).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_granted_advisor_verifies_a_requirement() {
    let world = World::new().await;
    let id = world.submitted.clone();
    let report = async || world.read(MILL_ADMIN, "assessments/gap-report", &[("assessment_id", &id)]).await;
    let seen: Value = serde_json::from_str(&report().await).unwrap();
    let line =
        seen["met"].as_array().unwrap().iter().find(|m| m["basis"] == "declared").expect("a met requirement");
    let (requirement, state) =
        (line["citation"]["requirement_id"].as_str().unwrap(), line["state"].as_str().unwrap());
    let verify = format!("/evaluaciones/{id}/requisitos/{requirement}/verificar");
    world
        .try_write(&verify, &[("como", "on_file"), ("visto", state)], &[ADVISOR], ADVISOR, 303, report)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn evidence_is_removed_by_own_people_and_downloaded_by_those_who_see_the_answers() {
    let world = World::new().await;
    let id = world.in_progress.clone();
    // A real file on the assessment in progress.
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in answer_fields(&world, &id, "codigo", "codigo.politica-escrita", "yes").await {
        form = form.text(name, value);
    }
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("politica.pdf");
    form = form.part("u.codigo.politica-escrita", part);
    let sent =
        world.as_(MILL_MEMBER).post_multipart(&format!("/evaluaciones/{id}/secciones/codigo"), form).await;
    assert_eq!(sent.status, 303, "{}", sent.body);
    let files = async || serde_json::to_string(&section(&world, &id, "codigo").await.files).unwrap();
    let file_id = section(&world, &id, "codigo").await.files[0].id.to_string();

    let download = format!("/evaluaciones/{id}/evidencias/{file_id}");
    world.assert_file_goes_to_those_who_see_the_answers(&download, b"%PDF").await;
    let remove = format!("/evaluaciones/{id}/evidencias/{file_id}/quitar");
    world.try_write(&remove, &[], &OWN_PEOPLE, MILL_MEMBER, 303, files).await;
}

/// The exports, tried by everyone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exports_go_to_those_who_see_the_answers_only() {
    let world = World::new().await;
    let (id, plan) = (world.submitted.clone(), world.plan.clone());
    for (path, starts) in [
        (format!("/evaluaciones/{id}/brechas.csv"), &b"\xEF\xBB\xBF"[..]),
        (format!("/evaluaciones/{id}/brechas.pdf"), &b"%PDF"[..]),
        (format!("/planes/{plan}/pdf"), &b"%PDF"[..]),
    ] {
        world.assert_file_goes_to_those_who_see_the_answers(&path, starts).await;
    }
    // The blank paper form: its tailoring shows the profile's answers, so own people only.
    let paper = format!("/evaluaciones/{}/cuestionario.pdf", world.in_progress);
    world.assert_file_goes_to_only(&paper, b"%PDF", &OWN_PEOPLE).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_is_worked_by_own_people_and_commented_and_verified_by_the_advisor() {
    let world = World::new().await;
    let plan = world.plan.clone();
    let read = async || world.read(MILL_ADMIN, "plans/get", &[("plan_id", &plan)]).await;
    let actions = async || -> Vec<Value> {
        serde_json::from_str::<Value>(&read().await).unwrap()["actions"].as_array().unwrap().clone()
    };
    let action =
        |a: &Value| (a["action"]["id"].as_str().unwrap().to_owned(), a["action"]["revision"].to_string());
    let add = format!("/planes/{plan}/acciones");
    let fields = [
        ("texto", "Revisar los contratos de temporada."),
        ("gravedad", "medium"),
        ("responsable", "RH"),
        ("fecha", "2027-03-31"),
    ];
    world.try_write(&add, &fields, &OWN_PEOPLE, MILL_MEMBER, 303, read).await;

    let (first, revision) = action(&actions().await[0]);
    let edit = format!("/planes/{plan}/acciones/{first}");
    let fields = [
        ("texto", "Texto revisado."),
        ("responsable", "Dirección"),
        ("fecha", "2027-04-30"),
        ("r", revision.as_str()),
    ];
    world.try_write(&edit, &fields, &OWN_PEOPLE, MILL_ADMIN, 303, read).await;

    let note = format!("/planes/{plan}/acciones/{first}/notas");
    world.try_write(&note, &[("nota", "Visto en la visita.")], &OWN_AND_ADVISOR, ADVISOR, 303, read).await;

    let split = format!("/planes/{plan}/acciones/{first}/dividir");
    world.try_write(&split, &[], &OWN_PEOPLE, MILL_MEMBER, 303, read).await;

    let all = actions().await;
    let (second, _) = action(&all[1]);
    let merge = format!("/planes/{plan}/acciones/{first}/unir");
    world.try_write(&merge, &[("otra", second.as_str())], &OWN_PEOPLE, MILL_MEMBER, 303, read).await;

    // The demo's done action, awaiting verification: the advisor verifies it.
    let done = actions().await.into_iter().find(|a| a["action"]["status"] == "done").expect("a done action");
    let (done, revision) = action(&done);
    let status = format!("/planes/{plan}/acciones/{done}/estado");
    let fields = [("estado", "verified"), ("nota", ""), ("r", revision.as_str())];
    world.try_write(&status, &fields, &OWN_AND_ADVISOR, ADVISOR, 303, read).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_is_written_by_the_companys_people_and_granted_advisors_and_signed_by_advisors_only() {
    let world = World::new().await;
    let id = world.submitted.clone();
    let report = async || world.read(MILL_ADMIN, "assessments/gap-report", &[("assessment_id", &id)]).await;
    let threads =
        async || serde_json::from_str::<Value>(&report().await).unwrap()["threads"]["threads"].clone();
    let gap =
        json(world.as_(MILL_ADMIN).call("assessments/gap-report", &[("assessment_id", &id)]).await)["gaps"]
            [0]["citation"]["requirement_id"]
            .as_str()
            .unwrap()
            .to_owned();
    let open = format!("/evaluaciones/{id}/hilos");
    let fields =
        [("tema", "gap"), ("clave", gap.as_str()), ("pide", "comment"), ("texto", "Lo vemos en la visita.")];
    world.try_write(&open, &fields, &OWN_AND_ADVISOR, MILL_MEMBER, 303, report).await;

    let thread = threads().await[0]["id"].as_str().unwrap().to_owned();
    let reply = format!("/evaluaciones/{id}/hilos/{thread}/responder");
    world.try_write(&reply, &[("texto", "De acuerdo.")], &OWN_AND_ADVISOR, ADVISOR, 303, report).await;

    // A request for evidence (the demo's, on an answer): the company cannot close it.
    let overview = json(world.as_(MILL_ADMIN).call("assessments/overview", &[("assessment_id", &id)]).await);
    let request = overview["review"]["requests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|line| line["thread"]["request"] == "needs_evidence")
        .expect("the demo's request for evidence")["thread"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let requests = async || world.read(MILL_ADMIN, "assessments/overview", &[("assessment_id", &id)]).await;
    let close = format!("/evaluaciones/{id}/hilos/{request}/cerrar");
    world.try_write(&close, &[], &[ADVISOR], ADVISOR, 303, requests).await;

    let sign = format!("/evaluaciones/{id}/revisiones");
    world.try_write(&sign, &[("texto", "Revisión concluida.")], &[ADVISOR], ADVISOR, 303, report).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plan_is_made_by_the_companys_own_people() {
    let world = World::new().await;
    // The tobacco company's submitted assessment has no plan yet.
    let tobacco = world.app.organization_id(OrganizationKind::Company, TOBACCO).await;
    let id = world.app.demo_assessment(tobacco).await.to_string();
    let tobacco = tobacco.to_string();
    let plans = async || world.read(TOBACCO_ADMIN, "plans/of-company", &[("company_id", &tobacco)]).await;
    let create = format!("/evaluaciones/{id}/plan");
    world.try_write(&create, &[], &[TOBACCO_ADMIN, TOBACCO_MEMBER], TOBACCO_MEMBER, 303, plans).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_an_associations_admin_asks_a_company_to_share() {
    let world = World::new().await;
    let union = world.app.organization_id(OrganizationKind::Association, ASSOCIATION).await.to_string();
    let requests = async || {
        let board = json(
            world.as_(ASSOCIATION_VIEWER).call("associations/dashboard", &[("association_id", &union)]).await,
        );
        board["requests"].to_string()
    };
    let ask = format!("/asociaciones/{union}/solicitudes");
    world
        .try_write(&ask, &[("empresa", TOBACCO)], &[ASSOCIATION_ADMIN], ASSOCIATION_ADMIN, 303, requests)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_platform_admin_creates_an_organization() {
    let world = World::new().await;
    let list = async || world.read(PLATFORM_ADMIN, "organizations/list", &[]).await;
    let fields =
        [("kind", "company"), ("name", "Ingenio Nuevo (prueba)"), ("sector", "sugar_mill"), ("rfc", "")];
    world.try_write("/organizaciones", &fields, &[PLATFORM_ADMIN], PLATFORM_ADMIN, 303, list).await;
}

/// Whether `who` may use a route under `rule`, on the sugar mill's data.
fn may(who: &str, rule: May) -> bool {
    match rule {
        May::Anyone | May::SignedIn => true,
        May::OwnAdmins => who == MILL_ADMIN,
        May::OwnPeople => [MILL_ADMIN, MILL_MEMBER].contains(&who),
        May::OwnPeopleAndAdvisors => [MILL_ADMIN, MILL_MEMBER, ADVISOR].contains(&who),
        May::OwnAdminsAndAdvisors => [MILL_ADMIN, ADVISOR].contains(&who),
        May::OwnPeopleAndGrantees => {
            [MILL_ADMIN, MILL_MEMBER, ADVISOR, ASSOCIATION_ADMIN, ASSOCIATION_VIEWER].contains(&who)
        }
        May::GrantedAdvisors => who == ADVISOR,
        May::PlatformAdmins => who == PLATFORM_ADMIN,
        May::AssociationPeople => [ASSOCIATION_ADMIN, ASSOCIATION_VIEWER].contains(&who),
        May::AssociationAdmins => who == ASSOCIATION_ADMIN,
        May::LinkHolder | May::FirstRunOnly => false,
    }
}

/// Every server function that reads, called by everyone with the mill's real ids: exactly
/// those [`EVERY_ROUTE`] says may get 200, everyone else signed in 404 and nothing of the
/// company, a signed-out client 401 — unless the function is public.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_reading_server_function_answers_exactly_those_the_table_names() {
    let world = World::new().await;
    let (mill, id, plan) = (world.mill.as_str(), world.submitted.as_str(), world.plan.as_str());
    let plan_page = json(world.as_(MILL_ADMIN).call("plans/get", &[("plan_id", plan)]).await);
    let action = plan_page["actions"][0]["action"]["id"].as_str().unwrap().to_owned();
    let union = world.app.organization_id(OrganizationKind::Association, ASSOCIATION).await.to_string();
    let arguments: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("plans/get", vec![("plan_id", plan)]),
        ("plans/action", vec![("plan_id", plan), ("action_id", &action)]),
        ("plans/of-company", vec![("company_id", mill)]),
        ("assessments/of-company", vec![("company_id", mill)]),
        ("assessments/overview", vec![("assessment_id", id)]),
        ("assessments/section", vec![("assessment_id", id), ("section_id", "salarios")]),
        ("assessments/gap-report", vec![("assessment_id", id)]),
        ("companies/get", vec![("company_id", mill)]),
        ("organizations/people", vec![("organization_id", mill)]),
        ("companies/access", vec![("company_id", mill)]),
        ("companies/audit-log", vec![("company_id", mill)]),
        ("organizations/list", vec![]),
        ("companies/list", vec![]),
        ("session/who", vec![]),
        ("home/waiting", vec![]),
        ("setup/open", vec![]),
        ("parameters/list", vec![]),
        ("questionnaires/list", vec![]),
        ("associations/dashboard", vec![("association_id", &union)]),
    ];
    for (endpoint, fields) in &arguments {
        let path = format!("/api/{endpoint}");
        let rule = EVERY_ROUTE
            .iter()
            .find(|(_, p, _)| *p == path)
            .unwrap_or_else(|| panic!("{path} in the table"))
            .2;
        let signed_out = world.app.visitor().call(endpoint, fields).await;
        let expected = if rule == May::Anyone { 200 } else { 401 };
        assert_eq!(signed_out.status, expected, "signed out: {endpoint}: {}", signed_out.body);
        for (who, visitor) in &world.people {
            let reply = visitor.call(endpoint, fields).await;
            let allowed = may(who, rule);
            assert_eq!(reply.status, if allowed { 200 } else { 404 }, "{who}: {endpoint}: {}", reply.body);
            if !allowed {
                assert!(!reply.body.contains(MILL), "{who} saw the mill through {endpoint}");
            }
            if *endpoint == "assessments/of-company" && [ASSOCIATION_ADMIN, ASSOCIATION_VIEWER].contains(who)
            {
                assert!(!reply.body.contains(id), "{who} sees the assessments");
                assert_eq!(json(reply)["assessments"], serde_json::json!([]), "{who} sees the assessments");
            }
        }
    }
    let tried: Vec<String> = arguments.iter().map(|(endpoint, _)| format!("/api/{endpoint}")).collect();
    let untried: Vec<&str> = EVERY_ROUTE
        .iter()
        .filter(|(_, path, rule)| {
            path.starts_with("/api/")
                && !tried.contains(&(*path).to_owned())
                && !matches!(rule, May::LinkHolder)
                && *path != "/api/assessments/autosave"
        })
        .map(|(_, path, _)| *path)
        .collect();
    assert!(untried.is_empty(), "server functions no one tries: {untried:?}");
}

/// Every page, opened by everyone with the mill's real ids: exactly those the table names get it,
/// everyone else signed in the 404 page without the company's name, and a signed-out client is
/// sent to sign in — unless the page is public.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_opens_for_exactly_those_the_table_names() {
    let world = World::new().await;
    let (mill, id, plan) = (world.mill.as_str(), world.submitted.as_str(), world.plan.as_str());
    let plan_page = json(world.as_(MILL_ADMIN).call("plans/get", &[("plan_id", plan)]).await);
    let action = plan_page["actions"][0]["action"]["id"].as_str().unwrap().to_owned();
    let union = world.app.organization_id(OrganizationKind::Association, ASSOCIATION).await.to_string();
    let url = |route: &str| {
        let path = route.replace("{section}", "salarios").replace("{action}", &action);
        if route.starts_with("/asociaciones/") {
            path.replace("{id}", &union)
        } else if route.starts_with("/planes/") {
            path.replace("{id}", plan)
        } else if route.starts_with("/evaluaciones/") {
            path.replace("{id}", id)
        } else {
            path.replace("{id}", mill)
        }
    };
    let pages = pages();
    let mut tried = 0;
    let is_page =
        |(method, route, _): &&(&str, &str, May)| *method == "GET" && pages.contains(&(*route).to_owned());
    for (_, route, rule) in EVERY_ROUTE.iter().filter(is_page) {
        if matches!(rule, May::LinkHolder | May::FirstRunOnly) {
            continue; // Tried with a real link and a fresh platform in confidentiality.rs.
        }
        let path = url(route);
        let signed_out = world.app.visitor().get(&path).await;
        if *rule == May::Anyone {
            assert_eq!(signed_out.status, 200, "signed out: {path}");
        } else {
            assert_eq!(signed_out.status, 302, "signed out: {path}");
            assert!(signed_out.header("location").is_some_and(|l| l.starts_with("/entrar")), "{path}");
        }
        for (who, visitor) in &world.people {
            let reply = visitor.get(&path).await;
            let allowed = may(who, *rule);
            assert_eq!(reply.status, if allowed { 200 } else { 404 }, "{who}: {path}");
            if !allowed {
                assert!(!reply.body.contains(MILL), "{who} saw the mill's name on {path}");
            }
        }
        tried += 1;
    }
    assert!(tried >= 14, "only {tried} pages tried");
}
