-- The province beside household_id in matches and judgments, as on
-- PostgreSQL (where it lets a join to households probe one partition), so
-- both engines run the same SQL. The runs write it; here it is filled from
-- the households. SQLite adds a NOT NULL column only with a default: the
-- UPDATE gives every row its household's province, and a result whose
-- household is missing gets NULL and stops the migration.
ALTER TABLE matches ADD COLUMN province TEXT NOT NULL DEFAULT '';
UPDATE matches SET province = (SELECT h.province FROM households h WHERE h.household_id = matches.household_id);
ALTER TABLE judgments ADD COLUMN province TEXT NOT NULL DEFAULT '';
UPDATE judgments SET province = (SELECT h.province FROM households h WHERE h.household_id = judgments.household_id);
