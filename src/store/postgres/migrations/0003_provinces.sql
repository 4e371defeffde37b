-- Nothing to do: the PostgreSQL schema has carried the province columns and
-- the evidence region since 0001/0002 (SQLite added them in its 0003). The
-- file keeps the two engines' schema versions in step.
SELECT 1;
