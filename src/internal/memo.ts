/**
 * A memo of a string function, bounded in entries and in bytes, owned by the object that uses it (a duplicate
 * index, a compiled rule set, a scoring model, a training run) and never by a module: names, companies, job titles
 * and phone formats repeat across a lead table, so repeats become a map lookup. When either bound would be passed
 * the memo is cleared, which keeps memory bounded without the bookkeeping of an LRU. Keys longer than
 * `maxKeyLength` are computed every time and never held: one hostile 2,000,000-character name must not pin
 * megabytes, and real values are short. `undefined` and `null` results are remembered too. The map itself is made
 * on the first miss, so an owner that never uses its memo pays nothing for it.
 *
 * Bytes are counted as JavaScript stores strings at worst (two bytes a character) plus a fixed overhead per entry
 * for the map slot and the two string headers, so the bound holds whatever the engine does.
 *
 * @example
 * const lower = new BoundedMemo((text) => text.toLowerCase(), { maxEntries: 100, maxBytes: 8_192, maxKeyLength: 64 })
 * lower.get('Sales Manager') //=> 'sales manager'
 */
export class BoundedMemo<V> {
  private cache: Map<string, V> | undefined
  private bytes = 0
  /** How many times the memo was cleared because a bound was reached (for tests and benchmarks). */
  clears = 0

  /**
   * @param compute - the function memoised; it must be pure
   * @param limits - `maxEntries`, `maxBytes`, `maxKeyLength` (characters)
   * @param valueLength - a value's size in characters (strings: their length; default 8 for anything else)
   */
  constructor(
    private readonly compute: (key: string) => V,
    private readonly limits: MemoLimits,
    private readonly valueLength: (value: V) => number = defaultValueLength,
  ) {}

  /** The value for `key`, computed once while it stays in the memo. */
  get(key: string): V {
    const cache = this.cache
    if (cache !== undefined) {
      const known = cache.get(key)
      if (known !== undefined || cache.has(key)) return known as V
    }
    const value = this.compute(key)
    if (key.length > this.limits.maxKeyLength) return value
    const cost = (key.length + this.valueLength(value)) * 2 + ENTRY_OVERHEAD
    if (cache === undefined) {
      this.cache = new Map([[key, value]])
      this.bytes = cost
    } else if (cache.size >= this.limits.maxEntries || this.bytes + cost > this.limits.maxBytes) {
      cache.clear()
      cache.set(key, value)
      this.bytes = cost
      this.clears += 1
    } else {
      cache.set(key, value)
      this.bytes += cost
    }
    return value
  }

  /** Entries held now. */
  get size(): number {
    return this.cache?.size ?? 0
  }

  /** An upper bound of the bytes the held entries take, as counted against `maxBytes`. */
  get retainedBytes(): number {
    return this.bytes
  }
}

/** Bounds of a {@link BoundedMemo}. */
export interface MemoLimits {
  readonly maxEntries: number
  readonly maxBytes: number
  readonly maxKeyLength: number
}

/** A map slot and two string headers, roughly, on a 64-bit engine. */
const ENTRY_OVERHEAD = 64

function defaultValueLength(value: unknown): number {
  if (typeof value === 'string') return value.length
  if (Array.isArray(value)) {
    let length = 8
    for (const item of value) length += typeof item === 'string' ? item.length + 8 : 8
    return length
  }
  return 8
}
