-- Login sessions and failed logins, in the database so that several app
-- servers share them (DESIGN.md §3.3). A session is found by the SHA-256 of
-- its token: the token itself is only in the user's cookie.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_name    TEXT NOT NULL REFERENCES users(name),
  csrf_token   TEXT NOT NULL,
  source       TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ended_at     TEXT
);
CREATE INDEX sessions_user ON sessions(user_name) WHERE ended_at IS NULL;

CREATE TABLE login_failures (
  user_name TEXT NOT NULL,
  at        TEXT NOT NULL,
  source    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX login_failures_user ON login_failures(user_name, at);
