-- Login throttling instead of a hard lock (issue 15). A hard lock after N wrong passwords let anyone keep `admin`
-- out by typing five passwords every quarter hour, and only existing usernames locked, so it told strangers which
-- names exist. Wrong passwords are now counted per client address and per typed username (existing or not), and
-- each count above the free tries makes the next try wait longer; nothing ever locks.
CREATE TABLE login_throttle (
    kind             text        NOT NULL CHECK (kind IN ('CLIENT', 'ACCOUNT')),
    key              text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    failures         integer     NOT NULL CHECK (failures >= 0),
    last_failure_at  timestamptz NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX login_throttle_last_failure_idx ON login_throttle (last_failure_at);

-- Browsers that have signed in as a user ("device cookies"): they skip that account's slow-down, so a stranger
-- hammering an account never keeps its owner out on a browser the owner has used before. Only a SHA-256 is kept.
CREATE TABLE login_device (
    token_sha256  text        PRIMARY KEY,
    username      text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_device_username_idx ON login_device (username);

-- Locks set by the old rule would otherwise outlive it by up to 15 minutes.
UPDATE app_user SET locked_until = NULL, failed_logins = 0 WHERE locked_until IS NOT NULL OR failed_logins > 0;
