-- Sessions were kept under their ids; they are kept under the SHA-256 of their ids now (see
-- store::sessions). The ones kept the old way end here: everyone signs in once more.
DELETE FROM sessions;

-- Sign-in throttling (see store::throttle): failures counted per key — an account and address
-- pair, an address, an account tried from unusual addresses — each with the earliest instant at
-- which that key's next attempt is heard.
CREATE TABLE sign_in_throttle (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_failure_at TEXT NOT NULL,
    next_attempt_at TEXT NOT NULL
);

-- Things an installation does once, claimed by inserting their name: a second claim, even a
-- simultaneous one, conflicts on the key (the first-run setup of the platform admin).
CREATE TABLE installation_claims (
    claim TEXT PRIMARY KEY,
    claimed_at TEXT NOT NULL
);

-- Failed sign-ins are no longer counted in the log (the throttle above does it); whether an
-- account signed in from an address before (its owner's usual place) is asked instead, at every
-- sign-in: found by the account, not by scanning the whole log.
DROP INDEX audit_log_sign_ins;
CREATE INDEX audit_log_sign_ins_by_account ON audit_log (actor_user_id, action, ip);
