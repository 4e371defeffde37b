-- The four-part record and its review history: the PostgreSQL dialect of
-- sqlite/migrations/0011 (see there).
CREATE TABLE records (
  household_id text PRIMARY KEY,
  region_code  text NOT NULL,
  state        text NOT NULL,
  fields       text NOT NULL,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  updated_by   text NOT NULL
);
CREATE INDEX records_region_state ON records(region_code, state);

CREATE TABLE record_history (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  household_id text NOT NULL,
  at           timestamptz NOT NULL,
  actor        text NOT NULL,
  action       text NOT NULL,
  from_state   text NOT NULL,
  to_state     text NOT NULL,
  comment      text NOT NULL DEFAULT '',
  changes      text NOT NULL DEFAULT '[]'
);
CREATE INDEX record_history_household ON record_history(household_id, id);

CREATE TABLE change_requests (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  household_id text NOT NULL,
  region_code  text NOT NULL,
  kind         text NOT NULL,
  state        text NOT NULL,
  details      text NOT NULL,
  note         text NOT NULL DEFAULT '',
  reason       text NOT NULL DEFAULT '',
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  created_by   text NOT NULL,
  updated_at   timestamptz NOT NULL,
  updated_by   text NOT NULL
);
CREATE INDEX change_requests_region ON change_requests(region_code, state);
CREATE UNIQUE INDEX change_requests_open ON change_requests(household_id) WHERE state IN ('submitted', 'county_approved');

CREATE TABLE change_attachments (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  change_id  bigint NOT NULL REFERENCES change_requests(id),
  kind       text NOT NULL,
  sha256     text NOT NULL,
  mime       text NOT NULL,
  bytes      bigint NOT NULL,
  file_name  text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);
CREATE INDEX change_attachments_change ON change_attachments(change_id);
