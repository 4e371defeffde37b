-- Regions, households and the import journal (DOMAIN.md §2, §4.1), the
-- PostgreSQL dialect of sqlite/migrations/0001 and 0003. Households are
-- partitioned by province (the first two digits of the region code): a
-- partitioned table's unique keys must contain the partition key, so keys
-- are unique per province here and across provinces by the import's checks
-- (docs/postgresql.md).
CREATE TABLE regions (
  code        text PRIMARY KEY CHECK (length(code) = 12),
  name        text NOT NULL,
  level       text NOT NULL,
  parent_code text REFERENCES regions(code) DEFERRABLE INITIALLY DEFERRED,
  version     bigint NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  text NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_code);

CREATE TABLE households (
  household_id   text NOT NULL,
  head_name      text NOT NULL,
  head_id_number text NOT NULL,
  members        integer NOT NULL CHECK (members BETWEEN 1 AND 30),
  region_code    text NOT NULL REFERENCES regions(code),
  address        text NOT NULL DEFAULT '',
  phone          text NOT NULL DEFAULT '',
  category       text NOT NULL,
  monitor_type   text,
  source         text,
  status         text NOT NULL DEFAULT 'normal',
  housing        text NOT NULL DEFAULT 'own_rural',
  parcel_id      text NOT NULL DEFAULT '',
  lon            double precision,
  lat            double precision,
  extra          text NOT NULL DEFAULT '{}',
  province       text NOT NULL,
  version        bigint NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  updated_by     text NOT NULL,
  PRIMARY KEY (household_id, province)
) PARTITION BY LIST (province);
CREATE UNIQUE INDEX households_head ON households(head_id_number, province);
CREATE INDEX households_region ON households(region_code);

CREATE TABLE imports (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL,
  file_name     text NOT NULL,
  actor         text NOT NULL,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz NOT NULL,
  strict        boolean NOT NULL,
  applied       boolean NOT NULL,
  rows          bigint NOT NULL,
  inserted      bigint NOT NULL,
  updated       bigint NOT NULL,
  unchanged     bigint NOT NULL,
  rejected_rows bigint NOT NULL,
  error_count   bigint NOT NULL
);
