-- Recording retention: a recording deleted after the retention period keeps its row, state DELETED and when.
-- (Migration versions only grow: see docs/development.md.)

ALTER TABLE complaint ADD COLUMN recording_deleted_at timestamptz;
ALTER TABLE complaint ADD CONSTRAINT complaint_recording_deleted_check
    CHECK ((recording_state = 'DELETED') = (recording_deleted_at IS NOT NULL));

-- The retention job looks for recordings still on disk, oldest first.
CREATE INDEX complaint_recorded_idx ON complaint (created_at, id) WHERE recording_state = 'RECORDED';
