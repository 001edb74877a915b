-- Assessments: a company's answers to one pinned questionnaire version.
-- Ids are UUIDs as TEXT and times RFC 3339 UTC as TEXT (see server/store/src/lib.rs for why).

CREATE TABLE assessments (
    id TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES organizations (id),
    -- Pinned for life: a later version of the questionnaire never changes this assessment.
    questionnaire_id TEXT NOT NULL,
    questionnaire_version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted')),
    -- The assessment whose answers were carried over into this one, if any.
    carried_from TEXT REFERENCES assessments (id),
    started_by TEXT NOT NULL REFERENCES users (id),
    started_at TEXT NOT NULL,
    submitted_by TEXT REFERENCES users (id),
    submitted_at TEXT,
    FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaire_versions (questionnaire_id, version)
);
CREATE INDEX assessments_company ON assessments (company_id, started_at);

-- One row per answered (or annotated) question. `revision` counts the saves of the row: a save
-- based on an older revision than the stored one is a conflict, never a silent overwrite.
CREATE TABLE answers (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    question_id TEXT NOT NULL,
    -- The answer as JSON (the `assessments` crate's AnswerValue); NULL while unanswered.
    value TEXT,
    note TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    revision INTEGER NOT NULL,
    -- Carried over from a question that changed since: to be looked at again.
    needs_review INTEGER NOT NULL DEFAULT 0,
    updated_by TEXT NOT NULL REFERENCES users (id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_id)
);

-- What a person typed that could not be saved (an invalid value, or a save that met someone
-- else's newer one), kept until that person saves again or lets it go: nothing typed is lost,
-- with or without JavaScript, even if the browser is closed.
CREATE TABLE answer_drafts (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    question_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    -- JSON: the form values, note and evidence as typed.
    typed TEXT NOT NULL,
    -- An AnswerProblem code, or 'conflict'.
    problem TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, question_id, user_id)
);

-- Files attached to an answer as evidence. Kept in the database, not on a disk, so that every
-- app instance serves them and a backup of the database is a backup of everything.
CREATE TABLE evidence_files (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    question_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    -- The kind told by the file's content (the `assessments` crate's FileKind).
    kind TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    content BLOB NOT NULL,
    uploaded_by TEXT NOT NULL REFERENCES users (id),
    uploaded_at TEXT NOT NULL
);
CREATE INDEX evidence_files_answer ON evidence_files (assessment_id, question_id);
