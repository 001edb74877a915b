//! A database the size of a real installation, for `scripts/bench`: the demo, then a thousand
//! (or any number of) companies, each with two submitted assessments and one in progress of
//! about a hundred answers, plans for some of them, one plan of a few hundred actions, and the
//! demo's advisor and cane union granted every one of them (so their lists are long).
//!
//! Answers are copied from the demo sugar mill's past assessment in one statement per assessment;
//! everything else goes through the store's ordinary writes, so the rows are what people make.
//! What the load generator needs (ids, who signs in, the answers it saves) is printed as
//! `KEY=value` lines.

use std::sync::Arc;

use anyhow::Context;
use assessments::access::Viewer;
use assessments::answers::{AnswerValue, Answers, carry_over};
use assessments::catalog::Severity;
use assessments::ids::{OrganizationId, PlanId};
use assessments::loader::Library;
use assessments::organization::{GrantScope, OrganizationKind, Role, Sector};
use assessments::plan::ProposedAction;
use assessments::questionnaire::AnswerKind;
use assessments::text::Text;
use store::{Store, StoreError};

use crate::accounts;
use crate::auth::hash_password_blocking;

/// The questionnaire the demo answers.
const QUESTIONNAIRE: &str = "agro-laboral";
/// The demo's past version, whose answers every seeded assessment copies.
const PAST_VERSION: u32 = 1;
/// Who the load generator signs in as: the sugar mill's staff, as in the table.
pub const MILL_STAFF: &str = "personal@ingenio.demo.senda.mx";
/// The demo's advisor and cane union viewer, granted every seeded company.
const ADVISOR: &str = "asesora@asesores.demo.senda.mx";
const ASSOCIATION_VIEWER: &str = "consulta@union.demo.senda.mx";
/// Who the save benchmark signs in as: a member of the first [`WRITER_COMPANIES`] seeded
/// companies, so every save of a run can go to an answer no other save of the run touches.
pub const WRITER: &str = "escritura@bench.senda.mx";
/// How many companies the writer answers for: their assessments in progress hold some three
/// thousand yes / partial / no answers, more than a run of the benchmark saves.
const WRITER_COMPANIES: usize = 40;

/// How large a database to seed.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub companies: usize,
    /// How many of the companies have a plan of their latest submitted assessment.
    pub plans: usize,
    /// The actions of the one very long plan (the first company's).
    pub long_plan_actions: usize,
}

/// Seeds `scale` over the demo (loaded first, with `password` for every account) and returns
/// what the load generator needs, as `KEY=value` lines.
pub async fn seed(
    store: &Store,
    library: &Arc<Library>,
    password: &str,
    scale: Scale,
) -> anyhow::Result<String> {
    accounts::load_demo(store, library, password).await?;
    let past = library.questionnaire(QUESTIONNAIRE, PAST_VERSION).context("the demo's past version")?;
    let latest = library.latest_published(QUESTIONNAIRE).context("a published questionnaire")?;
    let mill_staff = viewer_of(store, MILL_STAFF).await?;
    let mill = mill_staff.memberships.first().context("the mill's staff has a membership")?.organization.id;
    let mill_assessments = store.assessments_of(&mill_staff, mill).await?;
    let template = mill_assessments
        .iter()
        .find(|a| a.questionnaire_version == PAST_VERSION)
        .context("the mill's past assessment")?
        .id;
    let answering = mill_assessments
        .iter()
        .find(|a| a.questionnaire_version == latest.questionnaire.version)
        .context("the mill's assessment in progress")?
        .id;
    let template_answers = store.answers(&mill_staff, template).await?;
    let answers: Answers =
        template_answers.iter().filter_map(|a| Some((a.question_id.clone(), a.value.clone()?))).collect();
    let carried = carry_over(&past.questionnaire, &answers, &latest.questionnaire);
    let today = store::today();
    let (as_of, _) = assessments::parameters::as_of(&past.questionnaire, &library.parameters, today);
    let card = assessments::scoring::score(&as_of, &library.catalog, &answers, today);
    let proposed = assessments::plan::propose_actions(&as_of, &card, today);

    let (advisory, union) = (
        organization(store, OrganizationKind::Advisory, "Debida Diligencia Asesores (demo)").await?,
        organization(store, OrganizationKind::Association, "Unión de Cañeros de Nayarit (demo)").await?,
    );
    let hash = hash_password_blocking(password.to_owned()).await?;
    let writer = match store.account_by_email(WRITER).await? {
        Some(account) => account.id,
        None => store.create_account(WRITER, "Escritura (bench)", &hash).await?,
    };
    let mut long_plan = None;
    for index in 0..scale.companies {
        let name = format!("Empresa de carga {index:04} (bench)");
        if store.organization_named(OrganizationKind::Company, &name).await?.is_some() {
            continue; // Seeded by an earlier run.
        }
        let company = store
            .insert_organization(OrganizationKind::Company, &name, Some(Sector::CaneGrower), None)
            .await?;
        let email = company_admin_email(index);
        let user = store.create_account(&email, &format!("Carga {index:04} (bench)"), &hash).await?;
        store.insert_membership(user, company, Role::CompanyAdmin).await?;
        let admin = store.viewer(user).await?.context("the seeded admin's memberships")?;
        let mut submitted = None;
        for _ in 0..2 {
            let id =
                store.record_past_assessment(&admin, company, QUESTIONNAIRE, PAST_VERSION, today).await?;
            store.copy_answers_for_seeding(template, id, user).await?;
            store.submit_assessment(&admin, id).await?;
            submitted = Some(id);
        }
        let submitted = submitted.context("two assessments were submitted")?;
        let start = (submitted, carried.as_slice());
        store
            .start_assessment(
                &admin,
                company,
                QUESTIONNAIRE,
                latest.questionnaire.version,
                Some(start),
                today,
            )
            .await?;
        if index < scale.plans {
            let plan = store.create_plan(&admin, submitted, &proposed).await?;
            if index == 0 {
                long_plan = Some((plan, admin.clone(), email.clone()));
            }
        }
        if index < WRITER_COMPANIES {
            store.insert_membership(writer, company, Role::CompanyMember).await?;
        }
        grant(store, &admin, company, advisory, GrantScope::Assessments).await?;
        grant(store, &admin, company, union, GrantScope::PlanProgress).await?;
    }
    let mut lines = vec![
        format!("SIGN_IN={MILL_STAFF}"),
        format!("ASSESSMENT={answering}"),
        format!("REPORT={template}"),
        format!("SECTION={}", latest.questionnaire.sections.first().context("a section")?.id),
        // The two long lists: the advisor's portfolio and the union's dashboard, of every company.
        format!("ADVISOR_SIGN_IN={ADVISOR}"),
        format!("ASSOCIATION={union}"),
        format!("ASSOCIATION_SIGN_IN={ASSOCIATION_VIEWER}"),
    ];
    if let Some(plan) = store.plan_of_assessment(&mill_staff, template).await? {
        lines.push(format!("PLAN={plan}"));
    }
    if let Some((plan, admin, email)) = long_plan {
        lengthen(store, &admin, plan, scale.long_plan_actions).await?;
        lines.push(format!("LONG_PLAN={plan}"));
        lines.push(format!("LONG_PLAN_SIGN_IN={email}"));
    }
    lines.push(saves(store, library).await?);
    // What autovacuum does some time after a bulk load: without it PostgreSQL plans the visibility
    // check for 1 grant instead of 2,000 and the signed-in home ran at 134 req/s instead of 500+.
    store.refresh_statistics().await?;
    Ok(lines.join("\n"))
}

/// What the save benchmark writes, as it stands now: `SAVES=` every yes / partial / no question
/// that no other answer hides, of every assessment in progress the writer answers for, as
/// `assessment/section/question/revision/value` (the value its next save sends, unlike the one
/// saved); `REVISIONS=` the sum of their revisions, which every save that writes raises by one.
pub async fn saves(store: &Store, library: &Library) -> anyhow::Result<String> {
    let latest = library.latest_published(QUESTIONNAIRE).context("a published questionnaire")?;
    let writer = viewer_of(store, WRITER).await?;
    let mut revisions = 0;
    let mut targets = Vec::new();
    for membership in &writer.memberships {
        let in_progress = store
            .assessments_of(&writer, membership.organization.id)
            .await?
            .into_iter()
            .find(|a| a.questionnaire_version == latest.questionnaire.version)
            .context("a seeded assessment in progress")?;
        // The questions as asked on the assessment's reference date: one asked only from a
        // later date is not part of it, and a save of it would write nothing.
        let (asked, _) = assessments::parameters::as_of(
            &latest.questionnaire,
            &library.parameters,
            in_progress.reference_date,
        );
        let in_progress = in_progress.id;
        let saved = store.answers(&writer, in_progress).await?;
        for section in &asked.sections {
            let questions = section
                .questions
                .iter()
                .filter(|q| q.show_if.is_none() && matches!(q.answer, AnswerKind::YesNoPartial { .. }));
            for question in questions {
                let answer = saved.iter().find(|a| a.question_id == question.id);
                let revision = answer.map_or(0, |a| a.revision);
                let next = match answer.and_then(|a| a.value.as_ref()) {
                    Some(AnswerValue::Choice(value)) if value == "yes" => "no",
                    _ => "yes",
                };
                revisions += revision;
                targets.push(format!("{in_progress}/{}/{}/{revision}/{next}", section.id, question.id));
            }
        }
    }
    Ok(format!("WRITER={WRITER}\nSAVES={}\nREVISIONS={revisions}", targets.join(" ")))
}

/// The seeded company admin's email.
pub fn company_admin_email(index: usize) -> String {
    format!("carga{index:04}@bench.senda.mx")
}

async fn viewer_of(store: &Store, email: &str) -> anyhow::Result<Viewer> {
    let account = store.account_by_email(email).await?.with_context(|| format!("the account {email}"))?;
    store.viewer(account.id).await?.with_context(|| format!("{email}'s memberships"))
}

async fn organization(store: &Store, kind: OrganizationKind, name: &str) -> anyhow::Result<OrganizationId> {
    store.organization_named(kind, name).await?.with_context(|| format!("the demo's {name}"))
}

async fn grant(
    store: &Store,
    admin: &Viewer,
    company: OrganizationId,
    grantee: OrganizationId,
    scope: GrantScope,
) -> anyhow::Result<()> {
    match store.grant(admin, company, grantee, scope, false).await {
        Ok(()) | Err(StoreError::Conflict) => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// Adds actions written by a person to `plan` until it has `actions`.
async fn lengthen(store: &Store, admin: &Viewer, plan: PlanId, actions: usize) -> anyhow::Result<()> {
    let has = store.plan_actions(admin, plan).await?.len();
    for number in has..actions {
        let action = ProposedAction {
            requirement_id: String::new(),
            section_id: String::new(),
            severity: Severity::Medium,
            text: Text::new(
                format!(
                    "Acción {number}: revisar con el área de recursos humanos los expedientes de la cuadrilla \
                 y dejar constancia firmada de lo corregido"
                ),
                None,
            ),
            due_date: store::today(),
            carried_from: None,
        };
        store.add_action(admin, plan, &action).await?;
    }
    Ok(())
}
