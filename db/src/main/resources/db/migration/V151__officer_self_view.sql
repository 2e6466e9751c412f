-- The officer's own page (issue 18): a web user with role OFFICER is linked to the one officer whose scores they
-- see, and asks HR to review an answer or a complaint behind them ("đề nghị xem xét").
ALTER TABLE app_user ADD COLUMN officer_id bigint REFERENCES officer (id);

CREATE TABLE review_request (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    officer_id    bigint      NOT NULL REFERENCES officer (id),
    rating_id     bigint REFERENCES rating (id),
    complaint_id  bigint REFERENCES complaint (id),
    reason        text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    asked_by      text        NOT NULL,
    asked_at      timestamptz NOT NULL,
    status        text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ACCEPTED', 'REJECTED')),
    decided_by    text,
    decided_at    timestamptz,
    decision_note text,
    CHECK ((rating_id IS NULL) <> (complaint_id IS NULL)),
    CHECK ((status = 'OPEN') = (decided_at IS NULL))
);
-- One open request per item and officer: asking twice while HR has not answered adds nothing.
CREATE UNIQUE INDEX review_request_open_rating_idx ON review_request (officer_id, rating_id)
    WHERE status = 'OPEN' AND rating_id IS NOT NULL;
CREATE UNIQUE INDEX review_request_open_complaint_idx ON review_request (officer_id, complaint_id)
    WHERE status = 'OPEN' AND complaint_id IS NOT NULL;
CREATE INDEX review_request_officer_idx ON review_request (officer_id, asked_at);
CREATE INDEX review_request_open_idx ON review_request (asked_at) WHERE status = 'OPEN';
