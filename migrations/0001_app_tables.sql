-- Up Migration

-- The app's own tables, in its own schema: Heroku Connect owns `salesforce` and refuses to run
-- if that schema holds anything it did not make.
--
-- Releases before migrations created these same tables lazily, on first use. Every statement
-- here is the definition they used (IF NOT EXISTS, CREATE OR REPLACE, the same index names), so
-- on such a database this migration keeps the tables and their rows and only records itself.
-- Later migrations change these tables with plain DDL.

CREATE SCHEMA IF NOT EXISTS contact_card;

-- The audit trail. `id` orders the entries (keyset paging walks it newest first); each filter of
-- the audit page has an index that ends in `id`, so a filtered page is one index range however
-- many entries there are. A user and an action together get their own: each alone may match
-- half a million entries that share few.
CREATE TABLE IF NOT EXISTS contact_card.audit_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL,
  user_id text NOT NULL,
  username text NOT NULL,
  user_name text NOT NULL,
  contact_key text,
  contact_row_id bigint,
  sfid text,
  external_id text,
  changes jsonb NOT NULL DEFAULT '[]'::jsonb,
  detail text,
  request_id text
);
CREATE INDEX IF NOT EXISTS audit_entries_at ON contact_card.audit_entries (at);
CREATE INDEX IF NOT EXISTS audit_entries_user_id_id ON contact_card.audit_entries (user_id, id);
CREATE INDEX IF NOT EXISTS audit_entries_username_id ON contact_card.audit_entries (username, id);
CREATE INDEX IF NOT EXISTS audit_entries_user_id_action_id
  ON contact_card.audit_entries (user_id, action, id);
CREATE INDEX IF NOT EXISTS audit_entries_username_action_id
  ON contact_card.audit_entries (username, action, id);
CREATE INDEX IF NOT EXISTS audit_entries_action_id ON contact_card.audit_entries (action, id);
CREATE INDEX IF NOT EXISTS audit_entries_contact_key_id
  ON contact_card.audit_entries (contact_key, id);
CREATE INDEX IF NOT EXISTS audit_entries_sfid_id ON contact_card.audit_entries (sfid, id);
CREATE INDEX IF NOT EXISTS audit_entries_external_id_id
  ON contact_card.audit_entries (external_id, id);

-- History is not rewritten: the trail is append-only for everyone but retention, which may
-- delete entries older than a day.
CREATE OR REPLACE FUNCTION contact_card.audit_entries_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.at < now() - interval '1 day' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE OR REPLACE TRIGGER audit_entries_append_only
  BEFORE UPDATE OR DELETE ON contact_card.audit_entries
  FOR EACH ROW EXECUTE FUNCTION contact_card.audit_entries_append_only();
CREATE OR REPLACE TRIGGER audit_entries_no_truncate
  BEFORE TRUNCATE ON contact_card.audit_entries
  FOR EACH STATEMENT EXECUTE FUNCTION contact_card.audit_entries_append_only();

-- Signed-out sessions, kept until they would have expired anyway, and users signed out
-- everywhere: sessions are signed cookies, so signing out is written where every dyno sees it.
CREATE TABLE IF NOT EXISTS contact_card.revoked_sessions (
  sid text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE TABLE IF NOT EXISTS contact_card.user_signouts (
  user_id text PRIMARY KEY,
  signed_out_at timestamptz NOT NULL
);

-- One row per New contact form posted, so a form creates at most one contact.
CREATE TABLE IF NOT EXISTS contact_card.contact_submissions (
  sid text NOT NULL,
  token text NOT NULL,
  expires_at timestamptz NOT NULL,
  external_id text NOT NULL,
  PRIMARY KEY (sid, token)
);
CREATE INDEX IF NOT EXISTS contact_submissions_expires_at
  ON contact_card.contact_submissions (expires_at);

-- express-rate-limit's counters, shared by every worker and dyno.
CREATE TABLE IF NOT EXISTS contact_card.rate_limit_hits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  reset_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS rate_limit_hits_reset_at ON contact_card.rate_limit_hits (reset_at);

-- Irreversible, so there is no down step: undoing it would drop the audit trail.
