//! Bad input never panics and never reaches a person as an internal error: arbitrary bytes are
//! thrown at every server function and at the multipart section form, signed in as the
//! company's own person (the one whose input is read furthest). Each answer is a clear refusal —
//! a status below 500 — and the server keeps answering. (The questionnaire loader's own
//! arbitrary-input tests are in `assessments/tests/loader.rs`.)

use assessments::organization::OrganizationKind;
use senda_tests::demo::{MILL, MILL_MEMBER};
use senda_tests::{TestApp, Visitor};

/// A small deterministic generator (xorshift), so a failure replays exactly.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// Heads or tails.
    fn coin(&mut self) -> bool {
        self.next() & 1 == 0
    }

    fn bytes(&mut self, most: usize) -> Vec<u8> {
        let length = (self.next() % most as u64) as usize;
        (0..length).map(|_| self.next() as u8).collect()
    }

    /// `text` with a few bytes replaced, removed or repeated: almost valid, the worst kind.
    fn mangle(&mut self, text: &[u8]) -> Vec<u8> {
        let mut mangled = text.to_vec();
        for _ in 0..1 + self.next() % 4 {
            if mangled.is_empty() {
                break;
            }
            let at = (self.next() % mangled.len() as u64) as usize;
            match self.next() % 3 {
                0 => mangled[at] = self.next() as u8,
                1 => {
                    mangled.remove(at);
                }
                _ => {
                    let byte = mangled[at];
                    mangled.insert(at, byte);
                }
            }
        }
        mangled
    }
}

/// The bodies thrown at a server function: noise, mangled forms and mangled JSON.
fn bodies(noise: &mut Noise, valid_form: &str, valid_json: &str) -> Vec<(&'static str, Vec<u8>)> {
    let mut bodies = Vec::new();
    for _ in 0..6 {
        bodies.push(("application/x-www-form-urlencoded", noise.bytes(300)));
        bodies.push(("application/x-www-form-urlencoded", noise.mangle(valid_form.as_bytes())));
        bodies.push(("application/json", noise.mangle(valid_json.as_bytes())));
        bodies.push(("application/json", noise.bytes(300)));
    }
    bodies
}

/// Posts `body` as `content_type`, asking for `accept`; the status and the text of the answer.
async fn post(visitor: &Visitor, url: &str, content_type: &str, accept: &str, body: &[u8]) -> (u16, String) {
    let request = visitor.client.post(url).header("content-type", content_type).header("accept", accept);
    let reply = request.body(body.to_vec()).send().await.expect("the server answers");
    (reply.status().as_u16(), reply.text().await.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arbitrary_bytes_get_a_clear_refusal_from_every_server_function_and_the_section_form() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let member = app.signed_in(MILL_MEMBER).await;
    let assessment = app.demo_assessment(mill).await;
    let mut noise = Noise(0x5e4d_a2026);

    let mut endpoints: Vec<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned()).collect();
    endpoints.sort();
    endpoints.dedup();
    assert!(endpoints.len() > 15, "{endpoints:?}");
    let valid_form = format!("company_id={mill}&assessment_id={assessment}&section_id=codigo&plan_id={mill}");
    let valid_json = format!(
        r#"{{"assessment_id":"{assessment}","section_id":"codigo","fields":[["a.codigo.difusion","yes"],["r.codigo.difusion","0"]]}}"#
    );
    for endpoint in &endpoints {
        for (content_type, body) in bodies(&mut noise, &valid_form, &valid_json) {
            let (status, text) =
                post(&member, &app.url(endpoint), content_type, "application/json", &body).await;
            assert!(
                status < 500,
                "{endpoint} answered {status} to {:?}: {text}",
                String::from_utf8_lossy(&body)
            );
        }
    }

    let section = format!("/evaluaciones/{assessment}/secciones/codigo");
    let valid = "--b\r\nContent-Disposition: form-data; name=\"a.codigo.difusion\"\r\n\r\nyes\r\n\
                 --b\r\nContent-Disposition: form-data; name=\"r.codigo.difusion\"\r\n\r\n0\r\n\
                 --b\r\nContent-Disposition: form-data; name=\"u.codigo.difusion\"; filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--b--\r\n";
    for _ in 0..40 {
        let body = if noise.coin() { noise.mangle(valid.as_bytes()) } else { noise.bytes(600) };
        let multipart = "multipart/form-data; boundary=b";
        let (status, _) = post(&member, &app.url(&section), multipart, "text/html", &body).await;
        assert!(status < 500, "the section form answered {status} to {:?}", String::from_utf8_lossy(&body));
    }

    // The plain forms: a refusal is a page in the reader's language, never the framework's text.
    let admin = app.signed_in(senda_tests::demo::MILL_ADMIN).await;
    let forms = [
        format!("/organizaciones/{mill}/invitaciones"),
        format!("/empresas/{mill}/accesos"),
        format!("/empresas/{mill}/evaluaciones"),
        format!("/evaluaciones/{assessment}/plan"),
        format!("/evaluaciones/{assessment}/requisitos/LFT-132-XXXI/verificar"),
    ];
    let without_role = admin.post_form(&forms[0], &[]).await;
    assert_eq!(without_role.status, 422);
    assert!(senda_tests::visible_text(&without_role.body).contains("No pudimos leer lo que envió"));
    for path in &forms {
        for _ in 0..8 {
            let body =
                if noise.coin() { noise.mangle(b"role=company_member&kind=x") } else { noise.bytes(200) };
            let form = "application/x-www-form-urlencoded";
            let (status, text) = post(&admin, &app.url(path), form, "text/html", &body).await;
            assert!(status < 500, "{path} answered {status} to {:?}", String::from_utf8_lossy(&body));
            if (400..500).contains(&status) {
                assert!(text.contains("<html lang=\"es\">") && !text.contains("Failed to"), "{path}: {text}");
            }
        }
    }
    assert_eq!(app.get("/healthz", None).await.status, 200, "still serving");
}
