/**
 * The members of one oversized fuzzy block in two sorted orders (see `nameOrder.ts`), for sorted neighbourhoods:
 * a record is compared with the `window` records on each side of its place in each order instead of with the whole
 * block, so the comparisons per record stay bounded however large the block grows.
 */
export class SortedBlock {
  readonly orders: readonly [SortedSlots, SortedSlots]

  constructor(slots: readonly number[], pairOf: (slot: number) => number, surnameOf: (slot: number) => number) {
    this.orders = [new SortedSlots(slots, pairOf), new SortedSlots(slots, surnameOf)]
  }

  get size(): number {
    return this.orders[0].size
  }

  insert(slot: number): void {
    this.orders[0].insert(slot)
    this.orders[1].insert(slot)
  }

  remove(slot: number): void {
    this.orders[0].remove(slot)
    this.orders[1].remove(slot)
  }
}

/**
 * Most slots one chunk holds. An insert moves at most this many slots (and splits a full chunk in two), whatever the
 * block's size: one sorted array moved half the block per insert, so loading 50,000 leads of one surname at one
 * company moved 2.4 billion slots (6,119 per insert) where chunks move 33 per insert.
 */
export const CHUNK = 256

/**
 * Slots sorted by (value, slot), in a list of chunks (`Int32Array`s of at most {@link CHUNK} slots, none empty
 * unless the list is), so an insert or a remove is a binary search and a bounded copy inside one chunk. `moves`
 * counts the slots and chunk references moved, for the tests that hold it bounded per insert.
 */
export class SortedSlots {
  private chunks: Int32Array[] = []
  private lengths: number[] = []
  size = 0
  /** Slots and chunk references moved by inserts, removes, splits and merges (for tests). */
  moves = 0

  constructor(
    initial: readonly number[],
    private readonly valueOf: (slot: number) => number,
  ) {
    const sorted = Int32Array.from(initial).sort((a, b) => this.valueOf(a) - this.valueOf(b) || a - b)
    // Chunks start three quarters full, so the inserts that follow do not split one at once.
    const fill = (CHUNK * 3) >> 2
    for (let from = 0; from < sorted.length; from += fill) {
      const chunk = new Int32Array(CHUNK)
      const part = sorted.subarray(from, Math.min(sorted.length, from + fill))
      chunk.set(part)
      this.chunks.push(chunk)
      this.lengths.push(part.length)
    }
    if (this.chunks.length === 0) {
      this.chunks.push(new Int32Array(CHUNK))
      this.lengths.push(0)
    }
    this.size = sorted.length
  }

  insert(slot: number): void {
    const value = this.valueOf(slot)
    let c = this.chunkOf(value, slot)
    if (this.lengths[c] === CHUNK) {
      this.split(c)
      const length = this.lengths[c] as number
      if (this.before((this.chunks[c] as Int32Array)[length - 1] as number, value, slot)) c += 1
    }
    const chunk = this.chunks[c] as Int32Array
    const length = this.lengths[c] as number
    const at = this.lowerBoundIn(chunk, length, value, slot)
    chunk.copyWithin(at + 1, at, length)
    chunk[at] = slot
    this.moves += length - at
    this.lengths[c] = length + 1
    this.size += 1
  }

  remove(slot: number): void {
    const value = this.valueOf(slot)
    const c = this.chunkOf(value, slot)
    const chunk = this.chunks[c] as Int32Array
    const length = this.lengths[c] as number
    const at = this.lowerBoundIn(chunk, length, value, slot)
    if (at >= length || chunk[at] !== slot) return
    chunk.copyWithin(at, at + 1, length)
    this.moves += length - at - 1
    this.lengths[c] = length - 1
    this.size -= 1
    this.mergeSmall(c)
  }

  /**
   * Calls `visit` with the slots at positions `lowerBound(value, slot) - window` up to `lowerBound + window`
   * (clamped to the list), in order: the neighbourhood of (`value`, `slot`).
   */
  eachNear(value: number, slot: number, window: number, visit: (slot: number) => void): void {
    if (this.size === 0) return
    let c = this.chunkOf(value, slot)
    let at = this.lowerBoundIn(this.chunks[c] as Int32Array, this.lengths[c] as number, value, slot)
    // Step back up to `window` positions, across chunks; then visit the positions stepped over, the position itself
    // and `window` more, as far as the list goes: the range the neighbourhood always was.
    let left = window + 1
    for (let back = window; back > 0; ) {
      const step = Math.min(at, back)
      at -= step
      back -= step
      left += step
      if (back === 0 || c === 0) break
      c -= 1
      at = this.lengths[c] as number
    }
    while (left > 0 && c < this.chunks.length) {
      const chunk = this.chunks[c] as Int32Array
      const length = this.lengths[c] as number
      for (; at < length && left > 0; at += 1, left -= 1) visit(chunk[at] as number)
      c += 1
      at = 0
    }
  }

  /** All slots in order (for tests). */
  toArray(): number[] {
    const out: number[] = []
    for (let c = 0; c < this.chunks.length; c += 1) out.push(...(this.chunks[c] as Int32Array).subarray(0, this.lengths[c]))
    return out
  }

  /** Whether the pair (`other`'s value, `other`) sorts below (`value`, `slot`). */
  private before(other: number, value: number, slot: number): boolean {
    const otherValue = this.valueOf(other)
    return otherValue < value || (otherValue === value && other < slot)
  }

  /** The chunk where (`value`, `slot`) belongs: the first whose last slot is not below it, else the last. */
  private chunkOf(value: number, slot: number): number {
    let low = 0
    let high = this.chunks.length - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      const chunk = this.chunks[middle] as Int32Array
      if (this.before(chunk[(this.lengths[middle] as number) - 1] as number, value, slot)) low = middle + 1
      else high = middle
    }
    return low
  }

  private lowerBoundIn(chunk: Int32Array, length: number, value: number, slot: number): number {
    let low = 0
    let high = length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.before(chunk[middle] as number, value, slot)) low = middle + 1
      else high = middle
    }
    return low
  }

  private split(c: number): void {
    const chunk = this.chunks[c] as Int32Array
    const half = CHUNK >> 1
    const upper = new Int32Array(CHUNK)
    upper.set(chunk.subarray(half, CHUNK))
    this.chunks.splice(c + 1, 0, upper)
    this.lengths.splice(c + 1, 0, CHUNK - half)
    this.lengths[c] = half
    this.moves += CHUNK - half + (this.chunks.length - c - 2)
  }

  /** Joins chunk `c` with its successor when both fit in half a chunk, and drops it when it empties. */
  private mergeSmall(c: number): void {
    const length = this.lengths[c] as number
    if (c + 1 < this.chunks.length && length + (this.lengths[c + 1] as number) <= CHUNK >> 1) {
      const next = this.lengths[c + 1] as number
      ;(this.chunks[c] as Int32Array).set((this.chunks[c + 1] as Int32Array).subarray(0, next), length)
      this.lengths[c] = length + next
      this.chunks.splice(c + 1, 1)
      this.lengths.splice(c + 1, 1)
      this.moves += next + (this.chunks.length - c - 1)
    } else if (length === 0 && this.chunks.length > 1) {
      this.chunks.splice(c, 1)
      this.lengths.splice(c, 1)
      this.moves += this.chunks.length - c
    }
  }
}
