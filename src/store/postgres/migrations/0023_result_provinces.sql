-- The province (households' partition key) beside household_id in matches
-- and judgments, so that a join to households names both columns and
-- PostgreSQL probes one partition a row instead of every province's
-- (bench/README.md, "Where the list's time goes"). The runs write it (they
-- know each household's region); here it is filled from the households. A
-- result whose household is missing stops the migration (NOT NULL) rather
-- than being given a province.
ALTER TABLE matches ADD COLUMN province text;
UPDATE matches m SET province = h.province FROM households h WHERE h.household_id = m.household_id;
ALTER TABLE matches ALTER COLUMN province SET NOT NULL;
ALTER TABLE judgments ADD COLUMN province text;
UPDATE judgments j SET province = h.province FROM households h WHERE h.household_id = j.household_id;
ALTER TABLE judgments ALTER COLUMN province SET NOT NULL;
