-- The exact text handed to the provider at the last attempt (a bundle of several alerts, or the message's own
-- body). A message whose attempt got no answer is looked up at the provider by this text before it is sent again.
ALTER TABLE sms_message ADD COLUMN attempt_body text;
