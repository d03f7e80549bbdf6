import type { RequestHandler, Response } from 'express';
import type { Database } from '../../db/database';
import type { JobSender } from '../../jobs/jobQueue';
import { NotFoundError } from '../../web/httpErrors';
import { classify } from './classify';
import { checkedColumns, importTargets } from './importFields';
import {
  confirmImport,
  findImport,
  importProgress,
  readRows,
  saveColumns,
  type ImportRecord,
} from './importStore';
import { IMPORT_QUEUE } from './limits';
import { previewView, progressView } from './importView';

async function requireImport(db: Database, id: string, res: Response): Promise<ImportRecord> {
  const { user } = res.locals;
  const record = user ? await findImport(db, id, user) : null;
  if (!record) throw new NotFoundError('No import of yours has this address.');
  return record;
}

/**
 * GET /contacts/import/:id: before confirmation the preview (what each row would do, nothing
 * written), afterwards the progress, which reloads itself while the worker writes.
 */
export function showImport(db: Database): RequestHandler {
  return async (req, res) => {
    const record = await requireImport(db, String(req.params.id), res);
    if (record.state === 'draft') return renderPreview(db, res, record, 200, null);
    const { mapping } = res.locals;
    const progress = await importProgress(db, mapping, record);
    res.render('contacts/import/progress', progressView(mapping, record, progress));
  };
}

async function renderPreview(
  db: Database,
  res: Response,
  record: ImportRecord,
  status: number,
  error: string | null,
): Promise<void> {
  const { mapping, ownerScope } = res.locals;
  const plan = await classify(
    db,
    mapping,
    ownerScope,
    await readRows(db, record.id),
    record.columns,
  );
  res.status(status).render('contacts/import/preview', previewView(mapping, record, plan, error));
}

/** POST /contacts/import/:id/columns: the user's corrections of which column is which field. */
export function saveColumnChoices(db: Database): RequestHandler {
  return async (req, res) => {
    const record = await requireImport(db, String(req.params.id), res);
    const body = req.body as Record<string, unknown>;
    const chosen = record.header.map((_, i) => body[`column_${i}`]);
    const checked = checkedColumns(chosen, record.header.length, importTargets(res.locals.mapping));
    if ('error' in checked) {
      return renderPreview(
        db,
        res,
        { ...record, columns: chosen.map((c) => (typeof c === 'string' ? c : '')) },
        422,
        checked.error,
      );
    }
    if (record.state === 'draft') await saveColumns(db, record.id, checked.columns);
    res.redirect(303, `/contacts/import/${record.id}`);
  };
}

/**
 * POST /contacts/import/:id/confirm: marks the import confirmed and puts one job on the queue,
 * in one transaction; the worker decides every row afresh and writes them, so the request
 * takes no longer for 100,000 rows than for one, and never meets Heroku's 30 s router timeout.
 * A second confirm finds the import no longer a draft and just shows its progress; the queue's
 * key would refuse a second job anyway.
 */
export function confirmImportHandler(db: Database, jobs: JobSender): RequestHandler {
  return async (req, res) => {
    const record = await requireImport(db, String(req.params.id), res);
    if (record.state === 'draft') {
      if (!record.columns.includes('lastname')) {
        return renderPreview(db, res, record, 422, 'Choose the column that holds Last name.');
      }
      await db.withTransaction(async (client) => {
        if (!(await confirmImport(client, record.id, res.locals.ownerScope))) return;
        await jobs.send(IMPORT_QUEUE, { importId: record.id }, record.id, client);
      });
    }
    res.redirect(303, `/contacts/import/${record.id}`);
  };
}
