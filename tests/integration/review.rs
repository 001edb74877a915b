//! An advisor's review as the people in it meet it: what waits on each person's home, a request
//! answered with a reply and a file, a request for changes and the resubmission's changes, a
//! closed request, the signed review in the report, its CSV and its PDF, a verification a change
//! cleared, and the refusals. Who may use each route: `writes.rs`.

use app::model::assessment::AssessmentOverview;
use app::model::report::GapReport;
use app::model::review::{PortfolioLine, Waiting};
use assessments::access::AuditAction;
use assessments::organization::OrganizationKind;
use assessments::review::{Request, Subject, ThreadState};
use assessments::scoring::Basis;
use senda_tests::demo::*;
use senda_tests::{DEMO_PASSWORD, TestApp, Visitor};

/// The demo, the mill's id and its submitted assessment (the one under review).
async fn demo() -> (TestApp, String, String) {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await;
    let assessment = app.demo_assessment(mill).await.to_string();
    (app, mill.to_string(), assessment)
}

async fn waiting(visitor: &Visitor, fields: &[(&str, &str)]) -> Option<Waiting> {
    let reply = visitor.call("home/waiting", fields).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("what waits")
}

async fn overview(visitor: &Visitor, id: &str) -> AssessmentOverview {
    let reply = visitor.call("assessments/overview", &[("assessment_id", id)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("an overview")
}

async fn report(visitor: &Visitor, id: &str) -> GapReport {
    let reply = visitor.call("assessments/gap-report", &[("assessment_id", id)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("a gap report")
}

/// The mill's line in an advisor's portfolio.
fn mill_line(waiting: &Waiting) -> &PortfolioLine {
    waiting.portfolio.iter().find(|line| line.company.name == MILL).expect("the mill in the portfolio")
}

/// The question a request of `kind` on the overview is about, with the thread's id.
fn request_of(overview: &AssessmentOverview, kind: Request) -> (String, String) {
    let line = overview.review.requests.iter().find(|l| l.thread.request == kind).expect("the request");
    let Subject::Answer(question) = &line.thread.subject else { panic!("a request on an answer") };
    (question.clone(), line.thread.id.to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_review_waits_where_each_person_looks() {
    let (app, mill, id) = demo().await;
    let advisor = waiting(&app.signed_in(ADVISOR).await, &[]).await.expect("signed in");
    let line = mill_line(&advisor);
    assert_eq!(line.company.id.to_string(), mill);
    let latest = line.latest.as_ref().expect("its assessment under review");
    assert_eq!(latest.id.to_string(), id, "the submitted one, not the newer one under way");
    assert!(latest.needs_review, "submitted and not reviewed");
    assert_eq!(latest.replies, 1, "the mill answered the advisor's question");
    assert_eq!(latest.verifications_cleared, 0);
    assert!(latest.score.is_some() && latest.findings == 1, "{latest:?}");
    assert_eq!(line.to_verify, 1, "an action marked done waits for verification");
    assert!(advisor.own.is_empty());

    let staff = waiting(&app.signed_in(MILL_MEMBER).await, &[]).await.expect("signed in");
    let work = staff.own.iter().find(|w| w.company.id.to_string() == mill).expect("the mill's work");
    let asked: Vec<Request> = work.requests.iter().map(|l| l.thread.request).collect();
    assert_eq!(
        asked,
        [Request::NeedsEvidence],
        "exactly what is asked of them: the answered one waits on the advisor"
    );
    assert!(work.actions.iter().filter(|a| a.overdue).count() >= 2, "the demo's overdue actions");
    assert!(staff.portfolio.is_empty());

    // An association follows progress and sees no thread; another company sees nothing of the mill.
    let association = app.signed_in(ASSOCIATION_ADMIN).await;
    let reply = association.call("home/waiting", &[]).await;
    assert!(!reply.body.contains("Recibos firmados") && !reply.body.contains(&id), "{}", reply.body);
    let association = waiting(&association, &[]).await.expect("signed in");
    assert!(association.follows_progress && association.portfolio.is_empty() && association.own.is_empty());
    let other = app.signed_in(TOBACCO_ADMIN).await.call("home/waiting", &[]).await;
    assert!(!other.body.contains(MILL) && !other.body.contains(&id), "{}", other.body);
    assert_eq!(app.visitor().call("home/waiting", &[]).await.body, "null", "signed out: the landing page");

    // The home page itself, as the advisor reads it, searched and sorted.
    let page = app.signed_in(ADVISOR).await.get("/?buscar=esperanza&orden=puntaje").await;
    let text = senda_tests::visible_text(&page.body);
    assert!(text.contains(MILL) && text.contains("Enviada, sin revisar"), "{text}");
    let none = waiting(&app.signed_in(ADVISOR).await, &[("buscar", "ninguna empresa así")]).await.unwrap();
    assert!(none.portfolio.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_review_runs_from_a_request_to_a_signed_review_in_the_report_csv_and_pdf() {
    let (app, mill, id) = demo().await;
    let (advisor, member) = (app.signed_in(ADVISOR).await, app.signed_in(MILL_MEMBER).await);
    let (question, thread) = request_of(&overview(&member, &id).await, Request::NeedsEvidence);

    // Changes requested: the assessment goes back to the company with its open requests.
    assert_eq!(advisor.post_form(&format!("/evaluaciones/{id}/devolver"), &[]).await.status, 303);
    let work = &waiting(&member, &[]).await.unwrap().own[0];
    assert!(work.returned.iter().any(|(returned, _)| returned.to_string() == id), "{work:?}");

    // The company replies, saves the answer again with the evidence asked for, and resubmits.
    let replied = member
        .post_form(
            &format!("/evaluaciones/{id}/hilos/{thread}/responder"),
            &[("texto", "Adjuntamos los recibos.")],
        )
        .await;
    assert_eq!(replied.status, 303);
    assert!(replied.header("location").unwrap().ends_with(&format!("#hilos-{question}")), "{replied:?}");
    let section = app.store.questionnaire("agro-laboral", 1).await.unwrap().unwrap();
    let section = section.section_of(&question).unwrap().id.clone();
    let page = member.call("assessments/section", &[("assessment_id", &id), ("section_id", &section)]).await;
    let page: app::model::assessment::SectionToAnswer = serde_json::from_str(&page.body).unwrap();
    assert_eq!(page.review.on(&question).count(), 1, "the section shows the thread on its answer");
    let saved = page.answers.iter().find(|a| a.question_id == question).unwrap();
    let mut form = reqwest::multipart::Form::new();
    for value in saved.value.as_ref().unwrap().as_form_values() {
        form = form.text(format!("a.{question}"), value);
    }
    form = form
        .text(format!("n.{question}"), "Recibos de marzo.")
        .text(format!("r.{question}"), saved.revision.to_string())
        .text(format!("f.{question}"), saved.fingerprint())
        .part(
            format!("u.{question}"),
            reqwest::multipart::Part::bytes(b"%PDF-1.4\n% recibos\n%%EOF\n".to_vec())
                .file_name("recibos-marzo.pdf"),
        );
    let saved = member.post_multipart(&format!("/evaluaciones/{id}/secciones/{section}"), form).await;
    assert!(saved.header("location").unwrap().ends_with("?guardado=1"), "{saved:?}");
    assert_eq!(member.post_form(&format!("/evaluaciones/{id}/enviar"), &[]).await.status, 303);

    // The advisor sees what changed since, and the answered request waiting for them.
    let seen = overview(&advisor, &id).await;
    let changes = seen.review.changes.as_ref().expect("changes since the request for changes");
    let question_text =
        page.section.questions.iter().find(|q| q.id == question).unwrap().text.spanish().to_owned();
    assert!(changes.answers.iter().any(|c| c.question.spanish() == question_text), "{changes:?}");
    assert_eq!(changes.files, ["recibos-marzo.pdf"]);
    assert_eq!(changes.replies, 1);
    let answered = seen.review.requests.iter().find(|l| l.thread.id.to_string() == thread).unwrap();
    assert_eq!(answered.thread.state, ThreadState::Answered);
    let home = waiting(&advisor, &[]).await.unwrap();
    let latest = mill_line(&home).latest.as_ref().unwrap();
    assert!(latest.needs_review);
    assert_eq!(latest.replies, 2, "the demo's answered question and this one");

    // Closed by the advisor, it leaves every list of what waits.
    assert_eq!(
        advisor.post_form(&format!("/evaluaciones/{id}/hilos/{thread}/cerrar"), &[]).await.status,
        303
    );
    assert!(overview(&member, &id).await.review.requests.iter().all(|l| l.thread.id.to_string() != thread));

    // Signed, the review is in the report, its CSV and its PDF; a second one is added to it.
    let summary = "Revisión de gabinete: la evidencia de pagos es suficiente; falta la de jornada.";
    let signed = advisor.post_form(&format!("/evaluaciones/{id}/revisiones"), &[("texto", summary)]).await;
    assert_eq!(signed.header("location"), Some(format!("/evaluaciones/{id}/brechas#revisiones").as_str()));
    let reviews = report(&member, &id).await.reviews;
    assert_eq!(reviews.len(), 1);
    assert_eq!(
        (reviews[0].summary.as_str(), reviews[0].organization.as_str()),
        (summary, "Debida Diligencia Asesores (demo)")
    );
    let page = senda_tests::visible_text(&member.get(&format!("/evaluaciones/{id}/brechas")).await.body);
    assert!(page.contains("Revisado por") && page.contains(summary), "{page}");
    let (status, csv) = member.get_bytes(&format!("/evaluaciones/{id}/brechas.csv")).await;
    let csv = String::from_utf8(csv).unwrap();
    assert!(status == 200 && csv.contains("Revisado por") && csv.contains(summary), "{csv}");
    let (_, pdf) = member.get_bytes(&format!("/evaluaciones/{id}/brechas.pdf")).await;
    let text = senda_tests::read_pdf(&pdf).0.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Revisado por") && text.contains("la evidencia de pagos es suficiente"), "{text}");
    assert!(!mill_line(&waiting(&advisor, &[]).await.unwrap()).latest.as_ref().unwrap().needs_review);
    let again =
        advisor.post_form(&format!("/evaluaciones/{id}/revisiones"), &[("texto", "Visita de campo.")]).await;
    assert_eq!(again.status, 303);
    assert_eq!(report(&member, &id).await.reviews.len(), 2, "a later review is added; the first stays");

    // Sent back and submitted again, the assessment's reviews say they predate the changes.
    assert_eq!(advisor.post_form(&format!("/evaluaciones/{id}/devolver"), &[]).await.status, 303);
    assert_eq!(member.post_form(&format!("/evaluaciones/{id}/enviar"), &[]).await.status, 303);
    let page = senda_tests::visible_text(&member.get(&format!("/evaluaciones/{id}/brechas")).await.body);
    assert!(page.contains("Firmada antes del último envío"), "{page}");
    let csv =
        String::from_utf8(member.get_bytes(&format!("/evaluaciones/{id}/brechas.csv")).await.1).unwrap();
    assert!(csv.contains("no cubre los cambios posteriores"), "{csv}");

    // The company's log has every step the advisor took, and none of the company's own.
    let log = app.audit_log(mill.parse().unwrap(), MILL_ADMIN).await;
    for action in [AuditAction::AssessmentReturned, AuditAction::ReviewResolved, AuditAction::ReviewSigned] {
        assert!(log.iter().any(|line| line.action == action), "{action:?} in the log");
    }
    assert!(
        log.iter()
            .any(|line| line.action == AuditAction::ReviewSigned
                && line.detail.contains("Revisión de gabinete")),
        "the log names the review"
    );
    assert!(
        !log.iter().any(|line| line.action == AuditAction::ReviewReplied),
        "the company's own replies (here and in the demo) are not an outsider's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_message_comes_back_with_what_was_typed_and_a_revoked_advisor_gets_nothing() {
    let (app, mill, id) = demo().await;
    let (advisor, member) = (app.signed_in(ADVISOR).await, app.signed_in(MILL_MEMBER).await);
    let gap = report(&member, &id).await.gaps[0].citation.requirement_id.clone();
    let open = format!("/evaluaciones/{id}/hilos");

    // The company comments; it does not ask itself for evidence.
    let fields = |pide: &'static str, texto: &'static str| {
        [("tema", "gap"), ("clave", gap.as_str()), ("pide", pide), ("texto", texto)]
    };
    assert_eq!(member.post_form(&open, &fields("needs_evidence", "¿Y esto?")).await.status, 404);
    let long: &'static str = "palabra ".repeat(600).leak();
    let refused = member.post_form(&open, &fields("comment", long)).await;
    let back = refused.header("location").expect("sent back").to_owned();
    assert!(back.contains("error=too_long") && back.contains(&format!("hilo=nuevo-{gap}")), "{back}");
    let page = member.get(&back).await.body;
    assert!(
        page.contains("demasiado largo") && page.contains("palabra palabra palabra"),
        "what was typed is kept"
    );
    let before = report(&member, &id).await.threads.threads.len();
    assert_eq!(member.post_form(&open, &fields("comment", "Ya empezamos con esto.")).await.status, 303);
    assert_eq!(report(&member, &id).await.threads.threads.len(), before + 1);

    // A thread is reached through its own assessment only: the tobacco company's thread, named
    // under the mill's assessment, is not found for anyone, its own people included.
    let tobacco = app.organization_id(OrganizationKind::Company, TOBACCO).await;
    let tobacco_assessment = app.demo_assessment(tobacco).await.to_string();
    let tobacco_member = app.signed_in(TOBACCO_MEMBER).await;
    let tobacco_gap =
        report(&tobacco_member, &tobacco_assessment).await.gaps[0].citation.requirement_id.clone();
    let tobacco_comment =
        [("tema", "gap"), ("clave", tobacco_gap.as_str()), ("pide", "comment"), ("texto", "Nuestro.")];
    let opened = tobacco_member
        .post_form(&format!("/evaluaciones/{tobacco_assessment}/hilos"), &tobacco_comment)
        .await;
    assert_eq!(opened.status, 303);
    let foreign = report(&tobacco_member, &tobacco_assessment).await.threads.threads[0].id.to_string();
    for (who, visitor) in [(MILL_MEMBER, &member), (TOBACCO_MEMBER, &tobacco_member), (ADVISOR, &advisor)] {
        let crossed = format!("/evaluaciones/{id}/hilos/{foreign}/responder");
        assert_eq!(visitor.post_form(&crossed, &[("texto", "¿Y esto?")]).await.status, 404, "{who}");
        assert_eq!(
            visitor.post_form(&format!("/evaluaciones/{id}/hilos/{foreign}/cerrar"), &[]).await.status,
            404,
            "{who}"
        );
    }
    assert_eq!(report(&tobacco_member, &tobacco_assessment).await.threads.threads[0].messages.len(), 1);

    // A review is signed on a submitted assessment only: the mill's newer one is under way.
    let list: serde_json::Value =
        serde_json::from_str(&member.call("assessments/of-company", &[("company_id", &mill)]).await.body)
            .unwrap();
    let under_way =
        list["assessments"].as_array().unwrap().iter().find(|a| a["header"]["status"] == "in_progress");
    let under_way =
        under_way.expect("the demo's assessment under way")["header"]["id"].as_str().unwrap().to_owned();
    let early =
        advisor.post_form(&format!("/evaluaciones/{under_way}/revisiones"), &[("texto", "Pronto.")]).await;
    assert_eq!(early.status, 404);

    // The advisor replies while granted; once the grant is revoked, the same reply is a 404 and
    // the mill is gone from the advisor's home.
    let thread = report(&member, &id).await.threads.threads[0].id.to_string();
    let reply = format!("/evaluaciones/{id}/hilos/{thread}/responder");
    assert_eq!(advisor.post_form(&reply, &[("texto", "De acuerdo.")]).await.status, 303);
    let admin = app.signed_in(MILL_ADMIN).await;
    let access: serde_json::Value =
        serde_json::from_str(&admin.call("companies/access", &[("company_id", &mill)]).await.body).unwrap();
    let grant = access["grants"].as_array().unwrap().iter().find(|g| g["scope"] == "assessments").unwrap();
    let grant_id = grant["id"].as_str().unwrap();
    assert_eq!(
        admin.post_form(&format!("/empresas/{mill}/accesos/{grant_id}/retirar"), &[]).await.status,
        303
    );
    let refused = advisor.post_form(&reply, &[("texto", "¿Sigo aquí?")]).await;
    assert_eq!(refused.status, 404);
    assert!(!refused.body.contains(MILL));
    assert!(waiting(&advisor, &[]).await.unwrap().portfolio.is_empty());
    let signed = advisor.post_form(&format!("/evaluaciones/{id}/revisiones"), &[("texto", "Firmo.")]).await;
    assert_eq!(signed.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_verification_a_change_cleared_is_on_the_advisors_home() {
    let (app, _, id) = demo().await;
    let (advisor, member) = (app.signed_in(ADVISOR).await, app.signed_in(MILL_MEMBER).await);
    let cleared = async || {
        mill_line(&waiting(&advisor, &[]).await.unwrap()).latest.as_ref().unwrap().verifications_cleared
    };
    assert_eq!(cleared().await, 0);
    let verified = report(&member, &id).await.met.into_iter().find(|m| m.basis == Basis::Verified);
    let requirement = verified.expect("the demo's verified requirement").citation.requirement_id;

    assert_eq!(advisor.post_form(&format!("/evaluaciones/{id}/devolver"), &[]).await.status, 303);
    let questionnaire = app.store.questionnaire("agro-laboral", 1).await.unwrap().unwrap();
    let question = questionnaire.questions().find(|q| q.requirements.contains(&requirement)).unwrap();
    let section = questionnaire.section_of(&question.id).unwrap().id.clone();
    let changed = member.save_note_again(&id, &section, &question.id, "Cambió el procedimiento.").await;
    assert!(changed.header("location").unwrap().ends_with("?guardado=1"), "{changed:?}");
    assert_eq!(member.post_form(&format!("/evaluaciones/{id}/enviar"), &[]).await.status, 303);
    assert_eq!(cleared().await, 1, "the advisor is told the verification no longer stands");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_advisor_of_an_organization_the_mill_never_granted_reaches_nothing_of_its_review() {
    let (app, _, id) = demo().await;
    let platform = app.signed_in(PLATFORM_ADMIN).await;
    let created = platform
        .post_form("/organizaciones", &[("kind", "advisory"), ("name", "Otra Asesoría (prueba)")])
        .await;
    let token = created
        .header("location")
        .unwrap()
        .split("invitacion=")
        .nth(1)
        .expect("a first member's link")
        .to_owned();
    let stranger = app.visitor();
    let fields = [("name", "Otra asesora"), ("email", "otra@asesoria.mx"), ("password", DEMO_PASSWORD)];
    assert_eq!(stranger.post_form(&format!("/invitacion/{token}"), &fields).await.status, 303);

    let member = app.signed_in(MILL_MEMBER).await;
    let thread = report(&member, &id).await.threads.threads[0].id.to_string();
    let gap = report(&member, &id).await.gaps[0].citation.requirement_id.clone();
    let attempts = [
        (
            format!("/evaluaciones/{id}/hilos"),
            vec![("tema", "gap"), ("clave", gap.as_str()), ("pide", "question"), ("texto", "¿Y?")],
        ),
        (format!("/evaluaciones/{id}/hilos/{thread}/responder"), vec![("texto", "Hola.")]),
        (format!("/evaluaciones/{id}/hilos/{thread}/cerrar"), vec![]),
        (format!("/evaluaciones/{id}/revisiones"), vec![("texto", "Firmo.")]),
    ];
    let before = report(&member, &id).await;
    for (path, fields) in &attempts {
        let reply = stranger.post_form(path, fields).await;
        assert_eq!(reply.status, 404, "{path}");
        assert!(!reply.body.contains(MILL), "{path}");
    }
    let after = report(&member, &id).await;
    assert_eq!((after.threads, after.reviews), (before.threads, before.reviews), "nothing changed");
    let home = waiting(&stranger, &[]).await.expect("signed in");
    assert!(home.portfolio.is_empty() && home.own.is_empty());
    // The same reply by the granted advisor goes through: the refusal was the stranger's.
    let advisor = app.signed_in(ADVISOR).await;
    let granted = advisor
        .post_form(&format!("/evaluaciones/{id}/hilos/{thread}/responder"), &[("texto", "Hola.")])
        .await;
    assert_eq!(granted.status, 303);
}

/// An advisor granted many companies (the bench's seed: 25 besides the demo's) reads the portfolio
/// a page at a time, in one order across the pages, and a company's log records the advisor's look
/// only when its line was shown.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_portfolio_is_paged_in_one_order_and_only_the_lines_shown_are_logged() {
    use server::bench::{Scale, company_admin_email, seed};
    let app = TestApp::spawn().await;
    let scale = Scale { companies: 25, plans: 3, long_plan_actions: 0 };
    seed(&app.store, &app.library, DEMO_PASSWORD, scale).await.expect("seed 25 companies");
    let advisor = app.signed_in(ADVISOR).await;
    let by_name = |page: &'static str| [("orden", "nombre"), ("pagina", page)];

    let first = waiting(&advisor, &by_name("1")).await.expect("signed in");
    let second = waiting(&advisor, &by_name("2")).await.expect("signed in");
    let total = first.portfolio_total as usize;
    assert!(total > 25, "the seeded companies and the demo's: {total}");
    assert_eq!((first.portfolio_page, first.portfolio_pages, second.portfolio_page), (1, 2, 2));
    assert_eq!(first.portfolio.len(), 20);
    assert_eq!(second.portfolio.len(), total - 20, "the rest, on the last page");
    let names: Vec<&str> =
        first.portfolio.iter().chain(&second.portfolio).map(|line| line.company.name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(names, sorted, "every company once, in order across the pages");
    let beyond = waiting(&advisor, &by_name("9")).await.expect("signed in");
    assert_eq!((beyond.portfolio_page, beyond.portfolio), (2, second.portfolio.clone()), "the last page");

    // Ordered by score, lowest first across the pages (each company scored, a batch at a time).
    let by_score = |page: &'static str| [("orden", "puntaje"), ("pagina", page)];
    let (low, high) =
        (waiting(&advisor, &by_score("1")).await.unwrap(), waiting(&advisor, &by_score("2")).await.unwrap());
    let scores: Vec<Option<u32>> = low
        .portfolio
        .iter()
        .chain(&high.portfolio)
        .map(|line| line.latest.as_ref().and_then(|l| l.score))
        .collect();
    assert_eq!(scores.len(), total);
    assert!(scores.windows(2).all(|pair| pair[0] <= pair[1]), "{scores:?}");
    assert!(
        scores.iter().filter(|score| score.is_some()).count() > 25,
        "every seeded company scored: {scores:?}"
    );

    // Ordered by what waits, the demo mill (a review, a reply and an action to verify) leads.
    let by_waiting = waiting(&advisor, &[("pagina", "1")]).await.expect("signed in");
    assert_eq!(by_waiting.portfolio[0].company.name, MILL);
    let seeded =
        by_waiting.portfolio.iter().find(|line| line.company.name.contains("bench")).expect("a seeded one");
    let latest = seeded.latest.as_ref().expect("a seeded company's submitted assessment");
    assert!(latest.needs_review && latest.score.is_some(), "{latest:?}");

    // Company 0024 is on the second page by name: the first page's look is not in its log.
    let last = app.organization_id(OrganizationKind::Company, "Empresa de carga 0024 (bench)").await;
    let looks = |log: Vec<assessments::access::AuditLine>| {
        log.iter().filter(|l| l.action == AuditAction::OutsiderViewed && l.detail == "advisor's home").count()
    };
    let before = looks(app.audit_log(last, &company_admin_email(24)).await);
    waiting(&advisor, &by_name("1")).await.expect("signed in");
    assert_eq!(looks(app.audit_log(last, &company_admin_email(24)).await), before, "not shown, not logged");
    waiting(&advisor, &by_name("2")).await.expect("signed in");
    assert_eq!(looks(app.audit_log(last, &company_admin_email(24)).await), before + 1, "shown, logged");

    // The home page links the pages, keeping the order.
    let page = advisor.get("/?orden=nombre").await;
    assert!(page.body.contains("href=\"/?pagina=2&amp;orden=nombre\""), "{}", page.body);
    assert!(senda_tests::visible_text(&page.body).contains(&format!("Página 1 de 2 · {total} empresas")));
}
