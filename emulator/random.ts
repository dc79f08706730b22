// Seeded pseudo-random numbers, so that a run with the same seed and the same request sequence injects the same
// faults, draws the same jitter and hands out the same ids. Secrets and tokens never come from here (crypto only).

export interface Prng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
}

/** mulberry32: tiny, fast, and good enough for test fixtures (not for anything secret). */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

/**
 * Independent streams per concern (ids, fault draws, latency jitter): a test that adds a request of one kind must
 * not shift the draws of another, or seeded runs stop being comparable.
 */
export function deriveSeed(seed: number, stream: string): number {
  let hash = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < stream.length; i++) {
    hash = Math.imul(hash ^ stream.charCodeAt(i), 0x01000193) >>> 0;
  }
  return hash;
}

const ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** Lower-case alphanumeric ids, the shape Mosaic uses for app and client ids. */
export function randomId(prng: Prng, length = 21): string {
  let id = "";
  for (let i = 0; i < length; i++) id += ID_ALPHABET[prng.int(ID_ALPHABET.length)];
  return id;
}
