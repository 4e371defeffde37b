-- Users and their role and region (DOMAIN.md §8), the PostgreSQL dialect of
-- sqlite/migrations/0004. Passwords are argon2id hashes in PHC string form; a
-- user is disabled, never deleted.
CREATE TABLE users (
  name                 text PRIMARY KEY,
  display_name         text NOT NULL DEFAULT '',
  role                 text NOT NULL,
  region_code          text NOT NULL,
  password_hash        text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  disabled             boolean NOT NULL DEFAULT false,
  version              bigint NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  updated_by           text NOT NULL
);
CREATE INDEX users_region ON users(region_code);
