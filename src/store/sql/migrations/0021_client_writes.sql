-- Writes a client may send more than once (a phone that lost the answer
-- and retries, docs/api.md "Idempotency-Key"): the key is claimed in the
-- same transaction as the write it names, so a retry finds it and gets
-- the first answer back instead of a second visit or photo.
CREATE TABLE client_writes (
  user_name TEXT NOT NULL,
  client_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status INTEGER,
  answer TEXT,
  PRIMARY KEY (user_name, client_key)
);
CREATE INDEX client_writes_created ON client_writes(created_at);
