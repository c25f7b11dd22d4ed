/**
 * The PostHog source this module follows. Every "the server does X" comment in `core/actions`
 * refers to these files; when PostHog changes them, re-read them and update the cases in
 * `test/fixtures/actions/posthogCases.ts`.
 *
 * - Selector compiler: `build_selector_regex`, `Selector`, `SelectorPart` as merged in PR #83169
 *   (master 1b114bf0, in production since 2026-08-18: part tail widened to `[^;]`, attribute-quote
 *   escaping normalized). Read from PostHog's own verbatim copy,
 *   `products/actions/backend/selector_audit/_old_compiler.py` @ 3e8b98a6da35c49f7002b1bebbd33c370fc0b46c.
 *   (PR #80653, a stricter compiler, was not merged when this was written; it is not followed.)
 * - Matching: `steps_to_expr`, `selector_to_expr`, `tag_name_to_expr`, `property_to_expr` and
 *   `_expr_to_compare_op` in `posthog/hogql/property.py` @ 006dee4994777e748dde5a33b1846eeee0e0982d.
 * - Materialized columns `elements_chain_href`, `elements_chain_texts`, `elements_chain_ids`,
 *   `elements_chain_elements` (`posthog/models/event/sql.py`) and `Element.USEFUL_ELEMENTS`
 *   (`posthog/models/element/element.py` @ 10dc7c2c5506da050012649949dc9bed3a8428d5).
 * - API: `ActionStepJSONSerializer.get_selector_regex` and `ActionSerializer`
 *   (`products/actions/backend/api/action.py` @ 01f25007f64733645eb0646bc725a742d51dec11).
 * - HogQL null semantics (`ifNull(equals(…), 0)`, `ifNull(notEquals(…), 1)`, `NOT IN` true on NULL):
 *   `posthog/hogql/test/test_clickhouse_null_semantics.py`, and property reads as
 *   `replaceRegexpAll(nullIf(nullIf(JSONExtractRaw(properties, key), ''), 'null'), '^"|"$', '')`.
 */
export const POSTHOG_REFERENCE = {
  selectorCompiler: { pr: 83169, mergeCommit: '1b114bf0', readAt: '3e8b98a6da35c49f7002b1bebbd33c370fc0b46c' },
  hogqlProperty: '006dee4994777e748dde5a33b1846eeee0e0982d',
  actionApi: '01f25007f64733645eb0646bc725a742d51dec11',
} as const;
