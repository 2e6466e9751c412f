-- One-time codes sent by SMS from the public pages (issue 18): they prove that whoever rates a dossier on the web
-- holds the applicant's phone (identity VERIFIED), or that a feedback sender's phone is theirs. Only a salted
-- SHA-256 of the code is kept here; rows are also what the per-phone and per-client limits count.
CREATE TABLE one_time_code (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purpose     text        NOT NULL CHECK (purpose IN ('RATING', 'FEEDBACK')),
    -- National format (0xxxxxxxxx): the number the code was sent to.
    phone       text        NOT NULL,
    -- What the code is for (e.g. the dossier rated): a code for one thing never confirms another.
    subject     text        NOT NULL,
    -- SHA-256 of the client's address: enough to count a client's requests, not to say who they are.
    client      text        NOT NULL,
    salt        text        NOT NULL,
    code_hash   text        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    tries       smallint    NOT NULL DEFAULT 0,
    used_at     timestamptz
);
CREATE INDEX one_time_code_phone_idx ON one_time_code (phone, created_at);
CREATE INDEX one_time_code_client_idx ON one_time_code (client, created_at);
