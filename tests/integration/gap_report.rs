//! The gap report against a hand-worked assessment, its comparison with the previous one, its CSV
//! export, who may see it, and the demo's submitted assessments.

use app::model::report::GapReport;
use assessments::catalog::Severity;
use assessments::organization::OrganizationKind;
use assessments::scoring::{Rating, RequirementStatus};
use senda_tests::demo::*;
use senda_tests::{TestApp, Visitor};

async fn report(visitor: &Visitor, assessment: &str) -> GapReport {
    let reply = visitor.call("assessments/gap-report", &[("assessment_id", assessment)]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    serde_json::from_str(&reply.body).expect("a gap report")
}

/// Starts an assessment of the mill, optionally from an earlier one, and answers the code of
/// conduct section as given (every other question left alone).
async fn answer_code_of_conduct(
    app: &TestApp,
    member: &Visitor,
    carry: &str,
    answers: &[(&str, &str)],
) -> String {
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    let started = member
        .post_form(
            &format!("/empresas/{mill}/evaluaciones"),
            &[("questionnaire", "agro-laboral@1"), ("carry", carry)],
        )
        .await;
    let id = started.header("location").and_then(|l| l.strip_prefix("/evaluaciones/")).unwrap().to_owned();
    let page = member.call("assessments/section", &[("assessment_id", &id), ("section_id", "codigo")]).await;
    let page: app::model::assessment::SectionToAnswer = serde_json::from_str(&page.body).unwrap();
    let mut fields = Vec::new();
    for (question, value) in answers {
        let saved = page.answers.iter().find(|a| a.question_id == *question);
        fields.push((format!("a.{question}"), (*value).to_owned()));
        fields.push((format!("r.{question}"), saved.map_or(0, |a| a.revision).to_string()));
        let shown =
            saved.map_or_else(|| assessments::answers::fingerprint(None, "", ""), |a| a.fingerprint());
        fields.push((format!("f.{question}"), shown));
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = member.post_form(&format!("/evaluaciones/{id}/secciones/codigo"), &fields).await;
    assert!(saved.header("location").unwrap().ends_with("?guardado=1"), "{saved:?}");
    id
}

/// The hand-worked example (weights from the catalog's severities):
/// política escrita (critical, 4) yes → 4 of 4; difusión (medium, 2) partial → 1 of 2;
/// no discriminación (high, 3) no → 0 of 3; proveedores not applicable → left out;
/// trabajo libre (critical, 4) yes → 4 of 4. 9 of 13 points → 69.2 → 69, needs improvement.
const WORKED: [(&str, &str); 5] = [
    ("codigo.politica-escrita", "yes"),
    ("codigo.difusion", "partial"),
    ("codigo.no-discriminacion", "no"),
    ("codigo.proveedores", "not_applicable"),
    ("codigo.trabajo-libre", "yes"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_has_the_numbers_worked_out_by_hand() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = answer_code_of_conduct(&app, &member, "", &WORKED).await;

    let report = report(&member, &id).await;
    assert_eq!(report.overall, Some(69));
    assert_eq!(report.rating, Some(Rating::NeedsImprovement));
    let code = report.sections.iter().find(|s| s.id == "codigo").unwrap();
    assert_eq!((code.score, code.gaps), (Some(69), 2));
    assert!(report.sections.iter().filter(|s| s.id != "codigo").all(|s| s.score.is_none()));
    let gaps: Vec<(&str, Severity, RequirementStatus)> =
        report.gaps.iter().map(|g| (g.citation.requirement_id.as_str(), g.severity, g.status)).collect();
    assert_eq!(
        gaps,
        [
            ("LFT-3-133-I-XIV", Severity::High, RequirementStatus::NotMet),
            ("LFPED-1-9", Severity::Medium, RequirementStatus::NotMet),
        ]
    );
    let cause = &report.gaps[0].causes[0];
    let es = assessments::Language::Es;
    let answer = app::i18n::texts(es).answering.describe(&cause.kind, &cause.answer, es);
    assert_eq!((cause.question_id.as_str(), answer.as_str()), ("codigo.no-discriminacion", "No"));
    assert!(cause.action.is_some(), "the suggested action comes with the gap");

    let html = member.get(&format!("/evaluaciones/{id}/brechas")).await;
    assert_eq!(html.status, 200);
    for expected in ["scorecard__number\">69<", "Necesita mejorar", "<svg", "Ley Federal del Trabajo"] {
        assert!(html.body.contains(expected), "the page lacks {expected}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_next_assessment_shows_the_gaps_it_closed_and_the_scores_that_moved() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let first = answer_code_of_conduct(&app, &member, "", &WORKED).await;
    let second = answer_code_of_conduct(
        &app,
        &member,
        &first,
        &[("codigo.difusion", "yes"), ("codigo.no-discriminacion", "yes")],
    )
    .await;
    let report = report(&member, &second).await;
    assert_eq!(report.overall, Some(100), "every carried and improved answer compliant");
    let previous = report.previous.expect("the first assessment is the previous one");
    assert_eq!(
        (previous.assessment_id.to_string().as_str(), previous.overall, previous.new),
        (first.as_str(), Some(69), 0)
    );
    let closed: Vec<&str> = previous.closed.iter().map(|c| c.requirement_id.as_str()).collect();
    assert_eq!(closed, ["LFT-3-133-I-XIV", "LFPED-1-9"]);
    let code = report.sections.iter().find(|s| s.id == "codigo").unwrap();
    assert_eq!((code.score, code.previous), (Some(100), Some(69)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gaps_export_as_csv_with_accents_intact_for_those_who_see_them() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = answer_code_of_conduct(&app, &member, "", &WORKED).await;
    let path = format!("/evaluaciones/{id}/brechas.csv");

    let csv = member.get(&path).await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), Some("text/csv; charset=utf-8"));
    assert!(csv.body.starts_with('\u{feff}'), "a byte-order mark for spreadsheets");
    let lines: Vec<&str> =
        csv.body.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines[0],
        "\"Sección\",\"Gravedad\",\"Estado\",\"Ordenamiento\",\"Artículo\",\"Requisito\",\"Pregunta\",\"Respuesta\",\"Acción sugerida\""
    );
    assert_eq!(lines.len(), 1 + 3, "one row per answer behind each gap: {lines:?}");
    assert!(lines[1].starts_with("\"Código de conducta"), "{}", lines[1]);
    assert!(lines[1].contains("\"Alta\",\"No cumple\""), "{}", lines[1]);

    for who in [TOBACCO_MEMBER, ASSOCIATION_ADMIN] {
        let visitor = app.signed_in(who).await;
        assert_eq!(visitor.get(&path).await.status, 404, "{who}");
        assert_eq!(visitor.get(&format!("/evaluaciones/{id}/brechas")).await.status, 404, "{who}");
        assert_eq!(
            visitor.call("assessments/gap-report", &[("assessment_id", &id)]).await.status,
            404,
            "{who}"
        );
    }
    let advisor = app.signed_in(ADVISOR).await;
    assert_eq!(advisor.get(&path).await.status, 200);

    // The report as a PDF, from the plan's building blocks, for the same people only.
    let pdf = format!("/evaluaciones/{id}/brechas.pdf");
    let (status, bytes) = member.get_bytes(&pdf).await;
    assert_eq!(status, 200);
    let (text, pages) = senda_tests::read_pdf(&bytes);
    assert!(text.contains("Informe de brechas") && text.contains("Código de conducta y políticas"), "{text}");
    assert!(text.contains(&format!("Página {pages} de {pages}")) && !text.contains("Acciones del plan"));
    assert_eq!(app.signed_in(TOBACCO_MEMBER).await.get_bytes(&pdf).await.0, 404);
    let admin = app.signed_in(MILL_ADMIN).await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    let log = admin.call("companies/audit-log", &[("company_id", &mill)]).await;
    assert!(log.body.contains("gap report CSV"), "the advisor's export is in the log");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_demo_company_has_a_submitted_assessment_with_a_telling_gap_report() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    for (who, company) in [(MILL_MEMBER, MILL), (TOBACCO_MEMBER, TOBACCO)] {
        let visitor = app.signed_in(who).await;
        let company_id = app.organization_id(OrganizationKind::Company, company).await.to_string();
        let list = visitor.call("assessments/of-company", &[("company_id", &company_id)]).await;
        let list: app::model::assessment::CompanyAssessments = serde_json::from_str(&list.body).unwrap();
        let line = list.assessments.first().expect("the demo assessment");
        assert_eq!(line.header.status, assessments::answers::AssessmentStatus::Submitted);
        assert_eq!(line.progress.answered, line.progress.applicable, "complete");
        let report = report(&visitor, &line.header.id.to_string()).await;
        assert_eq!(report.rating, Some(Rating::Critical), "{company}");
        let severities: Vec<Severity> = report.gaps.iter().map(|g| g.severity).collect();
        if company == MILL {
            for severity in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low] {
                assert!(severities.contains(&severity), "the mill has no {severity:?} gap");
            }
        } else {
            assert_eq!(severities.iter().filter(|s| **s == Severity::Critical).count(), 1);
        }
    }
}
