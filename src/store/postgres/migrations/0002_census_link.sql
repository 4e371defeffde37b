-- Census buildings, assessments, disasters, the campaign's settings, and the
-- results of matching (人房对应) and judgment (初判): the PostgreSQL dialect
-- of sqlite/migrations/0002 and 0003. Buildings and evidence are partitioned
-- by province like households.
CREATE TABLE buildings (
  parcel_id             text NOT NULL,
  region_code           text NOT NULL,
  address               text NOT NULL DEFAULT '',
  owner_name            text NOT NULL DEFAULT '',
  floors                integer,
  built_text            text,
  built_from            integer,
  built_to              integer,
  structure             text,
  area_m2               double precision,
  planning_permit       text,
  homestead_approval    text,
  property_registration text,
  geo_hazard            text,
  expanded              text,
  business_use          text,
  geom                  bytea NOT NULL,  -- WKB MultiPolygon, lon/lat EPSG:4490
  min_lon double precision NOT NULL, min_lat double precision NOT NULL,
  max_lon double precision NOT NULL, max_lat double precision NOT NULL,
  extra                 text NOT NULL DEFAULT '{}',
  province              text NOT NULL,
  version               bigint NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  updated_by            text NOT NULL,
  PRIMARY KEY (parcel_id, province)
) PARTITION BY LIST (province);
CREATE INDEX buildings_region_owner ON buildings(region_code, owner_name);

CREATE TABLE evidence (
  source       text NOT NULL,
  evidence_id  text NOT NULL,
  parcel_id    text NOT NULL DEFAULT '',
  household_id text NOT NULL DEFAULT '',
  assessed_on  date NOT NULL,
  grade        text,
  hazard       boolean,
  method       text NOT NULL,
  assessor     text NOT NULL DEFAULT '',
  extra        text NOT NULL DEFAULT '{}',
  region_code  text NOT NULL DEFAULT '',
  province     text NOT NULL,
  version      bigint NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  updated_by   text NOT NULL,
  PRIMARY KEY (source, evidence_id, province)
) PARTITION BY LIST (province);
CREATE INDEX evidence_parcel ON evidence(parcel_id);
CREATE INDEX evidence_household ON evidence(household_id);

-- One partition per province of GB/T 2260, '00' for records whose region is
-- not known yet, and a default for any other code (docs/postgresql.md tells
-- how to give such a code its own partition).
DO $$
DECLARE
  p text;
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['households', 'buildings', 'evidence'] LOOP
    FOREACH p IN ARRAY ARRAY['00', '11', '12', '13', '14', '15', '21', '22', '23', '31', '32',
                             '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
                             '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71',
                             '81', '82'] LOOP
      EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L)', t || '_p' || p, t, p);
    END LOOP;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', t || '_other', t);
  END LOOP;
END $$;

CREATE TABLE disasters (
  event_id    text PRIMARY KEY,
  region_code text NOT NULL,
  occurred_on date NOT NULL,
  kind        text NOT NULL,
  description text NOT NULL DEFAULT '',
  extra       text NOT NULL DEFAULT '{}',
  version     bigint NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  text NOT NULL
);

-- One campaign for now; as_of NULL means "today" at each run.
CREATE TABLE campaigns (
  id               integer PRIMARY KEY,
  name             text NOT NULL,
  window_start     date NOT NULL,
  window_end       date NOT NULL,
  as_of            date,
  cutoff           date NOT NULL,
  aging_year       integer NOT NULL,
  aging_age_years  integer NOT NULL,
  aging_structures text NOT NULL,
  version          bigint NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  updated_by       text NOT NULL
);
INSERT INTO campaigns VALUES (1, '脱贫户住房安全保障“回头看”', '2024-09-11', '2024-10-13', NULL,
  '2020-01-01', 1980, 3, '["earth_wood","stone_wood","cave"]', 1, now(), now(), 'migration');

-- 选择图斑: a clerk's choice survives every re-run of matching.
CREATE TABLE manual_matches (
  household_id text PRIMARY KEY,
  parcel_id    text NOT NULL,
  version      bigint NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  updated_by   text NOT NULL
);

CREATE TABLE runs (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind     text NOT NULL,      -- 'match' or 'judge'
  ran_at   timestamptz NOT NULL,
  actor    text NOT NULL,
  settings text NOT NULL DEFAULT '{}',
  summary  text NOT NULL DEFAULT '{}'
);

CREATE TABLE matches (
  household_id     text PRIMARY KEY,
  outcome          text NOT NULL,
  parcel_id        text,
  candidates       text NOT NULL DEFAULT '[]',
  parcel_not_found boolean NOT NULL DEFAULT false,
  shared           boolean NOT NULL DEFAULT false,
  run_id           bigint NOT NULL
);
CREATE INDEX matches_parcel ON matches(parcel_id);

CREATE TABLE judgments (
  household_id    text PRIMARY KEY,
  result          text NOT NULL,
  reasons         text NOT NULL,
  grade           text,
  evidence_source text,
  evidence_id     text,
  previous_result text,
  run_id          bigint NOT NULL
);
CREATE INDEX judgments_result ON judgments(result);
