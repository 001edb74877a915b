-- An advisor's verification of a met requirement: with a grant, they saw its evidence, on site
-- or on file. `seen_state` is what they saw — each answer's revision and evidence files behind
-- the requirement — and the verification stands while that is still the state.
CREATE TABLE requirement_verifications (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    requirement_id TEXT NOT NULL,
    seen TEXT NOT NULL CHECK (seen IN ('on_site', 'on_file')),
    seen_state TEXT NOT NULL,
    verified_by TEXT NOT NULL REFERENCES users (id),
    verified_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, requirement_id)
);
