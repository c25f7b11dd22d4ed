/**
 * What the server reads from an event's elements chain besides the chain itself: PostHog's
 * materialized columns, computed with the same regular expressions ClickHouse runs at insert time.
 * They are not a parse of the chain, and that is where they differ from intuition:
 *
 * - `elements_chain_href` is `extract(chain, '(?::|")href="(.*?)"')`: only the **first** href in the
 *   chain (usually the clicked link's, but an ancestor's when the clicked element has none), and ''
 *   (not NULL) when there is none.
 * - `elements_chain_texts` is `arrayDistinct(extractAll(chain, '(?::|")text="(.*?)"'))`: every
 *   element's text, each cut at its first `"` — a text containing a quote is stored in the chain
 *   as `\"`, so the server sees `say \` for `say "hi"`.
 * - `elements_chain_ids` likewise for `attr_id="…"`.
 * - `elements_chain_elements`: which of a, button, form, input, select, textarea, label occur as a
 *   tag (followed by `.`, `:` or the end).
 *
 * ClickHouse compiles these with dot-matches-newline, hence the `s` flag.
 */

const HREF = /(?::|")href="(.*?)"/su;
const TEXT = /(?::|")text="(.*?)"/gsu;
const ATTR_ID = /(?::|")attr_id="(.*?)"/gsu;
const ELEMENT = /(?:^|;)(a|button|form|input|select|textarea|label)(?:\.|$|:)/gu;

function distinctMatches(chain: string, pattern: RegExp): string[] {
  const seen = new Set<string>();
  for (const match of chain.matchAll(pattern)) seen.add(match[1] ?? '');
  return [...seen];
}

/** The materialized columns of one chain, each computed on first use. */
export class ChainColumns {
  private hrefValue: string | undefined;
  private textsValue: string[] | undefined;
  private idsValue: string[] | undefined;
  private elementsValue: string[] | undefined;

  constructor(readonly chain: string) {}

  /** `elements_chain_href`: the first href in the chain, '' when none. */
  get href(): string {
    this.hrefValue ??= HREF.exec(this.chain)?.[1] ?? '';
    return this.hrefValue;
  }

  /** `elements_chain_texts`. */
  get texts(): string[] {
    this.textsValue ??= distinctMatches(this.chain, TEXT);
    return this.textsValue;
  }

  /** `elements_chain_ids`. */
  get ids(): string[] {
    this.idsValue ??= distinctMatches(this.chain, ATTR_ID);
    return this.idsValue;
  }

  /** `elements_chain_elements`. */
  get elements(): string[] {
    this.elementsValue ??= distinctMatches(this.chain, ELEMENT);
    return this.elementsValue;
  }
}

const cache = new Map<string, ChainColumns>();
const CACHE_LIMIT = 20_000;

/** The columns of a chain; the same chain string shares one instance (chains repeat a lot). */
export function chainColumns(chain: string): ChainColumns {
  const hit = cache.get(chain);
  if (hit) return hit;
  const columns = new ChainColumns(chain);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(chain, columns);
  return columns;
}
