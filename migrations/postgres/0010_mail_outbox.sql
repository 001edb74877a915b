-- Mail waiting to be sent (see the server's `mail`): written first, sent after, marked when the
-- server accepted it; a failure is tried again later. A restart loses nothing: what was not
-- marked sent is sent then. `dedupe_key` makes a second enqueue of the same mail (one person's
-- digest of one day) a no-op, whichever instance tries.
CREATE TABLE mail_outbox (
    id TEXT PRIMARY KEY,
    dedupe_key TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    sent_at TEXT,
    last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
