-- The audit log (core/audit.h), the PostgreSQL dialect of
-- sqlite/migrations/0005: entries are inserted by the transaction whose
-- change they record, then chained (seq, prev_hash, hash) in order.
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor       text NOT NULL,
  action      text NOT NULL,
  object_type text NOT NULL,
  object_id   text NOT NULL,
  detail      text NOT NULL,
  seq         bigint UNIQUE,
  prev_hash   text,
  hash        text
);
CREATE INDEX audit_log_unchained ON audit_log(id) WHERE seq IS NULL;
CREATE INDEX audit_log_actor ON audit_log(actor, at);
