-- The papers a campaign's region asks to see before a renovation is
-- accepted (DOMAIN.md §11): by default a photo of the finished house and
-- the signed acceptance form. A JSON array of RenovationPaper keys.
ALTER TABLE campaigns ADD COLUMN acceptance_papers TEXT NOT NULL DEFAULT '["acceptance_photo","acceptance"]';
