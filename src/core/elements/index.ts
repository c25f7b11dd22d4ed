/**
 * `core/elements`: what posthog-js autocapture records for an element, and which elements of a page
 * the inspector offers. Mirrors the SDK version named in `AUTOCAPTURE_RULES` (default config).
 */
export { AUTOCAPTURE_RULES } from './autocaptureRules';
export {
  type AutocaptureEventType,
  type AutocaptureExclusionCode,
  type AutocaptureVerdict,
  autocaptureVerdict,
  isAutocapturable,
} from './autocaptureVerdict';
export { recordedElementFor } from './recordedElementFor';
export { elementsChainFor, sdkElementsFor } from './elementsChainFor';
export { findCandidates, type FindOptions, hasVisibleBox, isCandidate, isRendered } from './findCandidates';
export { CandidateIndex } from './candidateIndex';
export type { ChainColumns } from '../actions/chainColumns';
export {
  type ChainElement,
  type ChainElementInput,
  elementsToChain,
  escapeChainValue,
  parseElementsChain,
  type SdkElement,
  sdkElementsToChain,
  sdkElementsToChainElements,
  unescapeChainValue,
} from './elementsChain';
export { assessSelector, type SelectorAssessment } from './assessSelector';
export { buildSelector, type BuildSelectorOptions, type SelectorCandidate, selectorCandidates } from './buildSelector';
export type { SelectorQuality } from './selectorQuality';
export { classVerdict, type ClassVerdict, DEFAULT_DATA_ATTRIBUTES, idVerdict, type IdVerdict, isDataAttribute } from './selectorStability';
