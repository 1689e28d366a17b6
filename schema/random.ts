// A seeded random source (mulberry32), in the core so that the generator's dice and the communities' Louvain share it.

/**
 * mulberry32: a tiny, fast generator whose sequence depends only on the seed, unlike Math.random, so the same seed
 * generates the same England and partitions the same network the same way (Louvain visits nodes and breaks ties at
 * random). Returns numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
