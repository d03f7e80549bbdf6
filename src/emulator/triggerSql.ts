import { contactTable } from '../connect/contactTable';
import { syncStateSql } from '../connect/syncState';
import { triggerLogStateSql, triggerLogTable } from '../connect/triggerLog';
import { qualified } from '../db/identifiers';
import { CONNECT_WRITER_SETTING } from '../dev/connectWrites';
import { SYSTEM_COLUMNS_SQL } from './salesforceColumns';

const CONNECT_IS_WRITING = `current_setting('${CONNECT_WRITER_SETTING}', true) IS NOT DISTINCT FROM 'on'`;

/** The live log and its archive, with the columns Connect documents. The archive keeps live ids. */
export function triggerLogTablesSql(schema: string): string[] {
  const columns = `
    txid bigint,
    created_at timestamptz DEFAULT now(),
    updated_at timestamptz DEFAULT now(),
    processed_at timestamptz,
    processed_tx bigint,
    state varchar(8) NOT NULL,
    action varchar(7) NOT NULL,
    table_name varchar(128) NOT NULL,
    record_id integer NOT NULL,
    sfid varchar(18),
    "values" text,
    old text,
    sf_result integer,
    sf_message text`;
  const live = triggerLogTable(schema, 'live');
  const archive = triggerLogTable(schema, 'archive');
  return [
    `CREATE TABLE IF NOT EXISTS ${live} (id serial PRIMARY KEY, ${columns})`,
    `CREATE TABLE IF NOT EXISTS ${archive} (id integer PRIMARY KEY, ${columns})`,
    `CREATE INDEX IF NOT EXISTS _trigger_log_idx_state ON ${live} (state, id)`,
    `CREATE INDEX IF NOT EXISTS _trigger_log_idx_record ON ${live} (record_id)`,
    `CREATE INDEX IF NOT EXISTS _trigger_log_archive_idx_record ON ${archive} (record_id)`,
  ];
}

/**
 * Connect's two triggers on the mapped table. The status trigger marks an app write PENDING
 * and clears the last error; the log trigger records it for sending. Both ignore Connect's own
 * writes and writes that touch only system columns. An UPDATE logs only the changed columns,
 * as Connect does, with their previous values in `old`.
 */
export function contactTriggersSql(schema: string, hstoreSchema: string): string[] {
  const contact = contactTable({ schema });
  const status = qualified(schema, 'hc_contact_status');
  const logger = qualified(schema, 'hc_contact_logger');
  const log = triggerLogTable(schema, 'live');
  // hstore may live in any schema; pinning search_path also keeps the functions safe to call.
  const searchPath = `SET search_path = ${hstoreSchema}, pg_catalog`;
  return [
    `CREATE OR REPLACE FUNCTION ${status}() RETURNS trigger LANGUAGE plpgsql ${searchPath} AS $$
     BEGIN
       IF ${CONNECT_IS_WRITING} THEN RETURN NEW; END IF;
       IF TG_OP = 'UPDATE'
          AND akeys((hstore(NEW) - hstore(OLD)) - ${SYSTEM_COLUMNS_SQL}) = '{}' THEN
         RETURN NEW;
       END IF;
       NEW._hc_lastop := ${syncStateSql('PENDING')};
       NEW._hc_err := NULL;
       RETURN NEW;
     END $$`,
    `CREATE OR REPLACE FUNCTION ${logger}() RETURNS trigger LANGUAGE plpgsql ${searchPath} AS $$
     DECLARE
       changed hstore;
       previous hstore;
       row_id integer;
       row_sfid varchar(18);
     BEGIN
       IF ${CONNECT_IS_WRITING} THEN RETURN NULL; END IF;
       IF TG_OP = 'INSERT' THEN
         changed := hstore(NEW) - ${SYSTEM_COLUMNS_SQL};
         row_id := NEW.id;
         row_sfid := NEW.sfid;
       ELSIF TG_OP = 'UPDATE' THEN
         changed := (hstore(NEW) - hstore(OLD)) - ${SYSTEM_COLUMNS_SQL};
         IF akeys(changed) = '{}' THEN RETURN NULL; END IF;
         previous := slice(hstore(OLD), akeys(changed));
         row_id := NEW.id;
         row_sfid := NEW.sfid;
       ELSE
         previous := hstore(OLD) - ${SYSTEM_COLUMNS_SQL};
         row_id := OLD.id;
         row_sfid := OLD.sfid;
       END IF;
       INSERT INTO ${log} (txid, state, action, table_name, record_id, sfid, "values", old)
       VALUES (txid_current(), ${triggerLogStateSql('NEW')}, TG_OP, TG_TABLE_NAME, row_id, row_sfid,
               changed::text, previous::text);
       RETURN NULL;
     END $$`,
    `CREATE OR REPLACE TRIGGER hc_contact_status_trigger
       BEFORE INSERT OR UPDATE ON ${contact} FOR EACH ROW EXECUTE FUNCTION ${status}()`,
    `CREATE OR REPLACE TRIGGER hc_contact_logtrigger
       AFTER INSERT OR UPDATE OR DELETE ON ${contact} FOR EACH ROW EXECUTE FUNCTION ${logger}()`,
  ];
}
