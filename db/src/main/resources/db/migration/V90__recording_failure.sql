-- Why a hotline recording failed (issue 13), so that the handler's page says "the line could not record" only when
-- that is what happened: WRITE_FILE = Asterisk could not create the file (the recordings directory's permissions,
-- or a full disk: Asterisk's "200 result=-1 (writefile)"); LINE = the line failed while recording began.
-- NULL for rows from before, from the journal, and for every recording that did not fail.
ALTER TABLE complaint ADD COLUMN recording_failure text
    CHECK (recording_failure IN ('WRITE_FILE', 'LINE'));
ALTER TABLE complaint ADD CONSTRAINT complaint_recording_failure_only_when_failed
    CHECK (recording_failure IS NULL OR recording_state IN ('FAILED', 'DELETED'));
