/**
 * Internal: memoises a string function in a bounded map. Names, companies and phone formats repeat across a lead
 * table, so repeats become a map lookup; when the map holds `limit` entries it is cleared, which keeps memory
 * bounded without the bookkeeping of an LRU. `undefined` and `null` results are remembered too.
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>()
  return (key) => {
    const known = cache.get(key)
    if (known !== undefined || cache.has(key)) return known as V
    const value = compute(key)
    if (cache.size >= limit) cache.clear()
    cache.set(key, value)
    return value
  }
}
