// Random choices a failing test can replay: a small seeded PRNG (mulberry32) and a seed taken
// from an environment variable when given, else fresh, printed so the run can be repeated.

/** Numbers in [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed from `envName` (an integer) or a fresh one; says which, and how to replay it. */
export function seedFromEnv(envName: string, label: string): number {
  const given = process.env[envName];
  const seed = given !== undefined && /^\d+$/.test(given) ? Number(given) : Math.floor(Math.random() * 2 ** 32);
  console.log(`${label}: random seed ${seed} (replay with ${envName}=${seed})`);
  return seed;
}
