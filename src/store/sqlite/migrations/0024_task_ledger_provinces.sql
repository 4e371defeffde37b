-- The province beside household_id in field_tasks and ledger_entries, as
-- 0023 did for matches and judgments, so that both engines run the same SQL
-- (on PostgreSQL it lets a join to households probe one partition). The
-- writers store their household's; here it is filled from the households
-- (a task of a household no longer there takes its own village's province,
-- an entry '00', the code of an unknown region: neither joins a household).
--
-- Unlike 0023 these tables are not made anew: visits, appraisals,
-- attachments and renovations refer to them, and SQLite drops a referenced
-- table only with foreign keys off, which a migration's transaction cannot
-- switch. The column is added without a default, and triggers refuse a row
-- without a province, as PostgreSQL's NOT NULL and CHECK do.
ALTER TABLE field_tasks ADD COLUMN province TEXT;
UPDATE field_tasks SET province = coalesce(
  (SELECT h.province FROM households h WHERE h.household_id = field_tasks.household_id),
  CASE WHEN substr(region_code, 1, 2) GLOB '[0-9][0-9]' THEN substr(region_code, 1, 2) ELSE '00' END);
CREATE TRIGGER field_tasks_province_insert BEFORE INSERT ON field_tasks
  WHEN NEW.province IS NULL OR NEW.province = ''
  BEGIN SELECT RAISE(ABORT, 'NOT NULL constraint failed: field_tasks.province'); END;
CREATE TRIGGER field_tasks_province_update BEFORE UPDATE OF province ON field_tasks
  WHEN NEW.province IS NULL OR NEW.province = ''
  BEGIN SELECT RAISE(ABORT, 'NOT NULL constraint failed: field_tasks.province'); END;

ALTER TABLE ledger_entries ADD COLUMN province TEXT;
UPDATE ledger_entries SET province = coalesce(
  (SELECT h.province FROM households h WHERE h.household_id = ledger_entries.household_id), '00');
CREATE TRIGGER ledger_entries_province_insert BEFORE INSERT ON ledger_entries
  WHEN NEW.province IS NULL OR NEW.province = ''
  BEGIN SELECT RAISE(ABORT, 'NOT NULL constraint failed: ledger_entries.province'); END;
CREATE TRIGGER ledger_entries_province_update BEFORE UPDATE OF province ON ledger_entries
  WHEN NEW.province IS NULL OR NEW.province = ''
  BEGIN SELECT RAISE(ABORT, 'NOT NULL constraint failed: ledger_entries.province'); END;
