-- Up Migration

-- An import whose job ran out of retries (docs/import.md#what-the-worker-writes) is failed:
-- the worker writes no more of it, and its progress page says why, from `failure` (a short
-- message, never a stack). The rows written before it stopped stay written.
ALTER TABLE contact_card.imports DROP CONSTRAINT imports_state_check;
ALTER TABLE contact_card.imports
  ADD CONSTRAINT imports_state_check CHECK (state IN ('draft', 'queued', 'done', 'failed'));
ALTER TABLE contact_card.imports ADD COLUMN failure text;

-- Irreversible, like 0001: there is no down step.
