// Deterministic pseudo-random numbers (mulberry32) so fault ratios replay identically for a given --seed.
export type Rng = { next(): number; seed: number };

export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  return {
    seed,
    next() {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}
