-- The public feedback page /gop-y (issue 18): what a citizen sent beside the complaint row it lands as (channel WEB),
-- the files they attached, the offensive-word list an administrator keeps, and the handlers' daily reminder.

-- Words and phrases whose presence holds a feedback for review. Matched without regard to case, on word
-- boundaries, and across accents unless both the text and the entry carry different accents ("các" is not "cặc").
CREATE TABLE offensive_word (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    word        text        NOT NULL CHECK (length(word) BETWEEN 1 AND 60),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX offensive_word_word_idx ON offensive_word (lower(word));
-- A starting list of common Vietnamese insults and their texting shorthands. Words whose unaccented form is an
-- everyday word (cặc/các, buồi/buổi, đĩ/đi, đụ/du) appear only inside phrases, so a text typed without accents is
-- not held for "cac giay to".
INSERT INTO offensive_word (word) VALUES
    ('địt'), ('đéo'), ('lồn'), ('vãi lồn'), ('đụ má'), ('đụ mẹ'), ('đĩ điếm'), ('con cặc'), ('đầu buồi'),
    ('đm'), ('đmm'), ('đcm'), ('vcl'), ('vkl'), ('clgt'), ('óc chó'), ('đồ chó'), ('chó chết'), ('chó đẻ'),
    ('súc vật'), ('mất dạy'), ('khốn nạn'), ('thằng ngu'), ('con ngu'), ('đồ ngu'), ('ngu như bò'), ('mẹ mày'),
    ('đồ ăn hại'), ('đồ điên'), ('thằng chó'), ('ăn cứt');

CREATE TABLE web_feedback (
    complaint_id bigint      PRIMARY KEY REFERENCES complaint (id) ON DELETE CASCADE,
    full_name    text        NOT NULL CHECK (length(full_name) BETWEEN 1 AND 100),
    -- National format, confirmed by a one-time code sent to it.
    phone        text        NOT NULL CHECK (phone ~ '^0[0-9]{9,10}$'),
    address      text        NOT NULL CHECK (length(address) BETWEEN 1 AND 300),
    email        text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    topic        text        NOT NULL CHECK (topic IN ('ATTITUDE', 'DELAY', 'MONEY', 'PROCEDURE', 'FACILITIES',
                                                     'SUGGESTION', 'OTHER')),
    officer_name text        CHECK (length(officer_name) <= 100),
    receipt_no   text        CHECK (length(receipt_no) <= 40),
    body         text        NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
    -- CLEAR: no listed word; HELD: listed words found (held_words), waiting for a handler; RELEASED: a handler read it.
    moderation   text        NOT NULL CHECK (moderation IN ('CLEAR', 'HELD', 'RELEASED')),
    held_words   text,
    -- SHA-256 of the sender's address: counts a client's feedback for the limits, does not say who they are.
    client       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    -- A handler has read it ("đã xem xét"); what the daily reminder counts until then.
    reviewed_at  timestamptz,
    reviewed_by  bigint REFERENCES app_user (id),
    CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL)),
    CHECK (moderation <> 'HELD' OR held_words IS NOT NULL)
);
CREATE INDEX web_feedback_phone_idx ON web_feedback (phone, created_at);
CREATE INDEX web_feedback_client_idx ON web_feedback (client, created_at);
CREATE INDEX web_feedback_unreviewed_idx ON web_feedback (created_at) WHERE reviewed_at IS NULL;

-- Files stored under dancham.feedback.attachments-directory by a random name; the type was read from the content.
CREATE TABLE feedback_attachment (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    complaint_id  bigint      NOT NULL REFERENCES web_feedback (complaint_id) ON DELETE CASCADE,
    original_name text        NOT NULL CHECK (length(original_name) BETWEEN 1 AND 200),
    media_type    text        NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    size_bytes    integer     NOT NULL CHECK (size_bytes > 0),
    stored_name   text        NOT NULL UNIQUE CHECK (stored_name ~ '^[0-9a-f]{32}$'),
    sha256        text        NOT NULL
);
CREATE INDEX feedback_attachment_complaint_idx ON feedback_attachment (complaint_id);

-- The daily reminder to complaint handlers: one row a day, shown at the top of the complaints inbox.
CREATE TABLE feedback_alert (
    day         date        PRIMARY KEY,
    waiting     integer     NOT NULL CHECK (waiting >= 0),
    held        integer     NOT NULL CHECK (held >= 0),
    oldest_at   timestamptz,
    created_at  timestamptz NOT NULL
);
