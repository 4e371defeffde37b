-- Every audit entry carries the keyed hash (HMAC) of its content, given when
-- it is written (core/audit.h): a row inserted by anyone without the key is
-- found by `anju audit verify`. Entries written before have none ('').
ALTER TABLE audit_log ADD COLUMN mac TEXT NOT NULL DEFAULT '';
