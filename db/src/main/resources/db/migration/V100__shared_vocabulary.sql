-- Vocabulary shared by the citizen SMS loop (issue 17) and the public and officer pages (issue 18). Both features
-- need new values in the same CHECK constraints; defining them once here keeps two later migrations from each
-- redefining a constraint without the other's values.

-- Answers given by SMS reply (issue 17) beside the hotline (PHONE), the public page (WEB) and imports.
ALTER TABLE rating DROP CONSTRAINT rating_channel_check;
ALTER TABLE rating ADD CONSTRAINT rating_channel_check CHECK (channel IN ('PHONE', 'WEB', 'IMPORT', 'SMS'));

-- Messages to citizens: the apology with a new date, the invitation to rate, a reply to a citizen's SMS (status,
-- correction, opt-out confirmation) and a one-time code for the public pages.
ALTER TABLE sms_message DROP CONSTRAINT sms_message_purpose_check;
ALTER TABLE sms_message ADD CONSTRAINT sms_message_purpose_check
    CHECK (purpose IN ('ALERT', 'DIGEST', 'WITHDRAWAL', 'APOLOGY', 'INVITATION', 'CITIZEN_REPLY', 'ONE_TIME_CODE'));

-- An officer who logs in to see their own score (issue 18).
ALTER TABLE user_role DROP CONSTRAINT user_role_role_check;
ALTER TABLE user_role ADD CONSTRAINT user_role_role_check
    CHECK (role IN ('ADMIN', 'HR', 'LEADER', 'COMPLAINT_HANDLER', 'OFFICE_HEAD', 'OFFICER'));

-- Where a complaint came from: the hotline, the public feedback page or an SMS.
ALTER TABLE complaint ADD COLUMN channel text NOT NULL DEFAULT 'PHONE' CHECK (channel IN ('PHONE', 'WEB', 'SMS'));
