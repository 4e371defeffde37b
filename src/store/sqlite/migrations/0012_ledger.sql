-- The C/D ledger and renovation applications (DOMAIN.md §11).
-- An entry is opened when a household's judgment becomes `unsafe` and closed
-- (closed_on, exit_reason, exit_note) when a later judgment says it is safe; a
-- household that falls back into danger gets a new entry, so the old one
-- keeps its history. One open entry a household.
CREATE TABLE ledger_entries (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  household_id      TEXT NOT NULL,
  opened_on         TEXT NOT NULL,
  grade             TEXT,
  evidence_source   TEXT,
  evidence_id       TEXT NOT NULL DEFAULT '',
  closed_on         TEXT,
  exit_reason       TEXT,
  exit_note         TEXT NOT NULL DEFAULT '',
  measure           TEXT NOT NULL DEFAULT 'undecided',
  plan_year         INTEGER,
  measure_note      TEXT NOT NULL DEFAULT '',
  transitional      TEXT NOT NULL DEFAULT 'none',
  transitional_note TEXT NOT NULL DEFAULT '',
  responsible       TEXT NOT NULL DEFAULT '',
  responsible_phone TEXT NOT NULL DEFAULT '',
  note              TEXT NOT NULL DEFAULT '',
  renovation_id     INTEGER NOT NULL DEFAULT 0,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  updated_by        TEXT NOT NULL
);
CREATE UNIQUE INDEX ledger_entries_open ON ledger_entries(household_id) WHERE closed_on IS NULL;
CREATE INDEX ledger_entries_household ON ledger_entries(household_id, id);

-- 危房改造申请: method, construction mode, area, subsidies, and its steps
-- from draft to acceptance. One application in progress a household.
CREATE TABLE renovations (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  ledger_id        INTEGER NOT NULL REFERENCES ledger_entries(id),
  household_id     TEXT NOT NULL,
  region_code      TEXT NOT NULL,
  method           TEXT NOT NULL,
  build_mode       TEXT NOT NULL,
  area_m2          REAL,
  subsidy_central  REAL,
  subsidy_local    REAL,
  plan_year        INTEGER,
  planned_start    TEXT,
  note             TEXT NOT NULL DEFAULT '',
  state            TEXT NOT NULL,
  reason           TEXT NOT NULL DEFAULT '',
  started_on       TEXT,
  completed_on     TEXT,
  accepted_on      TEXT,
  acceptance_grade TEXT,
  acceptance_note  TEXT NOT NULL DEFAULT '',
  evidence_id      TEXT NOT NULL DEFAULT '',
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TEXT NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  updated_by       TEXT NOT NULL
);
CREATE INDEX renovations_region_state ON renovations(region_code, state);
CREATE INDEX renovations_household ON renovations(household_id, id);
CREATE UNIQUE INDEX renovations_live ON renovations(household_id) WHERE state NOT IN ('rejected', 'accepted');

-- Every step of an application: who, when, the states and the comment.
CREATE TABLE renovation_history (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  renovation_id INTEGER NOT NULL REFERENCES renovations(id),
  at            TEXT NOT NULL,
  actor         TEXT NOT NULL,
  action        TEXT NOT NULL,
  from_state    TEXT NOT NULL,
  to_state      TEXT NOT NULL,
  comment       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX renovation_history_renovation ON renovation_history(renovation_id, id);

-- The papers of each stage (kind: application, approval, construction,
-- completion, acceptance), kept like a change request's evidence.
CREATE TABLE renovation_attachments (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  renovation_id INTEGER NOT NULL REFERENCES renovations(id),
  kind          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  mime          TEXT NOT NULL,
  bytes         INTEGER NOT NULL,
  file_name     TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  created_by    TEXT NOT NULL
);
CREATE INDEX renovation_attachments_renovation ON renovation_attachments(renovation_id);

-- Every ledger entry must be accepted (closed) by this day (DOMAIN.md §11).
ALTER TABLE campaigns ADD COLUMN ledger_deadline TEXT NOT NULL DEFAULT '2025-12-31';
