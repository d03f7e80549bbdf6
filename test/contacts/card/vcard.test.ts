import type { Database } from '../../../src/db/database';
import { insertContact } from '../../support/contacts';
import { redirectNotice, startTestApp, type TestApp } from '../../support/testApp';
import { parseVCard, physicalLines } from './parseVCard';
import type TestAgent from 'supertest/lib/agent';

// Columns the shared seed helper does not set; fixed names, never input.
const DETAIL_COLUMNS = [
  'department',
  'mobilephone',
  'mailingstreet',
  'mailingcity',
  'mailingstate',
  'mailingpostalcode',
  'mailingcountry',
  'description',
] as const;
type Details = Partial<Record<(typeof DETAIL_COLUMNS)[number], string>>;

async function addDetails(db: Database, id: number, details: Details): Promise<void> {
  const columns = DETAIL_COLUMNS.filter((column) => column in details);
  await db.query(
    `UPDATE salesforce.contact SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')}
      WHERE id = $1`,
    [id, ...columns.map((column) => details[column])],
  );
}

async function download(agent: TestAgent, key: string) {
  const res = await agent
    .get(`/contacts/${key}/vcard`)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        done(null, Buffer.concat(chunks));
      });
    });
  return { res, raw: res.body as Buffer };
}

function filenameStar(disposition: string): string {
  const match = /filename\*=UTF-8''([^;\s]+)/.exec(disposition);
  if (!match?.[1]) throw new Error(`no filename* in ${disposition}`);
  return decodeURIComponent(match[1]);
}

const LONG_DESCRIPTION = [
  'Met at the Zürich fair; follow up, then send the deck.',
  'Prefers calls after 14:00 \\ never before.',
  'Loves ☕ and 🧗‍♀️, speaks 日本語 and Ελληνικά,',
].join('\n');
const DESCRIPTION_200 = LONG_DESCRIPTION.padEnd(200, ' ok;,');

describe('vCard download', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a contact has commas, semicolons, newlines, emoji and non-ASCII text, then every value reads back exactly', async () => {
    const stored = await insertContact(t.db, {
      firstname: 'Zoë',
      lastname: 'Ó Briain; Smith, Jr.',
      title: 'Head of R&D, Europe; interim',
      email: 'zoe@example.com',
      phone: '+353 1 555 0101, ext. 7',
      sfid: '003VCARD000000001A',
    });
    const details = {
      department: 'Research, Development; Ops',
      mobilephone: '+353 87 555 0102',
      mailingstreet: 'Flat 2, Block B\n10 Grafton St; rear door',
      mailingcity: 'Baile Átha Cliath',
      mailingstate: 'Leinster',
      mailingpostalcode: 'D02 X285',
      mailingcountry: 'Éire',
      description: DESCRIPTION_200,
    };
    await addDetails(t.db, stored.id, details);
    const agent = await t.signedInAgent();

    const { res, raw } = await download(agent, '003VCARD000000001A');

    expect(res.status).toBe(200);
    expect(DESCRIPTION_200).toHaveLength(200);
    const card = parseVCard(raw);
    expect(card.properties[0]).toEqual({ name: 'BEGIN', params: [], raw: 'VCARD' });
    expect(card.text('VERSION')).toBe('4.0');
    expect(card.text('FN')).toBe('Zoë Ó Briain; Smith, Jr.');
    expect(card.components('N')).toEqual(['Ó Briain; Smith, Jr.', 'Zoë', '', '', '']);
    expect(card.text('EMAIL')).toBe('zoe@example.com');
    expect(card.all('TEL').map((tel) => [tel.params.join(';'), tel.raw])).toEqual([
      ['TYPE=work,voice', '+353 1 555 0101\\, ext. 7'],
      ['TYPE=cell', '+353 87 555 0102'],
    ]);
    expect(card.text('TITLE')).toBe('Head of R&D, Europe; interim');
    expect(card.components('ORG')).toEqual(['', 'Research, Development; Ops']);
    expect(card.components('ADR')).toEqual([
      '',
      '',
      'Flat 2, Block B\n10 Grafton St; rear door',
      'Baile Átha Cliath',
      'Leinster',
      'D02 X285',
      'Éire',
    ]);
    expect(card.text('NOTE')).toBe(DESCRIPTION_200);
    expect(card.text('UID')).toBe('urn:salesforce:contact:003VCARD000000001A');
    expect(card.properties.at(-1)).toEqual({ name: 'END', params: [], raw: 'VCARD' });
  });

  test('when the card is long, then lines end in CRLF, are folded at 75 octets and never split a character', async () => {
    const stored = await insertContact(t.db, { sfid: '003VCARD000000002A' });
    await addDetails(t.db, stored.id, { description: '🧗‍♀️é'.repeat(60) });
    const agent = await t.signedInAgent();

    const { raw } = await download(agent, '003VCARD000000002A');

    const lines = physicalLines(raw);
    expect(lines.some((line) => line[0] === 0x20)).toBe(true);
    for (const line of lines) {
      expect(line.length).toBeLessThanOrEqual(75);
      expect(line.includes('\n')).toBe(false);
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(line)).not.toThrow();
    }
    expect(parseVCard(raw).text('NOTE')).toBe('🧗‍♀️é'.repeat(60));
  });

  test('when a contact is downloaded, then it comes as a text/vcard attachment named after the contact', async () => {
    await insertContact(t.db, {
      firstname: 'Zoë "Zed"',
      lastname: 'Ó/Briain 🎉',
      sfid: '003VCARD000000003A',
    });
    const agent = await t.signedInAgent();

    const { res } = await download(agent, '003VCARD000000003A');

    expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="Zoe Zed O Briain\.vcf"; filename\*=/);
    expect(filenameStar(disposition)).toBe('Zoë Zed Ó Briain 🎉.vcf');
  });

  test('when a name has no ASCII letters, then the plain filename falls back to contact.vcf', async () => {
    await insertContact(t.db, { firstname: '李', lastname: '雷', sfid: '003VCARD000000004A' });
    const agent = await t.signedInAgent();

    const { res } = await download(agent, '003VCARD000000004A');

    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain('filename="contact.vcf"');
    expect(filenameStar(disposition)).toBe('李 雷.vcf');
  });

  test('when a contact has not reached Salesforce yet, then its UID is the External ID as a UUID', async () => {
    await insertContact(t.db, {
      sfid: null,
      external_contact_id__c: '0f8fad5bd9cb469fa16570867728950e',
      _hc_lastop: 'PENDING',
    });
    const agent = await t.signedInAgent();

    const { res, raw } = await download(agent, '0f8fad5bd9cb469fa16570867728950e');

    expect(res.status).toBe(200);
    expect(parseVCard(raw).text('UID')).toBe('urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e');
  });

  test('when optional fields are empty, then they are left out rather than sent blank', async () => {
    await insertContact(t.db, {
      firstname: null,
      email: null,
      phone: null,
      title: null,
      sfid: '003VCARD000000005A',
    });
    const agent = await t.signedInAgent();

    const { raw } = await download(agent, '003VCARD000000005A');

    const names = parseVCard(raw).properties.map((p) => p.name);
    expect(names).toEqual(['BEGIN', 'VERSION', 'FN', 'N', 'UID', 'END']);
  });

  test('when nobody has signed in, then the download redirects to sign-in and reveals nothing', async () => {
    await insertContact(t.db, { lastname: 'Secretive', sfid: '003VCARD000000006A' });

    const res = await t.agent().get('/contacts/003VCARD000000006A/vcard');

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/signin?next=%2Fcontacts%2F003VCARD000000006A%2Fvcard');
    expect(res.text).toBe(redirectNotice(res.headers.location));
  });

  test('when the key matches no contact, then the answer is 404', async () => {
    const agent = await t.signedInAgent();

    const unknown = await agent.get('/contacts/003NOSUCHCONTACT0A/vcard');
    const malformed = await agent.get('/contacts/not.a.key/vcard');

    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('No contact has this key');
    expect(malformed.status).toBe(404);
  });
});

describe('vCard download with a narrower mapping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when Connect does not map a field, then the vCard leaves it out', async () => {
    const stored = await insertContact(t.db, { sfid: '003VCARD000000007A' });
    await addDetails(t.db, stored.id, { description: 'Not mapped', mailingcity: 'Cork' });
    await t.db.query('ALTER TABLE salesforce.contact DROP COLUMN description, DROP COLUMN email');
    const agent = await t.signedInAgent();

    const { res, raw } = await download(agent, '003VCARD000000007A');

    expect(res.status).toBe(200);
    const card = parseVCard(raw);
    expect(card.text('NOTE')).toBeUndefined();
    expect(card.text('EMAIL')).toBeUndefined();
    expect(card.components('ADR')).toEqual(['', '', '', 'Cork', '', '', '']);
  });

  test('when Connect has not created the table yet, then the welcome page explains setup', async () => {
    const empty = await startTestApp({ withSchema: false });
    try {
      const agent = await empty.signedInAgent();

      const res = await agent.get('/contacts/003VCARD000000008A/vcard');

      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('Connect Salesforce to finish setting up');
    } finally {
      await empty.close();
    }
  });
});
