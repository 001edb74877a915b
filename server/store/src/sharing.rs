//! Producer associations and the companies that share with them: requests and their answers,
//! the members an association follows, and the little it may read of each — status changes of
//! the latest plan, and (when the company chose so) the answers of its latest submitted
//! assessment, which only ever leave the service as counts.

use assessments::access::Viewer;
use assessments::answers::Answers;
use assessments::ids::{GrantId, OrganizationId, PlanId, ShareRequestId};
use assessments::organization::{OrganizationKind, Role};
use assessments::plan::ActionStatus;
use assessments::sharing::{RequestState, ShareRequest, SharingMember, StatusChange};
use chrono::{DateTime, NaiveDate, Utc};

use crate::accounts::{ORGANIZATION_COLUMNS, OrganizationRow};
use std::collections::HashMap;

use crate::{Keyed, Store, StoreError, StoreResult, instant, new_id, now};

/// What asking a company gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskOutcome {
    Asked(ShareRequestId),
    /// A request is waiting for the company's answer already.
    AlreadyAsked,
    /// The company shares with the association already.
    AlreadyShares,
}

/// One plan's history as status changes, and when the plan was made.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanChanges {
    pub plan: PlanId,
    pub created_at: DateTime<Utc>,
    pub changes: Vec<StatusChange>,
}

/// What an association reads of every company sharing with it, by company.
#[derive(Debug, Default)]
pub struct SharedByMembers {
    /// Each company's plans as status changes, oldest plan first.
    pub plans: HashMap<OrganizationId, Vec<PlanChanges>>,
    /// The statuses and due dates of the actions of each company's latest plan.
    pub latest_statuses: HashMap<OrganizationId, Vec<(ActionStatus, NaiveDate)>>,
    /// The latest submitted assessment of each company that shares its summary too.
    pub summaries: HashMap<OrganizationId, SharedAssessment>,
}

/// The latest submitted assessment of a company that shares its summary: enough to score it.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedAssessment {
    pub questionnaire_id: String,
    pub questionnaire_version: u32,
    pub reference_date: NaiveDate,
    pub submitted_at: DateTime<Utc>,
    pub answers: Answers,
}

#[derive(sqlx::FromRow)]
struct RequestRow {
    #[sqlx(try_from = "String")]
    request_id: ShareRequestId,
    requested_by_name: String,
    requested_at: String,
    state: String,
    #[sqlx(flatten)]
    counterpart: OrganizationRow,
}

impl TryFrom<RequestRow> for ShareRequest {
    type Error = StoreError;

    fn try_from(row: RequestRow) -> StoreResult<Self> {
        let state = row.state;
        Ok(ShareRequest {
            id: row.request_id,
            counterpart: row.counterpart.try_into()?,
            requested_by: row.requested_by_name,
            requested_at: instant(&row.requested_at)?,
            state: RequestState::parse(&state)
                .ok_or_else(|| StoreError::Corrupt(format!("share request state `{state}`")))?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    #[sqlx(try_from = "String")]
    grant_id: GrantId,
    shares_summary: i64,
    granted_at: String,
    last_submitted: Option<String>,
    #[sqlx(flatten)]
    company: OrganizationRow,
}

impl Store {
    /// Asks `company_id` to share its progress with `association_id`. The association's admins
    /// only; anyone else, or a company that does not exist, gets `NotFound`.
    pub async fn ask_to_share(
        &self,
        actor: &Viewer,
        association_id: OrganizationId,
        company_id: OrganizationId,
    ) -> StoreResult<AskOutcome> {
        if actor.role_in(association_id) != Some(Role::AssociationAdmin) {
            return Err(StoreError::NotFound);
        }
        let kind: Option<String> = sqlx::query_scalar("SELECT kind FROM organizations WHERE id = $1")
            .bind(company_id.to_string())
            .fetch_optional(&self.pool)
            .await?;
        if kind.as_deref() != Some(OrganizationKind::Company.as_str()) {
            return Err(StoreError::NotFound);
        }
        if self.active_grant(association_id, company_id).await?.is_some() {
            return Ok(AskOutcome::AlreadyShares);
        }
        let id: ShareRequestId = new_id();
        let inserted = sqlx::query(
            "INSERT INTO share_requests (id, association_id, company_id, requested_by, requested_at, state) \
             VALUES ($1, $2, $3, $4, $5, 'pending')",
        )
        .bind(id.to_string())
        .bind(association_id.to_string())
        .bind(company_id.to_string())
        .bind(actor.user_id.to_string())
        .bind(now())
        .execute(&self.writer)
        .await
        .map_err(StoreError::from_unique_violation);
        match inserted {
            Ok(_) => Ok(AskOutcome::Asked(id)),
            Err(StoreError::Conflict) => Ok(AskOutcome::AlreadyAsked),
            Err(error) => Err(error),
        }
    }

    /// The requests waiting for a company's answer, newest first. Its admins only.
    pub async fn share_requests_to(
        &self,
        actor: &Viewer,
        company_id: OrganizationId,
    ) -> StoreResult<Vec<ShareRequest>> {
        if actor.role_in(company_id) != Some(Role::CompanyAdmin) {
            return Err(StoreError::NotFound);
        }
        self.requests("r.association_id", "r.company_id = $1 AND r.state = 'pending'", company_id).await
    }

    /// An association's requests, newest first: what waits and what was declined. (What was
    /// accepted shows as a member.) Its people only.
    pub async fn share_requests_from(
        &self,
        viewer: &Viewer,
        association_id: OrganizationId,
    ) -> StoreResult<Vec<ShareRequest>> {
        require_association_member(viewer, association_id)?;
        self.requests("r.company_id", "r.association_id = $1 AND r.state <> 'accepted'", association_id).await
    }

    async fn requests(
        &self,
        counterpart: &str,
        filter: &str,
        id: OrganizationId,
    ) -> StoreResult<Vec<ShareRequest>> {
        let sql = format!(
            "SELECT r.id AS request_id, u.name AS requested_by_name, r.requested_at, r.state, \
             {ORGANIZATION_COLUMNS} FROM share_requests r \
             JOIN organizations o ON o.id = {counterpart} JOIN users u ON u.id = r.requested_by \
             WHERE {filter} ORDER BY r.requested_at DESC LIMIT 200"
        );
        let rows = sqlx::query_as::<_, RequestRow>(&sql).bind(id.to_string()).fetch_all(&self.pool).await?;
        rows.into_iter().map(ShareRequest::try_from).collect()
    }

    /// The company's answer to a waiting request: `Some(shares_summary)` accepts, sharing plan
    /// progress and, if chosen, the assessment summary; `None` declines. Its admins only; a
    /// request answered already is `NotFound`.
    pub async fn answer_share_request(
        &self,
        actor: &Viewer,
        company_id: OrganizationId,
        request_id: ShareRequestId,
        accept: Option<bool>,
    ) -> StoreResult<OrganizationId> {
        if actor.role_in(company_id) != Some(Role::CompanyAdmin) {
            return Err(StoreError::NotFound);
        }
        let mut tx = self.begin_checked().await?;
        let association: Option<String> = sqlx::query_scalar(
            "SELECT association_id FROM share_requests WHERE id = $1 AND company_id = $2 AND state = 'pending'",
        )
        .bind(request_id.to_string())
        .bind(company_id.to_string())
        .fetch_optional(&mut *tx)
        .await?;
        let association: OrganizationId = association
            .ok_or(StoreError::NotFound)?
            .parse()
            .map_err(|_| StoreError::Corrupt("association id".into()))?;
        let state = if accept.is_some() { RequestState::Accepted } else { RequestState::Declined };
        // Still pending: of two answers at once (an accept and a decline), one wins, the other
        // finds nothing to answer.
        let answered = sqlx::query(
            "UPDATE share_requests SET state = $1, answered_by = $2, answered_at = $3 \
             WHERE id = $4 AND state = 'pending'",
        )
        .bind(state.as_str())
        .bind(actor.user_id.to_string())
        .bind(now())
        .bind(request_id.to_string())
        .execute(&mut *tx)
        .await?;
        if answered.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        if let Some(shares_summary) = accept {
            // A grant made meanwhile (from the company's access page) is kept, with this choice.
            let updated = sqlx::query(
                "UPDATE grants SET shares_summary = $1 WHERE company_id = $2 AND grantee_id = $3 \
                 AND scope = 'plan_progress' AND revoked_at IS NULL",
            )
            .bind(i64::from(shares_summary))
            .bind(company_id.to_string())
            .bind(association.to_string())
            .execute(&mut *tx)
            .await?;
            if updated.rows_affected() == 0 {
                sqlx::query(
                    "INSERT INTO grants (id, company_id, grantee_id, scope, granted_by, granted_at, shares_summary) \
                     VALUES ($1, $2, $3, 'plan_progress', $4, $5, $6)",
                )
                .bind(new_id::<GrantId>().to_string())
                .bind(company_id.to_string())
                .bind(association.to_string())
                .bind(actor.user_id.to_string())
                .bind(now())
                .bind(i64::from(shares_summary))
                .execute(&mut *tx)
                .await
                .map_err(StoreError::from_unique_violation)?;
            }
        }
        tx.commit().await?;
        Ok(association)
    }

    /// The companies sharing their progress with `association_id` now, by name. Its people only.
    pub async fn sharing_members(
        &self,
        viewer: &Viewer,
        association_id: OrganizationId,
    ) -> StoreResult<Vec<SharingMember>> {
        require_association_member(viewer, association_id)?;
        let sql = format!(
            "SELECT g.id AS grant_id, g.shares_summary, g.granted_at, \
             (SELECT MAX(a.submitted_at) FROM assessments a WHERE a.company_id = o.id AND a.status = 'submitted') \
               AS last_submitted, \
             {ORGANIZATION_COLUMNS} FROM grants g JOIN organizations o ON o.id = g.company_id \
             WHERE g.grantee_id = $1 AND g.scope = 'plan_progress' AND g.revoked_at IS NULL ORDER BY o.name"
        );
        let rows = sqlx::query_as::<_, MemberRow>(&sql)
            .bind(association_id.to_string())
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter()
            .map(|row| {
                Ok(SharingMember {
                    company: row.company.try_into()?,
                    grant_id: row.grant_id,
                    shares_summary: row.shares_summary != 0,
                    shared_since: instant(&row.granted_at)?,
                    last_submitted: row.last_submitted.as_deref().map(instant).transpose()?,
                })
            })
            .collect()
    }

    /// The status changes of every action of each of a company's plans, oldest plan first, each
    /// plan's oldest change first: when each action was created and each move since. Nothing
    /// else of the history — no notes, no names. `NotFound` for whoever does not see the company
    /// (its own people, its advisors, and the associations it shares its progress with do).
    pub async fn plan_status_changes(
        &self,
        viewer: &Viewer,
        company_id: OrganizationId,
    ) -> StoreResult<Vec<PlanChanges>> {
        if self.visible_company(viewer, company_id).await?.is_none() {
            return Err(StoreError::NotFound);
        }
        let plans = sqlx::query_as::<_, (String, String)>(
            "SELECT id, created_at FROM plans WHERE company_id = $1 ORDER BY created_at",
        )
        .bind(company_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut all = Vec::with_capacity(plans.len());
        for (plan, created_at) in plans {
            let rows = sqlx::query_as::<_, (String, String, Option<String>)>(
                "SELECT e.action_id, e.occurred_at, e.to_status FROM action_events e \
                 JOIN plan_actions p ON p.id = e.action_id \
                 WHERE p.plan_id = $1 AND p.merged_into IS NULL AND e.kind IN ('created', 'status') \
                 ORDER BY e.occurred_at",
            )
            .bind(&plan)
            .fetch_all(&self.pool)
            .await?;
            all.push(plan_changes(&plan, &created_at, rows)?);
        }
        Ok(all)
    }

    /// The latest submitted assessment of a member that shares its summary, to be counted; `None`
    /// when it has none. `NotFound` unless the company shares its summary with the association
    /// now and the viewer is one of the association's people.
    pub async fn shared_assessment(
        &self,
        viewer: &Viewer,
        association_id: OrganizationId,
        company_id: OrganizationId,
    ) -> StoreResult<Option<SharedAssessment>> {
        require_association_member(viewer, association_id)?;
        if self.active_grant(association_id, company_id).await? != Some(true) {
            return Err(StoreError::NotFound);
        }
        self.latest_submitted(company_id).await
    }

    /// The same, for the company's own admins: to see exactly what an association receives.
    pub async fn own_latest_submitted(
        &self,
        viewer: &Viewer,
        company_id: OrganizationId,
    ) -> StoreResult<Option<SharedAssessment>> {
        if viewer.role_in(company_id) != Some(Role::CompanyAdmin) {
            return Err(StoreError::NotFound);
        }
        self.latest_submitted(company_id).await
    }

    async fn latest_submitted(&self, company_id: OrganizationId) -> StoreResult<Option<SharedAssessment>> {
        let row = sqlx::query_as::<_, SubmittedRow>(
            "SELECT id, questionnaire_id, questionnaire_version, reference_date, started_at, submitted_at \
             FROM assessments WHERE company_id = $1 AND status = 'submitted' ORDER BY submitted_at DESC LIMIT 1",
        )
        .bind(company_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mut values = self.answer_values_of(std::slice::from_ref(&row.id)).await?;
        let answers = values.remove(&row.id).unwrap_or_default();
        Ok(Some(row.into_shared(answers)?))
    }

    /// The answered values of each of the assessments `ids`, for scoring only.
    async fn answer_values_of(&self, ids: &[String]) -> StoreResult<HashMap<String, Vec<(String, String)>>> {
        crate::rows_keyed_by(
            &self.pool,
            "SELECT question_id, value, assessment_id AS keyed_by FROM answers \
             WHERE assessment_id IN ({keys}) AND value IS NOT NULL",
            ids.iter().cloned(),
        )
        .await
    }

    /// What an association reads of every company sharing its progress with it now, in a few
    /// queries whatever their number: what [`Store::plan_status_changes`] and
    /// [`Store::plan_statuses_of`] give of each, and [`Store::shared_assessment`] of each that
    /// shares its summary too. The association's people only.
    pub async fn shared_by_members(
        &self,
        viewer: &Viewer,
        association_id: OrganizationId,
    ) -> StoreResult<SharedByMembers> {
        require_association_member(viewer, association_id)?;
        const SHARING: &str = "JOIN grants g ON g.company_id = {table}.company_id AND g.grantee_id = $1 \
             AND g.scope = 'plan_progress' AND g.revoked_at IS NULL";
        let plans = sqlx::query_as::<_, (String, String, String)>(&format!(
            "SELECT p.id, p.created_at, p.company_id FROM plans p {} ORDER BY p.created_at, p.id",
            SHARING.replace("{table}", "p")
        ))
        .bind(association_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut events = crate::rows_keyed_by::<(String, String, Option<String>)>(
            &self.pool,
            "SELECT e.action_id, e.occurred_at, e.to_status, p.plan_id AS keyed_by FROM action_events e \
             JOIN plan_actions p ON p.id = e.action_id WHERE p.plan_id IN ({keys}) AND p.merged_into IS NULL \
             AND e.kind IN ('created', 'status') ORDER BY e.occurred_at",
            plans.iter().map(|(plan, _, _)| plan.clone()),
        )
        .await?;
        let mut shared = SharedByMembers::default();
        for (plan, created_at, company) in &plans {
            let changes = plan_changes(plan, created_at, events.remove(plan).unwrap_or_default())?;
            shared.plans.entry(organization_id(company)?).or_default().push(changes);
        }
        // Oldest first: each company's last plan is its latest.
        let latest: HashMap<String, OrganizationId> = shared
            .plans
            .iter()
            .filter_map(|(company, plans)| Some((plans.last()?.plan.to_string(), *company)))
            .collect();
        let statuses = crate::rows_keyed_by::<(String, String)>(
            &self.pool,
            "SELECT status, due_date, plan_id AS keyed_by FROM plan_actions \
             WHERE plan_id IN ({keys}) AND merged_into IS NULL",
            latest.keys().cloned(),
        )
        .await?;
        for (plan, company) in &latest {
            let rows = statuses.get(plan).map(Vec::as_slice).unwrap_or_default();
            let read = rows
                .iter()
                .map(|(status, due_date)| Ok((crate::plans::status_from(status)?, crate::date(due_date)?)))
                .collect::<StoreResult<Vec<_>>>()?;
            shared.latest_statuses.insert(*company, read);
        }
        let submitted = sqlx::query_as::<_, Keyed<SubmittedRow>>(&format!(
            "SELECT a.id, a.questionnaire_id, a.questionnaire_version, a.reference_date, a.started_at, \
             a.submitted_at, a.company_id AS keyed_by FROM assessments a {} \
             WHERE g.shares_summary <> 0 AND a.status = 'submitted' ORDER BY a.submitted_at DESC, a.id",
            SHARING.replace("{table}", "a")
        ))
        .bind(association_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        // Newest first: each company's first row is its latest submitted assessment.
        let mut latest_submitted: HashMap<String, SubmittedRow> = HashMap::new();
        for Keyed { keyed_by, row } in submitted {
            latest_submitted.entry(keyed_by).or_insert(row);
        }
        let ids: Vec<String> = latest_submitted.values().map(|row| row.id.clone()).collect();
        let mut values = self.answer_values_of(&ids).await?;
        for (company, row) in latest_submitted {
            let answers = values.remove(&row.id).unwrap_or_default();
            shared.summaries.insert(organization_id(&company)?, row.into_shared(answers)?);
        }
        Ok(shared)
    }

    /// Whether the company shares its progress with the association now, and its summary too.
    async fn active_grant(
        &self,
        association_id: OrganizationId,
        company_id: OrganizationId,
    ) -> StoreResult<Option<bool>> {
        let shares_summary: Option<i64> = sqlx::query_scalar(
            "SELECT shares_summary FROM grants WHERE company_id = $1 AND grantee_id = $2 \
             AND scope = 'plan_progress' AND revoked_at IS NULL",
        )
        .bind(company_id.to_string())
        .bind(association_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        Ok(shares_summary.map(|flag| flag != 0))
    }
}

impl Store {
    /// `senda demo` only: spreads a plan's history over the `days` before now — creation first,
    /// then each move evenly after — so that a demo plan made in one instant reads as weeks of
    /// work on the association's chart. Nothing else calls it.
    pub async fn spread_demo_plan_history(&self, plan_id: PlanId, days: i64) -> StoreResult<()> {
        let events = sqlx::query_as::<_, (String, String)>(
            "SELECT e.id, e.kind FROM action_events e JOIN plan_actions p ON p.id = e.action_id \
             WHERE p.plan_id = $1 ORDER BY e.occurred_at, e.id",
        )
        .bind(plan_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        let start = Utc::now() - chrono::Duration::days(days);
        let moves =
            i32::try_from(events.iter().filter(|(_, kind)| kind != "created").count()).unwrap_or(i32::MAX);
        let mut tx = self.writer.begin().await?;
        let mut step: i32 = 0;
        for (id, kind) in &events {
            let at = if kind == "created" {
                start
            } else {
                step += 1;
                start + chrono::Duration::days(days) * step / moves.saturating_add(1)
            };
            sqlx::query("UPDATE action_events SET occurred_at = $1 WHERE id = $2")
                .bind(crate::format_instant(at))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query("UPDATE plans SET created_at = $1 WHERE id = $2")
            .bind(crate::format_instant(start))
            .bind(plan_id.to_string())
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// A plan's history as read: its id and creation, and its actions' events (action, when, the
/// status moved to — none for a creation).
fn plan_changes(
    plan: &str,
    created_at: &str,
    events: Vec<(String, String, Option<String>)>,
) -> StoreResult<PlanChanges> {
    let changes = events
        .into_iter()
        .map(|(action, at, to_status)| {
            let status = match to_status {
                Some(text) => ActionStatus::parse(&text)
                    .ok_or_else(|| StoreError::Corrupt(format!("action status `{text}`")))?,
                // A created action starts pending.
                None => ActionStatus::Pending,
            };
            Ok(StatusChange { at: instant(&at)?, action, status })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(PlanChanges {
        plan: plan.parse().map_err(|_| StoreError::Corrupt(format!("plan id `{plan}`")))?,
        created_at: instant(created_at)?,
        changes,
    })
}

fn organization_id(text: &str) -> StoreResult<OrganizationId> {
    text.parse().map_err(|_| StoreError::Corrupt(format!("organization id `{text}`")))
}

/// A submitted assessment as read for an association, without its answers.
#[derive(sqlx::FromRow)]
struct SubmittedRow {
    id: String,
    questionnaire_id: String,
    questionnaire_version: i64,
    reference_date: Option<String>,
    started_at: String,
    submitted_at: String,
}

impl SubmittedRow {
    fn into_shared(self, values: Vec<(String, String)>) -> StoreResult<SharedAssessment> {
        let answers = values
            .into_iter()
            .map(|(question, value)| Ok((question, crate::answers::from_json(&value)?)))
            .collect::<StoreResult<Answers>>()?;
        let version = self.questionnaire_version;
        Ok(SharedAssessment {
            questionnaire_id: self.questionnaire_id,
            questionnaire_version: u32::try_from(version)
                .map_err(|_| StoreError::Corrupt(format!("questionnaire version {version}")))?,
            reference_date: match self.reference_date {
                Some(date) => crate::date(&date)?,
                None => instant(&self.started_at)?.date_naive(),
            },
            submitted_at: instant(&self.submitted_at)?,
            answers,
        })
    }
}

fn require_association_member(viewer: &Viewer, association_id: OrganizationId) -> StoreResult<()> {
    match viewer.role_in(association_id) {
        Some(Role::AssociationAdmin | Role::AssociationViewer) => Ok(()),
        _ => Err(StoreError::NotFound),
    }
}
