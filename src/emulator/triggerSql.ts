import { objectTable, type MappedObject } from '../connect/mappedObject';
import { syncStateSql } from '../connect/syncState';
import { triggerLogStateSql, triggerLogTable } from '../connect/triggerLog';
import { qualified, quoteIdentifier } from '../db/identifiers';
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
 * Connect's two triggers on a mapped table, named as Connect names them (`hc_<table>_status`,
 * `hc_<table>_logger`). The status trigger marks an app write PENDING and clears the last
 * error; the log trigger records it for sending. Both ignore Connect's own writes and writes
 * that touch only system columns. An UPDATE logs only the changed columns, as Connect does,
 * with their previous values in `old`. A read-only mapping (User) still logs the app's writes,
 * as state READONLY, which Connect never sends.
 */
export function objectTriggersSql(
  schema: string,
  hstoreSchema: string,
  object: Pick<MappedObject, 'table' | 'writable'>,
): string[] {
  const table = objectTable(object, schema);
  const status = qualified(schema, `hc_${object.table}_status`);
  const logger = qualified(schema, `hc_${object.table}_logger`);
  const statusTrigger = quoteIdentifier(`hc_${object.table}_status_trigger`);
  const logTrigger = quoteIdentifier(`hc_${object.table}_logtrigger`);
  const log = triggerLogTable(schema, 'live');
  const state = triggerLogStateSql(object.writable ? 'NEW' : 'READONLY');
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
       VALUES (txid_current(), ${state}, TG_OP, TG_TABLE_NAME, row_id, row_sfid,
               changed::text, previous::text);
       RETURN NULL;
     END $$`,
    `CREATE OR REPLACE TRIGGER ${statusTrigger}
       BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${status}()`,
    `CREATE OR REPLACE TRIGGER ${logTrigger}
       AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${logger}()`,
  ];
}
