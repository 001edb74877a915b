//! The audit log: sign-ins, failed sign-ins, grants, invitations, removals, and every view or
//! export of a company's data by someone outside that company.

use super::{Store, StoreError, StoreResult, now_precise};
use assessments::access::{AuditAction, AuditLine, Viewer};
use assessments::ids::{OrganizationId, UserId};

/// Which lines of a log to read.
#[derive(Debug, Default, Clone)]
pub struct AuditFilter {
    /// Part of a person's name or email; empty for everyone.
    pub person: String,
    /// One kind of line, or every kind.
    pub action: Option<AuditAction>,
}

/// An [`insert_lines`] statement with its lines' values bound.
fn bound<'q>(
    (sql, entries): &'q (String, &[AuditEntry<'_>]),
    action: AuditAction,
    occurred_at: &str,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    let mut query = sqlx::query(sql);
    for entry in entries.iter() {
        query = query
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(occurred_at.to_owned())
            .bind(entry.organization_id.map(|id| id.to_string()))
            .bind(entry.actor_user_id.map(|id| id.to_string()))
            .bind(entry.actor_email.map(str::to_owned))
            .bind(action.as_str())
            .bind(entry.detail.to_owned())
            .bind(entry.ip.map(str::to_owned));
    }
    query
}

/// `INSERT` of `lines` audit lines, their parameters numbered in order.
fn insert_lines(lines: usize) -> String {
    const COLUMNS: usize = 8;
    let rows: Vec<String> = (0..lines)
        .map(|line| {
            let places: Vec<String> =
                (1..=COLUMNS).map(|column| format!("${}", line * COLUMNS + column)).collect();
            format!("({})", places.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO audit_log (id, occurred_at, organization_id, actor_user_id, actor_email, action, detail, ip) \
         VALUES {}",
        rows.join(", ")
    )
}

/// Where a page of the log starts, and how long it is.
#[derive(Debug, Clone, Copy)]
pub struct AuditPage {
    pub skip: i64,
    pub lines: i64,
}

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
        self.audit_many(action, std::slice::from_ref(&entry)).await
    }

    /// Writes one line per entry, all or none: a page that shows many companies' data (an
    /// advisor's portfolio, an association's dashboard) logs its look in each company's log in
    /// a few statements, not a write per company.
    pub async fn audit_many(&self, action: AuditAction, entries: &[AuditEntry<'_>]) -> StoreResult<()> {
        const ROWS_PER_STATEMENT: usize = 50;
        // To the microsecond: lines written in one second keep their order on the log's page.
        let occurred_at = now_precise();
        let statements: Vec<(String, &[AuditEntry<'_>])> =
            entries.chunks(ROWS_PER_STATEMENT).map(|chunk| (insert_lines(chunk.len()), chunk)).collect();
        match statements.as_slice() {
            [] => {}
            [one] => {
                bound(one, action, &occurred_at).execute(&self.writer).await?;
            }
            many => {
                let mut tx = self.writer.begin().await?;
                for statement in many {
                    bound(statement, action, &occurred_at).execute(&mut *tx).await?;
                }
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// A page of a company's log, newest first, for its admins only: `page.lines` lines after
    /// skipping `page.skip`, of the lines `filter` keeps. One line more than asked is read, so the
    /// caller knows whether an older page exists.
    pub async fn audit_log(
        &self,
        actor: &Viewer,
        organization_id: OrganizationId,
        filter: &AuditFilter,
        page: AuditPage,
    ) -> StoreResult<(Vec<AuditLine>, bool)> {
        if !actor.role_in(organization_id).is_some_and(|role| role.is_admin()) {
            return Err(StoreError::NotFound);
        }
        // A person is found by any part of their name, their email or the email typed at a
        // failed sign-in, `%` and `_` taken as themselves; an empty filter keeps every line.
        // (SQLite's LOWER folds ASCII letters only: "álvaro" finds "Álvaro" on PostgreSQL alone.)
        let typed = filter.person.trim().to_lowercase();
        let person = format!("%{}%", typed.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        // The address is shown for the company's own people and for attempts on their accounts,
        // not for outsiders: an advisor's or an association's addresses are their own business.
        let rows = sqlx::query_as::<_, AuditRow>(
            "SELECT a.occurred_at, a.action, a.detail, a.actor_email, \
               CASE WHEN a.action = 'sign_in_failed' OR EXISTS (SELECT 1 FROM memberships m \
                 WHERE m.user_id = a.actor_user_id AND m.organization_id = a.organization_id) \
               THEN a.ip END AS ip, u.name, u.email \
             FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id \
             WHERE a.organization_id = $1 \
               AND ($2 = '' OR a.action = $2) \
               AND ($3 = '%%' OR LOWER(COALESCE(u.name, '')) LIKE $3 ESCAPE '\\' \
                    OR LOWER(COALESCE(u.email, '')) LIKE $3 ESCAPE '\\' \
                    OR LOWER(COALESCE(a.actor_email, '')) LIKE $3 ESCAPE '\\') \
             ORDER BY a.occurred_at DESC, a.id DESC LIMIT $4 OFFSET $5",
        )
        .bind(organization_id.to_string())
        .bind(filter.action.map_or("", AuditAction::as_str))
        .bind(person)
        .bind(page.lines + 1)
        .bind(page.skip)
        .fetch_all(&self.pool)
        .await?;
        let more = rows.len() as i64 > page.lines;
        let lines = rows
            .into_iter()
            .take(page.lines as usize)
            .map(AuditLine::try_from)
            .collect::<StoreResult<_>>()?;
        Ok((lines, more))
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
