-- A tenant's working hours, for business-hour SLA clocks and "end of day"; null means 09:00-17:00.
ALTER TABLE tenants ADD COLUMN workday_start TEXT;
ALTER TABLE tenants ADD COLUMN workday_end TEXT;
