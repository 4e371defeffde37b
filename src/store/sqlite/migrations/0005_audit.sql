-- The audit log (core/audit.h): entries are inserted by the transaction
-- whose change they record, then chained (seq, prev_hash, hash) in order.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  detail      TEXT NOT NULL,
  seq         INTEGER UNIQUE,
  prev_hash   TEXT,
  hash        TEXT
);
CREATE INDEX audit_log_unchained ON audit_log(id) WHERE seq IS NULL;
CREATE INDEX audit_log_actor ON audit_log(actor, at);
