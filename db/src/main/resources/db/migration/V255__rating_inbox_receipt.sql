-- An answer the hotline kept during a database outage names its dossier by the receipt number the caller typed,
-- looked up when the answer is replayed. When the register does not know it then (nor after the replay's retries),
-- the answer is kept aside here for HR (issue 16), with the number as typed, and looked up again each time HR sends
-- the answer again: it used to be written only to the node's rejected.log, which no one but an operator could read.
ALTER TABLE rating_inbox ADD COLUMN receipt_no text;
