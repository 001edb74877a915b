//! Evidence files attached to answers: seen by whoever sees the company's assessments, attached
//! and removed by its own people while the assessment is in progress.

use assessments::access::{CompanyAccess, Viewer};
use assessments::evidence::{EvidenceFile, FileKind};
use assessments::ids::{AssessmentId, EvidenceId};

use std::collections::HashMap;

use super::answers::{SeenAssessment, by_assessment, require_answerable};
use super::{Store, StoreError, StoreResult, new_id, now_precise};

/// A new file for an answer, already checked by the domain.
#[derive(Debug, Clone, Copy)]
pub struct NewEvidenceFile<'a> {
    pub question_id: &'a str,
    pub file_name: &'a str,
    pub kind: FileKind,
    pub content: &'a [u8],
}

impl Store {
    /// Attaches a file to an answer; returns its id.
    pub async fn attach_evidence(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        file: NewEvidenceFile<'_>,
    ) -> StoreResult<EvidenceId> {
        let mut tx = self.begin_checked().await?;
        require_answerable(&mut tx, viewer, assessment_id).await?;
        let id: EvidenceId = new_id();
        sqlx::query(
            "INSERT INTO evidence_files (id, assessment_id, question_id, file_name, kind, size_bytes, content, \
             uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id.to_string())
        .bind(assessment_id.to_string())
        .bind(file.question_id)
        .bind(file.file_name)
        .bind(kind_to_text(file.kind)?)
        .bind(i64::try_from(file.content.len()).unwrap_or(i64::MAX))
        .bind(file.content)
        .bind(viewer.user_id.to_string())
        .bind(now_precise())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The files of an assessment, without their content, in the order they were attached.
    pub async fn evidence_files(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
    ) -> StoreResult<Vec<EvidenceFile>> {
        self.evidence_files_of(&self.seen_assessment(viewer, assessment_id).await?).await
    }

    /// The files attached to an assessment the viewer was found to see.
    pub async fn evidence_files_of(&self, seen: &SeenAssessment) -> StoreResult<Vec<EvidenceFile>> {
        Ok(self
            .evidence_files_of_many(std::slice::from_ref(seen))
            .await?
            .remove(&seen.id())
            .unwrap_or_default())
    }

    /// The files attached to each assessment the viewer was found to see, without their content.
    pub async fn evidence_files_of_many(
        &self,
        seen: &[SeenAssessment],
    ) -> StoreResult<HashMap<AssessmentId, Vec<EvidenceFile>>> {
        let rows = crate::rows_keyed_by::<FileRow>(
            &self.pool,
            "SELECT f.id, f.question_id, f.file_name, f.kind, f.size_bytes, f.uploaded_at, u.name AS uploaded_by, \
             f.assessment_id AS keyed_by FROM evidence_files f JOIN users u ON u.id = f.uploaded_by \
             WHERE f.assessment_id IN ({keys}) ORDER BY f.uploaded_at, f.id",
            seen.iter().map(|seen| seen.id().to_string()),
        )
        .await?;
        by_assessment(rows, EvidenceFile::try_from)
    }

    /// One file with its content, and how the viewer comes to see it (an outsider's download is
    /// audited by the caller).
    pub async fn evidence_file(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        file_id: EvidenceId,
    ) -> StoreResult<(EvidenceFile, Vec<u8>, CompanyAccess)> {
        let (_, access) = self.assessment_with_access(viewer, assessment_id).await?;
        let row = sqlx::query_as::<_, FileWithContentRow>(
            "SELECT f.id, f.question_id, f.file_name, f.kind, f.size_bytes, f.uploaded_at, f.content, \
             u.name AS uploaded_by FROM evidence_files f JOIN users u ON u.id = f.uploaded_by \
             WHERE f.assessment_id = $1 AND f.id = $2",
        )
        .bind(assessment_id.to_string())
        .bind(file_id.to_string())
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok((EvidenceFile::try_from(row.file)?, row.content, access))
    }

    /// Removes a file from an answer.
    pub async fn remove_evidence(
        &self,
        viewer: &Viewer,
        assessment_id: AssessmentId,
        file_id: EvidenceId,
    ) -> StoreResult<()> {
        let mut tx = self.begin_checked().await?;
        require_answerable(&mut tx, viewer, assessment_id).await?;
        let removed = sqlx::query("DELETE FROM evidence_files WHERE assessment_id = $1 AND id = $2")
            .bind(assessment_id.to_string())
            .bind(file_id.to_string())
            .execute(&mut *tx)
            .await?;
        if removed.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        Ok(())
    }
}

/// What is told of a file without its content, with the name of who attached it.
#[derive(sqlx::FromRow)]
struct FileRow {
    #[sqlx(try_from = "String")]
    id: EvidenceId,
    question_id: String,
    file_name: String,
    kind: String,
    size_bytes: i64,
    uploaded_by: String,
    uploaded_at: String,
}

/// A file and its content: read only for a download.
#[derive(sqlx::FromRow)]
struct FileWithContentRow {
    #[sqlx(flatten)]
    file: FileRow,
    content: Vec<u8>,
}

impl TryFrom<FileRow> for EvidenceFile {
    type Error = StoreError;

    fn try_from(row: FileRow) -> StoreResult<Self> {
        let (kind, size) = (row.kind, row.size_bytes);
        Ok(EvidenceFile {
            id: row.id,
            question_id: row.question_id,
            file_name: row.file_name,
            kind: serde_json::from_value(serde_json::Value::String(kind.clone()))
                .map_err(|_| StoreError::Corrupt(format!("evidence kind `{kind}`")))?,
            size_bytes: u64::try_from(size).map_err(|_| StoreError::Corrupt(format!("file size {size}")))?,
            uploaded_by: row.uploaded_by,
            uploaded_at: crate::instant(&row.uploaded_at)?,
        })
    }
}

fn kind_to_text(kind: FileKind) -> StoreResult<String> {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(text)) => Ok(text),
        _ => Err(StoreError::Corrupt(format!("evidence kind {kind:?}"))),
    }
}
