-- Users and their role and region (DOMAIN.md §8). Passwords are argon2id
-- hashes in PHC string form; a user is disabled, never deleted.
CREATE TABLE users (
  name                 TEXT PRIMARY KEY,
  display_name         TEXT NOT NULL DEFAULT '',
  role                 TEXT NOT NULL,
  region_code          TEXT NOT NULL,
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  disabled             INTEGER NOT NULL DEFAULT 0,
  version              INTEGER NOT NULL DEFAULT 1,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  updated_by           TEXT NOT NULL
);
CREATE INDEX users_region ON users(region_code);
