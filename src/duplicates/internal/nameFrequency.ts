/**
 * How common each record's name is where it works, estimated from the records themselves (a term-frequency
 * adjustment, as record-linkage systems make): the number of *other* people at the record's company (or email domain)
 * expected to have a name alike to its own by chance is
 *
 *     leads at the company × share of all leads with the given name's sound × share with the surname's sound
 *
 * (given name and surname taken as independent of each other and of the company). James Smith at a company of 40,000
 * leads: 40,000 × 3% × 3% = 36 other James Smiths expected; a rare surname at a company of 200: a few thousandths.
 * A match on name and company says something only when that number is small. Made for one `clusters()` call, over
 * the live records: four 32-bit numbers per slot and one table of counts (a million leads: 16 MB and a few MB).
 */
export class NameFrequency {
  private readonly parts: Int32Array
  private readonly present: Uint8Array
  private readonly counts = new CountTable()
  private readonly live: number

  /**
   * @param slots - slots in use and free
   * @param partsOf - a live slot's parts as `BlockingKeyHasher.parts` gives them, or `undefined` for a free slot
   */
  constructor(slots: number, partsOf: (slot: number) => ArrayLike<number> | undefined) {
    this.parts = new Int32Array(slots * 4)
    this.present = new Uint8Array(slots)
    let live = 0
    for (let slot = 0; slot < slots; slot += 1) {
      const scratch = partsOf(slot)
      if (scratch === undefined) continue
      live += 1
      const present = scratch[4] as number
      this.present[slot] = present
      for (let p = 0; p < 4; p += 1) {
        if ((present & (1 << p)) === 0) continue
        const key = countKey(scratch[p] as number, p)
        this.parts[slot * 4 + p] = key
        this.counts.add(key)
      }
    }
    this.live = live
  }

  /**
   * Other people at the company (`byDomain`: the email domain or website) of `a` or of `b` expected to have a name
   * alike to that lead's, the larger of the two. The pair itself is left out of the counts, so that a small index is
   * not judged by the two leads in question (three leads of one Robert Smith are not three Robert Smiths). 0 for a
   * lead without a surname or without such a workplace; a missing given name counts as any given name.
   */
  expectedNamesakes(a: number, b: number, byDomain: boolean): number {
    return Math.max(this.expectedFor(a, b, byDomain), this.expectedFor(b, a, byDomain))
  }

  private expectedFor(slot: number, other: number, byDomain: boolean): number {
    const present = this.present[slot] as number
    const part = byDomain ? 8 : 4
    if ((present & 2) === 0 || (present & part) === 0) return 0
    const workplace = this.othersWith(byDomain ? 3 : 2, slot, other)
    const surname = this.othersWith(1, slot, other)
    const given = present & 1 ? this.othersWith(0, slot, other) : this.live - 2
    const others = this.live - 2
    return others <= 0 ? 0 : (workplace * surname * given) / (others * others)
  }

  /** Leads other than `slot` and `other` that carry `slot`'s part `p`. */
  private othersWith(p: number, slot: number, other: number): number {
    const key = this.parts[slot * 4 + p] as number
    const own = (this.present[other] as number) & (1 << p) && this.parts[other * 4 + p] === key ? 2 : 1
    return Math.max(0, this.counts.get(key) - own)
  }
}

/** A part's key in the count table: 28 bits of its hash and its kind (a clash only merges two counts). */
function countKey(hash: number, part: number): number {
  return ((hash & 0x0fffffff) << 2) | part
}

/** Counts of non-negative integer keys, in an open-addressing table of typed arrays that doubles at half full. */
class CountTable {
  private keys = new Int32Array(1024).fill(-1)
  private values = new Int32Array(1024)
  private size = 0

  add(key: number): void {
    let at = this.find(key)
    if (this.keys[at] === -1) {
      if ((this.size + 1) * 2 > this.keys.length) {
        this.grow()
        at = this.find(key)
      }
      this.keys[at] = key
      this.size += 1
    }
    this.values[at] = (this.values[at] as number) + 1
  }

  get(key: number): number {
    const at = this.find(key)
    return this.keys[at] === key ? (this.values[at] as number) : 0
  }

  /** The place of `key`, or the empty place where it would go. */
  private find(key: number): number {
    const mask = this.keys.length - 1
    let at = Math.imul(key, 0x9e3779b1) >>> 0 & mask
    while (this.keys[at] !== -1 && this.keys[at] !== key) at = (at + 1) & mask
    return at
  }

  private grow(): void {
    const keys = this.keys
    const values = this.values
    this.keys = new Int32Array(keys.length * 2).fill(-1)
    this.values = new Int32Array(keys.length * 2)
    for (let i = 0; i < keys.length; i += 1) {
      if (keys[i] === -1) continue
      const at = this.find(keys[i] as number)
      this.keys[at] = keys[i] as number
      this.values[at] = values[i] as number
    }
  }
}
