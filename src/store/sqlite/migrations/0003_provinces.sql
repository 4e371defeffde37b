-- The province (first two digits of the region code) on the tables that
-- PostgreSQL partitions by it, so both engines run the same SQL; and the
-- region of an assessment, taken from its building or household at import.
ALTER TABLE households ADD COLUMN province TEXT NOT NULL DEFAULT '00';
UPDATE households SET province = substr(region_code, 1, 2);
ALTER TABLE buildings ADD COLUMN province TEXT NOT NULL DEFAULT '00';
UPDATE buildings SET province = substr(region_code, 1, 2);
ALTER TABLE evidence ADD COLUMN region_code TEXT NOT NULL DEFAULT '';
UPDATE evidence SET region_code = coalesce(
  (SELECT b.region_code FROM buildings b WHERE b.parcel_id = evidence.parcel_id),
  (SELECT h.region_code FROM households h WHERE h.household_id = evidence.household_id), '');
ALTER TABLE evidence ADD COLUMN province TEXT NOT NULL DEFAULT '00';
UPDATE evidence SET province = CASE WHEN region_code = '' THEN '00' ELSE substr(region_code, 1, 2) END;
