/**
 * A fixed sequence of pseudo-random whole numbers for tests that generate varied input by hand: the
 * same seed gives the same input on every run, so a failure names text that can be tried again.
 *
 * @example const next = seededIndexes(7); pieces[next(pieces.length)]
 */
export function seededIndexes(seed: number): (n: number) => number {
  let state = seed;
  // A linear congruential generator (the C library's constants): varied enough for test input.
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}
