//! Advisors' verifications of met requirements: an advisor of an organization the company granted
//! its assessments saw the evidence, on site or on file, and says so with date and name.

use assessments::access::{CompanyAccess, Viewer};
use assessments::answers::AssessmentStatus;
use assessments::ids::AssessmentId;
use assessments::scoring::{Seen, Verification};

use super::answers::assessment_with_access_on;
use super::{Store, StoreError, StoreResult, now_precise};

impl Store {
    /// Records that the viewer — an advisor with a grant — verified `requirement_id` of a submitted
    /// assessment in `seen_state` (what stood behind it when they looked); a second verification
    /// replaces the first. Anyone else: `NotFound`.
    pub async fn verify_requirement(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        requirement_id: &str,
        seen: Seen,
        seen_state: &str,
    ) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        let (assessment, access) = assessment_with_access_on(&mut tx, viewer, assessment_id).await?;
        if access != CompanyAccess::Advisor {
            return Err(StoreError::NotFound);
        }
        if assessment.status != AssessmentStatus::Submitted {
            return Err(StoreError::Invalid("only a submitted assessment is verified"));
        }
        sqlx::query(
            "INSERT INTO requirement_verifications (assessment_id, requirement_id, seen, seen_state, verified_by, \
             verified_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (assessment_id, requirement_id) DO UPDATE SET \
             seen = excluded.seen, seen_state = excluded.seen_state, verified_by = excluded.verified_by, \
             verified_at = excluded.verified_at",
        )
        .bind(assessment_id.to_string())
        .bind(requirement_id)
        .bind(seen.as_str())
        .bind(seen_state)
        .bind(viewer.user_id.to_string())
        .bind(now_precise())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The verifications of an assessment, for those who see its answers.
    pub async fn verifications(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
    ) -> StoreResult<Vec<Verification>> {
        let mut connection = self.pool.acquire().await?;
        assessment_with_access_on(&mut connection, viewer, assessment_id).await?;
        let rows = sqlx::query_as::<_, VerificationRow>(
            "SELECT v.requirement_id, v.seen, v.seen_state, v.verified_at, u.name FROM requirement_verifications v \
             JOIN users u ON u.id = v.verified_by WHERE v.assessment_id = $1 ORDER BY v.requirement_id",
        )
        .bind(assessment_id.to_string())
        .fetch_all(&mut *connection)
        .await?;
        rows.into_iter().map(Verification::try_from).collect()
    }
}

/// A verification, with the name of who made it.
#[derive(sqlx::FromRow)]
struct VerificationRow {
    requirement_id: String,
    seen: String,
    seen_state: String,
    verified_at: String,
    name: String,
}

impl TryFrom<VerificationRow> for Verification {
    type Error = StoreError;

    fn try_from(row: VerificationRow) -> StoreResult<Self> {
        let seen = row.seen;
        Ok(Verification {
            requirement_id: row.requirement_id,
            seen: Seen::parse(&seen).ok_or_else(|| StoreError::Corrupt(format!("verification `{seen}`")))?,
            seen_state: row.seen_state,
            by: row.name,
            at: crate::instant(&row.verified_at)?,
        })
    }
}
