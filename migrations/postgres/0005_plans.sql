-- Continuous improvement plans: one per assessment, its actions, and every change to them.

CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    assessment_id TEXT NOT NULL UNIQUE REFERENCES assessments (id),
    company_id TEXT NOT NULL REFERENCES organizations (id),
    created_by TEXT NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL
);
CREATE INDEX plans_company ON plans (company_id);

CREATE TABLE plan_actions (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans (id),
    -- The order people see and print.
    position BIGINT NOT NULL,
    -- The gap it answers; NULL for an action a person added.
    requirement_id TEXT,
    section_id TEXT NOT NULL DEFAULT '',
    severity TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
    text_es TEXT NOT NULL,
    text_en TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    due_date TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'done', 'verified')),
    -- Counts the saves: an edit based on an older one is refused, as answers are.
    -- The previous plan's action for the same gap, never verified, that this one continues.
    carried_from TEXT REFERENCES plan_actions (id),
    -- Set when people merged this action into another: it leaves the list, its history stays.
    merged_into TEXT REFERENCES plan_actions (id),
    revision BIGINT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX plan_actions_plan ON plan_actions (plan_id, position);

-- The history of an action: nothing is overwritten without a line here.
CREATE TABLE action_events (
    id TEXT PRIMARY KEY,
    action_id TEXT NOT NULL REFERENCES plan_actions (id),
    occurred_at TEXT NOT NULL,
    actor_user_id TEXT NOT NULL REFERENCES users (id),
    -- created, edited, note, status
    kind TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    -- A progress note, the evidence of completion, a reason for sending back, or what changed.
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX action_events_action ON action_events (action_id, occurred_at);
