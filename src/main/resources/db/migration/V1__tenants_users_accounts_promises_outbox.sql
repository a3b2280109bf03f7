-- Instants are stored as UTC epoch milliseconds (BIGINT) so SQLite and PostgreSQL compare them alike.

CREATE TABLE tenants (
    id              ${id},
    platform        TEXT    NOT NULL,
    external_id     TEXT    NOT NULL,
    name            TEXT,
    time_zone       TEXT    NOT NULL,
    holiday_country TEXT,
    created_at      BIGINT  NOT NULL,
    UNIQUE (platform, external_id)
);

CREATE TABLE users (
    tenant_id    BIGINT  NOT NULL REFERENCES tenants (id),
    user_id      TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    time_zone    TEXT    NOT NULL,
    is_admin     INTEGER NOT NULL DEFAULT 0,
    refreshed_at BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

CREATE TABLE counters (
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id),
    name       TEXT   NOT NULL,
    next_value BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

CREATE TABLE accounts (
    id              ${id},
    tenant_id       BIGINT NOT NULL REFERENCES tenants (id),
    name            TEXT   NOT NULL,
    normalized_name TEXT   NOT NULL,
    created_at      BIGINT NOT NULL,
    UNIQUE (tenant_id, normalized_name)
);

CREATE TABLE promises (
    id             ${id},
    tenant_id      BIGINT  NOT NULL REFERENCES tenants (id),
    number         BIGINT  NOT NULL,
    account_id     BIGINT  NOT NULL REFERENCES accounts (id),
    owner_id       TEXT    NOT NULL,
    author_id      TEXT    NOT NULL,
    text           TEXT    NOT NULL,
    due_at         BIGINT  NOT NULL,
    due_zone       TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL,
    closed_at      BIGINT,
    snoozed_until  BIGINT,
    origin_channel TEXT    NOT NULL,
    card_channel   TEXT,
    card_ref       TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    UNIQUE (tenant_id, number)
);
CREATE INDEX promises_by_status_due ON promises (tenant_id, status, due_at);
CREATE INDEX promises_by_owner ON promises (tenant_id, owner_id, status);
CREATE INDEX promises_by_account ON promises (tenant_id, account_id, status);

CREATE TABLE promise_events (
    id         ${id},
    tenant_id  BIGINT NOT NULL REFERENCES tenants (id),
    promise_id BIGINT NOT NULL REFERENCES promises (id),
    kind       TEXT   NOT NULL,
    actor_id   TEXT   NOT NULL,
    at         BIGINT NOT NULL,
    detail     TEXT
);
CREATE INDEX promise_events_by_promise ON promise_events (tenant_id, promise_id, at);

CREATE TABLE outbox (
    id              ${id},
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    idempotency_key TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    thread_key      TEXT,
    target_key      TEXT,
    subject         TEXT,
    body            TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT,
    sent_channel    TEXT,
    sent_ref        TEXT,
    UNIQUE (tenant_id, idempotency_key)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_thread ON outbox (tenant_id, thread_key, status);
CREATE INDEX outbox_by_target ON outbox (tenant_id, target_key, status);
