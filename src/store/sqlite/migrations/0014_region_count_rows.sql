-- region_counts: one row per region and kind (`leaf`: its own households;
-- otherwise the sums of the leaf rows it covers), the cells packed as
-- {"dimension":{"key":n,…},…} (store/count_rows.h). A run that judges every
-- household changes a few cells in every village: it now writes a row per
-- village instead of a row per cell. The stored cells are carried over.
CREATE TABLE region_count_rows (
  region_code TEXT NOT NULL,
  leaf        INTEGER NOT NULL,
  parent_code TEXT NOT NULL,
  counts      TEXT NOT NULL,
  PRIMARY KEY (region_code, leaf)
);
INSERT INTO region_count_rows(region_code, leaf, parent_code, counts)
SELECT region_code, leaf, max(parent_code), json_group_object(dimension, json(keys))
  FROM (SELECT region_code, leaf, max(parent_code) AS parent_code, dimension, json_group_object(key, n) AS keys
          FROM (SELECT region_code, leaf, max(parent_code) AS parent_code, dimension, key, sum(n) AS n
                  FROM region_counts GROUP BY region_code, leaf, dimension, key)
         GROUP BY region_code, leaf, dimension)
 GROUP BY region_code, leaf;
DROP TABLE region_counts;
ALTER TABLE region_count_rows RENAME TO region_counts;
CREATE INDEX region_counts_parent ON region_counts(parent_code);
