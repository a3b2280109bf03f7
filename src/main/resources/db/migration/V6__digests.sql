-- Channels subscribed to the at-risk digest, and outcomes logged on an account's timeline.

CREATE TABLE digest_subscriptions (
    id          ${id},
    tenant_id   BIGINT  NOT NULL REFERENCES tenants (id),
    channel     TEXT    NOT NULL,
    cadence     TEXT    NOT NULL,
    day_of_week TEXT,
    at_time     TEXT    NOT NULL,
    time_zone   TEXT    NOT NULL,
    top_n       INTEGER NOT NULL,
    tier        TEXT,
    owner_id    TEXT,
    created_by  TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL,
    UNIQUE (tenant_id, channel)
);

CREATE TABLE account_notes (
    id         ${id},
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id),
    account_id BIGINT NOT NULL REFERENCES accounts (id),
    author_id  TEXT   NOT NULL,
    at         BIGINT NOT NULL,
    text       TEXT   NOT NULL
);
CREATE INDEX account_notes_by_account ON account_notes (tenant_id, account_id, at);
