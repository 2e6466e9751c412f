-- Rating eligibility (docs/scoring.md "Threat model and eligibility rules").
--
-- KNOWN: a caller whose number is not the applicant's, who typed the last digits of the applicant's phone when the
-- hotline asked (the knowledge check): more than a receipt number, less than the applicant's own line.
ALTER TABLE rating DROP CONSTRAINT rating_identity_check;
ALTER TABLE rating ADD CONSTRAINT rating_identity_check
    CHECK (identity IN ('VERIFIED', 'KNOWN', 'UNVERIFIED', 'WITHHELD'));
ALTER TABLE rating_daily DROP CONSTRAINT rating_daily_identity_check;
ALTER TABLE rating_daily ADD CONSTRAINT rating_daily_identity_check
    CHECK (identity IN ('VERIFIED', 'KNOWN', 'UNVERIFIED', 'WITHHELD'));
ALTER TABLE rating_monthly DROP CONSTRAINT rating_monthly_identity_check;
ALTER TABLE rating_monthly ADD CONSTRAINT rating_monthly_identity_check
    CHECK (identity IN ('VERIFIED', 'KNOWN', 'UNVERIFIED', 'WITHHELD'));

-- TEST: given in a test call from the web's test-call page; kept for the tester to see, never counted, never
-- replacing a real answer.
ALTER TABLE rating DROP CONSTRAINT rating_status_check;
ALTER TABLE rating ADD CONSTRAINT rating_status_check
    CHECK (status IN ('COUNTED', 'SUPERSEDED', 'FLAGGED', 'REJECTED', 'TEST'));

-- What a held answer was grouped with when a rule held it (the evidence HR reviews), and the rule's own words.
ALTER TABLE rating ADD COLUMN flag_evidence bigint[];
ALTER TABLE rating ADD COLUMN flag_detail text;

-- An HR "valid" decision sticks for that caller number and dossier: a later re-rating by the same caller about the
-- same dossier is not held again by the pattern rules (the daily and per-dossier limits still apply).
CREATE TABLE rating_clearance (
    caller_number text        NOT NULL,
    dossier_id    bigint      NOT NULL REFERENCES dossier (id),
    rating_id     bigint      NOT NULL REFERENCES rating (id),
    cleared_by    bigint REFERENCES app_user (id),
    cleared_at    timestamptz NOT NULL,
    PRIMARY KEY (caller_number, dossier_id)
);

-- The eligibility rules read a dossier's answers and an officer's recent answers on every rating.
CREATE INDEX rating_dossier_given_idx ON rating (dossier_id, given_at) WHERE dossier_id IS NOT NULL;
CREATE INDEX rating_target_officer_rating_idx ON rating_target (officer_id, rating_id) WHERE officer_id IS NOT NULL;
