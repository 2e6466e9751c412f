-- Test calls (the web's test-call page, marked at the FastAGI level: docs/ivr.md "Test calls").
--
-- A test call is logged like any call, so a tester can follow it, but it is never a figure: call statistics
-- ("calls today", outcomes) leave it out. What a test caller leaves is kept apart too: ratings are stored with status
-- TEST (V60), complaints, harassment reports and leader messages with test = true, which keeps them out of the
-- complaint inbox and opens no incident and sends no SMS.
ALTER TABLE hotline_call ADD COLUMN test boolean NOT NULL DEFAULT false;
ALTER TABLE complaint ADD COLUMN test boolean NOT NULL DEFAULT false;
