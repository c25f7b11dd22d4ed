import { diagnoseSelector, type SelectorDiagnostic } from '../actions/selectorDiagnostics';
import { type BuildSelectorOptions, candidateFrom, type SelectorCandidate } from './buildSelector';
import { SelectorScope } from './selectorScope';

export interface SelectorAssessment extends SelectorCandidate {
  matchesElementAsCss: boolean;
  matchesElementOnServer: boolean;
  /** What the server does differently from CSS with this selector (`core/actions` diagnoseSelector). */
  diagnostics: SelectorDiagnostic[];
  /** The browser's message when the selector is not valid CSS. */
  cssError?: string;
}

/**
 * A selector typed in the overlay's edit box, re-counted on every keystroke: how many elements it
 * selects as CSS and how many clicks the server would count, whether this element is among them,
 * and what the server reads differently. Never throws: half-typed selectors are the normal case.
 * Pass `options.index` (built once for the page) to keep keystrokes cheap.
 */
export function assessSelector(selector: string, element: Element, options: BuildSelectorOptions = {}): SelectorAssessment {
  const scope = SelectorScope.for(element, options.index);
  const trimmed = selector.trim();
  const counts = trimmed === '' ? { cssCount: 0, matchesElementAsCss: false, serverCount: 0, matchesElementOnServer: false, uniqueAsCss: false, uniqueOnServer: false, cssError: 'the selector is empty' } : scope.count(selector);
  const assessment: SelectorAssessment = {
    ...candidateFrom(selector, counts),
    matchesElementAsCss: counts.matchesElementAsCss,
    matchesElementOnServer: counts.matchesElementOnServer,
    diagnostics: diagnoseSelector(selector),
  };
  if (counts.cssError !== undefined) assessment.cssError = counts.cssError;
  return assessment;
}
