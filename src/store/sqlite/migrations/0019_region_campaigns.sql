-- A campaign per region (DOMAIN.md §7): a province, city, county or town may
-- set its own; a region without one follows its nearest ancestor's, the
-- country's (id 1) at least. Every judgment names the campaign it used:
-- those before this version all used the country's.
ALTER TABLE campaigns ADD COLUMN region_code TEXT NOT NULL DEFAULT '000000000000';
CREATE UNIQUE INDEX campaigns_region ON campaigns(region_code);
ALTER TABLE judgments ADD COLUMN campaign_id INTEGER NOT NULL DEFAULT 1;
