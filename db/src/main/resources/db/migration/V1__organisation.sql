-- Organisation: administrative units, offices, officers, web users.
-- Conventions: bigint identity keys, timestamptz for instants, text with CHECKs for enumerations (readable in
-- psql and in jOOQ without PostgreSQL enum types, which make migrations painful).

CREATE TABLE admin_unit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id   bigint REFERENCES admin_unit (id),
    level       text   NOT NULL CHECK (level IN ('PROVINCE', 'DISTRICT', 'COMMUNE')),
    code        text   NOT NULL UNIQUE,
    name        text   NOT NULL,
    CHECK ((level = 'PROVINCE') = (parent_id IS NULL))
);
CREATE INDEX admin_unit_parent_idx ON admin_unit (parent_id);

CREATE TABLE office (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit_id     bigint  NOT NULL REFERENCES admin_unit (id),
    code        text    NOT NULL UNIQUE,
    -- Short numeric code a caller types to choose the office when rating without a receipt number.
    dial_code   text    NOT NULL UNIQUE CHECK (dial_code ~ '^[0-9]{1,6}$'),
    name        text    NOT NULL,
    kind        text    NOT NULL CHECK (kind IN ('ONE_STOP', 'DEPARTMENT', 'COMMUNE')),
    active      boolean NOT NULL DEFAULT true
);
CREATE INDEX office_unit_idx ON office (unit_id);

CREATE TABLE officer (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    office_id   bigint  NOT NULL REFERENCES office (id),
    code        text    NOT NULL UNIQUE,
    full_name   text    NOT NULL,
    position    text    NOT NULL,
    phone       text,
    active      boolean NOT NULL DEFAULT true
);
CREATE INDEX officer_office_idx ON officer (office_id);

CREATE TABLE app_user (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username        text        NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
    password_hash   text        NOT NULL,
    display_name    text        NOT NULL,
    phone           text,
    -- An office head sees only their own office's data.
    office_id       bigint REFERENCES office (id),
    enabled         boolean     NOT NULL DEFAULT true,
    failed_logins   integer     NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until    timestamptz,
    locale          text        NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_login_at   timestamptz
);

CREATE TABLE user_role (
    user_id  bigint NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role     text   NOT NULL CHECK (role IN ('ADMIN', 'HR', 'LEADER', 'COMPLAINT_HANDLER', 'OFFICE_HEAD')),
    PRIMARY KEY (user_id, role)
);
