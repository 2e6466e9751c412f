-- Monthly roll-ups of the per-day aggregates, maintained in the same transaction: a 365-day or calendar-year
-- score reads twelve monthly rows per subject instead of up to 365 daily ones (the partial months at the edges of
-- a rolling window still come from the daily rows). Same columns as the daily tables, keyed by the month's first day.

CREATE TABLE rating_monthly (
    subject_type  text    NOT NULL CHECK (subject_type IN ('OFFICER', 'OFFICE', 'UNIT', 'FIELD')),
    subject_id    bigint  NOT NULL,
    month         date    NOT NULL CHECK (extract(day FROM month) = 1),
    criterion     text    NOT NULL CHECK (criterion IN ('ATTITUDE', 'TIMELINESS', 'OVERALL')),
    identity      text    NOT NULL CHECK (identity IN ('VERIFIED', 'UNVERIFIED', 'WITHHELD')),
    n1            integer NOT NULL DEFAULT 0 CHECK (n1 >= 0),
    n2            integer NOT NULL DEFAULT 0 CHECK (n2 >= 0),
    n3            integer NOT NULL DEFAULT 0 CHECK (n3 >= 0),
    n4            integer NOT NULL DEFAULT 0 CHECK (n4 >= 0),
    n5            integer NOT NULL DEFAULT 0 CHECK (n5 >= 0),
    PRIMARY KEY (subject_type, subject_id, month, criterion, identity)
);

CREATE TABLE stage_monthly (
    subject_type  text    NOT NULL CHECK (subject_type IN ('OFFICER', 'OFFICE', 'UNIT', 'FIELD')),
    subject_id    bigint  NOT NULL,
    month         date    NOT NULL CHECK (extract(day FROM month) = 1),
    finished      integer NOT NULL DEFAULT 0 CHECK (finished >= 0),
    late          integer NOT NULL DEFAULT 0 CHECK (late >= 0),
    held_seconds  bigint  NOT NULL DEFAULT 0 CHECK (held_seconds >= 0),
    late_seconds  bigint  NOT NULL DEFAULT 0 CHECK (late_seconds >= 0),
    PRIMARY KEY (subject_type, subject_id, month)
);
