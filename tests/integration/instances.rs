//! Several instances of Senda on one database, as in production behind a proxy: two `senda serve`
//! processes share only the database (SQLite or PostgreSQL, by the lane), and whatever one
//! instance is told, the other knows, because nothing of it lives in an instance's memory.

use assessments::organization::OrganizationKind;
use senda_tests::demo::{ADVISOR, MILL, MILL_ADMIN, MILL_MEMBER};
use senda_tests::process::{Served, senda};
use senda_tests::{DEMO_PASSWORD, TestDatabase};
use serde_json::Value;

/// A browser that talks to whichever instance it is told, with one session cookie.
struct Browser {
    client: reqwest::Client,
    cookie: String,
}

/// A client that shows redirects rather than following them, without cookies of its own.
fn client() -> reqwest::Client {
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none());
    client.timeout(std::time::Duration::from_secs(30)).build().unwrap()
}

impl Browser {
    /// Signs in as `email` through `app`.
    async fn signed_in(app: &Served, email: &str) -> Self {
        let reply = client()
            .post(app.url("/entrar"))
            .form(&[("email", email), ("password", DEMO_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(reply.headers()["location"], "/", "{email} signs in");
        let cookie = reply.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
        Self { client: client(), cookie }
    }

    async fn call(&self, app: &Served, endpoint: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let request = self.client.post(app.url(&format!("/api/{endpoint}"))).header("cookie", &self.cookie);
        let reply = request.form(fields).send().await.unwrap();
        (reply.status().as_u16(), reply.text().await.unwrap())
    }

    async fn post(&self, app: &Served, path: &str, fields: &[(&str, &str)]) -> String {
        let request = self.client.post(app.url(path)).header("cookie", &self.cookie).form(fields);
        let reply = request.send().await.unwrap();
        reply.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_one_instance_is_told_holds_on_the_other() {
    let database = TestDatabase::create().await;
    let demo = senda(&database).args(["demo"]).env("SENDA_DEMO_PASSWORD", DEMO_PASSWORD).status().unwrap();
    assert!(demo.success(), "senda demo");
    let (first, second) = (Served::start(&database).await, Served::start(&database).await);
    let store = server::Store::connect(&database.url).await.unwrap();
    let mill = store.organization_named(OrganizationKind::Company, MILL).await.unwrap().unwrap().to_string();
    store.close().await;
    let company = [("company_id", mill.as_str())];

    // A session begun on one instance is honoured by the other.
    let advisor = Browser::signed_in(&first, ADVISOR).await;
    assert_eq!(advisor.call(&second, "companies/get", &company).await.0, 200);

    // Failed sign-ins counted by one instance hold on the other (an unknown email counts alike).
    let guessed = [("email", "nadie@ingenio.mx"), ("password", "no")];
    for _ in 0..5 {
        client().post(first.url("/entrar")).form(&guessed).send().await.unwrap();
    }
    let sixth = client().post(second.url("/entrar")).form(&guessed);
    let sixth = sixth.send().await.unwrap();
    assert!(sixth.headers()["location"].to_str().unwrap().contains("error=too_many_attempts"));

    // An evidence file sent to one instance is served by the other.
    let admin = Browser::signed_in(&first, MILL_ADMIN).await;
    let started = admin
        .post(&first, &format!("/empresas/{mill}/evaluaciones"), &[("questionnaire", "agro-laboral@3")])
        .await;
    let assessment = started.trim_start_matches("/evaluaciones/").to_owned();
    let part = reqwest::multipart::Part::bytes(b"%PDF-1.4\n%%EOF\n".to_vec()).file_name("politica.pdf");
    let form = reqwest::multipart::Form::new().part("u.codigo.politica-escrita", part);
    let sent = admin
        .client
        .post(first.url(&format!("/evaluaciones/{assessment}/secciones/codigo")))
        .header("cookie", &admin.cookie)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 303);
    let (status, section) = admin
        .call(&second, "assessments/section", &[("assessment_id", &assessment), ("section_id", "codigo")])
        .await;
    assert_eq!(status, 200, "{section}");
    let section: Value = serde_json::from_str(&section).unwrap();
    let file = section["files"][0]["id"].as_str().expect("the file is listed by the other instance");
    let download = admin
        .client
        .get(second.url(&format!("/evaluaciones/{assessment}/evidencias/{file}")))
        .header("cookie", &admin.cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), 200);
    assert!(download.bytes().await.unwrap().starts_with(b"%PDF"));

    // Two people edit one plan action from the same revision, each through another instance:
    // the first save wins, the second is told of the conflict, nothing is silently overwritten.
    let (_, plans) = admin.call(&first, "plans/of-company", &company).await;
    let plans: Value = serde_json::from_str(&plans).unwrap();
    let plan = plans[0]["header"]["id"].as_str().unwrap().to_owned();
    let (_, page) = admin.call(&first, "plans/get", &[("plan_id", &plan)]).await;
    let page: Value = serde_json::from_str(&page).unwrap();
    let action = &page["actions"][0]["action"];
    let (id, revision) = (action["id"].as_str().unwrap(), action["revision"].to_string());
    let path = format!("/planes/{plan}/acciones/{id}");
    let edit = |text: &'static str| {
        [("texto", text), ("responsable", "Ana"), ("fecha", "2027-03-01"), ("r", revision.as_str())]
    };
    assert!(admin.post(&first, &path, &edit("Primera redacción")).await.ends_with("?guardado=1"));
    let member = Browser::signed_in(&second, MILL_MEMBER).await;
    assert!(member.post(&second, &path, &edit("Segunda redacción")).await.contains("error=conflict"));

    // A grant withdrawn through one instance ends the advisor's access on the other at once.
    let (_, access) = admin.call(&first, "companies/access", &company).await;
    let access: Value = serde_json::from_str(&access).unwrap();
    let grant = access["grants"].as_array().unwrap().iter().find(|g| g["scope"] == "assessments").unwrap();
    let withdrawn = admin
        .post(&first, &format!("/empresas/{mill}/accesos/{}/retirar", grant["id"].as_str().unwrap()), &[])
        .await;
    assert!(withdrawn.starts_with(&format!("/empresas/{mill}/accesos")), "{withdrawn}");
    assert_eq!(advisor.call(&second, "assessments/of-company", &company).await.0, 404);
}
