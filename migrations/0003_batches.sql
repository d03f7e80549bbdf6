-- Up Migration

-- Bulk actions on many contacts at once (mass edit, delete many). A batch is born when an
-- editor chooses its contacts: each chosen row is copied into batch_items as it was then
-- (`snapshot`, the row's mapped values by column), so that applying the batch can skip, and
-- report, a row someone changed since instead of overwriting it. Applying records each row's
-- outcome and the id of the trigger-log entry Connect's trigger wrote for it, which is how the
-- batch page follows every row to Salesforce.
CREATE TABLE contact_card.batches (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('edit', 'delete')),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Who chose the contacts: only they (and admins) see or apply the batch.
  user_id text NOT NULL,
  username text NOT NULL,
  user_name text NOT NULL,
  -- The list's query the contacts were chosen from (search, filters, sort), to go back to it.
  list_query text NOT NULL DEFAULT '',
  -- NULL until applied; then what was set (mass edit: [{field, label, to}]), once.
  applied_at timestamptz,
  changes jsonb
);
CREATE INDEX batches_user_id_created_at ON contact_card.batches (user_id, created_at);

CREATE TABLE contact_card.batch_items (
  batch_id uuid NOT NULL REFERENCES contact_card.batches (id) ON DELETE CASCADE,
  -- The row's place in the list's order when chosen.
  position integer NOT NULL,
  contact_row_id bigint NOT NULL,
  contact_key text NOT NULL,
  snapshot jsonb NOT NULL,
  -- NULL until applied: written, unchanged (already as asked), changed_meanwhile, gone.
  outcome text CHECK (outcome IN ('written', 'unchanged', 'changed_meanwhile', 'gone')),
  -- The trigger-log entry of this row's write (live log, later the archive, same id).
  trigger_log_id bigint,
  PRIMARY KEY (batch_id, position)
);

-- Every entry a bulk action writes names its batch, so the trail links to the batch page.
ALTER TABLE contact_card.audit_entries ADD COLUMN batch_id uuid;
CREATE INDEX audit_entries_batch_id_id ON contact_card.audit_entries (batch_id, id)
  WHERE batch_id IS NOT NULL;

-- Irreversible, like 0001: there is no down step.
