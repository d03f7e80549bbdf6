import { fieldIn, insertContact } from '../../support/contacts';
import { shownIn, startTestApp, type TestApp } from '../../support/testApp';

describe('contact card', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a card is opened by sfid, then it shows the contact and an edit form with its values and says what it showed', async () => {
    await insertContact(t.db, {
      sfid: '003CARD0000000001A',
      firstname: 'Katherine',
      lastname: 'Johnson',
      title: 'Mathematician',
      email: 'katherine@nasa.example',
      phone: '+1 757 555 0100',
      department: 'Flight Research',
      description: 'Calculated trajectories.\nFirst line kept.',
    });
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts/003CARD0000000001A');

    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1><bdi>Katherine</bdi> <bdi>Johnson</bdi></h1>');
    expect(res.text).toContain('<dd>003CARD0000000001A</dd>');
    expect(res.text).toContain('<form method="post" action="/contacts/003CARD0000000001A"');
    expect(shownIn(res.text)).toMatchObject({
      firstname: 'Katherine',
      title: 'Mathematician',
      description: 'Calculated trajectories.\nFirst line kept.',
    });
    expect(fieldIn(res.text, 'firstname')).toContain('value="Katherine"');
    expect(fieldIn(res.text, 'lastname')).toContain('value="Johnson"');
    expect(fieldIn(res.text, 'title')).toContain('value="Mathematician"');
    expect(fieldIn(res.text, 'email')).toContain('value="katherine@nasa.example"');
    expect(fieldIn(res.text, 'phone')).toContain('value="+1 757 555 0100"');
    expect(fieldIn(res.text, 'department')).toContain('value="Flight Research"');
    // The line break after the start tag is the one the HTML parser drops.
    expect(fieldIn(res.text, 'description')).toContain(
      '>\nCalculated trajectories.\nFirst line kept.</textarea>',
    );
    expect(fieldIn(res.text, 'lastname')).toContain('(required)');
    expect(fieldIn(res.text, 'firstname')).toContain('maxlength="40"');
  });

  test('when the row is edited elsewhere, then the card says it shows the new value', async () => {
    const contact = await insertContact(t.db, { sfid: '003CARD0000000002A', title: 'Before' });
    const agent = await t.signedInAgent();
    const before = shownIn((await agent.get('/contacts/003CARD0000000002A')).text);

    await t.db.query('UPDATE salesforce.contact SET title = $1 WHERE id = $2', [
      'After',
      contact.id,
    ]);
    const after = shownIn((await agent.get('/contacts/003CARD0000000002A')).text);

    expect([before.title, after.title]).toEqual(['Before', 'After']);
  });

  test('when Connect only updates its sync status, then what the card shows stays the same', async () => {
    const contact = await insertContact(t.db, {
      sfid: '003CARD0000000003A',
      _hc_lastop: 'PENDING',
    });
    const agent = await t.signedInAgent();
    const before = shownIn((await agent.get('/contacts/003CARD0000000003A')).text);

    await t.db.query(
      "UPDATE salesforce.contact SET _hc_lastop = 'UPDATED', systemmodstamp = now() WHERE id = $1",
      [contact.id],
    );
    const after = shownIn((await agent.get('/contacts/003CARD0000000003A')).text);

    expect(after).toEqual(before);
  });

  test('when a contact has only an external id, then its card is reachable by it and says it awaits sync', async () => {
    const externalId = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    await insertContact(t.db, {
      sfid: null,
      external_contact_id__c: externalId,
      lastname: 'Unsynced',
      _hc_lastop: 'PENDING',
    });
    const agent = await t.signedInAgent();

    const list = await agent.get('/contacts?q=Unsynced');
    const res = await agent.get(`/contacts/${externalId}`);

    expect(list.text).toContain(`href="/contacts/${externalId}"`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<dd>Not yet assigned</dd>');
    expect(res.text).toContain(`<dd>${externalId}</dd>`);
    expect(res.text).toContain('Pending sync');
  });

  test('when a card is opened by external id after the contact got an sfid, then it redirects to the sfid URL', async () => {
    await insertContact(t.db, {
      sfid: '003CARD0000000004A',
      external_contact_id__c: 'aaaabbbbccccddddeeeeffff00001111',
    });
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts/aaaabbbbccccddddeeeeffff00001111');

    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/contacts/003CARD0000000004A');
  });

  test('when a row has neither sfid nor external id, then the list links it by row id and the card opens', async () => {
    const contact = await insertContact(t.db, {
      sfid: null,
      external_contact_id__c: null,
      lastname: 'Keyless',
    });
    const agent = await t.signedInAgent();

    const list = await agent.get('/contacts?q=Keyless');
    const res = await agent.get(`/contacts/row-${contact.id}`);

    expect(list.text).toContain(`href="/contacts/row-${contact.id}"`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Keyless');
  });

  test('when a key matches no contact, then a 404 page says so', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts/003NOSUCHCONTACT0A');

    expect(res.status).toBe(404);
    expect(res.text).toContain('<h1>Not found</h1>');
    expect(res.text).toContain('No contact has this key.');
  });

  test.each([
    ['an encoded ../x', '%2E%2E%2Fx'],
    ['a raw ../x', '../x'],
    ['a very long key', 'a'.repeat(5000)],
    ['a NUL byte', '%00'],
    ['a key with a quote', "003'%20OR%20'1'%3D'1"],
    ['a row id beyond integer range', 'row-99999999999'],
    ['a negative row id', 'row--1'],
    ['an encoded slash', '003CARD%2F0001'],
  ])('when the key is %s, then the answer is 404, not a server error', async (_case, key) => {
    const agent = await t.signedInAgent();

    const res = await agent.get(`/contacts/${key}`);

    expect(res.status).toBe(404);
  });

  test('when the key has a malformed percent-escape, then the answer is a client error, not a server error', async () => {
    const agent = await t.signedInAgent();

    const res = await agent.get('/contacts/%E0%A4%A');

    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
