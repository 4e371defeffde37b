-- region_counts are counted from the households themselves
-- (core/region_tally.h); the intermediate table of cells is no longer kept.
DROP TABLE household_summary;
