-- Most posts are neither thread replies nor updates, and a row is claimed only while it is being
-- posted: the indexes that find replies, updates and claims now hold only those rows. Queueing a
-- card and marking it sent wrote to every outbox index, and in the acknowledgement benchmark those
-- index pages were a large share of what each commit wrote. The queries that use them compare the
-- column with a value, which implies IS NOT NULL, so SQLite and PostgreSQL still choose them.
DROP INDEX outbox_by_thread;
CREATE INDEX outbox_by_thread ON outbox (tenant_id, thread_key, status) WHERE thread_key IS NOT NULL;
DROP INDEX outbox_by_target;
CREATE INDEX outbox_by_target ON outbox (tenant_id, target_key, status) WHERE target_key IS NOT NULL;
DROP INDEX outbox_by_claim;
CREATE INDEX outbox_by_claim ON outbox (claimed_by) WHERE claimed_by IS NOT NULL;
