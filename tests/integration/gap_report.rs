//! The gap report against a hand-worked assessment, its comparison with the previous one, its CSV
//! export, who may see it, and the demo's submitted assessments.

use app::model::report::GapReport;
use assessments::catalog::Severity;
use assessments::organization::OrganizationKind;
use assessments::scoring::{Basis, Rating, RequirementStatus};
use senda_tests::demo::*;
use senda_tests::{AssessmentsCopy, TestApp, Visitor};

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
        // "Not applicable" is saved only with its reason.
        let note = if *value == "not_applicable" { NOT_APPLICABLE_BECAUSE } else { "" };
        fields.push((format!("n.{question}"), note.to_owned()));
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

/// The hand-worked example, on version 1 (weights from the catalog's severities):
/// política escrita (critical, 4) yes → 4 of 4; difusión (medium) not applicable, with its
/// reason → left out; no discriminación (high, 3) no → 0 of 3; proveedores (critical, 4) partial
/// → 2 of 4; trabajo libre (critical, 4) yes → 4 of 4. 10 of 15 points → 66.7 → 67. The partial
/// on a critical requirement (OIT-C29) is a gap, but no zero-tolerance finding: needs improvement.
const WORKED: [(&str, &str); 5] = [
    ("codigo.politica-escrita", "yes"),
    ("codigo.difusion", "not_applicable"),
    ("codigo.no-discriminacion", "no"),
    ("codigo.proveedores", "partial"),
    ("codigo.trabajo-libre", "yes"),
];

const NOT_APPLICABLE_BECAUSE: &str =
    "Todo el personal firmó el código al ingresar y no hay personal de temporada.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_has_the_numbers_worked_out_by_hand() {
    let assessments = AssessmentsCopy::with_version_1_published();
    let app = TestApp::spawn_with_assessments(assessments.path.clone()).await;
    app.load_demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let id = answer_code_of_conduct(&app, &member, "", &WORKED).await;

    let report = report(&member, &id).await;
    assert_eq!(report.overall, Some(67));
    assert_eq!(report.rating, Some(Rating::NeedsImprovement));
    let code = report.sections.iter().find(|s| s.id == "codigo").unwrap();
    assert_eq!((code.score, code.gaps), (Some(67), 3));
    assert!(report.sections.iter().filter(|s| s.id != "codigo").all(|s| s.score.is_none()));
    let gaps: Vec<(&str, Severity, RequirementStatus, bool)> = report
        .gaps
        .iter()
        .map(|g| (g.citation.requirement_id.as_str(), g.severity, g.status, g.zero_tolerance))
        .collect();
    assert_eq!(
        gaps,
        [
            ("OIT-C29-P29-C105", Severity::Critical, RequirementStatus::PartlyMet, false),
            ("LFT-3-133-I-XIV", Severity::High, RequirementStatus::NotMet, false),
            ("LFPED-1-9", Severity::Medium, RequirementStatus::NotMet, false),
        ]
    );
    // The exclusion is listed with its reason; the met requirements say they rest on the
    // company's word, and all the points earned do.
    let exclusions: Vec<(&str, &str)> =
        report.exclusions.iter().map(|e| (e.question_id.as_str(), e.reason.as_str())).collect();
    assert_eq!(exclusions, [("codigo.difusion", NOT_APPLICABLE_BECAUSE)]);
    assert!(!report.met.is_empty() && report.met.iter().all(|m| m.basis == Basis::Declared));
    assert_eq!(report.declared_share, Some(100));
    let cause = &report.gaps[1].causes[0];
    let es = assessments::Language::Es;
    let answer = app::i18n::texts(es).answering.describe(&cause.kind, &cause.answer, es);
    assert_eq!((cause.question_id.as_str(), answer.as_str()), ("codigo.no-discriminacion", "No"));
    assert!(cause.action.is_some(), "the suggested action comes with the gap");

    let html = member.get(&format!("/evaluaciones/{id}/brechas")).await;
    assert_eq!(html.status, 200);
    for expected in ["scorecard__number\">67<", "Necesita mejorar", "<svg", "Ley Federal del Trabajo"] {
        assert!(html.body.contains(expected), "the page lacks {expected}");
    }
    let page = senda_tests::visible_text(&html.body);
    for expected in [
        &format!("Razón: {NOT_APPLICABLE_BECAUSE}"),
        "El 100 % de los puntos obtenidos descansa solo en la palabra de la empresa",
        "Declarado",
    ] {
        assert!(page.contains(expected), "the page lacks {expected}");
    }
    assert!(!page.contains("Hallazgos de tolerancia cero"), "no finding, no findings block");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_next_assessment_shows_the_gaps_it_closed_and_the_scores_that_moved() {
    let assessments = AssessmentsCopy::with_version_1_published();
    let app = TestApp::spawn_with_assessments(assessments.path.clone()).await;
    app.load_demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let first = answer_code_of_conduct(&app, &member, "", &WORKED).await;
    let second = answer_code_of_conduct(
        &app,
        &member,
        &first,
        &[("codigo.difusion", "yes"), ("codigo.no-discriminacion", "yes"), ("codigo.proveedores", "yes")],
    )
    .await;
    let report = report(&member, &second).await;
    assert_eq!(report.overall, Some(100), "every carried and improved answer compliant");
    let previous = report.previous.expect("the first assessment is the previous one");
    assert_eq!(
        (previous.assessment_id.to_string().as_str(), previous.overall, previous.new),
        (first.as_str(), Some(67), 0)
    );
    let closed: Vec<&str> = previous.closed.iter().map(|c| c.requirement_id.as_str()).collect();
    assert_eq!(closed, ["OIT-C29-P29-C105", "LFT-3-133-I-XIV", "LFPED-1-9"]);
    let code = report.sections.iter().find(|s| s.id == "codigo").unwrap();
    assert_eq!((code.score, code.previous), (Some(100), Some(67)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_gaps_export_as_csv_with_accents_intact_for_those_who_see_them() {
    let assessments = AssessmentsCopy::with_version_1_published();
    let app = TestApp::spawn_with_assessments(assessments.path.clone()).await;
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
        "\"Sección\",\"Gravedad\",\"Estado\",\"Ordenamiento\",\"Artículo\",\"Clave del requisito\",\"Requisito\",\"Pregunta\",\"Respuesta\",\"Acción sugerida\",\"Tolerancia cero\",\"Base\""
    );
    let rows = |status: &str| lines.iter().filter(|l| l.contains(&format!(",\"{status}\","))).count();
    assert_eq!(
        rows("Cumple parcialmente") + rows("No cumple"),
        3,
        "one row per answer behind each gap: {lines:?}"
    );
    assert!(lines[1].starts_with("\"Código de conducta"), "{}", lines[1]);
    assert!(lines[2].contains("\"Alta\",\"No cumple\""), "{}", lines[2]);
    // Each gap names its requirement by the catalog's id, to match findings across companies.
    let id_of = |line: &str| line.split("\",\"").nth(5).unwrap_or_default().to_owned();
    let requirement = id_of(lines[2]);
    let is_an_id = |id: &str| id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
    assert!(!requirement.is_empty() && is_an_id(&requirement), "{requirement}");
    let met: Vec<&&str> = lines.iter().filter(|l| l.contains(",\"Cumple\",")).collect();
    assert!(!met.is_empty() && met.iter().all(|l| l.ends_with(",\"Declarado\"")), "{met:?}");
    let excluded: Vec<&&str> =
        lines.iter().filter(|l| l.contains(",\"No aplica\",") && l.contains("Razón: ")).collect();
    assert_eq!(excluded.len(), 1);
    assert!(excluded[0].contains(&format!("Razón: {NOT_APPLICABLE_BECAUSE}")), "{}", excluded[0]);

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
    let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Lo que la empresa declaró que no aplica",
        &format!("Razón: {NOT_APPLICABLE_BECAUSE}"),
        "El 100 % de los puntos obtenidos descansa solo en la palabra de la empresa",
        "Requisitos cumplidos y en qué se basan",
    ] {
        assert!(flowing.contains(expected), "the PDF lacks {expected}: {flowing}");
    }
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
        let line = list
            .assessments
            .iter()
            .find(|a| a.header.status == assessments::answers::AssessmentStatus::Submitted)
            .expect("the demo assessment");
        assert_eq!(line.header.status, assessments::answers::AssessmentStatus::Submitted);
        assert_eq!(line.progress.answered, line.progress.applicable, "complete");
        let report = report(&visitor, &line.header.id.to_string()).await;
        assert_eq!(report.rating, Some(Rating::Critical), "{company}: a zero-tolerance finding");
        let findings: Vec<&str> = report.findings().map(|g| g.citation.requirement_id.as_str()).collect();
        let severities: Vec<Severity> = report.gaps.iter().map(|g| g.severity).collect();
        if company == MILL {
            assert_eq!(findings, ["LFT-133-III"], "a crew boss charges for work");
            for severity in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low] {
                assert!(severities.contains(&severity), "the mill has no {severity:?} gap");
            }
            // What an advisor reads besides the gaps: the exclusion and its reason, what the
            // profile left out (no adolescents), and the met requirements' basis.
            assert_eq!(report.exclusions.len(), 1);
            assert!(report.exclusions[0].reason.contains("no tuvo utilidades"));
            assert!(report.left_out.iter().any(|l| l.question_id == "trabajo-infantil.labores-peligrosas"));
            assert!(report.met.iter().any(|m| m.basis == Basis::Evidenced));
            assert!(report.met.iter().any(|m| m.basis == Basis::Declared));
            assert!(report.declared_share.is_some_and(|share| share > 50 && share < 100));
            let page = senda_tests::visible_text(
                &visitor.get(&format!("/evaluaciones/{}/brechas", line.header.id)).await.body,
            );
            let first = |text: &str| page.find(text).unwrap_or_else(|| panic!("the page lacks {text}"));
            assert!(
                first("Hallazgos de tolerancia cero") < first("Puntaje por sección"),
                "findings come first"
            );
            for expected in
                ["Lo que la empresa declaró que no aplica", "Lo que el perfil dejó fuera", "Con evidencia"]
            {
                first(expected);
            }
        } else {
            assert_eq!(findings, ["LFT-175-176"], "a minor in hazardous work");
        }
    }
}

/// "No complaint in a whole season" is no gap but a sign to look into: said, with why, on the
/// page, the CSV and the PDF — and it costs no point.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_to_look_into_is_shown_with_its_reason_and_costs_nothing() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let member = app.signed_in(MILL_MEMBER).await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    let started = member
        .post_form(
            &format!("/empresas/{mill}/evaluaciones"),
            &[("questionnaire", "agro-laboral@3"), ("carry", "")],
        )
        .await;
    let id = started.header("location").and_then(|l| l.strip_prefix("/evaluaciones/")).unwrap().to_owned();
    let fingerprint = assessments::answers::fingerprint(None, "", "");
    let fields = [
        ("a.quejas.recibidas", "ninguna"),
        ("r.quejas.recibidas", "0"),
        ("f.quejas.recibidas", &fingerprint),
    ];
    let saved = member.post_form(&format!("/evaluaciones/{id}/secciones/quejas"), &fields).await;
    assert!(saved.header("location").unwrap().ends_with("?guardado=1"), "{saved:?}");

    let report = report(&member, &id).await;
    let warned: Vec<&str> = report.warnings.iter().map(|w| w.question_id.as_str()).collect();
    assert_eq!(warned, ["quejas.recibidas"]);
    assert!(
        report.gaps.iter().all(|g| g.causes.iter().all(|c| c.question_id != "quejas.recibidas")),
        "no gap"
    );
    let quejas = report.sections.iter().find(|s| s.id == "quejas").unwrap();
    assert_eq!(quejas.score, Some(100), "and no point lost");

    let page = senda_tests::visible_text(&member.get(&format!("/evaluaciones/{id}/brechas")).await.body);
    assert!(
        page.contains("Señales para revisar") && page.contains("Ninguna queja en toda una temporada"),
        "{page}"
    );
    let csv = member.get(&format!("/evaluaciones/{id}/brechas.csv")).await.body;
    assert!(
        csv.lines().any(|l| l.contains("\"Señal para revisar\"") && l.contains("No recibimos ninguna queja"))
    );
    let (_, pdf) = member.get_bytes(&format!("/evaluaciones/{id}/brechas.pdf")).await;
    let text = senda_tests::read_pdf(&pdf).0.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Señales para revisar") && text.contains("No recibimos ninguna queja"), "{text}");
}

/// A granted advisor verifies a met requirement — nobody else can, not even the company — and a
/// later change to an answer behind it takes the verification away.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_a_granted_advisor_verifies_and_a_changed_answer_undoes_it() {
    let app = TestApp::spawn().await;
    app.load_demo().await;
    let mill = app.organization_id(OrganizationKind::Company, MILL).await.to_string();
    let advisor = app.signed_in(ADVISOR).await;
    let id = app.demo_assessment(mill.parse().unwrap()).await.to_string();
    let before = report(&advisor, &id).await;
    assert!(before.can_verify, "a granted advisor, on a submitted assessment");
    let line = before.met.iter().find(|m| m.basis == Basis::Declared).expect("a met requirement").clone();
    let (met, state) = (line.citation.requirement_id.clone(), line.state.clone());
    let gap = before.gaps[0].citation.requirement_id.clone();
    let verify = |requirement: &str| format!("/evaluaciones/{id}/requisitos/{requirement}/verificar");

    // Everyone else is refused, as if there were nothing there — the company's own people too.
    for who in [MILL_MEMBER, MILL_ADMIN, ASSOCIATION_ADMIN, TOBACCO_ADMIN] {
        let visitor = app.signed_in(who).await;
        let fields = [("como", "on_site"), ("visto", state.as_str())];
        assert_eq!(visitor.post_form(&verify(&met), &fields).await.status, 404, "{who}");
    }
    assert_eq!(
        advisor.post_form(&verify(&gap), &[("como", "on_site"), ("visto", "")]).await.status,
        404,
        "a gap is not verified"
    );
    // A page showing an older state records nothing, and says why.
    let stale = advisor.post_form(&verify(&met), &[("como", "on_site"), ("visto", "otra cosa")]).await;
    assert_eq!(
        stale.header("location"),
        Some(format!("/evaluaciones/{id}/brechas?cambiado=1#met-title").as_str())
    );
    // (The demo's advisor verified one requirement already.)
    let verified_count =
        |report: &GapReport| report.met.iter().filter(|m| m.basis == Basis::Verified).count();
    assert_eq!(verified_count(&report(&advisor, &id).await), verified_count(&before), "nothing was recorded");

    let verified = advisor.post_form(&verify(&met), &[("como", "on_file"), ("visto", state.as_str())]).await;
    assert_eq!(verified.header("location"), Some(format!("/evaluaciones/{id}/brechas#met-title").as_str()));
    let member = app.signed_in(MILL_MEMBER).await;
    let line = report(&member, &id).await.met.into_iter().find(|m| m.citation.requirement_id == met).unwrap();
    assert_eq!(line.basis, Basis::Verified, "the company sees it verified");
    let verification = line.verified.expect("with who and when");
    assert!(verification.by.starts_with("asesora"), "{}", verification.by);
    assert!(!report(&member, &id).await.can_verify, "and cannot verify itself");
    let page = senda_tests::visible_text(&member.get(&format!("/evaluaciones/{id}/brechas")).await.body);
    assert!(page.contains("Verificado por asesora"), "{page}");
    let admin = app.signed_in(MILL_ADMIN).await;
    let log = admin.call("companies/audit-log", &[("company_id", &mill)]).await.body;
    assert!(log.contains("RequirementVerified") && log.contains(&met), "the company's log says it: {log}");

    // Returned, with nothing changed, it still stands; an answer behind it saved again undoes it.
    assert_eq!(admin.post_form(&format!("/evaluaciones/{id}/devolver"), &[]).await.status, 303);
    let kept = report(&member, &id).await.met.into_iter().find(|m| m.citation.requirement_id == met).unwrap();
    assert_eq!(kept.basis, Basis::Verified, "returning alone changes nothing behind it");
    let questionnaire = app.store.questionnaire("agro-laboral", 1).await.unwrap().unwrap();
    let question = questionnaire.questions().find(|q| q.requirements.contains(&met)).unwrap().clone();
    let section = questionnaire.section_of(&question.id).unwrap().id.clone();
    let changed = member.save_note_again(&id, &section, &question.id, "Actualizado tras la visita.").await;
    assert!(changed.header("location").unwrap().ends_with("?guardado=1"), "{changed:?}");
    let after =
        report(&member, &id).await.met.into_iter().find(|m| m.citation.requirement_id == met).unwrap();
    assert_ne!(after.basis, Basis::Verified, "a changed answer undoes the verification");
    assert!(after.verified.is_none());
}
