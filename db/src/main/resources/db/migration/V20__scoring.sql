-- Scoring core: the default rating questions, who a rating is attributed to, and the incremental per-day
-- aggregates that score pages read instead of raw ratings. The aggregates are integer counts only (no floats):
-- weights, decay and intervals are applied when a score is computed, so changing a weight needs no recomputation.

INSERT INTO rating_question (code, criterion, seq, prompt_vi, prompt_en) VALUES
    ('ATTITUDE', 'ATTITUDE', 1,
     'Xin quý vị chấm điểm thái độ phục vụ của cán bộ tiếp nhận hồ sơ: bấm 1 là rất không hài lòng, đến 5 là rất hài lòng.',
     'Please rate the attitude of the officer who received your dossier: press 1 for very dissatisfied up to 5 for very satisfied.'),
    ('TIMELINESS', 'TIMELINESS', 2,
     'Xin quý vị chấm điểm thời gian giải quyết hồ sơ: bấm 1 là rất không hài lòng, đến 5 là rất hài lòng.',
     'Please rate how quickly your dossier was handled: press 1 for very dissatisfied up to 5 for very satisfied.'),
    ('OVERALL', 'OVERALL', 3,
     'Xin quý vị chấm điểm mức độ hài lòng chung với cơ quan: bấm 1 là rất không hài lòng, đến 5 là rất hài lòng.',
     'Please rate your overall satisfaction with the office: press 1 for very dissatisfied up to 5 for very satisfied.');

-- Whom one rating is attributed to, decided when it is recorded (see docs/scoring.md "Attribution"). A timeliness
-- rating may name several late stages; each of their officers answers for it once.
CREATE TABLE rating_target (
    rating_id   bigint   NOT NULL REFERENCES rating (id) ON DELETE CASCADE,
    seq         smallint NOT NULL CHECK (seq >= 1),
    office_id   bigint   NOT NULL REFERENCES office (id),
    officer_id  bigint REFERENCES officer (id),
    stage_id    bigint REFERENCES dossier_stage (id) ON DELETE SET NULL,
    reason      text     NOT NULL CHECK (reason IN
                    ('RECEIVING_OFFICER', 'LATE_STAGE', 'HANDLING_STAGE', 'OFFICE')),
    PRIMARY KEY (rating_id, seq)
);
CREATE INDEX rating_target_officer_idx ON rating_target (officer_id) WHERE officer_id IS NOT NULL;
CREATE INDEX rating_target_office_idx ON rating_target (office_id);

-- Counted ratings per subject, local day (Asia/Ho_Chi_Minh by default), criterion and caller identity, as counts
-- per value 1..5. Subjects: OFFICER, OFFICE, UNIT (every administrative unit above the office: commune, district,
-- province) and FIELD (field of procedures). A rating counts at most once per subject.
CREATE TABLE rating_daily (
    subject_type  text    NOT NULL CHECK (subject_type IN ('OFFICER', 'OFFICE', 'UNIT', 'FIELD')),
    subject_id    bigint  NOT NULL,
    day           date    NOT NULL,
    criterion     text    NOT NULL CHECK (criterion IN ('ATTITUDE', 'TIMELINESS', 'OVERALL')),
    identity      text    NOT NULL CHECK (identity IN ('VERIFIED', 'UNVERIFIED', 'WITHHELD')),
    n1            integer NOT NULL DEFAULT 0 CHECK (n1 >= 0),
    n2            integer NOT NULL DEFAULT 0 CHECK (n2 >= 0),
    n3            integer NOT NULL DEFAULT 0 CHECK (n3 >= 0),
    n4            integer NOT NULL DEFAULT 0 CHECK (n4 >= 0),
    n5            integer NOT NULL DEFAULT 0 CHECK (n5 >= 0),
    PRIMARY KEY (subject_type, subject_id, day, criterion, identity)
);

-- Finished dossier stages per subject and local day of finishing: how many, how many past their stage due, and
-- the seconds held and overrun (integers, exact).
CREATE TABLE stage_daily (
    subject_type  text    NOT NULL CHECK (subject_type IN ('OFFICER', 'OFFICE', 'UNIT', 'FIELD')),
    subject_id    bigint  NOT NULL,
    day           date    NOT NULL,
    finished      integer NOT NULL DEFAULT 0 CHECK (finished >= 0),
    late          integer NOT NULL DEFAULT 0 CHECK (late >= 0),
    held_seconds  bigint  NOT NULL DEFAULT 0 CHECK (held_seconds >= 0),
    late_seconds  bigint  NOT NULL DEFAULT 0 CHECK (late_seconds >= 0),
    PRIMARY KEY (subject_type, subject_id, day)
);

-- Nightly snapshots of scores per week and month, for trend charts.
CREATE TABLE score_snapshot (
    subject_type      text         NOT NULL CHECK (subject_type IN ('OFFICER', 'OFFICE', 'UNIT', 'FIELD')),
    subject_id        bigint       NOT NULL,
    period_kind       text         NOT NULL CHECK (period_kind IN ('WEEK', 'MONTH')),
    period_start      date         NOT NULL,
    ratings           integer      NOT NULL,
    satisfaction      numeric(5, 2),
    satisfaction_low  numeric(5, 2),
    satisfaction_high numeric(5, 2),
    satisfied_share   numeric(5, 4),
    stages_finished   integer      NOT NULL,
    on_time_rate      numeric(5, 4),
    complaints        integer      NOT NULL,
    harassment        integer      NOT NULL,
    composite         numeric(5, 2),
    computed_at       timestamptz  NOT NULL,
    PRIMARY KEY (subject_type, subject_id, period_kind, period_start)
);

-- Score concerns already raised, so the nightly check raises each one once per period.
CREATE TABLE score_concern (
    kind          text        NOT NULL CHECK (kind IN ('LOW_SCORE', 'SCORE_DROP')),
    subject_type  text        NOT NULL CHECK (subject_type IN ('OFFICER', 'OFFICE', 'UNIT', 'FIELD')),
    subject_id    bigint      NOT NULL,
    period        text        NOT NULL,
    score         numeric(5, 2),
    raised_at     timestamptz NOT NULL,
    PRIMARY KEY (kind, subject_type, subject_id, period)
);

-- Every administrative unit an office belongs to (its own unit and each unit above it, up to four levels): a
-- rating or stage counts once for each of them. A plain view so a filter on office_id reaches the joins.
CREATE VIEW office_unit AS
SELECT o.id AS office_id, x.unit_id
FROM office o
         JOIN admin_unit u1 ON u1.id = o.unit_id
         LEFT JOIN admin_unit u2 ON u2.id = u1.parent_id
         LEFT JOIN admin_unit u3 ON u3.id = u2.parent_id
         CROSS JOIN LATERAL (VALUES (u1.id), (u2.id), (u3.id), (u3.parent_id)) AS x (unit_id)
WHERE x.unit_id IS NOT NULL;
