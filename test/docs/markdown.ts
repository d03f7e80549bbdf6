import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** A relative link that does not lead anywhere, as `file: target (why)`. */
export type BrokenLink = string;

const FENCE = /^\s*(```|~~~)/;
// `](target)` or `](target "title")`: also finds the outer link of a badge, [![alt](img)](url).
const INLINE_LINK = /\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const EXTERNAL = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

/** The lines outside fenced code blocks, with inline code spans blanked. */
function proseLines(text: string): string[] {
  const lines: string[] = [];
  let inFence = false;
  for (const line of text.split('\n')) {
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (!inFence) lines.push(line.replace(/`+[^`]*`+/g, (code) => ' '.repeat(code.length)));
  }
  return lines;
}

/** Every link target in a Markdown text: inline links, images and reference definitions. */
export function linkTargets(text: string): string[] {
  return proseLines(text).flatMap((line) => {
    const definition = REFERENCE_DEFINITION.exec(line);
    if (definition) return [definition[1] ?? ''];
    return [...line.matchAll(INLINE_LINK)].map((match) => match[1] ?? '');
  });
}

/**
 * The anchors GitHub gives a file's headings: the heading's text without its Markdown, lower-cased,
 * with punctuation other than `-` and `_` dropped and each space a `-`; a repeated slug gets
 * `-1`, `-2`, and so on.
 */
export function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const headingLines = text.split('\n').reduce<{ inFence: boolean; lines: string[] }>(
    (state, line) => {
      if (FENCE.test(line)) return { ...state, inFence: !state.inFence };
      if (!state.inFence) state.lines.push(line);
      return state;
    },
    { inFence: false, lines: [] },
  ).lines;
  for (const line of headingLines) {
    const heading = HEADING.exec(line);
    if (!heading) continue;
    const slug = githubSlug(heading[1] ?? '');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link or image keeps its text
    .replace(/[`*]/g, '')
    .replace(/<[^>]+>/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The relative links in `files` (paths under `root`) that lead to no file or no heading. */
export function brokenLinks(root: string, files: readonly string[]): BrokenLink[] {
  const broken: BrokenLink[] = [];
  for (const file of files) {
    const source = path.join(root, file);
    for (const target of linkTargets(readFileSync(source, 'utf8'))) {
      if (target === '' || EXTERNAL.test(target)) continue;
      const problem = problemWith(source, target);
      if (problem) broken.push(`${file}: ${target} (${problem})`);
    }
  }
  return broken;
}

function problemWith(source: string, target: string): string | null {
  const hash = target.indexOf('#');
  const filePart = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
  const anchor = hash === -1 ? null : decodeURIComponent(target.slice(hash + 1));
  const resolved = filePart === '' ? source : path.resolve(path.dirname(source), filePart);
  if (!existsSync(resolved)) return 'no such file';
  if (anchor === null) return null;
  if (!resolved.endsWith('.md') || statSync(resolved).isDirectory()) {
    return 'an anchor into a file that is not Markdown';
  }
  return headingAnchors(readFileSync(resolved, 'utf8')).has(anchor) ? null : 'no such heading';
}

/**
 * Words as the README's budget counts them: every whitespace-separated token in the file, code
 * blocks, tables and link targets included. The strictest simple count: nothing is left out.
 */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((token) => token !== '').length;
}
