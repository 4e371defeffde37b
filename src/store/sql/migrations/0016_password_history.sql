-- The hashes of a user's previous passwords (a JSON array, newest first, at
-- most four: with the current one, the last five), so that a change cannot
-- go back to any of them (service/user_service.h).
ALTER TABLE users ADD COLUMN previous_password_hashes TEXT NOT NULL DEFAULT '[]';
