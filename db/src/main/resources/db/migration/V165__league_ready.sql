-- League tables kept ready (issue 16): a league page is one indexed read of league_ready joined to its league_row
-- entries, instead of a dozen statements over the aggregates at every view. The figures are the scoring core's own
-- calculation (shrinkage, intervals, stage-blamed lateness, held answers), computed by the rating writer after a
-- batch, by the periodic refresh and nightly, or by the first page that finds the table missing or stale.
CREATE TABLE league_ready (
    id                  bigserial PRIMARY KEY,
    table_kind          text        NOT NULL,
    parent_id           bigint      NOT NULL,              -- 0 for FIELDS (no parent)
    officer_kind        text        NOT NULL DEFAULT '',   -- '' for every officer
    period_kind         text        NOT NULL,
    period_from         date        NOT NULL,
    period_to           date        NOT NULL,
    mean_satisfaction   numeric,
    mean_on_time        numeric,
    -- Fingerprint of the scoring settings the figures were computed with: a change of settings on any node makes
    -- every table stale without marking it.
    settings            text        NOT NULL DEFAULT '',
    computed_at         timestamptz,                       -- null: never computed yet
    -- A change that may move the figures (ratings applied, stages changed, a verdict) sets stale and bumps
    -- generation; a refresh stores its result as fresh only when generation did not move while it computed.
    stale               boolean     NOT NULL DEFAULT true,
    generation          bigint      NOT NULL DEFAULT 0,
    read_at             timestamptz,
    CONSTRAINT league_ready_key UNIQUE (table_kind, parent_id, officer_kind, period_kind, period_from, period_to)
);

-- Marking by office: tables about an office's officers, about the units holding the office and their parents.
CREATE INDEX league_ready_parent_idx ON league_ready (parent_id);

CREATE TABLE league_row (
    ready_id            bigint      NOT NULL REFERENCES league_ready (id) ON DELETE CASCADE,
    position            int         NOT NULL,              -- 1.. in the table's order (ranked, not enough, unrated)
    subject_id          bigint      NOT NULL,
    rank                int         NOT NULL,              -- 0 when not ranked
    standing            text        NOT NULL,
    ratings             int         NOT NULL,              -- sample size behind the satisfaction figure
    shrunk_composite    numeric,
    entry               jsonb       NOT NULL,              -- the whole entry: every figure with its interval
    PRIMARY KEY (ready_id, position)
);
