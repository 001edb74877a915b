-- An advisor's verification of a met requirement: with a grant, they saw its evidence, on site
-- or on file. It stands while no answer behind the requirement changes after it.
CREATE TABLE requirement_verifications (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    requirement_id TEXT NOT NULL,
    seen TEXT NOT NULL CHECK (seen IN ('on_site', 'on_file')),
    verified_by TEXT NOT NULL REFERENCES users (id),
    verified_at TEXT NOT NULL,
    PRIMARY KEY (assessment_id, requirement_id)
);
