-- Organizations, people, memberships, invitations, grants, sessions and the audit log.
-- Ids are UUIDs as TEXT and times RFC 3339 UTC as TEXT (see server/src/store.rs for why).

CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('platform', 'company', 'association', 'advisory')),
    name TEXT NOT NULL,
    -- Only companies have a sector, and every company has one.
    sector TEXT CHECK (sector IN ('sugar_mill', 'cane_grower', 'tobacco_company', 'tobacco_grower', 'other')),
    rfc TEXT,
    created_at TEXT NOT NULL,
    CHECK ((kind = 'company') = (sector IS NOT NULL))
);
CREATE UNIQUE INDEX organizations_kind_name ON organizations (kind, name);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    -- Stored lower-cased: one person, one account, however they type it.
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    -- Part of every session's fingerprint: raising it ends all of this person's sessions.
    session_epoch BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id TEXT NOT NULL REFERENCES users (id),
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    role TEXT NOT NULL CHECK (role IN (
        'platform_admin', 'company_admin', 'company_member', 'association_admin', 'association_viewer', 'advisor'
    )),
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, organization_id)
);
CREATE INDEX memberships_organization ON memberships (organization_id);

CREATE TABLE invitations (
    -- Only a hash of the one-time token is kept: a leaked table opens no door.
    token_hash TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    role TEXT NOT NULL,
    invited_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_by TEXT REFERENCES users (id),
    accepted_at TEXT
);

CREATE TABLE grants (
    id TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES organizations (id),
    grantee_id TEXT NOT NULL REFERENCES organizations (id),
    -- assessments: an advisory organization reads and comments on answers, evidence and gaps.
    -- plan_progress: an association sees improvement-plan progress figures, never answers.
    scope TEXT NOT NULL CHECK (scope IN ('assessments', 'plan_progress')),
    granted_by TEXT NOT NULL REFERENCES users (id),
    granted_at TEXT NOT NULL,
    revoked_by TEXT REFERENCES users (id),
    revoked_at TEXT
);
CREATE UNIQUE INDEX grants_one_active ON grants (company_id, grantee_id, scope) WHERE revoked_at IS NULL;
CREATE INDEX grants_grantee ON grants (grantee_id) WHERE revoked_at IS NULL;

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    -- Unix seconds.
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    -- The organization whose log this line belongs to (the company whose data was seen).
    organization_id TEXT REFERENCES organizations (id),
    actor_user_id TEXT REFERENCES users (id),
    -- The email typed at sign-in, for failed attempts that match no account.
    actor_email TEXT,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    ip TEXT
);
CREATE INDEX audit_log_organization ON audit_log (organization_id, occurred_at);
CREATE INDEX audit_log_sign_ins ON audit_log (action, occurred_at);
