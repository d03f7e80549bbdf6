/**
 * EJS's `include()` runs at render time and copies every local of the page twice per call,
 * once per row or field when it sits in a loop: a tenth of a card's CPU under load. Each page
 * is compiled instead with its partials written in, so a render calls no include at all.
 *
 * `<%- include('/partial', data) %>` becomes the partial's text in a block of its own. The data
 * is evaluated first, outside that block, so `{ field }` still means the page's `field`, and
 * the partial reads it through `with`, as EJS reads every local. `locals.x` in a partial is the
 * page's own local either way: EJS's copies hold the page's locals too.
 */
const INCLUDE = /<%-\s*include\(\s*'([^']+)'\s*(?:,\s*([\s\S]*?))?\)\s*%>/g;
const MAX_DEPTH = 8;

export function inlinePartials(
  text: string,
  readPartial: (name: string) => string,
  depth = 0,
): string {
  if (depth > MAX_DEPTH) throw new Error(`Partials are nested more than ${MAX_DEPTH} deep.`);
  let count = 0;
  const inlined = text.replace(INCLUDE, (_include, name: string, data: string | undefined) => {
    const body = inlinePartials(readPartial(name), readPartial, depth + 1);
    if (data === undefined) return `<% { %>${body}<% } %>`;
    count += 1;
    const local = `__partial_${depth}_${count}`;
    return `<% const ${local} = Object.assign(Object.create(null), ${data}); { with (${local}) { %>${body}<% } } %>`;
  });
  if (/\binclude\(/.test(inlined.replace(/<%#[\s\S]*?%>/g, ''))) {
    throw new Error(
      `An include in this template is not of the form <%- include('/name', data) %>.`,
    );
  }
  return inlined;
}
