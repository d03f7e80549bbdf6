-- Up Migration

-- CSV imports of contacts (docs/import.md). The upload is kept here, not on disk: a dyno's disk
-- is its own and temporary, and the worker that writes the rows runs on another dyno.
CREATE TABLE contact_card.imports (
  id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Who uploaded it: only they (and admins) see it, and they are the audit trail's author.
  user_id text NOT NULL,
  username text NOT NULL,
  user_name text NOT NULL,
  -- The Salesforce user the new contacts are owned by, where OwnerId is mapped.
  owner_id text,
  file_name text NOT NULL,
  -- How the bytes were read: UTF-8, or Windows-1252 for a file that is not UTF-8.
  encoding text NOT NULL,
  header text[] NOT NULL,
  -- Per column, the contact field it fills ('' for none): the header's match, then corrections.
  columns text[] NOT NULL,
  row_count integer NOT NULL,
  -- draft (previewed) → queued (confirmed, a job is on the queue) → done.
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'queued', 'done')),
  -- Set at confirmation: the batch that follows the written rows to Salesforce, and the
  -- confirming user's owner scope (CONTACT_VISIBILITY=owner: their Salesforce user id), by
  -- which the worker decides which contacts a row may update.
  batch_id uuid,
  owner_scope text,
  -- The worker has decided every row (import_rows.plan), before writing any.
  planned boolean NOT NULL DEFAULT false,
  -- Every row up to this number has its outcome: the worker resumes after it.
  done_through integer NOT NULL DEFAULT 0,
  finished_at timestamptz
);
CREATE INDEX imports_user_id_created_at ON contact_card.imports (user_id, created_at);

CREATE TABLE contact_card.import_rows (
  import_id uuid NOT NULL REFERENCES contact_card.imports (id) ON DELETE CASCADE,
  -- 1 for the first row after the header.
  row_number integer NOT NULL,
  -- Where it starts in the file, for messages and the invalid-rows download.
  line integer NOT NULL,
  cells text[] NOT NULL,
  -- Decided by the worker, once, before it writes: create, update, invalid or duplicate (never
  -- written), and why.
  plan text CHECK (plan IN ('create', 'update', 'invalid', 'duplicate')),
  reason text,
  -- update: the contact's row; create/update: the values to write and the account by name.
  target_row_id bigint,
  "values" jsonb,
  account_name text,
  -- What the worker did: created, updated, unchanged (already so: nothing written, as Connect
  -- would leave an UPDATE that changes nothing PENDING for good), gone (deleted meanwhile),
  -- failed (the database refused the row; `reason` says why).
  outcome text CHECK (outcome IN ('created', 'updated', 'unchanged', 'gone', 'failed')),
  contact_row_id bigint,
  PRIMARY KEY (import_id, row_number)
);

-- An import's written rows are a batch, so the batch page follows each to Salesforce.
ALTER TABLE contact_card.batches DROP CONSTRAINT batches_kind_check;
ALTER TABLE contact_card.batches
  ADD CONSTRAINT batches_kind_check CHECK (kind IN ('edit', 'delete', 'import'));

-- Irreversible, like 0001: there is no down step.
