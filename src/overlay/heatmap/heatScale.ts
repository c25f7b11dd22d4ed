/**
 * The heatmap's colour scale: five steps from cool to hot, each an element's share of clicks
 * relative to the most clicked element's (the top element is always the hottest, so a page whose
 * clicks spread over hundreds of elements still shows where they go). Steps rather than a
 * continuous ramp: the canvas fills each step with one path, and a legend of five swatches reads
 * at a glance.
 */

export interface HeatColour {
  /** The swatch and the box's outline. */
  line: string;
  /** The box's tint: translucent, so the element stays readable under it. */
  fill: string;
}

export const HEAT_COLOURS: readonly HeatColour[] = [
  { line: 'rgb(49, 130, 206)', fill: 'rgba(49, 130, 206, 0.28)' },
  { line: 'rgb(20, 168, 160)', fill: 'rgba(20, 168, 160, 0.32)' },
  { line: 'rgb(214, 170, 20)', fill: 'rgba(236, 196, 40, 0.38)' },
  { line: 'rgb(232, 117, 26)', fill: 'rgba(237, 128, 40, 0.42)' },
  { line: 'rgb(214, 40, 40)', fill: 'rgba(224, 49, 49, 0.46)' },
];

/** Rage clicks: a red ring outside the tint. Dead clicks: a dotted violet ring. */
export const RAGE_COLOUR = 'rgb(201, 24, 74)';
export const DEAD_COLOUR = 'rgb(112, 72, 232)';

/** The step (0 … HEAT_COLOURS.length - 1) of an element with `share`, when the top element has `maxShare`. */
export function heatLevel(share: number, maxShare: number): number {
  if (!(maxShare > 0) || !(share > 0)) return 0;
  const steps = HEAT_COLOURS.length;
  return Math.min(steps - 1, Math.max(0, Math.ceil((share / maxShare) * steps) - 1));
}

export interface LegendStop {
  colour: HeatColour;
  /** The shares this step covers, as percentages of all clicks (`from` exclusive, `to` inclusive). */
  from: number;
  to: number;
}

/** The legend's swatches with the shares each covers, for a map whose top element has `maxShare`. */
export function legendStops(maxShare: number): LegendStop[] {
  const steps = HEAT_COLOURS.length;
  return HEAT_COLOURS.map((colour, level) => ({ colour, from: (maxShare * level * 100) / steps, to: (maxShare * (level + 1) * 100) / steps }));
}

/** `0.4231` → `42%`; small shares keep a decimal (`0.7%`), none reads `0%`. */
export function formatShare(share: number): string {
  const percent = share * 100;
  if (percent === 0) return '0%';
  if (percent < 1) return `${percent.toFixed(1)}%`;
  return `${Math.round(percent)}%`;
}
