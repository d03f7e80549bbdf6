import type { Database } from '../../../src/db/database';

export interface WriteRecorder {
  /** Columns named in the SET list of UPDATEs since the last clear, sorted. */
  writtenColumns(): Promise<string[]>;
  /** UPDATE statements run on the contact table since the last clear. */
  updateStatements(): Promise<number>;
  clear(): Promise<void>;
}

/**
 * Records what the app's UPDATEs name, the way Connect's trigger captures changed columns:
 * an `AFTER UPDATE OF column` trigger fires only when the column is in the SET list.
 */
export async function recordContactWrites(db: Database): Promise<WriteRecorder> {
  await db.query('CREATE TABLE public.recorded_write (what text NOT NULL)');
  await db.query(`
    CREATE FUNCTION public.record_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO public.recorded_write (what) VALUES (TG_ARGV[0]);
      RETURN NULL;
    END $$`);
  const columns = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
      WHERE table_schema = 'salesforce' AND table_name = 'contact'`,
  );
  for (const { column_name: column } of columns.rows) {
    // Column names come from the catalog, and the dev schema's are plain identifiers.
    await db.query(
      `CREATE TRIGGER "record_${column}" AFTER UPDATE OF "${column}" ON salesforce.contact
         FOR EACH ROW EXECUTE FUNCTION public.record_write('${column}')`,
    );
  }
  await db.query(
    `CREATE TRIGGER record_statement AFTER UPDATE ON salesforce.contact
       FOR EACH STATEMENT EXECUTE FUNCTION public.record_write('<statement>')`,
  );

  const recorded = async () =>
    (
      await db.query<{ what: string }>('SELECT what FROM public.recorded_write ORDER BY what')
    ).rows.map((row) => row.what);
  return {
    async writtenColumns() {
      return (await recorded()).filter((what) => what !== '<statement>');
    },
    async updateStatements() {
      return (await recorded()).filter((what) => what === '<statement>').length;
    },
    async clear() {
      await db.query('DELETE FROM public.recorded_write');
    },
  };
}
