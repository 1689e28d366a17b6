// Counter series whose labels are known in advance, counted in a plain number and added to their counter when it is read.
import type { Counter, LabelValues } from 'prom-client';

/** One series of a counter: what the hot path bumps instead of `counter.inc(labels)`. */
export interface CounterSeries {
  inc(): void;
}

/**
 * prom-client works out a label set's hash and checks its names on every inc (about 0.3 µs each, three per stored
 * GET below Fastify); a series does that once, when its counter is read (`collect`, so /metrics and `get()` always
 * see every count).
 */
const flushes = new WeakMap<object, Map<string, () => void>>();
const series = new WeakMap<object, Map<string, CounterSeries>>();

/** The series of `counter` with these labels: one per label set, however often asked for. */
export function counterSeries<T extends string>(counter: Counter<T>, labels: LabelValues<T>): CounterSeries {
  const id = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
  let known = series.get(counter);
  if (!known) {
    known = new Map();
    series.set(counter, known);
    flushes.set(counter, new Map());
  }
  const found = known.get(id);
  if (found) return found;
  let pending = 0;
  const made: CounterSeries = {
    inc: () => {
      pending += 1;
    },
  };
  known.set(id, made);
  flushes.get(counter)?.set(id, () => {
    if (pending === 0) return;
    const counted = pending;
    pending = 0;
    counter.inc(labels, counted);
  });
  return made;
}

/** Adds what each of the metric's series counted since it was last read: its counter's `collect` calls this. */
export function flushSeries(metric: object): void {
  for (const flush of flushes.get(metric)?.values() ?? []) flush();
}
