-- Household counts of every region at every level, by dimension (result,
-- reason, match_outcome, category, status, housing, monitor_type, and
-- 'households' with key ''): what the region tree, the dashboards and list
-- totals read, a handful of rows whatever the size of the region. `leaf`
-- rows are a village's own, rolled up from household_summary; the others
-- are sums of leaf rows, kept by Transaction::refresh_summary.
CREATE TABLE region_counts (
  region_code TEXT NOT NULL,
  parent_code TEXT NOT NULL,
  leaf        INTEGER NOT NULL,
  dimension   TEXT NOT NULL,
  key         TEXT NOT NULL,
  n           BIGINT NOT NULL
);
CREATE INDEX region_counts_region ON region_counts(region_code, dimension);
CREATE INDEX region_counts_parent ON region_counts(parent_code, dimension);
