-- Runs keyed by region (issue 23): a match or judge job's lane names its
-- region ("judge:500229108"; "judge:" for the whole country). Two runs of a
-- family may run at once when their regions are disjoint; an insert locks
-- its family's row here first, so that two overlapping runs are never both
-- accepted (PostgreSQL; SQLite has one writer anyway).
CREATE TABLE job_lanes (
  family TEXT PRIMARY KEY,
  inserts INTEGER NOT NULL DEFAULT 0
);
INSERT INTO job_lanes(family) VALUES ('match'), ('judge');
