import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brokenLinks, headingAnchors, wordCount } from './markdown';

const ROOT = path.resolve(__dirname, '../..');
const README_WORD_BUDGET = 1500;

function documentationFiles(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

describe('the documentation', () => {
  test('when README.md and docs/ link to a file or a heading, then it exists', () => {
    expect(brokenLinks(ROOT, documentationFiles())).toEqual([]);
  });

  test('when README.md is counted in whitespace-separated tokens, code included, then it stays within its budget', () => {
    const words = wordCount(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));

    expect(words).toBeLessThanOrEqual(README_WORD_BUDGET);
  });
});

describe('the link check', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'contact-card-links-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('when a link names a missing file or heading, then it is reported; code and external links are not', () => {
    writeFileSync(path.join(dir, 'other.md'), '# Other\n\n## The app’s own `tables`\n');
    writeFileSync(
      path.join(dir, 'index.md'),
      [
        '# Index',
        '[fine](other.md#the-apps-own-tables) [here](#index) [web](https://example.com/x.md)',
        '[gone](missing.md) [no heading](other.md#nowhere) [![badge](img.svg)](other.md)',
        '```',
        '[inside code](nowhere.md)',
        '```',
        '`[inline code](nowhere.md)`',
      ].join('\n'),
    );

    expect(brokenLinks(dir, ['index.md'])).toEqual([
      'index.md: missing.md (no such file)',
      'index.md: other.md#nowhere (no such heading)',
      'index.md: img.svg (no such file)',
    ]);
  });

  test('when headings repeat or carry punctuation, then anchors follow GitHub', () => {
    const anchors = headingAnchors('# A: b\n## A: b\n### `check:deploy`\n### /audit (admins)\n');

    expect([...anchors]).toEqual(['a-b', 'a-b-1', 'checkdeploy', 'audit-admins']);
  });

  test('when text has line breaks and code, then each whitespace-separated token is a word', () => {
    expect(wordCount('One two\n\n```sh\nnpm test\n```\n| a | b |')).toBe(11);
  });
});
