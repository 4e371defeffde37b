-- The province (households' partition key) beside household_id in
-- field_tasks and ledger_entries, as 0023 did for matches and judgments:
-- a join to households names both columns and probes one partition. The
-- writers store their household's; here it is filled from the households
-- (a task of a household no longer there takes its own village's province,
-- an entry '00', the code of an unknown region: neither joins a household).
ALTER TABLE field_tasks ADD COLUMN province text;
UPDATE field_tasks t SET province = h.province FROM households h WHERE h.household_id = t.household_id;
UPDATE field_tasks SET province = CASE WHEN region_code ~ '^[0-9]{2}' THEN substr(region_code, 1, 2) ELSE '00' END
  WHERE province IS NULL;
ALTER TABLE field_tasks ALTER COLUMN province SET NOT NULL;
ALTER TABLE field_tasks ADD CONSTRAINT field_tasks_province CHECK (province <> '');

ALTER TABLE ledger_entries ADD COLUMN province text;
UPDATE ledger_entries l SET province = h.province FROM households h WHERE h.household_id = l.household_id;
UPDATE ledger_entries SET province = '00' WHERE province IS NULL;
ALTER TABLE ledger_entries ALTER COLUMN province SET NOT NULL;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_province CHECK (province <> '');
