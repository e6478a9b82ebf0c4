/**
 * Internal: a bounded memo from a text to a few 32-bit integers, keyed by two 32-bit hashes of the text's
 * characters (64 bits) and kept in one `Int32Array`, entry after entry. Indexing a million leads looks up hundreds
 * of thousands of distinct name parts, company spellings and email domains; a `Map` of strings costs several cache
 * misses per lookup on a memo that size (its bucket, its entry, the stored key's characters, then the value), and
 * for a slice such as an email's domain first builds and hashes a new string. Here the caller hashes the characters
 * it reads anyway and one lookup touches one cache line. Two different texts with equal 64-bit hashes would share
 * an entry: with a few hundred thousand distinct texts the chance of any such pair is about one in a billion.
 */

/** FNV-1a (32 bits) offset basis: the first hash's starting state. */
export const MEMO_H1 = 0x811c9dc5 | 0
/** The second hash's starting state (an arbitrary odd constant). */
export const MEMO_H2 = 0x2545f491 | 0

/** Advances the first hash (FNV-1a) by one code unit. */
export function memoStep1(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193)
}

/** Advances the second hash (a multiply-shift mix independent of FNV) by one code unit. */
export function memoStep2(h: number, code: number): number {
  const x = Math.imul(h + code, 0x5bd1e995)
  return x ^ (x >>> 13)
}

/**
 * Open-addressing memo: entries of `stride` integers `[h1, h2, tag, value…]`; tag 0 marks an empty entry, callers
 * store their own non-zero tags. It starts small and doubles while it is more than half full, up to
 * `maxCapacity` entries; there, when half full, it is cleared. So a memo that sees a few texts costs a few
 * kilobytes, and one that sees millions never holds more than `maxCapacity × stride × 4` bytes.
 */
export class HashMemo {
  /** The entries; read a found entry's tag and values at `offset + 2` and after. */
  table: Int32Array
  private mask: number
  private size = 0
  /** How many times the memo was cleared at its largest size (for tests and benchmarks). */
  clears = 0

  /**
   * @param maxCapacity - most entries (a power of two)
   * @param stride - integers per entry (at least 3)
   * @param initialCapacity - entries to start with (a power of two, at most `maxCapacity`)
   */
  constructor(
    private readonly maxCapacity: number,
    private readonly stride: number,
    initialCapacity = Math.min(1024, maxCapacity),
  ) {
    if (!isPowerOfTwo(maxCapacity) || !isPowerOfTwo(initialCapacity) || initialCapacity > maxCapacity || stride < 3) {
      throw new RangeError('HashMemo: capacities must be powers of two with initial ≤ max, and stride at least 3')
    }
    this.mask = initialCapacity - 1
    this.table = new Int32Array(initialCapacity * stride)
  }

  /** Entries the table has room for now. */
  get capacity(): number {
    return this.mask + 1
  }

  /** Offset of the entry of (`h1`, `h2`), or of the empty entry where it would go (its tag is then 0). */
  find(h1: number, h2: number): number {
    const table = this.table
    let at = (h1 & this.mask) * this.stride
    for (;;) {
      if (table[at + 2] === 0 || (table[at] === h1 && table[at + 1] === h2)) return at
      at += this.stride
      if (at === table.length) at = 0
    }
  }

  /**
   * Claims the empty entry `offset` (just returned by `find`) for (`h1`, `h2`) and returns the offset to fill, which
   * differs when the memo grew or was cleared to make room. The caller then writes a non-zero tag and the values.
   */
  claim(offset: number, h1: number, h2: number): number {
    let at = offset
    if ((this.size + 1) * 2 > this.capacity) {
      if (this.capacity < this.maxCapacity) this.grow()
      else this.clear()
      at = this.find(h1, h2)
    }
    this.table[at] = h1
    this.table[at + 1] = h2
    this.size += 1
    return at
  }

  /** Forgets every entry (and keeps the current size of table). */
  clear(): void {
    this.table.fill(0)
    this.size = 0
    this.clears += 1
  }

  private grow(): void {
    const old = this.table
    const stride = this.stride
    this.mask = this.mask * 2 + 1
    this.table = new Int32Array(this.capacity * stride)
    for (let from = 0; from < old.length; from += stride) {
      if (old[from + 2] === 0) continue
      const to = this.find(old[from] as number, old[from + 1] as number)
      this.table.set(old.subarray(from, from + stride), to)
    }
  }
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0
}
