-- The C/D ledger and renovation applications: the PostgreSQL dialect of
-- sqlite/migrations/0012 (see there).
CREATE TABLE ledger_entries (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  household_id      text NOT NULL,
  opened_on         date NOT NULL,
  grade             text,
  evidence_source   text,
  evidence_id       text NOT NULL DEFAULT '',
  closed_on         date,
  exit_reason       text,
  exit_note         text NOT NULL DEFAULT '',
  measure           text NOT NULL DEFAULT 'undecided',
  plan_year         integer,
  measure_note      text NOT NULL DEFAULT '',
  transitional      text NOT NULL DEFAULT 'none',
  transitional_note text NOT NULL DEFAULT '',
  responsible       text NOT NULL DEFAULT '',
  responsible_phone text NOT NULL DEFAULT '',
  note              text NOT NULL DEFAULT '',
  renovation_id     bigint NOT NULL DEFAULT 0,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  updated_by        text NOT NULL
);
CREATE UNIQUE INDEX ledger_entries_open ON ledger_entries(household_id) WHERE closed_on IS NULL;
CREATE INDEX ledger_entries_household ON ledger_entries(household_id, id);

CREATE TABLE renovations (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ledger_id        bigint NOT NULL REFERENCES ledger_entries(id),
  household_id     text NOT NULL,
  region_code      text NOT NULL,
  method           text NOT NULL,
  build_mode       text NOT NULL,
  area_m2          double precision,
  subsidy_central  double precision,
  subsidy_local    double precision,
  plan_year        integer,
  planned_start    date,
  note             text NOT NULL DEFAULT '',
  state            text NOT NULL,
  reason           text NOT NULL DEFAULT '',
  started_on       date,
  completed_on     date,
  accepted_on      date,
  acceptance_grade text,
  acceptance_note  text NOT NULL DEFAULT '',
  evidence_id      text NOT NULL DEFAULT '',
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL,
  created_by       text NOT NULL,
  updated_at       timestamptz NOT NULL,
  updated_by       text NOT NULL
);
CREATE INDEX renovations_region_state ON renovations(region_code, state);
CREATE INDEX renovations_household ON renovations(household_id, id);
CREATE UNIQUE INDEX renovations_live ON renovations(household_id) WHERE state NOT IN ('rejected', 'accepted');

CREATE TABLE renovation_history (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  renovation_id bigint NOT NULL REFERENCES renovations(id),
  at            timestamptz NOT NULL,
  actor         text NOT NULL,
  action        text NOT NULL,
  from_state    text NOT NULL,
  to_state      text NOT NULL,
  comment       text NOT NULL DEFAULT ''
);
CREATE INDEX renovation_history_renovation ON renovation_history(renovation_id, id);

CREATE TABLE renovation_attachments (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  renovation_id bigint NOT NULL REFERENCES renovations(id),
  kind          text NOT NULL,
  sha256        text NOT NULL,
  mime          text NOT NULL,
  bytes         bigint NOT NULL,
  file_name     text NOT NULL DEFAULT '',
  created_at    timestamptz NOT NULL,
  created_by    text NOT NULL
);
CREATE INDEX renovation_attachments_renovation ON renovation_attachments(renovation_id);

ALTER TABLE campaigns ADD COLUMN ledger_deadline date NOT NULL DEFAULT '2025-12-31';
