import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  elementsToChain,
  escapeChainValue,
  parseElementsChain,
  sdkElementsToChain,
  sdkElementsToChainElements,
  unescapeChainValue,
  type ChainElement,
  type SdkElement,
} from '../../../src/core/elements/elementsChain';
import { seededRandom } from '../../../src/core/seededRandom';
import { decodeRequest } from '../../../src/core/wire/index';
import { RECORDED_VERSIONS, readWireFixture, toDecodeInput, wireFixturePath } from '../../fixtures/wire/wireFixture';

// The SDK's own implementation is the oracle for writing chains: posthog-js 1.449 computes
// `$elements_chain` with @posthog/browser-common's getElementsChainString.
const require = createRequire(import.meta.url);
const sdk = require('@posthog/browser-common/utils/autocapture-utils') as {
  getElementsChainString(elements: SdkElement[]): string;
};

/** Autocapture events in the real posthog-js requests recorded under test/fixtures/wire/. */
function loadRecordedEvents(): [string, Record<string, unknown>][] {
  const events: [string, Record<string, unknown>][] = [];
  for (const version of RECORDED_VERSIONS) {
    if (!existsSync(wireFixturePath(version))) continue;
    for (const request of readWireFixture(version).requests) {
      for (const event of decodeRequest(toDecodeInput(request)).events) {
        const { $elements_chain: chain, $elements: elements } = event.properties;
        if (chain || elements) events.push([`posthog-js ${version} ${event.event}`, event.properties]);
      }
    }
  }
  return events;
}

function el(partial: Partial<ChainElement>): ChainElement {
  return {
    text: null,
    tag_name: null,
    attr_class: null,
    href: null,
    attr_id: null,
    nth_child: null,
    nth_of_type: null,
    attributes: {},
    order: 0,
    ...partial,
  };
}

describe('parseElementsChain', () => {
  it.each<[string, string, ChainElement[]]>([
    ['empty chain', '', []],
    [
      'tag, classes and promoted attributes',
      'a.btn.primary:attr__class="btn primary"attr__href="/pricing"attr_id="buy"href="/pricing"nth-child="2"nth-of-type="1"text="Buy now"',
      [
        el({
          tag_name: 'a',
          attr_class: ['btn', 'primary'],
          href: '/pricing',
          attr_id: 'buy',
          nth_child: 2,
          nth_of_type: 1,
          text: 'Buy now',
          attributes: { attr__class: 'btn primary', attr__href: '/pricing' },
        }),
      ],
    ],
    [
      'order follows the chain, clicked element first',
      'span:nth-child="1"nth-of-type="1"text="Go";button:nth-child="3"nth-of-type="2";body:nth-child="2"nth-of-type="1"',
      [
        el({ tag_name: 'span', nth_child: 1, nth_of_type: 1, text: 'Go', order: 0 }),
        el({ tag_name: 'button', nth_child: 3, nth_of_type: 2, order: 1 }),
        el({ tag_name: 'body', nth_child: 2, nth_of_type: 1, order: 2 }),
      ],
    ],
    [
      'class names containing a colon (Tailwind variants)',
      'button.hover:bg-red.md:px-4:nth-child="1"nth-of-type="1"',
      [el({ tag_name: 'button', attr_class: ['hover:bg-red', 'md:px-4'], nth_child: 1, nth_of_type: 1 })],
    ],
    [
      'semicolons and spaces inside quoted values do not split elements',
      'a:href="/x?a=1;b=2"nth-child="1"nth-of-type="1"text="one; two";div:nth-child="1"nth-of-type="1"',
      [
        el({ tag_name: 'a', href: '/x?a=1;b=2', text: 'one; two', nth_child: 1, nth_of_type: 1 }),
        el({ tag_name: 'div', nth_child: 1, nth_of_type: 1, order: 1 }),
      ],
    ],
    [
      'escaped quotes stay escaped, as the PostHog API returns them',
      'button:attr__data-x="a\\"b"nth-child="1"nth-of-type="1"text="Say \\"hi\\""',
      [el({ tag_name: 'button', attributes: { 'attr__data-x': 'a\\"b' }, nth_child: 1, nth_of_type: 1, text: 'Say \\"hi\\"' })],
    ],
    [
      'an element without a tag',
      '.only-class:nth-child="1"nth-of-type="1"',
      [el({ tag_name: '', attr_class: ['only-class'], nth_child: 1, nth_of_type: 1 })],
    ],
    [
      'non-integer nth values become null',
      'li:nth-child="x"nth-of-type="2"',
      [el({ tag_name: 'li', nth_child: null, nth_of_type: 2 })],
    ],
    ['an element with no attributes at all', 'div', [el({ tag_name: 'div' })]],
    [
      'empty class segments are dropped',
      'div..a.:nth-child="1"nth-of-type="1"',
      [el({ tag_name: 'div', attr_class: ['a'], nth_child: 1, nth_of_type: 1 })],
    ],
    [
      'empty attribute values',
      'input:attr__placeholder=""nth-child="1"nth-of-type="1"',
      [el({ tag_name: 'input', attributes: { attr__placeholder: '' }, nth_child: 1, nth_of_type: 1 })],
    ],
  ])('%s', (_name, chain, expected) => {
    expect(parseElementsChain(chain)).toEqual(expected);
  });
});

describe('elementsToChain', () => {
  it.each<[string, Parameters<typeof elementsToChain>[0], string]>([
    ['no elements', [], ''],
    ['defaults nth-child and nth-of-type to 0', [{ tag_name: 'div' }], 'div:nth-child="0"nth-of-type="0"'],
    [
      'sorts classes and attribute keys in code-unit order',
      [{ tag_name: 'a', attr_class: ['b', 'A', 'a'], attributes: { attr__role: 'x', 'attr__aria-label': 'y' }, nth_child: 1, nth_of_type: 1 }],
      'a.A.a.b:attr__aria-label="y"attr__role="x"nth-child="1"nth-of-type="1"',
    ],
    [
      'escapes quotes idempotently and drops quotes from class names',
      [{ tag_name: 'p', attr_class: ['x"y'], text: 'a "b" \\"c\\"', nth_child: 1, nth_of_type: 1 }],
      'p.xy:nth-child="1"nth-of-type="1"text="a \\"b\\" \\"c\\""',
    ],
    [
      'omits empty text, href and id',
      [{ tag_name: 'span', text: '', href: '', attr_id: '', nth_child: 3, nth_of_type: 2 }],
      'span:nth-child="3"nth-of-type="2"',
    ],
    [
      'attributes override promoted fields with the same key',
      [{ tag_name: 'a', href: '/a', attributes: { href: '/b' }, nth_child: 1, nth_of_type: 1 }],
      'a:href="/b"nth-child="1"nth-of-type="1"',
    ],
  ])('%s', (_name, elements, expected) => {
    expect(elementsToChain(elements)).toBe(expected);
  });

  it('normalizes the unsorted chains posthog-js 1.130 wrote (it sorted a copy, then joined the original)', () => {
    const chain130 = 'button.btn.btn-primary:text="Buy now"nth-child="1"nth-of-type="1"attr_id="buy"attr__id="buy"attr__class="btn btn-primary"';
    const sorted = 'button.btn.btn-primary:attr__class="btn btn-primary"attr__id="buy"attr_id="buy"nth-child="1"nth-of-type="1"text="Buy now"';
    expect(parseElementsChain(chain130)).toEqual(parseElementsChain(sorted));
    expect(elementsToChain(parseElementsChain(chain130))).toBe(sorted);
  });

  it('does not reorder the caller’s class array', () => {
    const classes = ['b', 'a'];
    elementsToChain([{ tag_name: 'div', attr_class: classes }]);
    expect(classes).toEqual(['b', 'a']);
  });
});

const sdkElementCases: [string, SdkElement[]][] = [
  [
    'a link inside a list',
    [
      { tag_name: 'a', $el_text: 'Pricing', attr__href: '/pricing', attr__class: 'nav-link active', nth_child: 2, nth_of_type: 2 },
      { tag_name: 'li', attr__class: 'nav-item', nth_child: 2, nth_of_type: 2 },
      { tag_name: 'ul', attr__id: 'menu', nth_child: 1, nth_of_type: 1 },
      { tag_name: 'body', nth_child: 2, nth_of_type: 1 },
    ],
  ],
  [
    'quotes, semicolons and data attributes',
    [
      {
        tag_name: 'button',
        $el_text: 'Say "hi"; bye',
        attr__class: ['btn', 'btn-primary'],
        'attr__data-ph-capture-attribute-plan': 'pro "annual"',
        attr__type: 'submit',
        nth_child: 1,
        nth_of_type: 1,
      },
      { tag_name: 'form', attr__action: '/checkout?x=1;y=2', nth_child: 3, nth_of_type: 1 },
    ],
  ],
  [
    'svg class list given as an array and a missing text',
    [
      { tag_name: 'svg', attr__class: ['icon', 'icon-cart'], nth_child: 1, nth_of_type: 1 },
      { tag_name: 'button', attr__class: 'cart', $el_text: 'Cart', nth_child: 4, nth_of_type: 2 },
    ],
  ],
  ['long text and href are cut like the SDK does', [{ tag_name: 'a', $el_text: 'x'.repeat(500), attr__href: `/${'y'.repeat(3000)}`, nth_child: 1, nth_of_type: 1 }]],
];

describe('sdkElementsToChain ($elements → chain, as PostHog ingestion)', () => {
  it.each(sdkElementCases)('%s: byte-identical to posthog-js getElementsChainString', (_name, elements) => {
    expect(sdkElementsToChain(elements)).toBe(sdk.getElementsChainString(elements.map((e) => ({ ...e }))));
  });

  it('maps SDK fields onto chain elements', () => {
    const [first] = sdkElementsToChainElements([
      { tag_name: 'a', $el_text: 'Go', attr__href: '/go', attr__id: 'go', attr__class: ' a  b ', nth_child: 1, nth_of_type: 2 },
    ]);
    expect(first).toEqual(
      el({
        tag_name: 'a',
        text: 'Go',
        href: '/go',
        attr_id: 'go',
        attr_class: ['a', 'b'],
        nth_child: 1,
        nth_of_type: 2,
        attributes: { attr__href: '/go', attr__id: 'go', attr__class: ' a  b ' },
      }),
    );
  });
});

describe('round-trips', () => {
  it.each(sdkElementCases)('%s: parse(SDK chain) writes back the same chain', (_name, elements) => {
    const chain = sdk.getElementsChainString(elements.map((e) => ({ ...e })));
    expect(elementsToChain(parseElementsChain(chain))).toBe(chain);
  });

  const recorded = loadRecordedEvents();
  const withChain = recorded.filter(([, properties]) => typeof properties['$elements_chain'] === 'string');
  const withElements = recorded.filter(([, properties]) => Array.isArray(properties['$elements']));
  const both = withChain.filter(([, properties]) => Array.isArray(properties['$elements']));
  if (withChain.length === 0 || withElements.length === 0 || both.length === 0) {
    it.skip('recorded autocapture events (no recorded fixtures under test/fixtures/wire/)', () => {});
  }
  if (withChain.length > 0) {
    it.each(withChain)('recorded $elements_chain from %s round-trips', (_source, properties) => {
      const chain = properties['$elements_chain'] as string;
      expect(parseElementsChain(chain).length).toBeGreaterThan(0);
      expect(elementsToChain(parseElementsChain(chain))).toBe(chain);
    });
  }
  if (both.length > 0) {
    it.each(both)('recorded $elements from %s convert to the $elements_chain the SDK sent', (_source, properties) => {
      expect(sdkElementsToChain(properties['$elements'] as SdkElement[])).toBe(properties['$elements_chain']);
    });
  }
  if (withElements.length > 0) {
    it.each(withElements)('recorded $elements from %s convert like posthog-js and parse back', (_source, properties) => {
      const elements = properties['$elements'] as SdkElement[];
      const chain = sdkElementsToChain(elements);
      expect(chain).toBe(sdk.getElementsChainString(structuredClone(elements) as SdkElement[]));
      expect(parseElementsChain(chain)).toHaveLength(elements.length);
      expect(elementsToChain(parseElementsChain(chain))).toBe(chain);
    });
  }

  it('escape and unescape are inverse for text without backslashes', () => {
    const text = 'She said "yes" and "no"';
    expect(unescapeChainValue(escapeChainValue(text))).toBe(text);
    expect(escapeChainValue(escapeChainValue(text))).toBe(escapeChainValue(text));
  });
});

describe('elementsToChain on random elements', () => {
  // Random $elements (attributes in any order, quotes, empty and long values) through our writer and the SDK's.
  it('writes what posthog-js getElementsChainString writes', () => {
    const random = seededRandom(7);
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const values = ['', 'a', 'say "hi"', 'x\\"y', 'width:2px;', 'ü', 'z'.repeat(300)];
    for (let n = 0; n < 300; n++) {
      const elements: SdkElement[] = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
        const element: Record<string, unknown> = { tag_name: pick(['a', 'div', 'button', 'span']), nth_child: Math.floor(random() * 4), nth_of_type: Math.floor(random() * 4) };
        for (const key of ['attr__title', 'attr__data-x', 'attr__aria-label', 'attr__style', 'attr__href', 'attr__id', 'attr__class', '$el_text'].sort(() => random() - 0.5)) {
          if (random() < 0.5) element[key] = key === 'attr__class' ? pick(['b a', 'one', 'x"y z', '']) : pick(values);
        }
        return element;
      });
      expect(sdkElementsToChain(elements)).toBe(sdk.getElementsChainString(structuredClone(elements)));
    }
  });
});
