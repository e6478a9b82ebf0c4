import { doubled } from './blockTable.js'
import { powerOfTwoAtLeast } from './hash.js'

/**
 * Each record slot's keys — both words of each key's hash (see `BlockTable`) and its kind: 0 for a fuzzy blocking key,
 * else the exact rule it came from — kept so that removing a record and clustering need not compute its keys again:
 * one shared `Int32Array` of hash words (two per key, side by side: one array to grow, not two, and every large
 * array allocated while loading makes the garbage collector trace the heap) and a parallel `Uint8Array` of kinds,
 * each slot owning a range. A removed
 * slot's range becomes garbage; when the pool is full and at least half of it is garbage it is compacted (live ranges
 * moved together), else it doubles.
 */
export class KeyPool {
  private words: Int32Array
  private kinds: Uint8Array
  private used = 0
  private garbage = 0
  private start: Int32Array
  private count: Int32Array
  /** How many times the pool was compacted and grew (for tests). */
  compactions = 0
  growths = 0

  /**
   * @param expectedKeys - hashes to hold without growing
   * @param expectedSlots - slots to hold without growing
   */
  constructor(expectedKeys = 0, expectedSlots = 0) {
    const keys = powerOfTwoAtLeast(Math.max(16, expectedKeys))
    this.words = new Int32Array(keys * 2)
    this.kinds = new Uint8Array(keys)
    const slots = powerOfTwoAtLeast(Math.max(16, expectedSlots))
    this.start = new Int32Array(slots)
    this.count = new Int32Array(slots)
  }

  /** Hashes held by live slots. */
  get liveKeys(): number {
    return this.used - this.garbage
  }

  /** Room in the pool now. */
  get capacity(): number {
    return this.kinds.length
  }

  /**
   * Stores `slot`'s keys, the first `n` of `hashes`, `seconds` and `kinds` (0–255); the slot must hold none (new or
   * released).
   */
  store(slot: number, hashes: readonly number[], seconds: readonly number[], kinds: readonly number[], n: number): void {
    while (slot >= this.start.length) {
      this.start = doubled(this.start)
      this.count = doubled(this.count)
    }
    if (this.used + n > this.kinds.length) {
      if (this.garbage * 2 > this.used) this.compact()
      while (this.used + n > this.kinds.length) this.grow()
    }
    this.start[slot] = this.used
    this.count[slot] = n
    for (let k = 0; k < n; k += 1) {
      this.words[this.used * 2] = hashes[k] as number
      this.words[this.used * 2 + 1] = seconds[k] as number
      this.kinds[this.used] = kinds[k] as number
      this.used += 1
    }
  }

  /** Appends `slot`'s keys to `hashes`, `seconds` and `kinds` (cleared first). */
  load(slot: number, hashes: number[], seconds: number[], kinds: number[]): void {
    const from = slot < this.start.length ? (this.start[slot] as number) : 0
    const n = slot < this.start.length ? (this.count[slot] as number) : 0
    // Overwritten in place, then cut to length: emptying an array first (length = 0) drops its storage, and
    // clustering loads a million records' keys.
    for (let i = 0; i < n; i += 1) {
      hashes[i] = this.words[(from + i) * 2] as number
      seconds[i] = this.words[(from + i) * 2 + 1] as number
      kinds[i] = this.kinds[from + i] as number
    }
    hashes.length = n
    seconds.length = n
    kinds.length = n
  }

  /** The kind `slot` filed the key (`hash`, `second`) under, or -1 when it holds no such key. */
  kindOf(slot: number, hash: number, second: number): number {
    if (slot >= this.start.length) return -1
    const from = this.start[slot] as number
    const to = from + (this.count[slot] as number)
    for (let i = from; i < to; i += 1) {
      if (this.words[i * 2] === hash && this.words[i * 2 + 1] === second) return this.kinds[i] as number
    }
    return -1
  }

  /** Forgets `slot`'s keys. */
  release(slot: number): void {
    if (slot >= this.start.length) return
    this.garbage += this.count[slot] as number
    this.count[slot] = 0
  }

  private compact(): void {
    const words = new Int32Array(this.words.length)
    const kinds = new Uint8Array(this.kinds.length)
    let used = 0
    for (let slot = 0; slot < this.start.length; slot += 1) {
      const n = this.count[slot] as number
      if (n === 0) continue
      const from = this.start[slot] as number
      words.set(this.words.subarray(from * 2, (from + n) * 2), used * 2)
      kinds.set(this.kinds.subarray(from, from + n), used)
      this.start[slot] = used
      used += n
    }
    this.words = words
    this.kinds = kinds
    this.used = used
    this.garbage = 0
    this.compactions += 1
  }

  private grow(): void {
    this.words = doubled(this.words)
    const kinds = new Uint8Array(this.kinds.length * 2)
    kinds.set(this.kinds)
    this.kinds = kinds
    this.growths += 1
  }
}
