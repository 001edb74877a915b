//! Improvement plans over HTTP: made from the gaps, worked to verification with every change kept,
//! shared as figures with the association, exported as PDFs read back by an independent reader.

use app::model::plan::{ActionPage, PlanPage, PlanSummary};
use assessments::catalog::Severity;
use assessments::organization::OrganizationKind;
use assessments::plan::{ActionStatus, EventKind, ProposedAction};
use assessments::text::Text;
use senda_tests::demo::*;
use senda_tests::{AssessmentsCopy, TestApp, Visitor};

/// The demo, and the mill's submitted assessment.
async fn demo() -> (TestApp, String, String) {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    let assessment = app.demo_assessment(mill.parse().unwrap()).await.to_string();
    (app, mill, assessment)
}

async fn plan(visitor: &Visitor, plan: &str) -> PlanPage {
    let reply = visitor.call("plans/get", &[("plan_id", plan)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

async fn action(visitor: &Visitor, plan: &str, action: &str) -> ActionPage {
    let reply = visitor.call("plans/action", &[("plan_id", plan), ("action_id", action)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).unwrap()
}

/// Moves an action as the status form does; where the person is sent back to.
async fn move_to(
    visitor: &Visitor,
    plan: &str,
    action_id: &str,
    to: &str,
    note: &str,
    revision: i64,
) -> String {
    let path = format!("/planes/{plan}/acciones/{action_id}/estado");
    let revision = revision.to_string();
    let reply = visitor.post_form(&path, &[("estado", to), ("nota", note), ("r", &revision)]).await;
    assert_eq!(reply.status, 303, "{reply:?}");
    reply.header("location").unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_mill_has_a_plan_under_way_and_the_association_sees_only_its_progress() {
    let (app, mill, assessment) = demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let plan_id = member.get(&format!("/evaluaciones/{assessment}")).await.body;
    assert!(plan_id.contains("/planes/"), "the assessment links its plan");
    let plans = member.call("plans/of-company", &[("company_id", &mill)]).await;
    let plans: Vec<PlanSummary> = serde_json::from_str(&plans.body).unwrap();
    let page = plan(&member, &plans[0].header.id.to_string()).await;
    for status in ActionStatus::ALL {
        assert!(page.actions.iter().any(|l| l.action.status == status), "no {status:?} action");
    }
    assert!(page.progress.overdue >= 2, "{:?}", page.progress);

    let association = app.signed_in(ASSOCIATION_VIEWER).await;
    let shared = association.call("plans/of-company", &[("company_id", &mill)]).await;
    let shared: Vec<PlanSummary> = serde_json::from_str(&shared.body).unwrap();
    assert_eq!((shared[0].progress, shared[0].can_open), (page.progress, false), "figures, and only figures");
    let plan_id = shared[0].header.id.to_string();
    assert_eq!(association.call("plans/get", &[("plan_id", &plan_id)]).await.status, 404);
    assert_eq!(association.get(&format!("/planes/{plan_id}")).await.status, 404);
    assert_eq!(association.get(&format!("/planes/{plan_id}/pdf")).await.status, 404);
    let company_page = association.get(&format!("/empresas/{mill}")).await;
    assert!(
        company_page.body.contains("acciones hechas o verificadas"),
        "the progress shows on the company page"
    );
    assert!(
        !company_page.body.contains(&page.actions[0].action.text.spanish()[..20]),
        "but no action's wording"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn actions_are_worked_by_the_company_verified_by_the_advisor_and_every_change_is_kept() {
    let (app, mill, _) = demo().await;
    // A fresh plan on a new submitted assessment: start from the demo's answers and submit.
    let member = app.signed_in(MILL_MEMBER).await;
    let list = member.call("plans/of-company", &[("company_id", &mill)]).await;
    let plans: Vec<PlanSummary> = serde_json::from_str(&list.body).unwrap();
    let plan_id = plans[0].header.id.to_string();
    let page = plan(&member, &plan_id).await;
    let pending =
        page.actions.iter().find(|l| l.action.status == ActionStatus::Pending).unwrap().action.clone();
    assert!(!pending.text.spanish().is_empty(), "prefilled with the suggested action");

    // Done asks for evidence; what was typed comes back.
    let refused = move_to(&member, &plan_id, &pending.id.to_string(), "done", " ", pending.revision).await;
    assert!(refused.contains("error=evidence_missing"), "{refused}");
    let done = move_to(
        &member,
        &plan_id,
        &pending.id.to_string(),
        "done",
        "Lista de asistencia firmada",
        pending.revision,
    )
    .await;
    assert!(done.ends_with("?guardado=1"), "{done}");
    // The company does not verify its own work.
    let current = action(&member, &plan_id, &pending.id.to_string()).await.line.action;
    let own = move_to(&member, &plan_id, &pending.id.to_string(), "verified", "", current.revision).await;
    assert!(own.contains("error=not_allowed"), "{own}");

    // The advisor sends it back with a reason, then verifies the second attempt.
    let advisor = app.signed_in(ADVISOR).await;
    let no_reason =
        move_to(&advisor, &plan_id, &pending.id.to_string(), "in_progress", "", current.revision).await;
    assert!(no_reason.contains("error=reason_missing"));
    move_to(
        &advisor,
        &plan_id,
        &pending.id.to_string(),
        "in_progress",
        "Falta la firma del supervisor",
        current.revision,
    )
    .await;
    let current = action(&member, &plan_id, &pending.id.to_string()).await.line.action;
    move_to(
        &member,
        &plan_id,
        &pending.id.to_string(),
        "done",
        "Firmada por el supervisor",
        current.revision,
    )
    .await;
    let current = action(&member, &plan_id, &pending.id.to_string()).await.line.action;
    move_to(&advisor, &plan_id, &pending.id.to_string(), "verified", "", current.revision).await;
    let page = action(&member, &plan_id, &pending.id.to_string()).await;
    assert_eq!(page.line.action.status, ActionStatus::Verified);
    let moves: Vec<(Option<ActionStatus>, String)> = page
        .history
        .iter()
        .filter(|e| e.kind == EventKind::Status)
        .map(|e| (e.to_status, e.note.clone()))
        .collect();
    assert_eq!(
        moves,
        [
            (Some(ActionStatus::Done), "Lista de asistencia firmada".to_owned()),
            (Some(ActionStatus::InProgress), "Falta la firma del supervisor".to_owned()),
            (Some(ActionStatus::Done), "Firmada por el supervisor".to_owned()),
            (Some(ActionStatus::Verified), String::new()),
        ]
    );

    // An edit based on an old revision is refused, not silently applied.
    let stale = pending.revision.to_string();
    let edit = member
        .post_form(
            &format!("/planes/{plan_id}/acciones/{}", pending.id),
            &[
                ("texto", "Otra redacción"),
                ("responsable", "RR. HH."),
                ("fecha", "2027-01-31"),
                ("r", &stale),
            ],
        )
        .await;
    let back = edit.header("location").unwrap().to_owned();
    assert!(back.contains("?error=conflict&texto=Otra%20redacci%C3%B3n"), "{back}");
    assert_ne!(
        action(&member, &plan_id, &pending.id.to_string()).await.line.action.text.spanish(),
        "Otra redacción"
    );
    // The form comes back with what was typed; nothing of it is lost.
    let page = member.get(&back).await;
    assert!(page.body.contains("Otra redacción") && page.body.contains(r#"value="RR. HH.""#));

    // So does an edit with a date that does not exist, which is refused.
    let before = action(&member, &plan_id, &pending.id.to_string()).await.line.action;
    let current = before.revision.to_string();
    let edit = member
        .post_form(
            &format!("/planes/{plan_id}/acciones/{}", pending.id),
            &[("texto", "Redacción nueva"), ("fecha", "2027-02-31"), ("r", &current)],
        )
        .await;
    let back = edit.header("location").unwrap().to_owned();
    assert!(back.contains("?error=invalid_edit&texto=Redacci%C3%B3n%20nueva"), "{back}");
    assert!(member.get(&back).await.body.contains("Redacción nueva"));
    assert_eq!(
        action(&member, &plan_id, &pending.id.to_string()).await.line.action,
        before,
        "nothing was saved"
    );

    // Only the company's own people change the plan.
    for who in [ADVISOR, TOBACCO_ADMIN] {
        let visitor = app.signed_in(who).await;
        let reply = visitor
            .post_form(
                &format!("/planes/{plan_id}/acciones"),
                &[("texto", "x"), ("gravedad", "low"), ("fecha", "2027-01-01")],
            )
            .await;
        assert_eq!(reply.status, 404, "{who} added an action");
    }
}

/// From the page where the action table starts to the last, each page (pdftotext ends each with
/// a form feed) carries the table's header row once.
fn assert_header_on_every_table_page(text: &str) {
    let pages: Vec<&str> = text.split('\u{c}').filter(|page| !page.trim().is_empty()).collect();
    let first = pages.iter().position(|page| page.contains("Acciones del plan")).expect("the action table");
    for (number, page) in pages.iter().enumerate().skip(first) {
        assert_eq!(page.matches("Última nota").count(), 1, "page {} lacks the table header", number + 1);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_plan_pdf_reads_back_with_its_accents_and_a_300_action_plan_flows_over_pages() {
    let (app, mill, _) = demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let plans: Vec<PlanSummary> =
        serde_json::from_str(&member.call("plans/of-company", &[("company_id", &mill)]).await.body).unwrap();
    let plan_id = plans[0].header.id.to_string();
    let page = plan(&member, &plan_id).await;

    let small = member.get_bytes(&format!("/planes/{plan_id}/pdf")).await;
    assert_eq!(small.0, 200);
    assert!(small.1.starts_with(b"%PDF-"));
    let (text, pages) = senda_tests::read_pdf(&small.1);
    if std::env::var_os("SHOW_PDF_TEXT").is_some() {
        println!("{text}");
    }
    for expected in [
        "Plan de mejora continua",
        "Ingenio La Esperanza (demo)",
        "Puntaje por sección",
        "Código de conducta",
        "Acciones del plan",
        "Política firmada",
        "Confidencial",
    ] {
        assert!(text.contains(expected), "the PDF lacks {expected:?}:\n{text}");
    }
    assert!(
        text.contains(&format!("Página 1 de {pages}"))
            && text.contains(&format!("Página {pages} de {pages}")),
        "{text}"
    );
    assert!(pages >= 3, "a cover, the chart and gaps, the actions: {pages}");
    assert_header_on_every_table_page(&text);
    let first_action =
        page.actions[0].action.text.spanish().split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    assert!(text.contains(&first_action), "{first_action}");

    // 300 more actions, with every Spanish letter.
    let account = app.store.account_by_email(MILL_MEMBER).await.unwrap().unwrap();
    let viewer = app.store.viewer(account.id).await.unwrap().unwrap();
    for i in 0..300 {
        let action = ProposedAction {
            requirement_id: String::new(),
            section_id: String::new(),
            severity: Severity::Low,
            text: Text::new(
                format!("Acción añadida número {i}: revisión de nómina y jornada ¿cumple? ¡sí! Ñandú ü"),
                None,
            ),
            due_date: assessments::dates::day("2027-06-30"),
            carried_from: None,
        };
        app.store.add_action(&viewer, plan_id.parse().unwrap(), &action).await.unwrap();
    }
    let large = member.get_bytes(&format!("/planes/{plan_id}/pdf")).await;
    assert_eq!(large.0, 200);
    let (text, large_pages) = senda_tests::read_pdf(&large.1);
    assert!(large_pages > pages + 5, "{large_pages} pages");
    assert!(text.contains(&format!("Página {large_pages} de {large_pages}")));
    // Cells wrap, so look for words rather than whole sentences.
    for expected in
        ["Acción añadida número 0:", "Acción añadida número 299:", "nómina", "¿cumple?", "¡sí!", "Ñandú"]
    {
        assert!(text.contains(expected), "{expected:?} lost its accents or its place");
    }
    assert_eq!(text.matches("Acción añadida número").count(), 300, "every action printed once");
    assert_header_on_every_table_page(&text);
    assert!(large.1.len() < 400_000, "the fonts are subset: {} bytes", large.1.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_plan_pdf_is_refused_to_everyone_without_access_and_an_advisors_download_is_audited() {
    let (app, mill, _) = demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let plans: Vec<PlanSummary> =
        serde_json::from_str(&member.call("plans/of-company", &[("company_id", &mill)]).await.body).unwrap();
    let path = format!("/planes/{}/pdf", plans[0].header.id);
    for who in [TOBACCO_ADMIN, TOBACCO_MEMBER, PLATFORM_ADMIN, ASSOCIATION_ADMIN] {
        let visitor = app.signed_in(who).await;
        let (status, body) = visitor.get_bytes(&path).await;
        assert_eq!(status, 404, "{who} got the PDF");
        assert!(!body.starts_with(b"%PDF"));
    }
    assert_ne!(app.visitor().get_bytes(&path).await.0, 200, "signed out");
    let advisor = app.signed_in(ADVISOR).await;
    assert_eq!(advisor.get_bytes(&path).await.0, 200);
    let admin = app.signed_in(MILL_ADMIN).await;
    let log = admin.call("companies/audit-log", &[("company_id", &mill)]).await;
    assert!(log.body.contains("plan PDF"), "the advisor's export is in the company's log");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_next_plan_continues_open_gaps_with_their_history_and_points_out_those_closed() {
    // The next assessment is of the same version as the demo's, so every cause is asked again.
    let assessments = AssessmentsCopy::with_version_1_published();
    let app = TestApp::spawn_with_assessments(assessments.path.clone()).await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    let first = app.demo_assessment(mill.parse().unwrap()).await.to_string();
    let member = app.signed_in(MILL_MEMBER).await;
    let plans: Vec<PlanSummary> =
        serde_json::from_str(&member.call("plans/of-company", &[("company_id", &mill)]).await.body).unwrap();
    let old_plan = plan(&member, &plans[0].header.id.to_string()).await;
    // The demo's first action is in progress with a note; the second is done: close its gap.
    let continued = old_plan.actions[0].action.clone();
    let closing = old_plan.actions[1].action.clone();
    let report: app::model::report::GapReport =
        serde_json::from_str(&member.call("assessments/gap-report", &[("assessment_id", &first)]).await.body)
            .unwrap();
    let gap = report
        .gaps
        .iter()
        .find(|g| Some(&g.citation.requirement_id) == closing.requirement_id.as_ref())
        .unwrap();

    // A new assessment from the first one's answers, with the closing gap's answers compliant.
    let started = member
        .post_form(
            &format!("/empresas/{mill}/evaluaciones"),
            &[("questionnaire", "agro-laboral@1"), ("carry", &first)],
        )
        .await;
    let second = started.header("location").unwrap().trim_start_matches("/evaluaciones/").to_owned();
    for cause in &gap.causes {
        let questionnaire = app.store.questionnaire("agro-laboral", 1).await.unwrap().unwrap();
        let section = questionnaire.section_of(&cause.question_id).unwrap().id.to_string();
        let question = questionnaire.question(&cause.question_id).unwrap();
        let compliant = assessments::scoring::answer_at(
            &question.answer,
            assessments::questionnaire::Level::Compliant,
            assessments::dates::day("2026-11-27"),
        )
        .unwrap()
        .as_form_values();
        let page =
            member.call("assessments/section", &[("assessment_id", &second), ("section_id", &section)]).await;
        let page: app::model::assessment::SectionToAnswer = serde_json::from_str(&page.body).unwrap();
        let saved = page.answers.iter().find(|a| a.question_id == cause.question_id).unwrap();
        let mut fields = vec![
            (format!("r.{}", cause.question_id), saved.revision.to_string()),
            (format!("f.{}", cause.question_id), saved.fingerprint()),
        ];
        fields.extend(compliant.into_iter().map(|v| (format!("a.{}", cause.question_id), v)));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        member.post_form(&format!("/evaluaciones/{second}/secciones/{section}"), &fields).await;
    }
    // A "not applicable" is not carried over: it is given again, with its reason.
    let reason = "Sin utilidades en el ejercicio.";
    let fingerprint = assessments::answers::fingerprint(None, "", "");
    let ptu = [
        ("a.salarios.ptu", "not_applicable"),
        ("n.salarios.ptu", reason),
        ("r.salarios.ptu", "0"),
        ("f.salarios.ptu", &fingerprint),
    ];
    let saved = member.post_form(&format!("/evaluaciones/{second}/secciones/salarios"), &ptu).await;
    assert!(saved.header("location").unwrap().ends_with("?guardado=1"), "{saved:?}");
    let submitted = member.post_form(&format!("/evaluaciones/{second}/enviar"), &[]).await;
    assert_eq!(
        submitted.header("location"),
        Some(format!("/evaluaciones/{second}").as_str()),
        "complete, submitted"
    );
    let created = member.post_form(&format!("/evaluaciones/{second}/plan"), &[]).await;
    let new_plan_id = created.header("location").unwrap().trim_start_matches("/planes/").to_owned();
    let new_plan = plan(&member, &new_plan_id).await;

    let closed: Vec<_> = new_plan.closed_since_previous.iter().map(|l| l.action.id).collect();
    assert_eq!(closed, [closing.id], "the closed gap's action is pointed out");
    let carrying = new_plan
        .actions
        .iter()
        .find(|l| l.action.carried_from == Some(continued.id))
        .expect("the open gap continues its action");
    assert_eq!(carrying.action.owner, continued.owner, "with its owner");
    let history = action(&member, &new_plan_id, &carrying.action.id.to_string()).await.history;
    assert!(history.iter().any(|e| e.note.contains("Se contrató")), "and its history: {history:?}");
    let verified = old_plan.actions.iter().find(|l| l.action.status == ActionStatus::Verified).unwrap();
    assert!(
        new_plan.actions.iter().all(|l| l.action.carried_from != Some(verified.action.id)),
        "a verified action whose gap came back starts over"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_split_an_action_in_two_and_merge_two_into_one() {
    let (app, mill, _) = demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let plans: Vec<PlanSummary> =
        serde_json::from_str(&member.call("plans/of-company", &[("company_id", &mill)]).await.body).unwrap();
    let plan_id = plans[0].header.id.to_string();
    let before = plan(&member, &plan_id).await.actions;
    let first = before[0].action.clone();

    let split = member.post_form(&format!("/planes/{plan_id}/acciones/{}/dividir", first.id), &[]).await;
    assert_eq!(split.status, 303);
    let after = plan(&member, &plan_id).await.actions;
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after[1].action.text, first.text, "the copy comes right after the original");
    assert_eq!(
        (after[1].action.requirement_id.clone(), after[1].action.owner.clone()),
        (first.requirement_id.clone(), first.owner.clone())
    );

    let copy = after[1].action.id.to_string();
    let merged = member
        .post_form(&format!("/planes/{plan_id}/acciones/{}/unir", after[2].action.id), &[("otra", &copy)])
        .await;
    assert_eq!(merged.status, 303);
    let after_merge = plan(&member, &plan_id).await.actions;
    assert_eq!(after_merge.len(), before.len());
    assert!(after_merge.iter().all(|l| l.action.id.to_string() != copy), "the merged action left the list");
    let target = after_merge.iter().find(|l| l.action.id == after[2].action.id).unwrap();
    assert!(target.action.text.spanish().ends_with(first.text.spanish()), "both wordings are kept");

    let advisor = app.signed_in(ADVISOR).await;
    assert_eq!(
        advisor.post_form(&format!("/planes/{plan_id}/acciones/{}/dividir", first.id), &[]).await.status,
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_plan_pdf_speaks_the_readers_language() {
    let (app, mill, _) = demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    assert_eq!(member.get("/idioma/en").await.status, 303, "the language switch");
    let plans: Vec<PlanSummary> =
        serde_json::from_str(&member.call("plans/of-company", &[("company_id", &mill)]).await.body).unwrap();
    let (status, bytes) = member.get_bytes(&format!("/planes/{}/pdf", plans[0].header.id)).await;
    assert_eq!(status, 200);
    let (text, pages) = senda_tests::read_pdf(&bytes);
    for expected in
        ["Continuous improvement plan", "Code of conduct and policies", "Plan actions", "Latest note"]
    {
        assert!(text.contains(expected), "the English PDF lacks {expected:?}");
    }
    assert!(text.contains(&format!("Page 1 of {pages}")));
}
