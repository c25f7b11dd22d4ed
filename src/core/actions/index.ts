/**
 * `core/actions`: would PostHog's server count this event for this action? The action schema, a
 * matcher that follows the server's HogQL path case for case (not CSS), `selector_regex`,
 * validation and explanations. Pure: runs in the page, the worker, node and the local project API.
 * The PostHog source followed is pinned in `posthogReference.ts`.
 */
export { POSTHOG_REFERENCE } from './posthogReference';
export {
  ACTION_READ_ONLY_FIELDS,
  ACTION_STEP_READ_ONLY_FIELDS,
  type Action,
  actionMatchingSchema,
  type ActionMatching,
  type ActionPatch,
  actionPatchSchema,
  actionSchema,
  type ActionStep,
  actionStepSchema,
  type ActionStepWrite,
  actionStepWriteSchema,
  type ActionWrite,
  actionWriteSchema,
  type PropertyFilter,
  propertyFilterSchema,
  type PropertyOperator,
  propertyOperatorSchema,
  writableStep,
} from './schema';
export { actionMatches, compileAction, type MatchableAction, matchAction } from './matchAction';
export { AUTOCAPTURE_EVENT, type MatchableStep } from './compileStep';
export { eventFacts, ingestedElementsChain, type MatchableEvent } from './eventFacts';
export type { ConditionKind, ConditionResult, ConditionStatus, IgnoredCondition, MatchResult, StepResult } from './matchResult';
export { type ExplainedLine, type ExplainedStep, type Explanation, explainMatch, explainMatchSteps } from './explainMatch';
export { selectorRegex } from './selectorRegex';
export { compileSelector, type SelectorEvaluation, testSelector, USEFUL_ELEMENTS } from './selectorMatcher';
export { diagnoseSelector, type SelectorDiagnostic, type SelectorDiagnosticCode } from './selectorDiagnostics';
export { type ActionValidationMessage, validateAction, type ValidateActionOptions, type ValidationSeverity } from './validateAction';
export { compileRe2, type Re2Pattern, type RegexIssue } from './re2';
