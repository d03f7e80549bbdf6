-- Up Migration

-- Which Salesforce object an entry is about, now that accounts are created and edited too.
-- Every earlier entry is about a contact (or about no record at all: a sign-in keeps the
-- default and its record columns stay NULL). A constant default is stored in the catalog, so
-- adding the column rewrites no row and fires no trigger of the append-only trail.
ALTER TABLE contact_card.audit_entries
  ADD COLUMN object text NOT NULL DEFAULT 'contact' CHECK (object IN ('contact', 'account'));

-- Irreversible, like 0001: there is no down step.
