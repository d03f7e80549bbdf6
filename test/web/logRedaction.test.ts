import request from 'supertest';
import { insertContact } from '../support/contacts';
import { csrfTokenIn, TEST_PASSWORD, shownFormValueIn } from '../support/testApp';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';
import { appWithCapturedLogs, capturedLogger } from './capturedLogs';

describe('what the logs hold', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  test('when someone signs in, searches and edits a contact, then no password, cookie, CSRF token or contact value reaches the logs', async () => {
    const { app, logs } = appWithCapturedLogs(database);
    await insertContact(database.db, { sfid: '003LOGS0000000001A', lastname: 'Quillfeather' });
    const agent = request.agent(app);
    const secrets = new Set<string>([TEST_PASSWORD]);
    const keep = (res: request.Response) => {
      for (const cookie of [res.headers['set-cookie'] ?? []].flat()) {
        const value = cookie.split(';')[0]?.split('=')[1];
        if (value) secrets.add(value);
      }
      return res;
    };

    const form = keep(await agent.get('/signin'));
    secrets.add(csrfTokenIn(form.text));
    keep(
      await agent
        .post('/signin')
        .type('form')
        .send({ _csrf: csrfTokenIn(form.text), password: TEST_PASSWORD, next: '/contacts' }),
    );
    keep(await agent.get('/contacts?q=Quillfeather'));
    const card = keep(await agent.get('/contacts/003LOGS0000000001A'));
    const token = csrfTokenIn(card.text);
    secrets.add(token);
    const edit = {
      firstname: 'Xylophonia',
      lastname: 'Zembrowska-Quint',
      title: 'Keeper of Distinct Strings',
      email: 'xylophonia.zq@logcheck.example',
      phone: '+44 7700 900123',
      mailingcity: 'Llanfairpwll',
      description: 'A note nobody should read in a log',
    };
    for (const value of Object.values(edit)) secrets.add(value);
    const saved = keep(
      await agent
        .post('/contacts/003LOGS0000000001A')
        .type('form')
        .send({ _csrf: token, shown: shownFormValueIn(card.text), ...edit }),
    );
    const rejected = keep(
      await agent
        .post('/contacts/003LOGS0000000001A')
        .type('form')
        .send({ _csrf: token, shown: 'stale', lastname: 'Overlong'.repeat(20) + 'Vexillum' }),
    );
    secrets.add('Overlong'.repeat(20) + 'Vexillum');
    const forged = keep(
      await agent.post('/contacts/003LOGS0000000001A').type('form').send({
        _csrf: 'forged-token-value-0123456789',
        lastname: 'Forgery',
      }),
    );
    secrets.add('forged-token-value-0123456789');

    expect([saved.status, rejected.status, forged.status]).toEqual([303, 422, 403]);
    const text = logs.text();
    expect(logs.lines.length).toBeGreaterThanOrEqual(7);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain('Quillfeather');
  });

  test('when Postgres rejects a value, then the logged error names the problem but not the value', async () => {
    const logs = capturedLogger('info');
    const error = await database.db
      .query('SELECT $1::integer', ['secret-contact-value-4242'])
      .catch((e: unknown) => e);

    logs.logger.error({ err: new Error('wrapped', { cause: error }) }, 'query failed');

    const [entry] = logs.entries();
    expect(entry?.err).toMatchObject({
      message: 'wrapped',
      cause: { code: '22P02', routine: expect.any(String) as unknown },
    });
    expect(logs.text()).not.toContain('secret-contact-value-4242');
  });
});
