-- The province (households' partition key) beside household_id in matches
-- and judgments, so that a join to households names both columns and
-- PostgreSQL probes one partition a row instead of every province's
-- (bench/README.md, "The province beside the household key"). The runs
-- write it (they know each household's region); here it is filled from the
-- households.
--
-- Results of a household that is not there (possible before: nothing ties
-- them to households) are dropped: they are derived, shown in no list and
-- counted nowhere, and the next run would not make them again.
DELETE FROM matches m WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.household_id = m.household_id);
DELETE FROM judgments j WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.household_id = j.household_id);
DELETE FROM judgment_reasons r WHERE NOT EXISTS (SELECT 1 FROM households h WHERE h.household_id = r.household_id);
ALTER TABLE matches ADD COLUMN province text;
UPDATE matches m SET province = h.province FROM households h WHERE h.household_id = m.household_id;
ALTER TABLE matches ALTER COLUMN province SET NOT NULL;
ALTER TABLE judgments ADD COLUMN province text;
UPDATE judgments j SET province = h.province FROM households h WHERE h.household_id = j.household_id;
ALTER TABLE judgments ALTER COLUMN province SET NOT NULL;
