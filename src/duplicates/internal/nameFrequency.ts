import type { BlockingKeyHasher } from './blockingHasher.js'

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
 * the live records: four 32-bit numbers per slot and four counting maps (a million leads: 16 MB and about 0.3 s).
 */
export class NameFrequency {
  private readonly parts: Int32Array
  private readonly present: Uint8Array
  private readonly given = new Map<number, number>()
  private readonly surname = new Map<number, number>()
  private readonly company = new Map<number, number>()
  private readonly domain = new Map<number, number>()
  private readonly live: number

  constructor(slots: number, recordOf: (slot: number) => object | undefined, hasher: BlockingKeyHasher) {
    this.parts = new Int32Array(slots * 4)
    this.present = new Uint8Array(slots)
    const scratch = new Int32Array(5)
    let live = 0
    for (let slot = 0; slot < slots; slot += 1) {
      const record = recordOf(slot)
      if (record === undefined) continue
      live += 1
      hasher.nameParts(record, scratch)
      const present = scratch[4] as number
      this.present[slot] = present
      for (let p = 0; p < 4; p += 1) this.parts[slot * 4 + p] = present & (1 << p) ? (scratch[p] as number) : 0
      if (present & 1) bump(this.given, scratch[0] as number)
      if (present & 2) bump(this.surname, scratch[1] as number)
      if (present & 4) bump(this.company, scratch[2] as number)
      if (present & 8) bump(this.domain, scratch[3] as number)
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
    const workplace = this.othersWith(byDomain ? 3 : 2, byDomain ? this.domain : this.company, slot, other)
    const surname = this.othersWith(1, this.surname, slot, other)
    const given = present & 1 ? this.othersWith(0, this.given, slot, other) : this.live - 2
    const others = this.live - 2
    return others <= 0 ? 0 : (workplace * surname * given) / (others * others)
  }

  /** Leads other than `slot` and `other` that carry `slot`'s part `p` (counted in `counts`). */
  private othersWith(p: number, counts: Map<number, number>, slot: number, other: number): number {
    const value = this.parts[slot * 4 + p] as number
    const bit = 1 << p
    const own = (this.present[other] as number) & bit && this.parts[other * 4 + p] === value ? 2 : 1
    return Math.max(0, (counts.get(value) ?? 0) - own)
  }
}

function bump(counts: Map<number, number>, key: number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1)
}
