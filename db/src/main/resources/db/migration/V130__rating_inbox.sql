-- The answer pipeline (issue 16). A caller's rating answer is kept here by one committed INSERT on the caller's
-- time; the rating writer (scoring-core, vn.dancham.rating.internal.InboxWriter) later applies a batch of them in
-- one transaction (attribution, eligibility, aggregates) and deletes the batch's rows in that same transaction, so
-- an answer is either waiting here or applied in rating, never both and never neither.
-- No foreign keys on purpose: the inbox takes whatever the caller gave without a lookup on the caller's time; the
-- writer checks it, and sets aside an answer it cannot apply (failed_at, failure) instead of losing it.
CREATE TABLE rating_inbox (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id       bigint,
    dossier_id    bigint,
    office_id     bigint,
    question_code text        NOT NULL,
    value         smallint    NOT NULL CHECK (value BETWEEN 1 AND 5),
    caller_number text,
    given_at      timestamptz NOT NULL,
    channel       text        NOT NULL,
    answer_key    text,
    known_digits  text,
    received_at   timestamptz NOT NULL DEFAULT now(),
    failed_at     timestamptz,
    failure       text
);
-- One key, one waiting answer: a caller's answer written twice (a retry after a slow commit) is kept once.
CREATE UNIQUE INDEX rating_inbox_answer_key_uq ON rating_inbox (answer_key);
-- What the writer claims: the waiting answers in the order they were kept.
CREATE INDEX rating_inbox_waiting ON rating_inbox (id) WHERE failed_at IS NULL;
