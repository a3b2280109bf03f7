-- Multi-workspace Slack installs (OAuth). One row per workspace; the bot token is AES-GCM encrypted
-- ("v1:..."), and NULL once the app was uninstalled or its tokens revoked. The row itself stays, with
-- the tenant's data, until an operator runs `holdfast tenant purge`.
CREATE TABLE slack_installations (
    team_id           TEXT   NOT NULL PRIMARY KEY,
    tenant_id         BIGINT NOT NULL REFERENCES tenants (id),
    enterprise_id     TEXT,
    team_name         TEXT,
    app_id            TEXT,
    bot_id            TEXT,
    bot_user_id       TEXT,
    bot_token         TEXT,
    bot_scopes        TEXT,
    installed_by      TEXT,
    installed_at      BIGINT NOT NULL,
    revoked_at        BIGINT
);
CREATE INDEX slack_installations_by_tenant ON slack_installations (tenant_id);

-- The OAuth install states already used. /slack/install signs a state (nonce.expiry.mac) instead of storing
-- it, so opening that page writes nothing; the redirect that accepts a state records its nonce here, once
-- across replicas, so it cannot be used again. Rows are pruned some minutes after their state expired.
CREATE TABLE slack_oauth_states (
    nonce      TEXT   NOT NULL PRIMARY KEY,
    expires_at BIGINT NOT NULL
);
CREATE INDEX slack_oauth_states_by_expiry ON slack_oauth_states (expires_at);

-- Events API deliveries already handled, so Slack's retries (X-Slack-Retry-Num) run once across replicas.
-- Keyed by the workspace's team id: an event may arrive before its workspace has a tenant.
CREATE TABLE slack_events_seen (
    team_id  TEXT   NOT NULL,
    event_id TEXT   NOT NULL,
    seen_at  BIGINT NOT NULL,
    PRIMARY KEY (team_id, event_id)
);
CREATE INDEX slack_events_seen_by_time ON slack_events_seen (seen_at);

-- A tenant whose app was uninstalled (or its tokens revoked) is paused: its scheduled posts are not made
-- and its queued ones wait, until the workspace installs again.
ALTER TABLE tenants ADD COLUMN paused_at BIGINT;
ALTER TABLE tenants ADD COLUMN paused_reason TEXT;
