-- Every answer a caller gives on the hotline (a rating, a complaint, a harassment report, a message for the
-- leader) carries a key the IVR makes when the caller gives it. The same key comes back when the answer is replayed
-- from the IVR's local journal after a database outage, or replayed twice after a crash of the replayer: one key,
-- one row. Older rows and other channels have no key (NULLs are distinct in a unique index).
ALTER TABLE rating ADD COLUMN answer_key text;
CREATE UNIQUE INDEX rating_answer_key_uq ON rating (answer_key);

ALTER TABLE complaint ADD COLUMN answer_key text;
CREATE UNIQUE INDEX complaint_answer_key_uq ON complaint (answer_key);
