import { CandidateIndex } from '../../../src/core/elements';

/** Puts `html` in the (happy-dom) document and indexes its candidates, hidden ones included. */
export function page(html: string): CandidateIndex {
  document.body.innerHTML = html;
  return CandidateIndex.build(document);
}

/** The element `selector` finds, or a failed test. */
export function the(selector: string, root: ParentNode = document): Element {
  const element = root.querySelector(selector);
  if (!element) throw new Error(`no ${selector}`);
  return element;
}
