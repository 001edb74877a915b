-- Answers keyed in from a questionnaire filled in on paper are marked so, beside who keyed them
-- and when (updated_by, updated_at): a reader knows the screen is a copy of a paper form.
-- 0 or 1, as every flag here: sqlx's Any driver has no booleans.
ALTER TABLE answers ADD COLUMN from_paper BIGINT NOT NULL DEFAULT 0;

-- The language an assessment's questions are shown and printed in (a tag: es, en, hch…), chosen
-- by the company; '' follows each reader's interface language. A text without a translation
-- shows in Spanish, marked.
ALTER TABLE assessments ADD COLUMN content_language TEXT NOT NULL DEFAULT '';
