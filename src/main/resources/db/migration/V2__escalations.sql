-- Escalations with SLA clocks, the tenant settings they need, and the account review flag.

-- Until an admin chooses, a workspace works in the time zone of the first person who used Holdfast there.
ALTER TABLE tenants ADD COLUMN time_zone_chosen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tenants ADD COLUMN escalation_channel TEXT;
ALTER TABLE tenants ADD COLUMN repeat_window_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE tenants ADD COLUMN escalation_lead_group TEXT;

ALTER TABLE accounts ADD COLUMN channel TEXT;
ALTER TABLE accounts ADD COLUMN review_required_since BIGINT;
ALTER TABLE accounts ADD COLUMN reviewed_by TEXT;
ALTER TABLE accounts ADD COLUMN reviewed_at BIGINT;

CREATE TABLE escalation_leads (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    user_id   TEXT   NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

-- Only severities a tenant changed have a row; the rest use the built-in defaults.
CREATE TABLE severity_policies (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id),
    severity  TEXT   NOT NULL,
    ack       TEXT,
    resolve   TEXT,
    authority TEXT,
    PRIMARY KEY (tenant_id, severity)
);

CREATE TABLE escalations (
    id                ${id},
    tenant_id         BIGINT  NOT NULL REFERENCES tenants (id),
    number            BIGINT  NOT NULL,
    account_id        BIGINT  NOT NULL REFERENCES accounts (id),
    reporter_id       TEXT    NOT NULL,
    owner_id          TEXT,
    severity          TEXT    NOT NULL,
    summary           TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    opened_at         BIGINT  NOT NULL,
    ack_warn_at       BIGINT  NOT NULL,
    ack_due_at        BIGINT  NOT NULL,
    resolve_warn_at   BIGINT  NOT NULL,
    resolve_due_at    BIGINT  NOT NULL,
    acked_at          BIGINT,
    resolved_at       BIGINT,
    ack_seconds       BIGINT,
    resolve_seconds   BIGINT,
    ack_warned        INTEGER NOT NULL DEFAULT 0,
    ack_breached      INTEGER NOT NULL DEFAULT 0,
    resolve_warned_round INTEGER NOT NULL DEFAULT 0,
    resolve_breached  INTEGER NOT NULL DEFAULT 0,
    root_cause        TEXT,
    remediation       TEXT,
    round             INTEGER NOT NULL DEFAULT 1,
    leadership_review INTEGER NOT NULL DEFAULT 0,
    origin_channel    TEXT    NOT NULL,
    card_channel      TEXT,
    card_ref          TEXT,
    version           INTEGER NOT NULL DEFAULT 1,
    UNIQUE (tenant_id, number)
);
CREATE INDEX escalations_by_status ON escalations (tenant_id, status);
CREATE INDEX escalations_by_account ON escalations (tenant_id, account_id, opened_at);
CREATE INDEX escalations_ack_watch ON escalations (status, ack_warn_at);
CREATE INDEX escalations_resolve_watch ON escalations (status, resolve_warn_at);

CREATE TABLE escalation_events (
    id            ${id},
    tenant_id     BIGINT NOT NULL REFERENCES tenants (id),
    escalation_id BIGINT NOT NULL REFERENCES escalations (id),
    kind          TEXT   NOT NULL,
    actor_id      TEXT   NOT NULL,
    at            BIGINT NOT NULL,
    detail        TEXT
);
CREATE INDEX escalation_events_by_escalation ON escalation_events (tenant_id, escalation_id, at);
