// The generator's scales: England's headline counts and the fraction of them each scale makes.

/** Each scale is a fraction of England; every count is that fraction of England's, and at least one. */
export const SCALES = { small: 0.01, medium: 0.1, england: 1 } as const;
export type Scale = keyof typeof SCALES;
export const isScale = (name: string): name is Scale => Object.hasOwn(SCALES, name);

/** The headline counts of the `england` scale; `medium` has a tenth of each, `small` a hundredth. */
export const ENGLAND = {
  regions: 7,
  footprints: 42,
  boroughs: 300,
  organisations: 15_000,
  gpPractices: 7_000,
  services: 60_000,
  resources: 20_000,
  people: 20_000,
  programmes: 2_000,
  actions: 50_000,
  events: 2_000,
} as const;

/** Counts of a scale: England's times the scale's fraction, at least one of each. */
export function scaledCount(scale: Scale, englandCount: number): number {
  return Math.max(1, Math.round(englandCount * SCALES[scale]));
}

/** The seed is fixed per scale, so `england` is the same graph on every machine and every run. */
export const seedOf = (scale: Scale) =>
  [...`partnership-hub:${scale}`].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
