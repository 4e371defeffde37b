-- The four-part record of each household and its review (DOMAIN.md §12).
-- A household without a row has a record "not_started", prefilled on read
-- from the roster, the matched building and the best evidence. `fields` is a
-- JSON object: key → {"value", "source", "by", "at"}.
CREATE TABLE records (
  household_id TEXT PRIMARY KEY,
  region_code  TEXT NOT NULL,
  state        TEXT NOT NULL,
  fields       TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT NOT NULL
);
CREATE INDEX records_region_state ON records(region_code, state);

-- Every edit and every step of the review: who, when, the states, the
-- comment, and the fields changed (JSON [{"field", "before", "after"}]).
CREATE TABLE record_history (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  household_id TEXT NOT NULL,
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  from_state   TEXT NOT NULL,
  to_state     TEXT NOT NULL,
  comment      TEXT NOT NULL DEFAULT '',
  changes      TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX record_history_household ON record_history(household_id, id);

-- Change requests (DOMAIN.md §12): 死亡销户, 户主变更, 迁出. `details` is
-- JSON: deceased {"died_on"}, head_change {"head_name", "head_id_number"},
-- relocation {"region_code", "address"}. One open request a household.
CREATE TABLE change_requests (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  household_id TEXT NOT NULL,
  region_code  TEXT NOT NULL,
  kind         TEXT NOT NULL,
  state        TEXT NOT NULL,
  details      TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  reason       TEXT NOT NULL DEFAULT '',
  version      INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  updated_by   TEXT NOT NULL
);
CREATE INDEX change_requests_region ON change_requests(region_code, state);
CREATE UNIQUE INDEX change_requests_open ON change_requests(household_id) WHERE state IN ('submitted', 'county_approved');

-- Evidence for a change request (a death certificate, a household register
-- page), kept like a field task's photos.
CREATE TABLE change_attachments (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id  INTEGER NOT NULL REFERENCES change_requests(id),
  kind       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  mime       TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  file_name  TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX change_attachments_change ON change_attachments(change_id);
