import { describe, expect, it } from 'vitest';
import { type ConditionStatus, matchAction } from '../../../src/core/actions';
import { chainOf } from '../../fixtures/actions/posthogCases';

const properties = {
  plan: 'pro',
  count: 3,
  ratio: 0.5,
  flag: true,
  nothing: null,
  empty: '',
  quote: 'say "hi"',
  nested: { a: 1 },
  version: '10',
  $elements_chain: chainOf({ tag_name: 'button', text: 'Buy now', href: '/buy' }, { tag_name: 'form' }),
};
const event = { event: 'purchase', properties };

function statusOf(filter: Record<string, unknown>): ConditionStatus {
  const result = matchAction({ steps: [{ event: 'purchase', properties: [filter] }] }, event);
  return result.steps[0]?.status as ConditionStatus;
}

describe('event property filters, with HogQL’s handling of missing values', () => {
  it.each<[string, Record<string, unknown>, ConditionStatus]>([
    // exact (the default operator)
    ['exact', { key: 'plan', value: 'pro' }, 'pass'],
    ['exact is case-sensitive', { key: 'plan', value: 'Pro', operator: 'exact' }, 'fail'],
    ['exact on a JSON number, number value', { key: 'count', value: 3, operator: 'exact' }, 'pass'],
    ['exact on a JSON number, string value', { key: 'count', value: '3', operator: 'exact' }, 'pass'],
    ['exact on a boolean', { key: 'flag', value: true, operator: 'exact' }, 'pass'],
    ['exact on a boolean, as the string PostHog’s UI sends', { key: 'flag', value: 'true', operator: 'exact' }, 'pass'],
    ['exact on a missing property', { key: 'missing', value: 'x', operator: 'exact' }, 'fail'],
    ['exact on a JSON null', { key: 'nothing', value: 'null', operator: 'exact' }, 'fail'],
    ['exact on an empty string', { key: 'empty', value: '', operator: 'exact' }, 'pass'],
    ['a value with a quote is compared JSON-escaped', { key: 'quote', value: 'say "hi"', operator: 'exact' }, 'fail'],
    ['…so the escaped form matches', { key: 'quote', value: 'say \\"hi\\"', operator: 'exact' }, 'pass'],
    ['an object is compared as its JSON', { key: 'nested', value: '{"a":1}', operator: 'exact' }, 'pass'],
    ['exact with several values is IN', { key: 'plan', value: ['basic', 'pro'], operator: 'exact' }, 'pass'],
    ['exact with one value in a list', { key: 'plan', value: ['pro'], operator: 'exact' }, 'pass'],
    ['exact with an empty list is dropped (always true)', { key: 'plan', value: [], operator: 'exact' }, 'pass'],
    ['IN on a missing property', { key: 'missing', value: ['a', 'b'], operator: 'exact' }, 'fail'],
    // is_not
    ['is_not another value', { key: 'plan', value: 'basic', operator: 'is_not' }, 'pass'],
    ['is_not the value', { key: 'plan', value: 'pro', operator: 'is_not' }, 'fail'],
    ['is_not on a missing property passes', { key: 'missing', value: 'x', operator: 'is_not' }, 'pass'],
    ['is_not on a JSON null passes', { key: 'nothing', value: 'x', operator: 'is_not' }, 'pass'],
    ['is_not several values (NOT IN)', { key: 'plan', value: ['basic', 'free'], operator: 'is_not' }, 'pass'],
    ['NOT IN on a missing property passes', { key: 'missing', value: ['a', 'b'], operator: 'is_not' }, 'pass'],
    // icontains / not_icontains: ILIKE '%value%'
    ['icontains is case-insensitive', { key: 'plan', value: 'PR', operator: 'icontains' }, 'pass'],
    ['icontains: _ is a wildcard', { key: 'plan', value: 'p_o', operator: 'icontains' }, 'pass'],
    ['icontains on a missing property', { key: 'missing', value: 'x', operator: 'icontains' }, 'fail'],
    ['icontains several values (multiSearchAnyCaseInsensitive)', { key: 'plan', value: ['xx', 'RO'], operator: 'icontains' }, 'pass'],
    ['icontains on a number', { key: 'count', value: '3', operator: 'icontains' }, 'pass'],
    ['not_icontains a contained value', { key: 'plan', value: 'RO', operator: 'not_icontains' }, 'fail'],
    ['not_icontains another value', { key: 'plan', value: 'xyz', operator: 'not_icontains' }, 'pass'],
    ['not_icontains on a missing property passes', { key: 'missing', value: 'x', operator: 'not_icontains' }, 'pass'],
    // regex / not_regex: RE2
    ['regex', { key: 'plan', value: '^p', operator: 'regex' }, 'pass'],
    ['regex on a number', { key: 'count', value: '^\\d+$', operator: 'regex' }, 'pass'],
    ['regex on a missing property', { key: 'missing', value: '.*', operator: 'regex' }, 'fail'],
    ['regex RE2 rejects: the query fails', { key: 'plan', value: '(?<=p)ro', operator: 'regex' }, 'fail'],
    ['regex JavaScript cannot reproduce', { key: 'plan', value: 'p(?i)RO', operator: 'regex' }, 'unknown'],
    ['not_regex', { key: 'plan', value: '^b', operator: 'not_regex' }, 'pass'],
    ['not_regex on a missing property passes', { key: 'missing', value: '.*', operator: 'not_regex' }, 'pass'],
    ['not_regex several values are AND-ed', { key: 'plan', value: ['^b', '^p'], operator: 'not_regex' }, 'fail'],
    // gt / gte / lt / lte
    ['gt on a number', { key: 'count', value: 2, operator: 'gt' }, 'pass'],
    ['gt compares numbers, not strings', { key: 'count', value: '10', operator: 'gt' }, 'fail'],
    ['gt on a numeric string', { key: 'version', value: 9, operator: 'gt' }, 'pass'],
    ['gt on a decimal', { key: 'ratio', value: 0.25, operator: 'gt' }, 'pass'],
    ['gt on strings compares strings', { key: 'plan', value: 'a', operator: 'gt' }, 'pass'],
    ['gt on a missing property', { key: 'missing', value: 0, operator: 'gt' }, 'fail'],
    ['gte', { key: 'count', value: 3, operator: 'gte' }, 'pass'],
    ['lt', { key: 'count', value: 5, operator: 'lt' }, 'pass'],
    ['lte', { key: 'count', value: 2, operator: 'lte' }, 'fail'],
    // is_set / is_not_set
    ['is_set', { key: 'plan', value: 'is_set', operator: 'is_set' }, 'pass'],
    ['is_set on a missing property', { key: 'missing', value: 'is_set', operator: 'is_set' }, 'fail'],
    ['is_set on a JSON null', { key: 'nothing', value: 'is_set', operator: 'is_set' }, 'fail'],
    ['is_set on an empty string', { key: 'empty', value: 'is_set', operator: 'is_set' }, 'pass'],
    ['is_not_set on a missing property', { key: 'missing', value: 'is_not_set', operator: 'is_not_set' }, 'pass'],
    ['is_not_set on a JSON null', { key: 'nothing', value: 'is_not_set', operator: 'is_not_set' }, 'pass'],
    ['is_not_set on a set property', { key: 'plan', value: 'is_not_set', operator: 'is_not_set' }, 'fail'],
    // $elements_chain is the chain column
    ['$elements_chain reads the chain', { key: '$elements_chain', value: 'button', operator: 'icontains' }, 'pass'],
    // element filters
    ['element selector exact', { key: 'selector', value: 'form > button', operator: 'exact', type: 'element' }, 'pass'],
    ['element selector is_not', { key: 'selector', value: 'button', operator: 'is_not', type: 'element' }, 'fail'],
    ['element selector with another operator: the server raises', { key: 'selector', value: 'button', operator: 'icontains', type: 'element' }, 'fail'],
    ['element tag_name exact', { key: 'tag_name', value: 'form', type: 'element' }, 'pass'],
    ['element text icontains', { key: 'text', value: 'BUY', operator: 'icontains', type: 'element' }, 'pass'],
    ['element href exact', { key: 'href', value: '/buy', type: 'element' }, 'pass'],
    ['element text is_not several values: each must hold for some text', { key: 'text', value: ['Buy now', 'x'], operator: 'is_not', type: 'element' }, 'fail'],
    // what cannot be decided from the event, or is not a filter
    ['person properties are unknown', { key: 'email', value: 'a@b.c', type: 'person' }, 'unknown'],
    ['cohorts are unknown', { key: 'id', value: 4, type: 'cohort' }, 'unknown'],
    ['HogQL is unknown', { key: 'toInt(properties.count) > 1', value: null, type: 'hogql' }, 'unknown'],
    ['an operator not evaluated here is unknown', { key: 'count', value: [1, 5], operator: 'between' }, 'unknown'],
    ['a filter without value is ignored by the server', { key: 'plan' }, 'pass'],
    ['a filter without key is ignored by the server', { value: 'x' }, 'pass'],
  ])('%s', (_name, filter, expected) => {
    expect(statusOf(filter)).toBe(expected);
  });
});
