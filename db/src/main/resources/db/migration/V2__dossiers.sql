-- Procedures (thủ tục hành chính) by field (lĩnh vực), dossiers (hồ sơ) and the stages they pass through.

CREATE TABLE procedure_field (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code  text NOT NULL UNIQUE,
    name  text NOT NULL
);

CREATE TABLE procedure (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    field_id    bigint  NOT NULL REFERENCES procedure_field (id),
    code        text    NOT NULL UNIQUE,
    name        text    NOT NULL,
    -- Legal processing time in working days.
    legal_days  integer NOT NULL CHECK (legal_days BETWEEN 0 AND 365),
    active      boolean NOT NULL DEFAULT true
);
CREATE INDEX procedure_field_idx ON procedure (field_id);

CREATE TABLE dossier (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Digits only: it is what a caller types on the keypad.
    receipt_no            text        NOT NULL UNIQUE CHECK (receipt_no ~ '^[0-9]{4,20}$'),
    procedure_id          bigint      NOT NULL REFERENCES procedure (id),
    receiving_office_id   bigint      NOT NULL REFERENCES office (id),
    receiving_officer_id  bigint REFERENCES officer (id),
    applicant_name        text        NOT NULL,
    -- Normalised to national format (0xxxxxxxxx) so it can be compared with the caller number.
    applicant_phone       text CHECK (applicant_phone ~ '^0[0-9]{8,10}$'),
    received_at           timestamptz NOT NULL,
    due_at                timestamptz NOT NULL,
    returned_at           timestamptz,
    status                text        NOT NULL CHECK (status IN
                              ('RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'READY', 'RETURNED', 'WITHDRAWN')),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    CHECK (due_at >= received_at),
    CHECK (returned_at IS NULL OR returned_at >= received_at),
    CHECK ((status = 'RETURNED') = (returned_at IS NOT NULL))
);
CREATE INDEX dossier_office_received_idx ON dossier (receiving_office_id, received_at);
CREATE INDEX dossier_officer_received_idx ON dossier (receiving_officer_id, received_at);
CREATE INDEX dossier_procedure_idx ON dossier (procedure_id);
CREATE INDEX dossier_open_due_idx ON dossier (due_at) WHERE returned_at IS NULL;

CREATE TABLE dossier_stage (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dossier_id  bigint      NOT NULL REFERENCES dossier (id) ON DELETE CASCADE,
    seq         integer     NOT NULL CHECK (seq >= 1),
    office_id   bigint      NOT NULL REFERENCES office (id),
    officer_id  bigint REFERENCES officer (id),
    name        text        NOT NULL,
    started_at  timestamptz NOT NULL,
    due_at      timestamptz NOT NULL,
    finished_at timestamptz,
    UNIQUE (dossier_id, seq),
    CHECK (due_at >= started_at),
    CHECK (finished_at IS NULL OR finished_at >= started_at)
);
CREATE INDEX dossier_stage_officer_idx ON dossier_stage (officer_id, finished_at);
CREATE INDEX dossier_stage_office_idx ON dossier_stage (office_id, finished_at);
CREATE INDEX dossier_stage_open_idx ON dossier_stage (dossier_id) WHERE finished_at IS NULL;
