-- What the API's lists and dashboards read (DESIGN.md §3.2), and background
-- jobs. judgment_reasons holds one row per reason of a judgment, so a list
-- filtered by reason uses an index. household_summary counts households by
-- region and every filter dimension (reason '' = the household itself, a
-- reason key = its judgment names that reason); it is refreshed after each
-- import, run and manual choice, so that totals and dashboards cost the
-- same for a town and for a province.
CREATE TABLE judgment_reasons (
  household_id TEXT NOT NULL,
  reason       TEXT NOT NULL,
  PRIMARY KEY (household_id, reason)
);
INSERT INTO judgment_reasons(household_id, reason) SELECT household_id, value FROM judgments, json_each(judgments.reasons);
CREATE INDEX judgment_reasons_reason ON judgment_reasons(reason, household_id);

CREATE TABLE household_summary (
  region_code   TEXT NOT NULL,
  category      TEXT NOT NULL,
  monitor_type  TEXT NOT NULL,
  status        TEXT NOT NULL,
  housing       TEXT NOT NULL,
  match_outcome TEXT NOT NULL,
  result        TEXT NOT NULL,
  reason        TEXT NOT NULL,
  n             INTEGER NOT NULL
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

-- Background jobs: imports, matching and judgment runs. At most one job of a
-- lane (import, match, judge) is queued or running at a time, whichever
-- server started it; a job whose heartbeat stopped is failed by the next.
CREATE TABLE jobs (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  lane         TEXT NOT NULL,
  status       TEXT NOT NULL,
  actor        TEXT NOT NULL,
  params       TEXT NOT NULL DEFAULT '{}',
  progress     REAL NOT NULL DEFAULT 0,
  rows         INTEGER NOT NULL DEFAULT 0,
  message      TEXT NOT NULL DEFAULT '',
  result       TEXT NOT NULL DEFAULT '{}',
  created_at   TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  finished_at  TEXT
);
CREATE UNIQUE INDEX jobs_one_per_lane ON jobs(lane) WHERE status IN ('queued', 'running');
CREATE INDEX jobs_created ON jobs(created_at);
