//! Improvement plans and their actions. The plan and its actions are seen by those who see the
//! company's assessments; its progress figures also by the associations it shares progress with.
//! Own people create and work plans; granted advisors comment, verify and send back.

use assessments::access::{CompanyAccess, Organization, Viewer};
use assessments::answers::AssessmentStatus;
use assessments::catalog::Severity;
use assessments::ids::{ActionId, AssessmentId, OrganizationId, PlanId, UserId};
use assessments::plan::{
    ActionEvent, ActionStatus, Actor, EventKind, MoveProblem, PlanAction, PlanHeader, ProposedAction,
    check_move,
};
use assessments::text::Text;
use chrono::NaiveDate;
use sqlx::AnyConnection;
use std::collections::HashMap;

use super::accounts::visible_company_on;
use super::answers::{SeenAssessment, assessment_with_access_on, by_assessment};
use super::{Store, StoreError, StoreResult, new_id, now, now_precise};

/// A change to an action's wording, owner or due date, based on the revision the person saw.
#[derive(Debug, Clone, Copy)]
pub struct ActionEdit<'a> {
    pub text: &'a str,
    pub owner: &'a str,
    pub due_date: NaiveDate,
    pub base_revision: i64,
}

/// The result of an edit or a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionWrite {
    Saved,
    /// Someone else changed the action since `base_revision`: nothing was written.
    Conflict,
}

/// The result of a move of an action to another status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveOutcome {
    /// Moved, with a line in the action's history.
    Moved,
    /// Someone else changed the action since `base_revision`: nothing was written.
    Conflict,
    /// The rules of [`check_move`] do not allow this move for this viewer: nothing was written.
    Refused(MoveProblem),
}

const ACTION_COLUMNS: &str = "a.id, a.position, a.requirement_id, a.section_id, a.severity, a.text_es, a.text_en, \
     a.owner, a.due_date, a.status, a.revision, a.carried_from, \
     (SELECT e.note FROM action_events e WHERE e.action_id = a.id AND e.note <> '' AND e.kind <> 'edited' \
      ORDER BY e.occurred_at DESC, e.id DESC LIMIT 1) AS last_note";

impl Store {
    /// Creates the plan of a submitted assessment with `actions`; returns its id. A second call
    /// for the same assessment returns the plan that exists. Own people only.
    pub async fn create_plan(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        actions: &[ProposedAction],
    ) -> StoreResult<PlanId> {
        let mut tx = self.begin_checked().await?;
        let (assessment, access) = assessment_with_access_on(&mut tx, viewer, assessment_id).await?;
        if access.is_outsider() {
            return Err(StoreError::NotFound);
        }
        // A plan is made of a submitted assessment's gaps: one returned for changes meanwhile
        // has none settled yet.
        if assessment.status != AssessmentStatus::Submitted {
            return Err(StoreError::Invalid("the assessment is not submitted"));
        }
        if let Some(existing) = plan_id_of(&mut tx, assessment_id).await? {
            return Ok(existing);
        }
        let id: PlanId = new_id();
        let at = now();
        let inserted = sqlx::query(
            "INSERT INTO plans (id, assessment_id, company_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (assessment_id) DO NOTHING",
        )
        .bind(id.to_string())
        .bind(assessment_id.to_string())
        .bind(assessment.company.id.to_string())
        .bind(viewer.user_id.to_string())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            tx.rollback().await?;
            return plan_id_of(&mut *self.pool.acquire().await?, assessment_id)
                .await?
                .ok_or(StoreError::NotFound);
        }
        for (position, action) in actions.iter().enumerate() {
            insert_action(&mut tx, id, position, action, viewer.user_id, &at).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Adds an action a person wrote to the end of a plan. Own people only.
    pub async fn add_action(
        &self,
        viewer: &Viewer,
        plan_id: PlanId,
        action: &ProposedAction,
    ) -> StoreResult<ActionId> {
        let mut tx = self.begin_checked().await?;
        let (_, access) = plan_on(&mut tx, viewer, plan_id).await?;
        if access.is_outsider() {
            return Err(StoreError::NotFound);
        }
        let position: i64 =
            sqlx::query_scalar("SELECT COALESCE(MAX(position) + 1, 0) FROM plan_actions WHERE plan_id = $1")
                .bind(plan_id.to_string())
                .fetch_one(&mut *tx)
                .await?;
        let id = insert_action(
            &mut tx,
            plan_id,
            usize::try_from(position).unwrap_or(0),
            action,
            viewer.user_id,
            &now(),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The plan made from an assessment, if any, for those who see the assessment.
    pub async fn plan_of_assessment(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
    ) -> StoreResult<Option<PlanId>> {
        self.plan_of_seen(&self.seen_assessment(viewer, assessment_id).await?).await
    }

    /// The plan of an assessment the viewer was found to see, if it has one.
    pub async fn plan_of_seen(&self, seen: &SeenAssessment) -> StoreResult<Option<PlanId>> {
        plan_id_of(&mut *self.pool.acquire().await?, seen.id()).await
    }

    /// The plan of each assessment the viewer was found to see that has one, with its actions'
    /// statuses and due dates (merged actions left out): one read for them all.
    pub async fn plan_statuses_of_many(
        &self,
        seen: &[SeenAssessment],
    ) -> StoreResult<HashMap<AssessmentId, (PlanId, Vec<(ActionStatus, NaiveDate)>)>> {
        // A LEFT JOIN: a plan without actions is still a plan.
        let rows = crate::rows_keyed_by::<(String, Option<String>, Option<String>)>(
            &self.pool,
            "SELECT p.id, a.status, a.due_date, p.assessment_id AS keyed_by FROM plans p \
             LEFT JOIN plan_actions a ON a.plan_id = p.id AND a.merged_into IS NULL \
             WHERE p.assessment_id IN ({keys})",
            seen.iter().map(|seen| seen.id().to_string()),
        )
        .await?;
        let mut plans = HashMap::new();
        for (assessment_id, rows) in by_assessment(rows, Ok)? {
            let Some((plan_id, _, _)) = rows.first() else { continue };
            let plan_id: PlanId =
                plan_id.parse().map_err(|_| StoreError::Corrupt(format!("plan id `{plan_id}`")))?;
            let statuses = rows
                .into_iter()
                .filter_map(|(_, status, due_date)| status.zip(due_date))
                .map(|(status, due_date)| Ok((status_from(&status)?, crate::date(&due_date)?)))
                .collect::<StoreResult<Vec<_>>>()?;
            plans.insert(assessment_id, (plan_id, statuses));
        }
        Ok(plans)
    }

    /// The plan of each assessment the viewer was found to see that has one, with its actions
    /// (merged ones left out): two reads for them all.
    pub async fn plans_of_many(
        &self,
        seen: &[SeenAssessment],
    ) -> StoreResult<HashMap<AssessmentId, (PlanId, Vec<PlanAction>)>> {
        let ids = || seen.iter().map(|seen| seen.id().to_string());
        let plans = crate::rows_keyed_by::<(String,)>(
            &self.pool,
            "SELECT id, assessment_id AS keyed_by FROM plans WHERE assessment_id IN ({keys})",
            ids(),
        )
        .await?;
        let mut actions = crate::rows_keyed_by::<ActionRow>(
            &self.pool,
            &format!(
                "SELECT {ACTION_COLUMNS}, p.assessment_id AS keyed_by FROM plan_actions a \
                 JOIN plans p ON p.id = a.plan_id WHERE p.assessment_id IN ({{keys}}) \
                 AND a.merged_into IS NULL ORDER BY a.position, a.id"
            ),
            ids(),
        )
        .await?;
        let mut found = HashMap::new();
        for (assessment_id, ids) in by_assessment(plans, |(id,)| {
            id.parse::<PlanId>().map_err(|_| StoreError::Corrupt(format!("plan id `{id}`")))
        })? {
            let Some(plan_id) = ids.into_iter().next() else { continue };
            let actions = actions.remove(&assessment_id.to_string()).unwrap_or_default();
            let actions = actions.into_iter().map(PlanAction::try_from).collect::<StoreResult<_>>()?;
            found.insert(assessment_id, (plan_id, actions));
        }
        Ok(found)
    }

    /// A plan, for those who see the company's assessments, and how they see it.
    pub async fn plan(&self, viewer: &Viewer, plan_id: PlanId) -> StoreResult<(PlanHeader, CompanyAccess)> {
        plan_on(&mut *self.pool.acquire().await?, viewer, plan_id).await
    }

    /// The company's plans with their actions' statuses and due dates, for everyone who sees the
    /// company's assessments or its plan progress — figures only, no wording.
    pub async fn plan_statuses_of(
        &self,
        viewer: &Viewer,
        company_id: OrganizationId,
    ) -> StoreResult<Vec<(PlanHeader, Vec<(ActionStatus, NaiveDate)>)>> {
        let Some(visible) = self.visible_company(viewer, company_id).await? else {
            return Err(StoreError::NotFound);
        };
        let rows = sqlx::query_as::<_, PlanRow>(
            "SELECT id, assessment_id, company_id, created_at FROM plans WHERE company_id = $1 ORDER BY created_at DESC",
        )
        .bind(company_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut plans = Vec::with_capacity(rows.len());
        for row in rows {
            let header = row.into_header(visible.company.clone())?;
            let statuses = sqlx::query_as::<_, (String, String)>(
                "SELECT status, due_date FROM plan_actions WHERE plan_id = $1 AND merged_into IS NULL",
            )
            .bind(header.id.to_string())
            .fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|(status, due_date)| Ok((status_from(&status)?, crate::date(&due_date)?)))
            .collect::<StoreResult<Vec<_>>>()?;
            plans.push((header, statuses));
        }
        Ok(plans)
    }

    /// A plan's actions, in order.
    pub async fn plan_actions(&self, viewer: &Viewer, plan_id: PlanId) -> StoreResult<Vec<PlanAction>> {
        plan_actions_on(&mut *self.pool.acquire().await?, viewer, plan_id).await
    }

    /// An action's history, oldest first, with that of the earlier plans' actions it continues.
    pub async fn action_history(
        &self,
        viewer: &Viewer,
        plan_id: PlanId,
        action_id: ActionId,
    ) -> StoreResult<Vec<ActionEvent>> {
        let (header, _) = self.plan(viewer, plan_id).await?;
        missing_or_conflict(&mut *self.pool.acquire().await?, plan_id, action_id).await?;
        let mut chain = Vec::new();
        let mut next = Some(action_id);
        // Only actions of this company's plans: the chain never leaves the company.
        while let Some(id) = next.take().filter(|id| !chain.contains(id) && chain.len() < 50) {
            let row: Option<(Option<String>,)> = sqlx::query_as(
                "SELECT a.carried_from FROM plan_actions a JOIN plans p ON p.id = a.plan_id \
                 WHERE a.id = $1 AND p.company_id = $2",
            )
            .bind(id.to_string())
            .bind(header.company.id.to_string())
            .fetch_optional(&self.pool)
            .await?;
            let Some((carried_from,)) = row else { break };
            chain.push(id);
            next = crate::optional_id(carried_from)?;
        }
        let mut events = Vec::new();
        for id in chain.iter().rev() {
            let rows = sqlx::query_as::<_, EventRow>(
                "SELECT e.occurred_at, e.kind, e.from_status, e.to_status, e.note, u.name FROM action_events e \
                 JOIN users u ON u.id = e.actor_user_id WHERE e.action_id = $1 ORDER BY e.occurred_at, e.id",
            )
            .bind(id.to_string())
            .fetch_all(&self.pool)
            .await?;
            for row in rows {
                events.push(ActionEvent::try_from(row)?);
            }
        }
        Ok(events)
    }

    /// Changes an action's wording, owner or due date. Own people only.
    pub async fn edit_action(
        &self,
        viewer: &Viewer,
        plan_id: PlanId,
        action_id: ActionId,
        edit: ActionEdit<'_>,
    ) -> StoreResult<ActionWrite> {
        let at = now();
        let mut tx = self.begin_checked().await?;
        let (_, access) = plan_on(&mut tx, viewer, plan_id).await?;
        if access.is_outsider() {
            return Err(StoreError::NotFound);
        }
        let updated = sqlx::query(
            "UPDATE plan_actions SET text_es = $1, text_en = CASE WHEN text_es = $1 THEN text_en ELSE '' END, \
             owner = $2, due_date = $3, revision = revision + 1, updated_at = $4 \
             WHERE id = $5 AND plan_id = $6 AND revision = $7",
        )
        .bind(edit.text)
        .bind(edit.owner)
        .bind(edit.due_date.to_string())
        .bind(&at)
        .bind(action_id.to_string())
        .bind(plan_id.to_string())
        .bind(edit.base_revision)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return missing_or_conflict(&mut tx, plan_id, action_id).await;
        }
        let detail = format!("{} · {} · {}", edit.owner, edit.due_date, edit.text);
        insert_event(&mut tx, action_id, viewer.user_id, EventKind::Edited, None, &detail).await?;
        tx.commit().await?;
        Ok(ActionWrite::Saved)
    }

    /// Adds a dated progress note (own people) or comment (granted advisors).
    pub async fn add_action_note(
        &self,
        viewer: &Viewer,
        plan_id: PlanId,
        action_id: ActionId,
        note: &str,
    ) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        plan_on(&mut tx, viewer, plan_id).await?;
        let exists: Option<String> =
            sqlx::query_scalar("SELECT id FROM plan_actions WHERE id = $1 AND plan_id = $2")
                .bind(action_id.to_string())
                .bind(plan_id.to_string())
                .fetch_optional(&mut *tx)
                .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound);
        }
        insert_event(&mut tx, action_id, viewer.user_id, EventKind::Note, None, note.trim()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Moves an action to `to`, with `note` (evidence when done, reason when sent back), if the
    /// rules of [`check_move`] allow it for this viewer.
    pub async fn move_action(
        &self,
        viewer: &Viewer,
        plan_id: PlanId,
        action_id: ActionId,
        to: ActionStatus,
        note: &str,
        base_revision: i64,
    ) -> StoreResult<MoveOutcome> {
        let mut tx = self.begin_checked().await?;
        let (_, access) = plan_on(&mut tx, viewer, plan_id).await?;
        let actor = match access {
            CompanyAccess::Member { .. } => Actor::Company,
            CompanyAccess::Advisor => Actor::Advisor,
            CompanyAccess::PlanProgress => return Err(StoreError::NotFound),
        };
        let current: Option<(String, i64)> =
            sqlx::query_as("SELECT status, revision FROM plan_actions WHERE id = $1 AND plan_id = $2")
                .bind(action_id.to_string())
                .bind(plan_id.to_string())
                .fetch_optional(&mut *tx)
                .await?;
        let Some((from, revision)) = current else { return Err(StoreError::NotFound) };
        if revision != base_revision {
            return Ok(MoveOutcome::Conflict);
        }
        let from = status_from(&from)?;
        if let Err(problem) = check_move(from, to, actor, note) {
            return Ok(MoveOutcome::Refused(problem));
        }
        let at = now();
        let updated = sqlx::query(
            "UPDATE plan_actions SET status = $1, revision = revision + 1, updated_at = $2 \
             WHERE id = $3 AND plan_id = $4 AND revision = $5",
        )
        .bind(to.as_str())
        .bind(&at)
        .bind(action_id.to_string())
        .bind(plan_id.to_string())
        .bind(base_revision)
        .execute(&mut *tx)
        .await?;
        if updated.rows_affected() == 0 {
            return Ok(MoveOutcome::Conflict);
        }
        insert_event(&mut tx, action_id, viewer.user_id, EventKind::Status, Some((from, to)), note.trim())
            .await?;
        tx.commit().await?;
        Ok(MoveOutcome::Moved)
    }

    /// Splits an action in two: a copy right after it, to be reworded. Own people only.
    pub async fn split_action(
        &self,
        viewer: &Viewer,
        plan_id: PlanId,
        action_id: ActionId,
    ) -> StoreResult<ActionId> {
        let mut tx = self.begin_checked().await?;
        let (_, access) = plan_on(&mut tx, viewer, plan_id).await?;
        if access.is_outsider() {
            return Err(StoreError::NotFound);
        }
        let original = plan_actions_on(&mut tx, viewer, plan_id)
            .await?
            .into_iter()
            .find(|a| a.id == action_id)
            .ok_or(StoreError::NotFound)?;
        let at = now();
        // Make room right after the original.
        sqlx::query("UPDATE plan_actions SET position = position + 1 WHERE plan_id = $1 AND position > $2")
            .bind(plan_id.to_string())
            .bind(i64::from(original.position))
            .execute(&mut *tx)
            .await?;
        let copy = ProposedAction {
            requirement_id: original.requirement_id.clone().unwrap_or_default(),
            section_id: original.section_id.clone(),
            severity: original.severity,
            text: original.text.clone(),
            due_date: original.due_date,
            carried_from: None,
        };
        let position = usize::try_from(original.position).unwrap_or(0) + 1;
        let id = insert_action(&mut tx, plan_id, position, &copy, viewer.user_id, &at).await?;
        sqlx::query("UPDATE plan_actions SET owner = $1 WHERE id = $2")
            .bind(&original.owner)
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        let note = format!("⇄ {}", original.text.spanish());
        insert_event(&mut tx, action_id, viewer.user_id, EventKind::Edited, None, &note).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Merges `other` into `into`: one action with both wordings; `other` leaves the list and
    /// keeps its history. Own people only.
    pub async fn merge_actions(
        &self,
        viewer: &Viewer,
        plan_id: PlanId,
        into: ActionId,
        other: ActionId,
    ) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        let (_, access) = plan_on(&mut tx, viewer, plan_id).await?;
        if access.is_outsider() || into == other {
            return Err(StoreError::NotFound);
        }
        let actions = plan_actions_on(&mut tx, viewer, plan_id).await?;
        let (Some(target), Some(merged)) =
            (actions.iter().find(|a| a.id == into), actions.iter().find(|a| a.id == other))
        else {
            return Err(StoreError::NotFound);
        };
        let text = format!("{} {}", target.text.spanish(), merged.text.spanish());
        let at = now();
        sqlx::query(
            "UPDATE plan_actions SET text_es = $1, text_en = '', revision = revision + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(&text)
        .bind(&at)
        .bind(into.to_string())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE plan_actions SET merged_into = $1, updated_at = $2 WHERE id = $3")
            .bind(into.to_string())
            .bind(&at)
            .bind(other.to_string())
            .execute(&mut *tx)
            .await?;
        insert_event(
            &mut tx,
            into,
            viewer.user_id,
            EventKind::Edited,
            None,
            &format!("+ {}", merged.text.spanish()),
        )
        .await?;
        insert_event(
            &mut tx,
            other,
            viewer.user_id,
            EventKind::Edited,
            None,
            &format!("→ {}", target.text.spanish()),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// [`Store::plan`] on `connection`: a write's transaction checks with it.
async fn plan_on(
    connection: &mut AnyConnection,
    viewer: &Viewer,
    plan_id: PlanId,
) -> StoreResult<(PlanHeader, CompanyAccess)> {
    let row = sqlx::query_as::<_, PlanRow>(
        "SELECT id, assessment_id, company_id, created_at FROM plans WHERE id = $1",
    )
    .bind(plan_id.to_string())
    .fetch_optional(&mut *connection)
    .await?;
    // An unknown plan still asks who the viewer may see, so both refusals take the same path.
    let company_id = row.as_ref().map_or(OrganizationId::from_uuid(uuid::Uuid::nil()), |row| row.company_id);
    let visible = visible_company_on(connection, viewer, company_id).await?;
    let (Some(row), Some(visible)) = (row, visible) else { return Err(StoreError::NotFound) };
    if !visible.access.sees_assessments() {
        return Err(StoreError::NotFound);
    }
    Ok((row.into_header(visible.company)?, visible.access))
}

/// [`Store::plan_actions`] on `connection`.
async fn plan_actions_on(
    connection: &mut AnyConnection,
    viewer: &Viewer,
    plan_id: PlanId,
) -> StoreResult<Vec<PlanAction>> {
    plan_on(connection, viewer, plan_id).await?;
    let sql = format!(
        "SELECT {ACTION_COLUMNS} FROM plan_actions a WHERE a.plan_id = $1 AND a.merged_into IS NULL \
         ORDER BY a.position, a.id"
    );
    let rows =
        sqlx::query_as::<_, ActionRow>(&sql).bind(plan_id.to_string()).fetch_all(&mut *connection).await?;
    rows.into_iter().map(PlanAction::try_from).collect()
}

async fn plan_id_of(
    connection: &mut AnyConnection,
    assessment_id: AssessmentId,
) -> StoreResult<Option<PlanId>> {
    let id: Option<String> = sqlx::query_scalar("SELECT id FROM plans WHERE assessment_id = $1")
        .bind(assessment_id.to_string())
        .fetch_optional(connection)
        .await?;
    crate::optional_id(id)
}

/// Why a compare-and-set on an action wrote nothing: gone (or never there), or changed since.
async fn missing_or_conflict(
    connection: &mut AnyConnection,
    plan_id: PlanId,
    action_id: ActionId,
) -> StoreResult<ActionWrite> {
    let exists: Option<String> =
        sqlx::query_scalar("SELECT id FROM plan_actions WHERE id = $1 AND plan_id = $2")
            .bind(action_id.to_string())
            .bind(plan_id.to_string())
            .fetch_optional(connection)
            .await?;
    exists.map(|_| ActionWrite::Conflict).ok_or(StoreError::NotFound)
}

async fn insert_action(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    plan_id: PlanId,
    position: usize,
    action: &ProposedAction,
    user_id: UserId,
    at: &str,
) -> StoreResult<ActionId> {
    let id: ActionId = new_id();
    sqlx::query(
        "INSERT INTO plan_actions (id, plan_id, position, requirement_id, section_id, severity, text_es, text_en, \
         owner, due_date, status, carried_from, revision, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
         COALESCE((SELECT p.owner FROM plan_actions p WHERE p.id = $11), ''), $9, 'pending', $11, 1, $10)",
    )
    .bind(id.to_string())
    .bind(plan_id.to_string())
    .bind(i64::try_from(position).unwrap_or(i64::MAX))
    .bind((!action.requirement_id.is_empty()).then_some(action.requirement_id.as_str()))
    .bind(action.section_id.to_string())
    .bind(severity_text(action.severity))
    .bind(action.text.spanish())
    .bind(action.text.translation(assessments::Language::En).unwrap_or_default())
    .bind(action.due_date.to_string())
    .bind(at)
    .bind(action.carried_from.map(|id| id.to_string()))
    .execute(&mut **tx)
    .await?;
    insert_event(tx, id, user_id, EventKind::Created, None, "").await?;
    Ok(id)
}

async fn insert_event(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    action_id: ActionId,
    user_id: UserId,
    kind: EventKind,
    statuses: Option<(ActionStatus, ActionStatus)>,
    note: &str,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO action_events (id, action_id, occurred_at, actor_user_id, kind, from_status, to_status, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(action_id.to_string())
    .bind(now_precise())
    .bind(user_id.to_string())
    .bind(kind.as_str())
    .bind(statuses.map(|(from, _)| from.as_str()))
    .bind(statuses.map(|(_, to)| to.as_str()))
    .bind(note)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A plan as stored.
#[derive(sqlx::FromRow)]
struct PlanRow {
    #[sqlx(try_from = "String")]
    id: PlanId,
    #[sqlx(try_from = "String")]
    assessment_id: AssessmentId,
    #[sqlx(try_from = "String")]
    company_id: OrganizationId,
    created_at: String,
}

impl PlanRow {
    /// The header, with the company the viewer was checked against (this row's `company_id`).
    fn into_header(self, company: Organization) -> StoreResult<PlanHeader> {
        Ok(PlanHeader {
            id: self.id,
            assessment_id: self.assessment_id,
            company,
            created_at: crate::instant(&self.created_at)?,
        })
    }
}

/// An action as [`ACTION_COLUMNS`] read it, with its newest note.
#[derive(sqlx::FromRow)]
struct ActionRow {
    #[sqlx(try_from = "String")]
    id: ActionId,
    position: i64,
    requirement_id: Option<String>,
    section_id: String,
    severity: String,
    text_es: String,
    /// Empty until translated.
    text_en: String,
    owner: String,
    due_date: String,
    status: String,
    revision: i64,
    carried_from: Option<String>,
    last_note: Option<String>,
}

impl TryFrom<ActionRow> for PlanAction {
    type Error = StoreError;

    fn try_from(row: ActionRow) -> StoreResult<Self> {
        let text_en = (!row.text_en.is_empty()).then_some(row.text_en);
        Ok(PlanAction {
            id: row.id,
            position: u32::try_from(row.position).unwrap_or(u32::MAX),
            requirement_id: row.requirement_id,
            section_id: row.section_id,
            severity: severity_from(&row.severity)?,
            text: Text::new(row.text_es, text_en),
            owner: row.owner,
            due_date: crate::date(&row.due_date)?,
            status: status_from(&row.status)?,
            revision: row.revision,
            last_note: row.last_note,
            carried_from: crate::optional_id(row.carried_from)?,
        })
    }
}

/// A line of an action's history, with the name of who wrote it.
#[derive(sqlx::FromRow)]
struct EventRow {
    occurred_at: String,
    kind: String,
    from_status: Option<String>,
    to_status: Option<String>,
    note: String,
    name: String,
}

impl TryFrom<EventRow> for ActionEvent {
    type Error = StoreError;

    fn try_from(row: EventRow) -> StoreResult<Self> {
        let kind = row.kind;
        Ok(ActionEvent {
            occurred_at: crate::instant(&row.occurred_at)?,
            actor: row.name,
            kind: EventKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("event `{kind}`")))?,
            from_status: row.from_status.as_deref().map(status_from).transpose()?,
            to_status: row.to_status.as_deref().map(status_from).transpose()?,
            note: row.note,
        })
    }
}

pub(crate) fn status_from(text: &str) -> StoreResult<ActionStatus> {
    ActionStatus::parse(text).ok_or_else(|| StoreError::Corrupt(format!("action status `{text}`")))
}

fn severity_text(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
    }
}

fn severity_from(text: &str) -> StoreResult<Severity> {
    [Severity::Critical, Severity::High, Severity::Medium, Severity::Low]
        .into_iter()
        .find(|severity| severity_text(*severity) == text)
        .ok_or_else(|| StoreError::Corrupt(format!("severity `{text}`")))
}
