//! Advisors' verifications of met requirements: an advisor of an organization the company granted
//! its assessments saw the evidence, on site or on file, and says so with date and name.

use assessments::access::{CompanyAccess, Viewer};
use assessments::answers::AssessmentStatus;
use assessments::ids::AssessmentId;
use assessments::scoring::{Seen, Verification};

use std::collections::HashMap;

use super::answers::{SeenAssessment, assessment_with_access_on, by_assessment};
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

    /// The verifications of an assessment the viewer was found to see, by requirement.
    pub async fn verifications_of(&self, seen: &SeenAssessment) -> StoreResult<Vec<Verification>> {
        Ok(self
            .verifications_of_many(std::slice::from_ref(seen))
            .await?
            .remove(&seen.id())
            .unwrap_or_default())
    }

    /// The verifications of each assessment the viewer was found to see, by requirement.
    pub async fn verifications_of_many(
        &self,
        seen: &[SeenAssessment],
    ) -> StoreResult<HashMap<AssessmentId, Vec<Verification>>> {
        let rows = crate::rows_keyed_by::<VerificationRow>(
            &self.pool,
            "SELECT v.requirement_id, v.seen, v.seen_state, v.verified_at, u.name, v.assessment_id AS keyed_by \
             FROM requirement_verifications v JOIN users u ON u.id = v.verified_by \
             WHERE v.assessment_id IN ({keys}) ORDER BY v.requirement_id",
            seen.iter().map(|seen| seen.id().to_string()),
        )
        .await?;
        by_assessment(rows, Verification::try_from)
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
