// The generator's deterministic random source: a seeded sequence and the dice rolled with it.

/** mulberry32: a tiny, fast generator whose sequence depends only on the seed, unlike Math.random. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Dice {
  constructor(readonly next: () => number) {}
  /** A whole number from lo to hi, both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  /** Up to k different items: a link given twice would be merged by the validator and spoil the counts. */
  sample<T>(items: readonly T[], k: number): T[] {
    if (k >= items.length) return [...items];
    if (k * 3 < items.length) {
      const chosen = new Set<number>();
      while (chosen.size < k) chosen.add(Math.floor(this.next() * items.length));
      return [...chosen].map((i) => items[i]!);
    }
    const copy = [...items];
    for (let i = 0; i < k; i += 1) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy.slice(0, k);
  }
}
