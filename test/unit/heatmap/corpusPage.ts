import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CandidateIndex } from '../../../src/core/elements';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The benchmark corpus (`ACTIONLENS_CORPUS`, default `../shared/corpus` beside the repository), as the benches find it. */
export const CORPUS = process.env.ACTIONLENS_CORPUS ?? path.resolve(repoRoot, '../shared/corpus');
export const HAS_CORPUS = existsSync(path.join(CORPUS, 'pages'));

/**
 * Puts a corpus page into the (happy-dom) document and indexes its candidates, hidden ones
 * included. The page's scripts, stylesheet links, iframes and objects are removed first: nothing
 * runs and nothing is fetched; inline styles stay, so `cursor: pointer` rules still count.
 */
export function loadCorpusPage(name: string): CandidateIndex {
  const html = readFileSync(path.join(CORPUS, 'pages', `${name}.html`), 'utf8')
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<(iframe|object|embed)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<(link|iframe|embed)\b[^>]*>/gi, '');
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  for (const [target, source] of [
    [document.documentElement, parsed.documentElement],
    [document.head, parsed.head],
    [document.body, parsed.body],
  ] as const) {
    for (const attribute of [...target.attributes]) target.removeAttribute(attribute.name);
    for (const attribute of [...source.attributes]) target.setAttribute(attribute.name, attribute.value);
  }
  document.head.replaceChildren(...[...parsed.head.childNodes].map((node) => document.importNode(node, true)));
  document.body.replaceChildren(...[...parsed.body.childNodes].map((node) => document.importNode(node, true)));
  return CandidateIndex.build(document);
}
