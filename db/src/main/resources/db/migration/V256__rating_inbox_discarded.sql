-- HR closes an answer set aside that can never count (a receipt number typed wrong during an outage, a question
-- retired for good): it stays here, with who closed it and when, and leaves the list and the set-aside count
-- (issue 16). It is never claimed (failed_at stays set) and cannot be sent again.
ALTER TABLE rating_inbox ADD COLUMN discarded_at timestamptz, ADD COLUMN discarded_by text;
ALTER TABLE rating_inbox ADD CONSTRAINT rating_inbox_discarded_was_set_aside
    CHECK (discarded_at IS NULL OR failed_at IS NOT NULL);
