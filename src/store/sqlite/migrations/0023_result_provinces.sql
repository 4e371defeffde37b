-- The province beside household_id in matches and judgments, as on
-- PostgreSQL (where it lets a join to households probe one partition), so
-- both engines run the same SQL. The runs write it; here it is filled from
-- the households. The tables are made anew (SQLite adds a NOT NULL column
-- only with a default, and a default would let a writer that forgot the
-- province store '' here where PostgreSQL refuses it).
--
-- Results of a household that is not there (possible before: nothing ties
-- them to households) are dropped: they are derived, shown in no list and
-- counted nowhere, and the next run would not make them again.
DELETE FROM matches WHERE household_id NOT IN (SELECT household_id FROM households);
DELETE FROM judgments WHERE household_id NOT IN (SELECT household_id FROM households);
DELETE FROM judgment_reasons WHERE household_id NOT IN (SELECT household_id FROM households);

CREATE TABLE matches_0023 (
  household_id     TEXT PRIMARY KEY,
  outcome          TEXT NOT NULL,
  parcel_id        TEXT,
  candidates       TEXT NOT NULL DEFAULT '[]',
  parcel_not_found INTEGER NOT NULL DEFAULT 0,
  shared           INTEGER NOT NULL DEFAULT 0,
  run_id           INTEGER NOT NULL,
  province         TEXT NOT NULL
);
INSERT INTO matches_0023
  SELECT m.household_id, m.outcome, m.parcel_id, m.candidates, m.parcel_not_found, m.shared, m.run_id, h.province
  FROM matches m JOIN households h ON h.household_id = m.household_id;
DROP TABLE matches;
ALTER TABLE matches_0023 RENAME TO matches;
CREATE INDEX matches_parcel ON matches(parcel_id);
CREATE INDEX matches_outcome ON matches(outcome, household_id);

CREATE TABLE judgments_0023 (
  household_id    TEXT PRIMARY KEY,
  result          TEXT NOT NULL,
  reasons         TEXT NOT NULL,
  grade           TEXT,
  evidence_source TEXT,
  evidence_id     TEXT,
  previous_result TEXT,
  run_id          INTEGER NOT NULL,
  campaign_id     INTEGER NOT NULL DEFAULT 1,
  province        TEXT NOT NULL
);
INSERT INTO judgments_0023
  SELECT j.household_id, j.result, j.reasons, j.grade, j.evidence_source, j.evidence_id, j.previous_result,
         j.run_id, j.campaign_id, h.province
  FROM judgments j JOIN households h ON h.household_id = j.household_id;
DROP TABLE judgments;
ALTER TABLE judgments_0023 RENAME TO judgments;
CREATE INDEX judgments_result ON judgments(result, household_id);
