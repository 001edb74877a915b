-- Producer associations ask; companies answer. A company shares its plan progress with an
-- association by a grant (scope plan_progress), made when it accepts a request or on its own;
-- it may add the summary of its latest assessment (score, rating, gap counts — never answers,
-- evidence, comments or action texts). Revoking the grant stops both on the next request.
ALTER TABLE grants ADD COLUMN shares_summary INTEGER NOT NULL DEFAULT 0;

CREATE TABLE share_requests (
    id TEXT PRIMARY KEY,
    association_id TEXT NOT NULL REFERENCES organizations (id),
    company_id TEXT NOT NULL REFERENCES organizations (id),
    requested_by TEXT NOT NULL REFERENCES users (id),
    requested_at TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'declined')),
    answered_by TEXT REFERENCES users (id),
    answered_at TEXT
);
-- One open question at a time per association and company; asking again after an answer is fine.
CREATE UNIQUE INDEX share_requests_one_pending ON share_requests (association_id, company_id)
    WHERE state = 'pending';
CREATE INDEX share_requests_of_company ON share_requests (company_id, state);
