-- Where Holdfast may post in Microsoft Teams: one Bot Framework conversation reference per channel,
-- personal chat or group chat, learnt from installs, conversation updates and messages.
CREATE TABLE teams_conversations (
    tenant_id       BIGINT  NOT NULL REFERENCES tenants (id),
    conversation_id TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    team_id         TEXT,
    name            TEXT,
    user_id         TEXT,
    reference       TEXT    NOT NULL,
    installed       INTEGER NOT NULL DEFAULT 1,
    updated_at      BIGINT  NOT NULL,
    PRIMARY KEY (tenant_id, conversation_id)
);
CREATE INDEX teams_conversations_by_team ON teams_conversations (tenant_id, team_id);
CREATE INDEX teams_conversations_by_user ON teams_conversations (tenant_id, user_id);

-- Teams mentions carry the per-app user id ("29:..."); Holdfast keys people by their AAD object id.
CREATE TABLE teams_members (
    tenant_id     BIGINT NOT NULL REFERENCES tenants (id),
    teams_user_id TEXT   NOT NULL,
    aad_object_id TEXT   NOT NULL,
    name          TEXT   NOT NULL,
    updated_at    BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, teams_user_id)
);
CREATE INDEX teams_members_by_aad ON teams_members (tenant_id, aad_object_id);
