-- Questionnaire versions seen by this installation. A published version is immutable: the hash of
-- its file is recorded the first time it is loaded, and a later start-up with a different file
-- for the same id and version is refused.
CREATE TABLE questionnaire_versions (
    questionnaire_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    content_hash TEXT NOT NULL,
    first_loaded_at TEXT NOT NULL,
    PRIMARY KEY (questionnaire_id, version)
);
