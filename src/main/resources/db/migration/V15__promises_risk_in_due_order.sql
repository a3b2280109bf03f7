-- Recording a promise wrote a page of every promise index whose entries it did not land next to the
-- last one's. Two of them were in account order (promises_by_account, promises_risk), so a batch of
-- 30 promises to 30 accounts dirtied about 30 pages of each, and every dirtied page is written whole
-- to the log at commit: the acknowledgement benchmark's group commits wrote 123 pages for 30
-- promises. The ranker's index now leads with due_at after the status, so new promises, due in the
-- next days or weeks, land on a few of its pages. It replaces the status-and-due index too (whose
-- columns it starts with), so each promise is in one index fewer. The ranker reads the open promises
-- due soon or overdue in due order and groups them by account itself.
DROP INDEX promises_risk;
DROP INDEX promises_by_status_due;
CREATE INDEX promises_by_status_due ON promises (tenant_id, status, due_at, account_id, closed_at);
-- The one index left in account order ends in due order, as the owner index does since V14: an
-- account's list reads its first 20 in order and stops, and the causes shown beside the ranked
-- accounts read only those accounts' promises. It replaces the old one (its first three columns are
-- the old index's), so it adds no pages.
DROP INDEX promises_by_account;
CREATE INDEX promises_by_account ON promises (tenant_id, account_id, status, due_at, number);
