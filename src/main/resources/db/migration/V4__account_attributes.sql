-- What makes an account matter: its value, tier, renewal date and account owner.

ALTER TABLE accounts ADD COLUMN arr BIGINT;
ALTER TABLE accounts ADD COLUMN tier TEXT;
ALTER TABLE accounts ADD COLUMN renewal_date TEXT;
ALTER TABLE accounts ADD COLUMN owner_id TEXT;
