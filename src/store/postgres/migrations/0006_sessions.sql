-- Login sessions and failed logins, the PostgreSQL dialect of
-- sqlite/migrations/0006: in the database so that several app servers share
-- them. A session is found by the SHA-256 of its token.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_name    text NOT NULL REFERENCES users(name),
  csrf_token   text NOT NULL,
  source       text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  ended_at     timestamptz
);
CREATE INDEX sessions_user ON sessions(user_name) WHERE ended_at IS NULL;

CREATE TABLE login_failures (
  user_name text NOT NULL,
  at        timestamptz NOT NULL,
  source    text NOT NULL DEFAULT ''
);
CREATE INDEX login_failures_user ON login_failures(user_name, at);
