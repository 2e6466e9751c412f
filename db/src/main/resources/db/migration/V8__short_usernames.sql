-- Two-letter logins such as "hr" are common; V1 asked for at least three characters.
ALTER TABLE app_user DROP CONSTRAINT app_user_username_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_username_check CHECK (username ~ '^[a-z0-9._-]{2,64}$');
