import { FNV_OFFSET, hashText, powerOfTwoAtLeast } from './hash.js'


const EMPTY = -1
const REMOVED = -2
/** Largest share of filled pairs (live or removed) before the table is rebuilt. */
const LOAD_LIMIT = 0.7

/**
 * Record ids → slots, by open addressing on a 32-bit hash of the id: pairs `[hash, slot]` in one `Int32Array` (slot
 * -1: empty, -2: a removed id). A million-entry `Map<string, number>` costs chained entries whose keys it compares
 * (cache misses) and a large backing store for the collector to trace; here a probe compares integers and reads an
 * id (through `idOf`) only when the hashes agree. Removals leave markers that lookups step over; when live and
 * removed pairs together pass the load limit the table is rebuilt without them, twice as large only when the live
 * ids alone fill more than half of it.
 */
export class IdTable {
  private table: Int32Array
  private mask: number
  private live = 0
  private filled = 0
  /** How many times the table was rebuilt (for tests). */
  rebuilds = 0

  /**
   * @param idOf - the id of the record in a slot (the table keeps hashes, not ids)
   * @param expected - ids the table should hold without a rebuild
   * @param start - the hash's starting state, from the index's seed: ids crafted to collide cannot pile up
   */
  constructor(
    private readonly idOf: (slot: number) => string,
    expected = 0,
    private readonly start = FNV_OFFSET,
  ) {
    const capacity = powerOfTwoAtLeast(Math.max(8, Math.ceil(expected / LOAD_LIMIT)))
    this.mask = capacity - 1
    this.table = new Int32Array(capacity * 2).fill(EMPTY)
  }

  /** Ids held. */
  get size(): number {
    return this.live
  }

  /** Pairs the table has room for. */
  get capacity(): number {
    return this.mask + 1
  }

  /** The slot of `id`, or -1. */
  get(id: string): number {
    const at = this.find(id, hashText(this.start, id) | 0)
    return at < 0 ? -1 : (this.table[at + 1] as number)
  }

  /** Files `id` under `slot`; the id must not be held already (`get` first). */
  set(id: string, slot: number): void {
    const hash = hashText(this.start, id) | 0
    const at = ~this.find(id, hash)
    if (at < 0) throw new RangeError(`IdTable: ${id} is already held`)
    if (this.table[at + 1] === EMPTY) this.filled += 1
    this.table[at] = hash
    this.table[at + 1] = slot
    this.live += 1
    if (this.filled > this.capacity * LOAD_LIMIT) this.rebuild()
  }

  /** Forgets `id`; returns its slot, or -1 when it was not held. */
  delete(id: string): number {
    const at = this.find(id, hashText(this.start, id) | 0)
    if (at < 0) return -1
    const slot = this.table[at + 1] as number
    this.table[at + 1] = REMOVED
    this.live -= 1
    return slot
  }

  /**
   * Offset of the pair holding `id`, or, when there is none, `~offset` of the pair where it would go (the first
   * removed pair on its probe path, else the empty one ending it).
   */
  private find(id: string, hash: number): number {
    const table = this.table
    const wrap = this.mask * 2 + 1
    let at = (hash & this.mask) * 2
    let free = -1
    for (;;) {
      const slot = table[at + 1] as number
      if (slot === EMPTY) return ~(free === -1 ? at : free)
      if (slot === REMOVED) {
        if (free === -1) free = at
      } else if (table[at] === hash && this.idOf(slot) === id) return at
      at = (at + 2) & wrap
    }
  }

  private rebuild(): void {
    const old = this.table
    const capacity = this.live * 2 > this.capacity ? this.capacity * 2 : this.capacity
    this.mask = capacity - 1
    this.table = new Int32Array(capacity * 2).fill(EMPTY)
    this.filled = 0
    this.rebuilds += 1
    const wrap = this.mask * 2 + 1
    for (let i = 0; i < old.length; i += 2) {
      const slot = old[i + 1] as number
      if (slot < 0) continue
      let at = ((old[i] as number) & this.mask) * 2
      while (this.table[at + 1] !== EMPTY) at = (at + 2) & wrap
      this.table[at] = old[i] as number
      this.table[at + 1] = slot
      this.filled += 1
    }
  }
}
