-- The reference date of an assessment: the end of the season or period it assesses. Legal values
-- that change with time (minimum wages, the maximum working week) are read on it. Assessments
-- started before it existed have none: they read on the day they were started.
ALTER TABLE assessments ADD COLUMN reference_date TEXT;
