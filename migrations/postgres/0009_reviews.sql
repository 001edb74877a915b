-- An advisor's review of a company's assessment (see the `assessments` crate's `review`).

-- A thread on an answer (subject_key: the question id), a gap (the requirement id) or an action
-- of the assessment's plan (the action id), between the company's people and granted advisors.
-- Its state follows from who wrote last; a request stays open until an advisor closes it.
CREATE TABLE review_threads (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('answer', 'gap', 'action')),
    subject_key TEXT NOT NULL,
    request TEXT NOT NULL CHECK (request IN ('comment', 'accepted', 'needs_evidence', 'question')),
    state TEXT NOT NULL CHECK (state IN ('open', 'answered', 'resolved')),
    opened_by TEXT NOT NULL REFERENCES users (id),
    opened_at TEXT NOT NULL,
    -- When anything was last written in it or its state changed.
    updated_at TEXT NOT NULL
);
CREATE INDEX review_threads_assessment ON review_threads (assessment_id, state);

CREATE TABLE review_messages (
    id TEXT PRIMARY KEY,
    thread_id TEXT NOT NULL REFERENCES review_threads (id),
    author_user_id TEXT NOT NULL REFERENCES users (id),
    -- The author's organization when writing, which outlives a later change of membership.
    author_organization_id TEXT NOT NULL REFERENCES organizations (id),
    side TEXT NOT NULL CHECK (side IN ('company', 'advisor')),
    body TEXT NOT NULL,
    written_at TEXT NOT NULL
);
CREATE INDEX review_messages_thread ON review_messages (thread_id, written_at);

-- Signed reviews: never updated nor deleted; a later review is a new row.
CREATE TABLE assessment_reviews (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    reviewer_user_id TEXT NOT NULL REFERENCES users (id),
    reviewer_organization_id TEXT NOT NULL REFERENCES organizations (id),
    summary TEXT NOT NULL,
    signed_at TEXT NOT NULL
);
CREATE INDEX assessment_reviews_assessment ON assessment_reviews (assessment_id, signed_at);

-- Each time a submitted assessment was sent back for changes: a resubmission is compared with
-- what stood at the last of these.
CREATE TABLE assessment_returns (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    returned_by TEXT NOT NULL REFERENCES users (id),
    returned_at TEXT NOT NULL
);
CREATE INDEX assessment_returns_assessment ON assessment_returns (assessment_id, returned_at);
