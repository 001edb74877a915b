//! The demo's assessments: one submitted self-assessment per demo company, with realistic,
//! mixed answers — most practices in order, some gaps. The sugar mill has gaps of every severity,
//! a crew boss who charges for work (a zero-tolerance finding), a justified "not applicable" and
//! evidence attached to some answers; the tobacco company a minor in hazardous work among a few
//! other gaps.
//!
//! Those assessments were answered on version 1, since retired; each company also has a new
//! assessment of the latest published version, carried over from it and not yet submitted.
//!
//! Which answers fall short is chosen by position among the questions of each severity, and a
//! finding by the requirement it breaches, not by question id, so the script reads on any
//! version.

use assessments::ids::AssessmentId;
use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Context;
use assessments::answers::{AnswerValue, Answers, applicable_questions, carry_over};
use assessments::catalog::{Catalog, Severity};
use assessments::evidence::FileKind;
use assessments::loader::Library;
use assessments::parameters::as_of;
use assessments::questionnaire::{Level, Question, Questionnaire};
use assessments::scoring::answer_at;
use chrono::NaiveDate;
use store::Store;
use store::answers::{AnswerWrite, SectionChange};
use store::evidence::NewEvidenceFile;
use store::plans::MoveOutcome;

/// The questionnaire the demo answers.
const QUESTIONNAIRE: &str = "agro-laboral";

/// One demo company's assessment.
pub struct DemoAssessment {
    pub company: &'static str,
    /// The company person who answers and submits it.
    pub member_email: &'static str,
    pub profile: &'static [(&'static str, &'static str)],
    /// Per severity, which questions of that severity (1 = the first that applies) fall short,
    /// and how.
    pub shortfalls: &'static [(Severity, usize, Level)],
    /// Zero-tolerance requirements breached: the first question that applies and verifies each
    /// is answered at *gap*.
    pub findings: &'static [&'static str],
    /// Questions answered "not applicable", with the reason given.
    pub not_applicable: &'static [(&'static str, &'static str)],
    /// Questions whose answer carries a document.
    pub evidence: &'static [&'static str],
}

/// The document the demo attaches as evidence: a one-page PDF.
const DEMO_EVIDENCE: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

pub const DEMO_ASSESSMENTS: [DemoAssessment; 2] = [
    DemoAssessment {
        company: "Ingenio La Esperanza (demo)",
        member_email: "personal@ingenio.demo.senda.mx",
        profile: &[
            ("perfil.sector", "ingenio"),
            ("perfil.tamano", "100_o_mas"),
            ("perfil.temporales", "yes"),
            ("perfil.contratistas", "yes"),
            ("perfil.vivienda", "yes"),
            ("perfil.adolescentes", "no"),
            ("perfil.sindicato", "cct"),
            ("perfil.extranjero", "no"),
        ],
        shortfalls: &[
            (Severity::Critical, 3, Level::Partial),
            (Severity::High, 2, Level::Gap),
            (Severity::High, 5, Level::Partial),
            (Severity::High, 9, Level::Gap),
            (Severity::Medium, 1, Level::Gap),
            (Severity::Medium, 4, Level::Partial),
            (Severity::Low, 1, Level::Gap),
        ],
        findings: &["LFT-133-III"],
        not_applicable: &[(
            "salarios.ptu",
            "El ingenio no tuvo utilidades en el último ejercicio fiscal: no hubo reparto que hacer.",
        )],
        evidence: &["codigo.politica-escrita", "codigo.trabajo-libre", "salarios.cfdi"],
    },
    DemoAssessment {
        company: "Tabacalera del Nayar (demo)",
        member_email: "personal@tabacalera.demo.senda.mx",
        profile: &[
            ("perfil.sector", "tabacalera"),
            ("perfil.tamano", "de_51_a_99"),
            ("perfil.temporales", "yes"),
            ("perfil.contratistas", "no"),
            ("perfil.vivienda", "no"),
            ("perfil.adolescentes", "yes"),
            ("perfil.sindicato", "sin_cct"),
            ("perfil.extranjero", "no"),
        ],
        shortfalls: &[
            (Severity::Critical, 2, Level::Gap),
            (Severity::High, 3, Level::Partial),
            (Severity::Medium, 2, Level::Gap),
        ],
        findings: &["LFT-175-176"],
        not_applicable: &[],
        evidence: &[],
    },
];

/// The profile of every demo cane grower.
const GROWER_PROFILE: &[(&str, &str)] = &[
    ("perfil.sector", "productor_cana"),
    ("perfil.tamano", "de_16_a_50"),
    ("perfil.temporales", "yes"),
    ("perfil.contratistas", "yes"),
    ("perfil.vivienda", "no"),
    ("perfil.adolescentes", "no"),
    ("perfil.sindicato", "sin_cct"),
    ("perfil.extranjero", "no"),
];

/// A demo cane grower's assessment: the profile above, its own shortfalls.
const fn grower(
    company: &'static str,
    member_email: &'static str,
    shortfalls: &'static [(Severity, usize, Level)],
) -> DemoAssessment {
    DemoAssessment {
        company,
        member_email,
        profile: GROWER_PROFILE,
        shortfalls,
        findings: &[],
        not_applicable: &[],
        evidence: &[],
    }
}

/// The five cane growers that share with the union (the sixth has no assessment yet): gaps of
/// different kinds and numbers, so the union's figures across members mean something.
pub const DEMO_GROWER_ASSESSMENTS: [DemoAssessment; 5] = [
    grower(
        "Productor de caña 1 (demo)",
        "admin@canero1.demo.senda.mx",
        &[(Severity::High, 1, Level::Gap), (Severity::Medium, 2, Level::Partial)],
    ),
    grower(
        "Productor de caña 2 (demo)",
        "admin@canero2.demo.senda.mx",
        &[
            (Severity::Critical, 1, Level::Partial),
            (Severity::High, 3, Level::Gap),
            (Severity::Low, 1, Level::Gap),
        ],
    ),
    grower("Productor de caña 3 (demo)", "admin@canero3.demo.senda.mx", &[(Severity::Medium, 1, Level::Gap)]),
    grower(
        "Productor de caña 4 (demo)",
        "admin@canero4.demo.senda.mx",
        &[
            (Severity::High, 2, Level::Partial),
            (Severity::High, 4, Level::Gap),
            (Severity::Medium, 3, Level::Gap),
            (Severity::Low, 2, Level::Partial),
        ],
    ),
    grower(
        "Productor de caña 5 (demo)",
        "admin@canero5.demo.senda.mx",
        &[(Severity::Critical, 2, Level::Partial), (Severity::Medium, 4, Level::Gap)],
    ),
];

/// The version of the questionnaire the demo's submitted assessments were answered on: kept, as
/// a company keeps its past assessments when a new version is published and this one retired.
const PAST_VERSION: u32 = 1;

/// For each demo company: its submitted assessment of version 1 (answered and submitted, unless
/// the company has one already), and a new assessment of the latest published version carried
/// over from it — what a company finds the day a new version comes out, with the changed
/// questions marked for review.
pub async fn load(store: &Store, library: &Arc<Library>) -> anyhow::Result<()> {
    let (Some(past), Some(latest)) =
        (library.questionnaire(QUESTIONNAIRE, PAST_VERSION), library.latest_published(QUESTIONNAIRE))
    else {
        return Ok(()); // A library without the questionnaire: nothing to answer.
    };
    // The growers' past assessments only: what the union's figures read. (No carried-over
    // assessment each: the demo loads in every test, and the growers need none.)
    let growers = DEMO_GROWER_ASSESSMENTS.iter().map(|demo| (demo, false));
    for (demo, carry_over_too) in DEMO_ASSESSMENTS.iter().map(|demo| (demo, true)).chain(growers) {
        let account = store
            .account_by_email(demo.member_email)
            .await?
            .with_context(|| format!("the demo account {} is missing", demo.member_email))?;
        let viewer = store.viewer(account.id).await?.context("the demo account has no memberships")?;
        let company = viewer
            .memberships
            .iter()
            .find(|m| m.organization.name == demo.company)
            .map(|m| m.organization.id)
            .with_context(|| format!("{} is not a member of {}", demo.member_email, demo.company))?;
        let existing = store.assessments_of(&viewer, company).await?;
        let past_id = match existing.iter().find(|a| a.questionnaire_version == PAST_VERSION) {
            Some(assessment) => assessment.id,
            None if existing.is_empty() => answer_past(store, library, demo, &viewer, company).await?,
            None => continue, // The company's own history, not the demo's: left alone.
        };
        let version = latest.questionnaire.version;
        if carry_over_too
            && version != PAST_VERSION
            && !existing.iter().any(|a| a.questionnaire_version == version)
        {
            let answers = store.answers(&viewer, past_id).await?;
            let answers: Answers =
                answers.into_iter().filter_map(|a| Some((a.question_id, a.value?))).collect();
            let carried = carry_over(&past.questionnaire, &answers, &latest.questionnaire);
            let start = (past_id, carried.as_slice());
            store
                .start_assessment(&viewer, company, QUESTIONNAIRE, version, Some(start), store::today())
                .await?;
        }
    }
    Ok(())
}

/// Answers and submits `demo`'s assessment of the past version, with evidence, and (for the
/// mill) a plan under way; its id.
async fn answer_past(
    store: &Store,
    library: &Arc<Library>,
    demo: &DemoAssessment,
    viewer: &assessments::access::Viewer,
    company: assessments::ids::OrganizationId,
) -> anyhow::Result<AssessmentId> {
    let questionnaire = past_as_of_today(library)?;
    let answers = answers_for(demo, &questionnaire, &library.catalog, store::today());
    let id =
        store.record_past_assessment(viewer, company, QUESTIONNAIRE, PAST_VERSION, store::today()).await?;
    let changes: Vec<SectionChange<'_>> = answers
        .iter()
        .map(|(question_id, value)| SectionChange::Save {
            write: AnswerWrite {
                question_id,
                value: Some(value),
                note: demo
                    .not_applicable
                    .iter()
                    .find(|(q, _)| q == question_id)
                    .map_or("", |(_, reason)| *reason),
                evidence: "",
                base_revision: 0,
                from_paper: false,
            },
            typed: None,
        })
        .collect();
    store.save_section(viewer, id, &changes).await?;
    for question_id in demo.evidence.iter().filter(|q| answers.contains_key(**q)) {
        let file_name = format!("{question_id}.pdf");
        let file = NewEvidenceFile {
            question_id,
            file_name: &file_name,
            kind: FileKind::Pdf,
            content: DEMO_EVIDENCE,
        };
        store.attach_evidence(viewer, id, file).await?;
    }
    store.submit_assessment(viewer, id).await?;
    if demo.company == DEMO_ASSESSMENTS[0].company {
        plan_under_way(store, library, viewer, id).await?;
        review_under_way(store, library, viewer, id).await?;
    } else if let Some(index) = DEMO_GROWER_ASSESSMENTS.iter().position(|g| g.company == demo.company) {
        grower_plan(store, library, viewer, id, index).await?;
    }
    Ok(id)
}

/// The past version as read today: a version naming legal parameters answers and scores with
/// today's values.
fn past_as_of_today(library: &Library) -> anyhow::Result<Questionnaire> {
    let written =
        &library.questionnaire(QUESTIONNAIRE, PAST_VERSION).context("the questionnaire")?.questionnaire;
    Ok(as_of(written, &library.parameters, store::today()).0)
}

/// The plan of a demo assessment as Senda proposes it, one action per gap, and its actions.
async fn plan_of(
    store: &Store,
    library: &Library,
    viewer: &assessments::access::Viewer,
    assessment_id: AssessmentId,
) -> anyhow::Result<(assessments::ids::PlanId, Vec<assessments::plan::PlanAction>)> {
    let today = store::today();
    let questionnaire = &past_as_of_today(library)?;
    let answers = store.answers(viewer, assessment_id).await?;
    let answers: Answers = answers.into_iter().filter_map(|a| Some((a.question_id, a.value?))).collect();
    let card = assessments::scoring::score(questionnaire, &library.catalog, &answers, today);
    let proposed = assessments::plan::propose_actions(questionnaire, &card, today);
    let plan = store.create_plan(viewer, assessment_id, &proposed).await?;
    Ok((plan, store.plan_actions(viewer, plan).await?))
}

/// The sugar mill's plan, some weeks in: actions in every status, two of them overdue, one
/// verified by the advisor.
async fn plan_under_way(
    store: &Store,
    library: &Library,
    viewer: &assessments::access::Viewer,
    assessment_id: AssessmentId,
) -> anyhow::Result<()> {
    use assessments::plan::ActionStatus;
    use store::plans::ActionEdit;

    let today = store::today();
    let (plan, actions) = plan_of(store, library, viewer, assessment_id).await?;
    let advisor =
        store.account_by_email("asesora@asesores.demo.senda.mx").await?.context("the demo advisor")?;
    let advisor = store.viewer(advisor.id).await?.context("the demo advisor's memberships")?;
    let owners = ["Recursos Humanos", "Jefatura de campo", "Seguridad e higiene"];
    for (index, action) in actions.iter().enumerate() {
        // Past due dates for two open actions, so the plan shows what is late.
        let due_date = if index == 3 || index == 4 {
            assessments::dates::add_days(today, -10 - index as i64).context("a date ten days back")?
        } else {
            action.due_date
        };
        let edit = ActionEdit {
            text: action.text.spanish(),
            owner: owners[index % owners.len()],
            due_date,
            base_revision: action.revision,
        };
        store.edit_action(viewer, plan, action.id, edit).await?;
        let mut revision = action.revision + 1;
        let steps: &[(ActionStatus, &str)] = match index {
            0 | 3 => &[(ActionStatus::InProgress, "")],
            1 => &[
                (ActionStatus::InProgress, ""),
                (ActionStatus::Done, "Política firmada por la dirección y publicada en el comedor."),
            ],
            2 => &[(
                ActionStatus::Done,
                "Recibos CFDI de las últimas cuatro semanas, archivados por cuadrilla.",
            )],
            _ => &[],
        };
        for (to, note) in steps {
            refused_as_error(store.move_action(viewer, plan, action.id, *to, note, revision).await?)?;
            revision += 1;
        }
        if index == 2 {
            refused_as_error(
                store.move_action(&advisor, plan, action.id, ActionStatus::Verified, "", revision).await?,
            )?;
        }
        if index == 0 {
            store
                .add_action_note(
                    viewer,
                    plan,
                    action.id,
                    "Se contrató a una persona para revisar expedientes.",
                )
                .await?;
        }
    }
    Ok(())
}

/// A grower's plan, begun: the more so the lower its number — grower 1 has done most of it.
async fn grower_plan(
    store: &Store,
    library: &Library,
    viewer: &assessments::access::Viewer,
    assessment_id: AssessmentId,
    index: usize,
) -> anyhow::Result<()> {
    use assessments::plan::ActionStatus;

    let (plan, actions) = plan_of(store, library, viewer, assessment_id).await?;
    let done = actions.len().saturating_sub(index + 1);
    for (position, action) in actions.iter().enumerate() {
        let steps: &[(ActionStatus, &str)] = if position < done {
            &[
                (ActionStatus::InProgress, ""),
                (ActionStatus::Done, "Hecho: constancias en el archivo del productor."),
            ]
        } else if position == done {
            &[(ActionStatus::InProgress, "")]
        } else {
            &[]
        };
        for (revision, (to, note)) in (action.revision..).zip(steps) {
            refused_as_error(store.move_action(viewer, plan, action.id, *to, note, revision).await?)?;
        }
    }
    // Made in an instant, read as weeks of work on the union's charts.
    store.spread_demo_plan_history(plan, 42 + 7 * index as i64).await?;
    Ok(())
}

/// The advisor's review of the sugar mill, begun: evidence asked for on one answer and an
/// explanation on another (which the mill answered), a comment on its first gap, and a met
/// requirement verified on file. Through the service, as people do it: audited likewise.
async fn review_under_way(
    store: &Store,
    library: &Arc<Library>,
    mill: &assessments::access::Viewer,
    assessment_id: AssessmentId,
) -> anyhow::Result<()> {
    use app::service::{Context as As, loaded, report, review};
    use assessments::review::{Request, Subject};
    use assessments::scoring::{RequirementStatus, Seen};

    let advisor =
        store.account_by_email("asesora@asesores.demo.senda.mx").await?.context("the demo advisor")?;
    let advisor = store.viewer(advisor.id).await?.context("the demo advisor's memberships")?;
    let person = |viewer: &assessments::access::Viewer| As {
        store: store.clone(),
        library: library.clone(),
        viewer: viewer.clone(),
        client_ip: None,
        minimum: assessments::sharing::Minimum::default(),
    };
    let (advisor, mill) = (person(&advisor), person(mill));
    let failed = |error: app::error::AppError| anyhow::anyhow!("the demo review: {error}");
    let loaded = loaded::load(&advisor, assessment_id).await.map_err(failed)?;
    let answered_with_evidence: Vec<String> = loaded
        .questionnaire
        .questions()
        .filter(|q| q.evidence && loaded.answers.iter().any(|a| a.question_id == q.id))
        .map(|q| q.id.clone())
        .take(2)
        .collect();
    let [evidence_of, explain] = answered_with_evidence.as_slice() else {
        anyhow::bail!("the demo questionnaire has fewer than two answered questions asking for evidence");
    };
    let card = loaded.scorecard(&library.catalog);
    let requests = [
        (
            Subject::Answer(evidence_of.clone()),
            Request::NeedsEvidence,
            "Recibos firmados de las últimas cuatro semanas, de una cuadrilla al menos.",
        ),
        (
            Subject::Answer(explain.clone()),
            Request::Question,
            "¿Quién lo hace en campo y cómo firman las personas que no saben leer?",
        ),
    ];
    for (subject, request, text) in &requests {
        review::open(&advisor, &loaded, subject, *request, text).await.map_err(failed)??;
    }
    if let Some(gap) = card.gaps.first() {
        let subject = Subject::Gap(gap.requirement_id.clone());
        let text = "Esta brecha es frecuente en la zona: conviene atenderla antes de la zafra.";
        review::open(&advisor, &loaded, &subject, Request::Comment, text).await.map_err(failed)??;
    }
    let threads = store.threads(&mill.viewer, assessment_id).await?;
    let asked = threads.iter().find(|t| t.request == Request::Question).context("the demo's question")?;
    let answer = "El cabo de cuadrilla; quien no sabe leer firma con su huella ante un testigo.";
    let as_the_mill = loaded::load(&mill, assessment_id).await.map_err(failed)?;
    review::reply(&mill, &as_the_mill, asked.id, answer).await.map_err(failed)??;
    let met = card.requirements.iter().find(|(_, status)| *status == RequirementStatus::Met);
    if let Some((requirement_id, _)) = met {
        let files = store.evidence_files(&advisor.viewer, assessment_id).await?;
        let state = loaded::state_behind(&loaded, &files, requirement_id);
        report::verify(&advisor, assessment_id, requirement_id, Seen::OnFile, &state)
            .await
            .map_err(failed)?;
    }
    Ok(())
}

/// The demo company's answers: its profile, then every question that applies answered
/// compliantly except the planned shortfalls.
pub fn answers_for(
    demo: &DemoAssessment,
    questionnaire: &Questionnaire,
    catalog: &Catalog,
    as_of: NaiveDate,
) -> Answers {
    let mut answers: Answers = demo
        .profile
        .iter()
        .map(|(id, value)| ((*id).to_owned(), AnswerValue::Choice((*value).to_owned())))
        .collect();
    let mut seen: HashMap<Severity, usize> = HashMap::new();
    let applicable: Vec<&Question> = applicable_questions(questionnaire, &answers)
        .into_iter()
        .filter(|q| questionnaire.section_of(&q.id).is_some_and(|s| !s.profile))
        .collect();
    for question in applicable {
        let Some(severity) =
            question.requirements.iter().filter_map(|id| catalog.requirement(id)).map(|r| r.severity).min()
        else {
            continue;
        };
        let position = {
            let count = seen.entry(severity).or_default();
            *count += 1;
            *count
        };
        let planned = demo
            .shortfalls
            .iter()
            .find(|(s, n, _)| *s == severity && *n == position)
            .and_then(|(_, _, level)| answer_at(&question.answer, *level, as_of));
        let answer = planned
            .or_else(|| answer_at(&question.answer, Level::Compliant, as_of))
            .or_else(|| answer_at(&question.answer, Level::Partial, as_of));
        if let Some(answer) = answer {
            answers.insert(question.id.clone(), answer);
        }
    }
    for requirement in demo.findings {
        let breaching = applicable_questions(questionnaire, &answers)
            .into_iter()
            .find(|q| q.requirements.iter().any(|r| r == requirement))
            .and_then(|q| Some((q.id.clone(), answer_at(&q.answer, Level::Gap, as_of)?)));
        if let Some((id, answer)) = breaching {
            answers.insert(id, answer);
        }
    }
    for (question_id, _) in demo.not_applicable {
        let offered = questionnaire
            .question(question_id)
            .and_then(|q| answer_at(&q.answer, Level::NotApplicable, as_of));
        if let Some(answer) = offered.filter(|_| answers.contains_key(*question_id)) {
            answers.insert((*question_id).to_owned(), answer);
        }
    }
    answers
}

/// A move in the demo's script must be allowed. A conflict, as before, is let through: nobody
/// else writes while the script runs.
fn refused_as_error(outcome: MoveOutcome) -> anyhow::Result<()> {
    match outcome {
        MoveOutcome::Refused(problem) => Err(problem.into()),
        MoveOutcome::Moved | MoveOutcome::Conflict => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use assessments::scoring::{Rating, score};

    use super::*;

    fn library() -> Library {
        crate::questionnaires::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../assessments")).unwrap()
    }

    #[test]
    fn the_sugar_mill_has_gaps_of_every_severity_and_the_tobacco_company_a_critical_one() {
        let library = library();
        let questionnaire = &library.questionnaire(QUESTIONNAIRE, PAST_VERSION).unwrap().questionnaire;
        let card = |demo: &DemoAssessment| {
            score(
                questionnaire,
                &library.catalog,
                &answers_for(demo, questionnaire, &library.catalog, assessments::dates::day("2026-11-27")),
                assessments::dates::day("2026-11-27"),
            )
        };
        let mill = card(&DEMO_ASSESSMENTS[0]);
        for severity in [Severity::Critical, Severity::High, Severity::Medium, Severity::Low] {
            assert!(mill.gaps.iter().any(|g| g.severity == severity), "the mill has no {severity:?} gap");
        }
        assert_eq!(mill.rating, Some(Rating::Critical));
        let findings = |card: &assessments::scoring::Scorecard| -> Vec<String> {
            card.gaps.iter().filter(|g| g.zero_tolerance).map(|g| g.requirement_id.clone()).collect()
        };
        assert_eq!(findings(&mill), ["LFT-133-III"], "a crew boss charges for work");
        assert!(
            mill.answers.iter().any(|a| a.question_id == "salarios.ptu" && a.level == Level::NotApplicable)
        );
        let tobacco = card(&DEMO_ASSESSMENTS[1]);
        assert_eq!(findings(&tobacco), ["LFT-175-176"], "a minor in hazardous work");
        assert_eq!(tobacco.rating, Some(Rating::Critical));
        assert!(tobacco.overall > Some(70), "mostly in order: {:?}", tobacco.overall);
    }
}
