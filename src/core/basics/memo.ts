/**
 * Remembering a pure function's answers. Reading a plan asks the same small questions of thousands
 * of cells (is this format a date, which role is this header word, which hex is this fill), so each
 * answer is worked out once. The memory is bounded: past `limit` answers it is forgotten at once.
 */

/**
 * `compute`, remembering up to `limit` answers.
 * const isDate = memoise(1000, showsDate); isDate("dd/mm/yyyy") // worked out once, then looked up
 */
export function memoise<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    // One look-up for an answer known (asked of every cell): has() only for an answer of undefined.
    const answer = known.get(key);
    if (answer !== undefined || known.has(key)) return answer as V;
    if (known.size >= limit) known.clear();
    const value = compute(key);
    known.set(key, value);
    return value;
  };
}
