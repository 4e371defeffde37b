-- What a change within one village moved in the counts of each region
-- above it (town … country), appended instead of rewriting their rows in
-- region_counts: writers in different villages then never write one row,
-- and on PostgreSQL never lose a race over the country's. Readers add a
-- region's deltas to its row (store/count_rows.h: add_count_deltas); now
-- and then they are folded into the rows and deleted.
CREATE TABLE region_count_deltas (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code TEXT NOT NULL,
  parent_code TEXT NOT NULL,
  counts      TEXT NOT NULL
);
CREATE INDEX region_count_deltas_region ON region_count_deltas(region_code);
CREATE INDEX region_count_deltas_parent ON region_count_deltas(parent_code);
