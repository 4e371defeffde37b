-- Failed logins are also counted per client address (the login delay).
CREATE INDEX login_failures_source ON login_failures(source, at);
