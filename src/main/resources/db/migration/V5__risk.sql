-- Per-tenant overrides of the risk weights, and indexes that let the ranker aggregate each signal over a whole tenant.

-- Only weights a tenant changed have a row; the rest use the built-in defaults.
CREATE TABLE risk_weights (
    tenant_id BIGINT  NOT NULL REFERENCES tenants (id),
    signal    TEXT    NOT NULL,
    weight    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, signal)
);

-- The ranker's promise aggregates (open ones by due time, done ones kept late) read only this index, never the table,
-- and walk it in account order so grouping needs no sort; the cause lookup for the shown accounts uses it too.
CREATE INDEX promises_risk ON promises (tenant_id, status, account_id, due_at, closed_at);
