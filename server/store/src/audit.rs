//! The audit log: sign-ins, failed sign-ins, grants, invitations, removals, and every view or
//! export of a company's data by someone outside that company.

use super::{Store, StoreError, StoreResult, now};
use assessments::access::{AuditAction, AuditLine, Viewer};
use assessments::ids::{OrganizationId, UserId};

/// One line to write.
#[derive(Debug, Default)]
pub struct AuditEntry<'a> {
    /// Whose log the line belongs to.
    pub organization_id: Option<OrganizationId>,
    pub actor_user_id: Option<UserId>,
    pub actor_email: Option<&'a str>,
    pub detail: &'a str,
    pub ip: Option<&'a str>,
}

impl Store {
    pub async fn audit(&self, action: AuditAction, entry: AuditEntry<'_>) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO audit_log (id, occurred_at, organization_id, actor_user_id, actor_email, action, detail, ip) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind(now())
        .bind(entry.organization_id.map(|id| id.to_string()))
        .bind(entry.actor_user_id.map(|id| id.to_string()))
        .bind(entry.actor_email)
        .bind(action.as_str())
        .bind(entry.detail)
        .bind(entry.ip)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest lines of a company's log, for its admins only.
    pub async fn audit_log(
        &self,
        actor: &Viewer,
        organization_id: OrganizationId,
        limit: i64,
    ) -> StoreResult<Vec<AuditLine>> {
        if !actor.role_in(organization_id).is_some_and(|role| role.is_admin()) {
            return Err(StoreError::NotFound);
        }
        let rows = sqlx::query_as::<_, AuditRow>(
            "SELECT a.occurred_at, a.action, a.detail, a.actor_email, a.ip, u.name, u.email FROM audit_log a \
             LEFT JOIN users u ON u.id = a.actor_user_id \
             WHERE a.organization_id = $1 ORDER BY a.occurred_at DESC, a.id DESC LIMIT $2",
        )
        .bind(organization_id.to_string())
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(AuditLine::try_from).collect()
    }
}

/// A line of the log, with the account of who acted when there is one.
#[derive(sqlx::FromRow)]
struct AuditRow {
    occurred_at: String,
    action: String,
    detail: String,
    /// The email typed at sign-in, for attempts that match no account.
    actor_email: Option<String>,
    ip: Option<String>,
    name: Option<String>,
    email: Option<String>,
}

impl TryFrom<AuditRow> for AuditLine {
    type Error = StoreError;

    fn try_from(row: AuditRow) -> StoreResult<Self> {
        let action = row.action;
        Ok(AuditLine {
            occurred_at: crate::instant(&row.occurred_at)?,
            action: AuditAction::parse(&action)
                .ok_or_else(|| StoreError::Corrupt(format!("audit action `{action}`")))?,
            actor: match (row.name, row.email) {
                (Some(name), Some(email)) => format!("{name} <{email}>"),
                _ => row.actor_email.unwrap_or_default(),
            },
            detail: row.detail,
            address: row.ip.filter(|ip| !ip.is_empty()),
        })
    }
}
