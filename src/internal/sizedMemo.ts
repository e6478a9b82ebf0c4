/**
 * Internal: a memo of a string function, bounded in entries and in characters (of its keys and string values, two
 * bytes each). When either bound would be passed it is cleared, which keeps memory bounded without the bookkeeping
 * of an LRU; a key longer than `maxKeyChars` is computed every time and never held. `undefined` and `null` results
 * are remembered too. It belongs to the object that makes it (a compiled model, a training run), never to a module.
 *
 * @example
 * const lower = new SizedMemo((text) => text.toLowerCase(), { maxEntries: 100, maxChars: 4_096, maxKeyChars: 64 })
 * lower.get('Sales Manager') //=> 'sales manager'
 */
export class SizedMemo<V> {
  readonly #compute: (key: string) => V
  readonly #maxEntries: number
  readonly #maxChars: number
  readonly #maxKeyChars: number
  #cache: Map<string, V> | undefined
  #chars = 0

  constructor(
    compute: (key: string) => V,
    limits: { readonly maxEntries: number; readonly maxChars: number; readonly maxKeyChars: number },
  ) {
    this.#compute = compute
    this.#maxEntries = limits.maxEntries
    this.#maxChars = limits.maxChars
    this.#maxKeyChars = limits.maxKeyChars
  }

  /** The value for `key`, computed the first time and remembered while the bounds allow. */
  get(key: string): V {
    const cache = this.#cache
    if (cache !== undefined) {
      const known = cache.get(key)
      if (known !== undefined || cache.has(key)) return known as V
    }
    const value = this.#compute(key)
    if (key.length > this.#maxKeyChars) return value
    const chars = key.length + (typeof value === 'string' ? value.length : 0)
    if (cache === undefined) {
      this.#cache = new Map([[key, value]])
      this.#chars = chars
    } else if (cache.size >= this.#maxEntries || this.#chars + chars > this.#maxChars) {
      cache.clear()
      cache.set(key, value)
      this.#chars = chars
    } else {
      cache.set(key, value)
      this.#chars += chars
    }
    return value
  }

  /** What the memo holds now: entries and characters (for tests and for the documented bound). */
  get size(): { readonly entries: number; readonly chars: number } {
    return { entries: this.#cache?.size ?? 0, chars: this.#chars }
  }
}
