-- The questionnaire versions themselves, loaded into the database at every start so that pages
-- and later assessments read them from one place. For a published version the content is written
-- once, with its hash; drafts are refreshed at each start.
ALTER TABLE questionnaire_versions ADD COLUMN status TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE questionnaire_versions ADD COLUMN title_es TEXT NOT NULL DEFAULT '';
ALTER TABLE questionnaire_versions ADD COLUMN title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE questionnaire_versions ADD COLUMN section_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE questionnaire_versions ADD COLUMN question_count INTEGER NOT NULL DEFAULT 0;
-- The validated questionnaire as JSON (the `assessments` crate's model).
ALTER TABLE questionnaire_versions ADD COLUMN content TEXT NOT NULL DEFAULT '';
