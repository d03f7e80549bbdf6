import ejs from 'ejs';
import { inlinePartials } from '../../src/web/inlinePartials';

const PARTIALS: Record<string, string> = {
  '/badge': '<b><%= badge.text %></b>',
  '/field':
    '<% const id = `f-${field.name}`; %><label for="<%= id %>"><%= field.name %></label><%- include(\'/badge\', { badge: { text: locals.mark } }) %>',
  '/head': '<title><%= title %></title>',
};

function render(page: string, data: object): string {
  const text = inlinePartials(page, (name) => {
    const partial = PARTIALS[name];
    if (partial === undefined) throw new Error(`no partial ${name}`);
    return partial;
  });
  return ejs.compile(text)(data);
}

describe('pages compiled with their partials written in', () => {
  test('when a partial is included in a loop with data of the same name, then each pass sees its own item', () => {
    const html = render(
      `<%- include('/head') %><% for (const field of fields) { %><%- include('/field', { field }) %><% } %>`,
      { title: 'Card', mark: '*', fields: [{ name: 'a' }, { name: 'b' }] },
    );

    expect(html).toBe(
      '<title>Card</title><label for="f-a">a</label><b>*</b><label for="f-b">b</label><b>*</b>',
    );
  });

  test('when the included data is built from the page’s locals, then the output is what include() gives', () => {
    const page = `<% for (const row of rows) { %><%- include('/badge', { badge: row.badge }) %><% } %>`;
    const data = { rows: [{ badge: { text: '<ok>' } }, { badge: { text: 'x' } }] };
    const viaInclude = ejs.render(page, data, {
      includer: (name: string) => ({ template: PARTIALS[name] ?? '' }),
    });

    expect(render(page, data)).toBe(viaInclude);
    expect(render(page, data)).toBe('<b>&lt;ok&gt;</b><b>x</b>');
  });

  test('when a page includes a partial in another form, then compiling it fails instead of rendering half a page', () => {
    expect(() => inlinePartials(`<%- include(name) %>`, () => '')).toThrow(/not of the form/);
  });

  test('when partials include each other in a circle, then compiling stops with an error', () => {
    expect(() =>
      inlinePartials(`<%- include('/loop') %>`, () => `<%- include('/loop') %>`),
    ).toThrow(/nested more than/);
  });
});
