-- Census buildings, assessments, disasters, the campaign's settings, and the
-- results of matching (人房对应) and judgment (初判). DOMAIN.md §4.2-§7.
CREATE TABLE buildings (
  parcel_id             TEXT PRIMARY KEY,
  region_code           TEXT NOT NULL,
  address               TEXT NOT NULL DEFAULT '',
  owner_name            TEXT NOT NULL DEFAULT '',
  floors                INTEGER,
  built_text            TEXT,
  built_from            INTEGER,
  built_to              INTEGER,
  structure             TEXT,
  area_m2               REAL,
  planning_permit       TEXT,
  homestead_approval    TEXT,
  property_registration TEXT,
  geo_hazard            TEXT,
  expanded              TEXT,
  business_use          TEXT,
  geom                  BLOB NOT NULL,  -- WKB MultiPolygon, lon/lat EPSG:4490
  min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
  extra                 TEXT NOT NULL DEFAULT '{}',
  version               INTEGER NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  updated_by            TEXT NOT NULL
);
CREATE INDEX buildings_region_owner ON buildings(region_code, owner_name);

CREATE TABLE evidence (
  source       TEXT NOT NULL,
  evidence_id  TEXT NOT NULL,
  parcel_id    TEXT NOT NULL DEFAULT '',
  household_id TEXT NOT NULL DEFAULT '',
  assessed_on  TEXT NOT NULL,
  grade        TEXT,
  hazard       INTEGER,
  method       TEXT NOT NULL,
  assessor     TEXT NOT NULL DEFAULT '',
  extra        TEXT NOT NULL DEFAULT '{}',
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT NOT NULL,
  PRIMARY KEY (source, evidence_id)
);
CREATE INDEX evidence_parcel ON evidence(parcel_id);
CREATE INDEX evidence_household ON evidence(household_id);

CREATE TABLE disasters (
  event_id    TEXT PRIMARY KEY,
  region_code TEXT NOT NULL,
  occurred_on TEXT NOT NULL,
  kind        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  extra       TEXT NOT NULL DEFAULT '{}',
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);

-- One campaign for now; as_of NULL means "today" at each run.
CREATE TABLE campaigns (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL,
  window_start     TEXT NOT NULL,
  window_end       TEXT NOT NULL,
  as_of            TEXT,
  cutoff           TEXT NOT NULL,
  aging_year       INTEGER NOT NULL,
  aging_age_years  INTEGER NOT NULL,
  aging_structures TEXT NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  updated_by       TEXT NOT NULL
);
INSERT INTO campaigns VALUES (1, '脱贫户住房安全保障“回头看”', '2024-09-11', '2024-10-13', NULL,
  '2020-01-01', 1980, 3, '["earth_wood","stone_wood","cave"]', 1,
  strftime('%Y-%m-%dT%H:%M:%SZ','now'), strftime('%Y-%m-%dT%H:%M:%SZ','now'), 'migration');

-- 选择图斑: a clerk's choice survives every re-run of matching.
CREATE TABLE manual_matches (
  household_id TEXT PRIMARY KEY,
  parcel_id    TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT NOT NULL
);

CREATE TABLE runs (
  id       INTEGER PRIMARY KEY,
  kind     TEXT NOT NULL,      -- 'match' or 'judge'
  ran_at   TEXT NOT NULL,
  actor    TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  summary  TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE matches (
  household_id     TEXT PRIMARY KEY,
  outcome          TEXT NOT NULL,
  parcel_id        TEXT,
  candidates       TEXT NOT NULL DEFAULT '[]',
  parcel_not_found INTEGER NOT NULL DEFAULT 0,
  shared           INTEGER NOT NULL DEFAULT 0,
  run_id           INTEGER NOT NULL
);
CREATE INDEX matches_parcel ON matches(parcel_id);

CREATE TABLE judgments (
  household_id    TEXT PRIMARY KEY,
  result          TEXT NOT NULL,
  reasons         TEXT NOT NULL,
  grade           TEXT,
  evidence_source TEXT,
  evidence_id     TEXT,
  previous_result TEXT,
  run_id          INTEGER NOT NULL
);
CREATE INDEX judgments_result ON judgments(result);
