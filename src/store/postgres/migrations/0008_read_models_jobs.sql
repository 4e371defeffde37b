-- Read models of the API's lists and dashboards, and background jobs: the
-- PostgreSQL dialect of sqlite/migrations/0008 (see there).
CREATE TABLE judgment_reasons (
  household_id text NOT NULL,
  reason       text NOT NULL,
  PRIMARY KEY (household_id, reason)
);
INSERT INTO judgment_reasons(household_id, reason) SELECT household_id, jsonb_array_elements_text(reasons::jsonb) FROM judgments;
CREATE INDEX judgment_reasons_reason ON judgment_reasons(reason, household_id);

CREATE TABLE household_summary (
  region_code   text NOT NULL,
  category      text NOT NULL,
  monitor_type  text NOT NULL,
  status        text NOT NULL,
  housing       text NOT NULL,
  match_outcome text NOT NULL,
  result        text NOT NULL,
  reason        text NOT NULL,
  n             bigint NOT NULL
);
CREATE INDEX household_summary_region ON household_summary(region_code);

-- Filled here once for a database that already has data; afterwards by the
-- store (Transaction::refresh_summary).
INSERT INTO household_summary
SELECT h.region_code, h.category, coalesce(h.monitor_type, ''), h.status, h.housing,
       coalesce(m.outcome, ''), coalesce(j.result, ''), '', count(*)
  FROM households h LEFT JOIN matches m ON m.household_id = h.household_id
  LEFT JOIN judgments j ON j.household_id = h.household_id
 GROUP BY 1, 2, 3, 4, 5, 6, 7
UNION ALL
SELECT h.region_code, h.category, coalesce(h.monitor_type, ''), h.status, h.housing,
       coalesce(m.outcome, ''), j.result, r.reason, count(*)
  FROM households h JOIN judgment_reasons r ON r.household_id = h.household_id
  JOIN judgments j ON j.household_id = h.household_id
  LEFT JOIN matches m ON m.household_id = h.household_id
 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

CREATE INDEX households_head_name ON households(head_name);
CREATE INDEX buildings_bbox ON buildings(min_lon, min_lat);
CREATE INDEX matches_outcome ON matches(outcome, household_id);
DROP INDEX judgments_result;
CREATE INDEX judgments_result ON judgments(result, household_id);

CREATE TABLE jobs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL,
  lane         text NOT NULL,
  status       text NOT NULL,
  actor        text NOT NULL,
  params       text NOT NULL DEFAULT '{}',
  progress     double precision NOT NULL DEFAULT 0,
  rows         bigint NOT NULL DEFAULT 0,
  message      text NOT NULL DEFAULT '',
  result       text NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL,
  heartbeat_at timestamptz NOT NULL,
  finished_at  timestamptz
);
CREATE UNIQUE INDEX jobs_one_per_lane ON jobs(lane) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_created ON jobs(created_at);
