-- A dossier's answers as the eligibility rules read them (issue 16): its COUNTED answers (the per-dossier limits) and
-- the batch's own callers' live answers (the answers a new one supersedes). rating_dossier_given_idx held every answer
-- ever given about a dossier, so the writer's read of a batch's dossiers fetched them all, held and superseded ones
-- included: a crowd of numbers typing one receipt number (every answer after the first few held) made each later batch
-- with an answer about that dossier read the whole crowd again (BoundedFactsIT: 6,000 ratings fetched for a batch of
-- two answers after a crowd of 3,000; 0 now). This index holds only what counts; the callers' own answers are found
-- through rating_dossier_idx (dossier_id, question_id, caller_number).
CREATE INDEX rating_dossier_counted_idx ON rating (dossier_id) WHERE status = 'COUNTED';
DROP INDEX rating_dossier_given_idx;
