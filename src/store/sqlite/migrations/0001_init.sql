-- Regions, households and the import journal (DOMAIN.md §2, §4.1).
CREATE TABLE regions (
  code        TEXT PRIMARY KEY CHECK (length(code) = 12),
  name        TEXT NOT NULL,
  level       TEXT NOT NULL,
  parent_code TEXT REFERENCES regions(code) DEFERRABLE INITIALLY DEFERRED,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE households (
  household_id   TEXT PRIMARY KEY,
  head_name      TEXT NOT NULL,
  head_id_number TEXT NOT NULL,
  members        INTEGER NOT NULL CHECK (members BETWEEN 1 AND 30),
  region_code    TEXT NOT NULL REFERENCES regions(code),
  address        TEXT NOT NULL DEFAULT '',
  phone          TEXT NOT NULL DEFAULT '',
  category       TEXT NOT NULL,
  monitor_type   TEXT,
  source         TEXT,
  status         TEXT NOT NULL DEFAULT 'normal',
  housing        TEXT NOT NULL DEFAULT 'own_rural',
  parcel_id      TEXT NOT NULL DEFAULT '',
  lon            REAL,
  lat            REAL,
  extra          TEXT NOT NULL DEFAULT '{}',
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  updated_by     TEXT NOT NULL
);
-- Explicit (not column-level) so that a bulk load into an empty table can
-- drop and rebuild them (Transaction::begin_bulk_load).
CREATE UNIQUE INDEX households_head ON households(head_id_number);
CREATE INDEX households_region ON households(region_code);

CREATE TABLE imports (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL,
  file_name     TEXT NOT NULL,
  actor         TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT NOT NULL,
  strict        INTEGER NOT NULL,
  applied       INTEGER NOT NULL,
  rows          INTEGER NOT NULL,
  inserted      INTEGER NOT NULL,
  updated       INTEGER NOT NULL,
  unchanged     INTEGER NOT NULL,
  rejected_rows INTEGER NOT NULL,
  error_count   INTEGER NOT NULL
);
