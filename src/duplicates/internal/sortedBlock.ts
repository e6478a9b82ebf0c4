/**
 * The members of one oversized fuzzy block in two sorted orders (see `nameOrder.ts`), for sorted neighbourhoods:
 * a record is compared with the `window` records on each side of its place in each order instead of with the whole
 * block, so the comparisons per record stay bounded however large the block grows. Each order is an `Int32Array` of
 * slots sorted by (the slot's order value, the slot), kept sorted on insert and remove (a binary search and one
 * native copy), so a lookup is a binary search.
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

/** Slots sorted by (value, slot). */
export class SortedSlots {
  private slots: Int32Array
  size: number

  constructor(
    initial: readonly number[],
    private readonly valueOf: (slot: number) => number,
  ) {
    this.size = initial.length
    this.slots = new Int32Array(Math.max(16, initial.length * 2))
    const sorted = [...initial].sort((a, b) => this.compare(a, b))
    this.slots.set(sorted)
  }

  /** The slot at `position`. */
  at(position: number): number {
    return this.slots[position] as number
  }

  insert(slot: number): void {
    if (this.size === this.slots.length) {
      const grown = new Int32Array(this.slots.length * 2)
      grown.set(this.slots)
      this.slots = grown
    }
    const at = this.lowerBound(this.valueOf(slot), slot)
    this.slots.copyWithin(at + 1, at, this.size)
    this.slots[at] = slot
    this.size += 1
  }

  remove(slot: number): void {
    const at = this.lowerBound(this.valueOf(slot), slot)
    if (at >= this.size || this.slots[at] !== slot) return
    this.slots.copyWithin(at, at + 1, this.size)
    this.size -= 1
  }

  /** The first position whose (value, slot) is not below (`value`, `slot`). */
  lowerBound(value: number, slot: number): number {
    let low = 0
    let high = this.size
    while (low < high) {
      const middle = (low + high) >>> 1
      const other = this.slots[middle] as number
      const otherValue = this.valueOf(other)
      if (otherValue < value || (otherValue === value && other < slot)) low = middle + 1
      else high = middle
    }
    return low
  }

  private compare(a: number, b: number): number {
    return this.valueOf(a) - this.valueOf(b) || a - b
  }
}
