// The generator's dice, rolled with a seeded sequence (schema/random.ts) so the same scale gives the same records.

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
