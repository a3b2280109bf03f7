-- Recording a promise wrote a page of every promise index whose entries it did not land next to the
-- last one's. Two of them were ordered by account (promises_by_account, promises_risk), so a batch
-- of 30 promises to 30 accounts dirtied about 30 pages of each, and every dirtied page is written
-- whole to the log at commit: the acknowledgement benchmark's group commits wrote 123 pages for 30
-- promises, 30 of them promises_risk's. The ranker's index now leads with due_at after the status,
-- so new promises, due in the next days or weeks, land on a few pages; it replaces the status-and-due
-- index too (whose columns it starts with), so each promise is in one index fewer. The ranker reads the
-- open promises due soon or overdue in due order and groups them by account itself, rather than
-- walking every open promise in account order; the account index stays for one account's list,
-- timeline and causes.
DROP INDEX promises_risk;
DROP INDEX promises_by_status_due;
CREATE INDEX promises_by_status_due ON promises (tenant_id, status, due_at, account_id, closed_at);
