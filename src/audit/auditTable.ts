/**
 * The audit trail, in the app's own schema, never in Connect's. Its definition (the indexes
 * that end in `id` for the audit page's filters, and the trigger that makes it append-only for
 * everyone but retention) is in migrations/0001_app_tables.sql; 0002_audit_object.sql adds the
 * `object` each entry is about.
 */
export const AUDIT_TABLE = 'contact_card.audit_entries';
