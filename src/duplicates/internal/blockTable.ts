import { powerOfTwoAtLeast } from './hash.js'

/** Largest share of buckets in use before the bucket table doubles. */
const LOAD_LIMIT = 0.7

/** Integers per bucket: the key's two hash words, the head entry, the count. */
const STRIDE = 4

/**
 * The blocks of a duplicate index: key identity → the slots of the records filed under that key, with the block's
 * size. A key's identity is two independent 32-bit hashes of it (64 bits): n distinct keys have two sharing both
 * words with a chance of about n²/2^65 (one in 250 million for the 375,000 keys of 100,000 leads), so different
 * keys get different blocks, whatever the seed. With one 32-bit word, a hundred thousand leads had pairs of keys
 * sharing a block, and which pairs depended on the seed (issue 12). The first word places the bucket; both are
 * compared.
 *
 * Buckets are an open-addressing table of `[hash, second, head entry, count]` quadruples in one `Int32Array`
 * (count -1: an empty bucket), so one probe touches one cache line; entries (one per record and key) are linked
 * lists in two parallel `Int32Array`s, with removed entries kept on a free list for reuse. New entries go in at the
 * head of their block, so until a slot is reused a block lists its slots newest (highest) first.
 *
 * A bucket whose block empties keeps its place (count 0): removing it would break the probe paths of the keys after
 * it, and keys come back.
 */
export class BlockTable {
  private buckets: Int32Array
  private mask: number
  private bucketsInUse = 0
  private entrySlot: Int32Array
  private entryNext: Int32Array
  private entriesInUse = 0
  private freeEntry = -1
  /** How many times the buckets and the entries grew (for tests). */
  bucketGrowths = 0
  entryGrowths = 0

  /**
   * @param expectedKeys - distinct keys to hold without growing
   * @param expectedEntries - (record, key) pairs to hold without growing
   */
  constructor(expectedKeys = 0, expectedEntries = 0) {
    const capacity = powerOfTwoAtLeast(Math.max(16, Math.ceil(expectedKeys / LOAD_LIMIT)))
    this.mask = capacity - 1
    this.buckets = new Int32Array(capacity * STRIDE).fill(-1)
    const entries = powerOfTwoAtLeast(Math.max(16, expectedEntries))
    this.entrySlot = new Int32Array(entries)
    this.entryNext = new Int32Array(entries)
  }

  /** Buckets the table has room for now. */
  get bucketCapacity(): number {
    return this.mask + 1
  }

  /**
   * Offset of the bucket of the key (`hash`, `second`), or of the empty bucket where it would go (its count is then
   * -1). Offsets are multiples of 4: `offset / 4` numbers the buckets.
   */
  bucketOf(hash: number, second: number): number {
    const buckets = this.buckets
    const mask = this.mask
    let at = (hash & mask) * STRIDE
    const wrap = mask * STRIDE + STRIDE - 1
    while ((buckets[at + 3] as number) !== -1 && (buckets[at] !== hash || buckets[at + 1] !== second)) at = (at + STRIDE) & wrap
    return at
  }

  /** The size of the block at `bucket` (-1 when the bucket is empty). */
  count(bucket: number): number {
    return this.buckets[bucket + 3] as number
  }

  /** The first entry of the block at `bucket`, or -1. */
  head(bucket: number): number {
    return this.buckets[bucket + 2] as number
  }

  /** The entry after `entry` in its block, or -1. */
  next(entry: number): number {
    return this.entryNext[entry] as number
  }

  /** The slot an entry files. */
  slot(entry: number): number {
    return this.entrySlot[entry] as number
  }

  /** The size of the block of the key (`hash`, `second`) (0 when there is none). */
  sizeOf(hash: number, second: number): number {
    const count = this.count(this.bucketOf(hash, second))
    return count < 0 ? 0 : count
  }

  /** Files `slot` under the key (`hash`, `second`), at the head of its block; returns the block's new size. */
  insert(hash: number, second: number, slot: number): number {
    let at = this.bucketOf(hash, second)
    if (this.buckets[at + 3] === -1) {
      if ((this.bucketsInUse + 1) > this.bucketCapacity * LOAD_LIMIT) {
        this.growBuckets()
        at = this.bucketOf(hash, second)
      }
      this.buckets[at] = hash
      this.buckets[at + 1] = second
      this.buckets[at + 2] = -1
      this.buckets[at + 3] = 0
      this.bucketsInUse += 1
    }
    let entry: number
    if (this.freeEntry !== -1) {
      entry = this.freeEntry
      this.freeEntry = this.entryNext[entry] as number
    } else {
      if (this.entriesInUse === this.entrySlot.length) this.growEntries()
      entry = this.entriesInUse
      this.entriesInUse += 1
    }
    this.entrySlot[entry] = slot
    this.entryNext[entry] = this.buckets[at + 2] as number
    this.buckets[at + 2] = entry
    const size = (this.buckets[at + 3] as number) + 1
    this.buckets[at + 3] = size
    return size
  }

  /** Unfiles `slot` from the key (`hash`, `second`); returns the block's new size, or -1 when it was not filed there. */
  remove(hash: number, second: number, slot: number): number {
    const at = this.bucketOf(hash, second)
    if (this.buckets[at + 3] === -1) return -1
    let previous = -1
    for (let entry = this.buckets[at + 2] as number; entry !== -1; entry = this.entryNext[entry] as number) {
      if (this.entrySlot[entry] === slot) {
        if (previous === -1) this.buckets[at + 2] = this.entryNext[entry] as number
        else this.entryNext[previous] = this.entryNext[entry] as number
        this.entryNext[entry] = this.freeEntry
        this.freeEntry = entry
        const size = (this.buckets[at + 3] as number) - 1
        this.buckets[at + 3] = size
        return size
      }
      previous = entry
    }
    return -1
  }

  /** The slots of the block of the key (`hash`, `second`), newest first (empty when there is none). */
  slotsOf(hash: number, second: number): number[] {
    const bucket = this.bucketOf(hash, second)
    const slots: number[] = []
    if (this.count(bucket) <= 0) return slots
    for (let entry = this.head(bucket); entry !== -1; entry = this.next(entry)) slots.push(this.slot(entry))
    return slots
  }

  /** Calls `visit` with the size of every block with at least `minSize` records. */
  eachBlock(minSize: number, visit: (size: number) => void): void {
    const buckets = this.buckets
    for (let at = 0; at < buckets.length; at += STRIDE) {
      const size = buckets[at + 3] as number
      if (size >= minSize) visit(size)
    }
  }

  private growBuckets(): void {
    const old = this.buckets
    this.mask = this.mask * 2 + 1
    this.buckets = new Int32Array(this.bucketCapacity * STRIDE).fill(-1)
    this.bucketGrowths += 1
    for (let i = 0; i < old.length; i += STRIDE) {
      if (old[i + 3] === -1) continue
      const at = this.bucketOf(old[i] as number, old[i + 1] as number)
      this.buckets[at] = old[i] as number
      this.buckets[at + 1] = old[i + 1] as number
      this.buckets[at + 2] = old[i + 2] as number
      this.buckets[at + 3] = old[i + 3] as number
    }
  }

  private growEntries(): void {
    this.entrySlot = doubled(this.entrySlot)
    this.entryNext = doubled(this.entryNext)
    this.entryGrowths += 1
  }
}

/** A copy of `array` twice as long. */
export function doubled(array: Int32Array): Int32Array {
  const next = new Int32Array(array.length * 2)
  next.set(array)
  return next
}
