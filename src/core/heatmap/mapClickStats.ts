import type { CandidateIndex } from '../elements/candidateIndex';
import {
  CLICK_KINDS,
  type ClickKind,
  type ClickMap,
  type ClickStatsRow,
  type ElementClicks,
  type NearMissReason,
  type UnmatchedClicks,
} from './clickStats';
import { type ClickTarget, ClickTargets, type TargetMatch } from './clickTargets';
import { chainOfStatsRow } from './statsChain';

/** How many of the rows that match nothing are listed by name. */
export const UNMATCHED_LISTED = 20;

const KINDS = new Set<string>(CLICK_KINDS);
const isClickKind = (type: string): type is ClickKind => KINDS.has(type);

interface Tally {
  target: ClickTarget;
  clicks: number;
  rageClicks: number;
  deadClicks: number;
  exactClicks: number;
  nearClicks: number;
  near: boolean;
  reasons: Set<NearMissReason>;
  rows: number;
}

function add(tally: { clicks: number; rageClicks: number; deadClicks: number }, kind: ClickKind, count: number): void {
  if (kind === '$autocapture') tally.clicks += count;
  else if (kind === '$rageclick') tally.rageClicks += count;
  else tally.deadClicks += count;
}

/**
 * Click stats rows → the clicked elements on this page, by chain (see `ClickTargets` for why not
 * CSS, and for what a near miss may change). The page is indexed once per `CandidateIndex`; each
 * distinct chain among the rows is looked up once. Rows whose type is not a `ClickKind` are ignored;
 * rows that find no element are summed in `unmatched`. Elements with the same chain (twins) show
 * the same counts and count once in `mappedClicks`.
 */
export function mapClickStats(index: CandidateIndex, rows: readonly ClickStatsRow[]): ClickMap {
  const targets = ClickTargets.of(index);
  const found = new Map<string, TargetMatch | null>();
  const tallies = new Map<ClickTarget, Tally>();
  const unmatched: UnmatchedClicks = { rows: 0, clicks: 0, rageClicks: 0, deadClicks: 0, top: [] };
  const unmatchedRows: Array<{ chain: string; type: string; count: number }> = [];
  let totalClicks = 0;

  for (const row of rows) {
    if (!isClickKind(row.type)) continue;
    if (row.type === '$autocapture') totalClicks += row.count;
    const chain = chainOfStatsRow(row.elements);
    let match = found.get(chain);
    if (match === undefined) {
      match = targets.find(chain);
      found.set(chain, match);
    }
    if (!match) {
      unmatched.rows++;
      add(unmatched, row.type, row.count);
      unmatchedRows.push({ chain, type: row.type, count: row.count });
      continue;
    }
    let tally = tallies.get(match.target);
    if (!tally) {
      tally = { target: match.target, clicks: 0, rageClicks: 0, deadClicks: 0, exactClicks: 0, nearClicks: 0, near: false, reasons: new Set(), rows: 0 };
      tallies.set(match.target, tally);
    }
    tally.rows++;
    add(tally, row.type, row.count);
    if (match.quality === 'near') {
      tally.near = true;
      for (const reason of match.reasons) tally.reasons.add(reason);
    }
    if (row.type === '$autocapture') {
      if (match.quality === 'exact') tally.exactClicks += row.count;
      else tally.nearClicks += row.count;
    }
  }

  const ordered = [...tallies.values()].sort(
    (a, b) => b.clicks - a.clicks || b.rageClicks - a.rageClicks || b.deadClicks - a.deadClicks || a.target.order - b.target.order,
  );
  const elements: ElementClicks[] = [];
  let mappedClicks = 0;
  let rank = 0;
  let previous: Tally | undefined;
  for (const tally of ordered) {
    // Dense: equal clicks and rage clicks share a rank, and the next one is the next number.
    if (!previous || previous.clicks !== tally.clicks || previous.rageClicks !== tally.rageClicks) rank++;
    previous = tally;
    mappedClicks += tally.clicks;
    for (const element of tally.target.elements) {
      elements.push({
        element,
        chain: tally.target.chain,
        clicks: tally.clicks,
        rageClicks: tally.rageClicks,
        deadClicks: tally.deadClicks,
        exactClicks: tally.exactClicks,
        nearClicks: tally.nearClicks,
        quality: tally.near ? 'near' : 'exact',
        nearReasons: [...tally.reasons],
        twins: tally.target.elements.length - 1,
        rank,
        share: totalClicks > 0 ? tally.clicks / totalClicks : 0,
        rows: tally.rows,
      });
    }
  }

  unmatched.top = unmatchedRows.sort((a, b) => b.count - a.count).slice(0, UNMATCHED_LISTED);
  return { elements, unmatched, totalClicks, mappedClicks };
}
