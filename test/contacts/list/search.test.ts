import { insertContact, listedNames, matchCountIn } from '../../support/contacts';
import { startTestApp, type TestApp } from '../../support/testApp';
import type TestAgent from 'supertest/lib/agent';

describe('searching the contact list', () => {
  let t: TestApp;
  let agent: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    const people = [
      ['Ada', 'Lovelace', 'Countess', 'ada@engine.example', '+44 20 7946 0001'],
      ['Grace', 'Hopper', 'Rear Admiral', 'grace@navy.example', '+1 202 555 0199'],
      ['Alan', 'Turing', 'Cryptanalyst', 'alan@bletchley.example', '+44 1908 640404'],
      // Rows with and without the characters LIKE treats as wildcards or escapes.
      ['Percy', 'Cent', 'Growth 50% Lead', 'percy@shop.example', '+1 555 0101'],
      ['Fifty', 'Plain', 'Growth 50 Lead', 'fifty@shop.example', '+1 555 0102'],
      ['Una', 'Score', 'Developer', 'first_last@mail.example', '+1 555 0103'],
      ['Ex', 'Ample', 'Developer', 'firstXlast@mail.example', '+1 555 0104'],
      ['Back', 'Slash', 'R\\D Lead', 'back@lab.example', '+1 555 0105'],
      ['No', 'Slash', 'RD Lead', 'noslash@lab.example', '+1 555 0106'],
    ] as const;
    for (const [firstname, lastname, title, email, phone] of people) {
      await insertContact(t.db, { firstname, lastname, title, email, phone });
    }
    agent = await t.signedInAgent();
  });
  afterAll(async () => {
    await t.close();
  });

  const search = async (q: string) => {
    const res = await agent.get('/contacts').query({ q });
    expect(res.status).toBe(200);
    return res;
  };

  test('when the search is a first and last name together, then the person with that full name is found', async () => {
    const res = await search('Ada Love');

    expect(listedNames(res.text)).toEqual(['Ada Lovelace']);
    expect(matchCountIn(res.text)).toBe('1 contact matching “Ada Love” · Show all');
  });

  test('when the search differs only in case, then it still matches', async () => {
    expect(listedNames((await search('ada LOVE')).text)).toEqual(['Ada Lovelace']);
    expect(listedNames((await search('NAVY.EXAMPLE')).text)).toEqual(['Grace Hopper']);
  });

  test('when the search is part of a last name only, then that contact is found', async () => {
    expect(listedNames((await search('uring')).text)).toEqual(['Alan Turing']);
  });

  test('when the search is part of an email, then that contact is found', async () => {
    expect(listedNames((await search('bletchley')).text)).toEqual(['Alan Turing']);
  });

  test('when the search is part of a phone number, then that contact is found', async () => {
    expect(listedNames((await search('555 0199')).text)).toEqual(['Grace Hopper']);
  });

  test('when the search is part of a title, then that contact is found', async () => {
    expect(listedNames((await search('admiral')).text)).toEqual(['Grace Hopper']);
  });

  test('when the search contains %, then only rows containing a literal % match', async () => {
    expect(listedNames((await search('50%')).text)).toEqual(['Percy Cent']);
    expect(listedNames((await search('%')).text)).toEqual(['Percy Cent']);
  });

  test('when the search contains _, then only rows containing a literal _ match', async () => {
    expect(listedNames((await search('t_l')).text)).toEqual(['Una Score']);
    expect(listedNames((await search('_')).text)).toEqual(['Una Score']);
  });

  test('when the search contains a backslash, then only rows containing a literal backslash match', async () => {
    expect(listedNames((await search('R\\D')).text)).toEqual(['Back Slash']);
    expect(listedNames((await search('\\')).text)).toEqual(['Back Slash']);
  });

  test('when nothing matches, then the page says so and counts 0', async () => {
    const res = await search('zzz-nobody');

    expect(listedNames(res.text)).toEqual([]);
    expect(res.text).toContain('No contacts match.');
    expect(matchCountIn(res.text)).toBe('0 contacts matching “zzz-nobody” · Show all');
  });

  test('when the search is only spaces, then every contact is listed', async () => {
    const res = await search('   ');

    expect(listedNames(res.text)).toHaveLength(9);
    expect(matchCountIn(res.text)).toBe('9 contacts');
  });

  test('when the search is shown back in the box, then it keeps what was typed', async () => {
    const res = await search('50%');

    expect(res.text).toContain('<input id="q" name="q" type="search" value="50%"');
  });
});
