-- With several replicas, a delivery worker claims the rows it is about to post, so each row is
-- posted by one worker only. A claim is a lease: rows held by a replica that died are taken over
-- once claimed_until has passed.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;
CREATE INDEX outbox_by_claim ON outbox (claimed_by, status);
