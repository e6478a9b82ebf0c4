/**
 * A memo of a string function, bounded in entries and in bytes, owned by the object that uses it (a duplicate
 * index, a compiled rule set): names, companies and phone formats repeat across a lead table, so repeats become a
 * map lookup. When either bound would be exceeded the memo is cleared, which keeps memory bounded without the
 * bookkeeping of an LRU. Keys longer than `maxKeyLength` are computed every time and never retained: one hostile
 * 2,000,000-character name must not pin megabytes, and real names are short.
 *
 * Bytes are counted as JavaScript stores strings at worst (2 bytes a character) plus a fixed overhead per entry for
 * the map slot and the two string headers, so the bound holds whatever the engine does.
 */
export class BoundedMemo<V> {
  private readonly cache = new Map<string, V>()
  private bytes = 0
  /** How many times the memo was cleared because a bound was reached (for tests and benchmarks). */
  clears = 0

  /**
   * @param compute - the function memoised; it must be pure
   * @param limits - `maxEntries`, `maxBytes`, `maxKeyLength` (characters); `valueLength` measures a value in characters
   */
  constructor(
    private readonly compute: (key: string) => V,
    private readonly limits: MemoLimits,
    private readonly valueLength: (value: V) => number = defaultValueLength,
  ) {}

  /** The value for `key`, computed once while it stays in the memo. */
  get(key: string): V {
    const known = this.cache.get(key)
    if (known !== undefined || this.cache.has(key)) return known as V
    const value = this.compute(key)
    if (key.length > this.limits.maxKeyLength) return value
    const cost = (key.length + this.valueLength(value)) * 2 + ENTRY_OVERHEAD
    if (this.cache.size >= this.limits.maxEntries || this.bytes + cost > this.limits.maxBytes) {
      this.cache.clear()
      this.bytes = 0
      this.clears += 1
    }
    this.cache.set(key, value)
    this.bytes += cost
    return value
  }

  /** Entries held now. */
  get size(): number {
    return this.cache.size
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
