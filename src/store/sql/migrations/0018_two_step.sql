-- Two-step sign-in (TOTP, service/two_step.h): a user's shared secret,
-- sealed with the server's key ('' = none), and the time step of the last
-- code taken (0 = none yet: set up but not confirmed). A code is taken once.
ALTER TABLE users ADD COLUMN two_step_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN two_step_step BIGINT NOT NULL DEFAULT 0;
