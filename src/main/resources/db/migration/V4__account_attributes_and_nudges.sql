-- What makes an account matter: its value, tier, renewal date and account owner.

ALTER TABLE accounts ADD COLUMN arr BIGINT;
ALTER TABLE accounts ADD COLUMN tier TEXT;
ALTER TABLE accounts ADD COLUMN renewal_date TEXT;
ALTER TABLE accounts ADD COLUMN owner_id TEXT;

-- When a promise's next nudge fires, and how many it has had: one record the sweep reads and snooze moves.
ALTER TABLE promises ADD COLUMN next_nudge_at BIGINT;
ALTER TABLE promises ADD COLUMN nudges INTEGER NOT NULL DEFAULT 0;
UPDATE promises SET next_nudge_at = due_at;
CREATE INDEX promises_nudge_due ON promises (status, next_nudge_at);
