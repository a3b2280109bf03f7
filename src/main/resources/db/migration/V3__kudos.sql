-- Recognition of client-impact wins: kudos, their recipients, lead verification against a rubric.

ALTER TABLE tenants ADD COLUMN recognition_channel TEXT;
-- A channel chosen mid-month gets its first shout-out the next month, not last month's at once.
ALTER TABLE tenants ADD COLUMN recognition_channel_since BIGINT;

CREATE TABLE managers (
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id),
    user_id    TEXT   NOT NULL,
    manager_id TEXT   NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE kudos (
    id          ${id},
    tenant_id   BIGINT  NOT NULL REFERENCES tenants (id),
    number      BIGINT  NOT NULL,
    account_id  BIGINT  NOT NULL REFERENCES accounts (id),
    giver_id    TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    channel     TEXT    NOT NULL,
    given_at    BIGINT  NOT NULL,
    verifier_id TEXT,
    verified_at BIGINT,
    impact      INTEGER,
    speed       INTEGER,
    creativity  INTEGER,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (tenant_id, number)
);
CREATE INDEX kudos_by_time ON kudos (tenant_id, given_at);
CREATE INDEX kudos_by_account ON kudos (tenant_id, account_id, given_at);

CREATE TABLE kudos_recipients (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    kudos_id  BIGINT NOT NULL REFERENCES kudos (id),
    user_id   TEXT   NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (kudos_id, user_id)
);
CREATE INDEX kudos_recipients_by_user ON kudos_recipients (tenant_id, user_id);
