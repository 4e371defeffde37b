-- A campaign per region (DOMAIN.md §7): a province, city, county or town may
-- set its own; a region without one follows its nearest ancestor's, the
-- country's (id 1) at least. Every judgment names the campaign it used:
-- those before this version all used the country's. New campaigns take
-- their id from a sequence (SQLite's INTEGER PRIMARY KEY does it itself).
ALTER TABLE campaigns ADD COLUMN region_code text NOT NULL DEFAULT '000000000000';
CREATE UNIQUE INDEX campaigns_region ON campaigns(region_code);
CREATE SEQUENCE campaigns_id_seq OWNED BY campaigns.id;
SELECT setval('campaigns_id_seq', (SELECT max(id) FROM campaigns));
ALTER TABLE campaigns ALTER COLUMN id SET DEFAULT nextval('campaigns_id_seq');
ALTER TABLE judgments ADD COLUMN campaign_id bigint NOT NULL DEFAULT 1;
