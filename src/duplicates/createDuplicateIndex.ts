import { LeadkitError } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import type { DuplicateRuleRegistry } from './createDuplicateRuleRegistry.js'
import { DEFAULT_LEAD_DUPLICATE_RULES } from './defaultLeadRules.js'
import { bestDuplicateRules, findWith, type FindDuplicatesOptions } from './findDuplicates.js'
import { BlockingKeyHasher, type BlockingKeyOptions } from './internal/blockingHasher.js'
import { BlockTable, doubled } from './internal/blockTable.js'
import { compileRules, type CompiledRule, type CompiledRuleSet } from './internal/compileRules.js'
import { FNV_OFFSET, hashText } from './internal/hash.js'
import { IdTable } from './internal/idTable.js'
import { KeyPool } from './internal/keyPool.js'
import { createUnionFind } from './internal/unionFind.js'
import { isInactiveRecord } from './isInactiveRecord.js'
import type { AnyDuplicateRule, DuplicateEntity, DuplicateMatch, IdentifiedRecord, RecordSide } from './types.js'

/** Options of {@link createDuplicateIndex}. */
export interface DuplicateIndexOptions {
  /**
   * A fuzzy block (records sharing a name/company or name/domain key) larger than this stops serving candidates:
   * a key that many records share says nothing. Exact keys (email, phone, matchcodes) are never capped. Default 500.
   */
  readonly maxBlockSize?: number
  /** The fuzzy blocking keys of a record; default {@link duplicateBlockingKeys}. */
  readonly blockingKeys?: (record: object) => readonly string[]
  /** Options of the default blocking keys (nickname table, company prefix length). */
  readonly blockingKeyOptions?: BlockingKeyOptions
  /** Passed to {@link findDuplicates} when candidates are verified (e.g. the seller's "not a duplicate" pairs). */
  readonly findOptions?: FindDuplicatesOptions
  /** Where the rules' normaliser and comparator names come from (default: the built-in ones). */
  readonly registry?: DuplicateRuleRegistry
  /**
   * How many records the index is expected to hold (a capacity hint; it still grows past it). Loading a large
   * table is faster with it: the index then allocates its arrays once, up front, instead of growing them while
   * records arrive, and every large array allocated during a load makes the garbage collector trace the whole heap,
   * the records included, once more (a million leads: about a quarter of the build). Default: start small.
   */
  readonly expectedRecords?: number
}

/** One verified duplicate pair inside a cluster, with the rule that joined it. */
export interface DuplicateClusterPair {
  readonly a: string
  readonly b: string
  readonly rule: string
  readonly score: number
}

/** A group of records that are duplicates of one another, directly or through other members. */
export interface DuplicateCluster {
  /** Ids of the members, in the index's slot order (insertion order until records are removed). */
  readonly ids: readonly string[]
  /** Every verified duplicate pair inside the cluster, with its rule and score. */
  readonly pairs: readonly DuplicateClusterPair[]
}

/** A blocking index of records for fast duplicate detection; see {@link createDuplicateIndex}. */
export interface DuplicateIndex<R extends IdentifiedRecord = IdentifiedRecord> {
  /** Number of records in the index. */
  readonly size: number
  /** Adds a record; a record with the same id must not be in the index (use `update`). */
  add(record: R): void
  /** Removes the record with this id; `false` when there was none. */
  remove(id: string): boolean
  /** Replaces the record with the same id, or adds it. */
  update(record: R): void
  /** The indexed record with this id. */
  get(id: string): R | undefined
  /** Duplicates of `record` among the indexed records (never the record itself), best first. */
  match(record: object): readonly DuplicateMatch<R>[]
  /** Transitive groups of duplicates among the indexed records, with the pairs and rules that joined them. */
  clusters(): readonly DuplicateCluster[]
}

// Keys per record the capacity hint sizes for. The default rules gave a million generated leads 5.5 keys each (email,
// phones, name sounds × company and domain), 4.6 of them distinct from every earlier record's: an oversized table
// costs resident memory, an undersized one a single growth.
const KEYS_PER_RECORD = 6
const DISTINCT_KEYS_PER_RECORD = 5

/**
 * Creates a duplicate index: records are filed under exact keys (each matchcode of the rules: normalised email,
 * E.164 business and mobile phone, Dataverse matchcodes) and fuzzy blocking keys (sound of a name part + company
 * prefix or email domain, see {@link duplicateBlockingKeys}); `match` only verifies, with the rules, the records
 * that share a key with the one looked up — never all pairs. Fuzzy blocks larger than `maxBlockSize` stop serving
 * candidates, exact keys always do, so an email or phone match is never lost.
 *
 * The index keeps its keys in typed arrays (a hash table of key hashes to linked lists of record slots) rather than
 * in maps of strings: a few hundred bytes per record beyond the record itself. Its memos (company spellings, name
 * sounds, phone formats) are its own, made on first use and bounded; they go when the index goes.
 *
 * @param rules - the rules that decide a match (default: the product's duplicate-lead rules); JSON rules are parsed
 * @param options - block size cap, blocking keys, the rule registry and options passed to {@link findDuplicates}
 * @returns an index with `add`, `remove`, `update`, `match`, `clusters` and `size`
 * @example
 * const index = createDuplicateIndex()
 * index.add({ id: 'l1', firstName: 'Robert', lastName: 'Smith', companyName: 'Contoso Ltd', state: 'open' })
 * index.match({ id: 'l2', firstName: 'Bob', lastName: 'Smith', companyName: 'CONTOSO' }).map((m) => m.record.id)
 * //=> ['l1']
 */
export function createDuplicateIndex<R extends IdentifiedRecord = IdentifiedRecord>(
  rules?: readonly AnyDuplicateRule[],
  options: DuplicateIndexOptions = {},
): DuplicateIndex<R> {
  return new BlockingIndex<R>(rules ?? DEFAULT_LEAD_DUPLICATE_RULES, options)
}

function readOptions(options: DuplicateIndexOptions): { maxBlockSize: number; expectedRecords: number } {
  const maxBlockSize = options.maxBlockSize ?? 500
  if (!Number.isInteger(maxBlockSize) || maxBlockSize < 1) {
    throw new LeadkitError({ code: 'invalid_value', path: ['maxBlockSize'], message: `maxBlockSize must be a positive integer (got ${String(maxBlockSize)})` })
  }
  const expectedRecords = options.expectedRecords ?? 0
  if (!Number.isInteger(expectedRecords) || expectedRecords < 0 || expectedRecords > 50_000_000) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['expectedRecords'],
      message: `expectedRecords must be an integer from 0 to 50,000,000 (got ${String(expectedRecords)})`,
    })
  }
  return { maxBlockSize, expectedRecords }
}

/** The index behind {@link createDuplicateIndex}: records in slots, their keys in a block table. */
class BlockingIndex<R extends IdentifiedRecord> implements DuplicateIndex<R> {
  private readonly set: CompiledRuleSet
  private readonly exact: readonly { readonly compiled: CompiledRule; readonly tag: number }[]
  private readonly hasFuzzy: boolean
  /** Whether every exact rule reads the same fields on both sides: a record's base keys are its stored keys. */
  private readonly symmetric: boolean
  /**
   * Rules that skip inactive candidates make a pair one-sided (an inactive record may match an active one, not the
   * reverse); clusters then also verify such records against lower slots.
   */
  private readonly excludingEntities: readonly DuplicateEntity[]
  private readonly maxBlockSize: number
  private readonly customBlocking: ((record: object) => readonly string[]) | undefined
  private readonly hasher: BlockingKeyHasher
  private readonly findOptions: FindDuplicatesOptions | undefined

  // Records live in slots; freed slots are reused.
  private readonly records: (R | undefined)[] = []
  private readonly freeSlots: number[] = []
  private readonly ids: IdTable
  private readonly blocks: BlockTable
  private readonly pool: KeyPool
  // Whether a freed slot was ever reused: until then every block lists its slots newest (highest) first.
  private slotsReused = false
  // Per-slot visit stamps, so a candidate met under several keys is verified once.
  private seen: Int32Array
  private stamp = 0
  // Scratch for one record's keys, reused on every call.
  private readonly keyHashes: number[] = []
  private readonly keyFuzzy: boolean[] = []
  private readonly pushFuzzyKey = (hash: number): void => this.pushKey(hash, true)

  constructor(rules: readonly AnyDuplicateRule[], options: DuplicateIndexOptions) {
    const { maxBlockSize, expectedRecords } = readOptions(options)
    this.maxBlockSize = maxBlockSize
    this.set = compileRules(rules, options.registry ?? options.findOptions?.registry)
    this.findOptions = options.registry === undefined || options.findOptions?.registry !== undefined
      ? options.findOptions
      : { ...options.findOptions, registry: options.registry }
    const published = this.set.rules.filter(({ rule }) => rule.published)
    this.exact = published.filter((c) => c.matchKind === 'matchcode').map((compiled) => ({
      compiled,
      tag: hashText(FNV_OFFSET, `${this.set.rules.indexOf(compiled)}#`),
    }))
    this.hasFuzzy = published.some((c) => c.matchKind === 'fuzzy')
    this.symmetric = this.exact.every(({ compiled }) => compiled.symmetric)
    this.excludingEntities = [...new Set(published.filter(({ rule }) => rule.excludeInactiveMatchingRecords).map(({ rule }) => rule.matchingEntity))]
    this.customBlocking = options.blockingKeys
    this.hasher = new BlockingKeyHasher(options.blockingKeyOptions, expectedRecords)
    this.ids = new IdTable((slot) => (this.records[slot] as R).id, expectedRecords)
    this.blocks = new BlockTable(expectedRecords * DISTINCT_KEYS_PER_RECORD, expectedRecords * KEYS_PER_RECORD)
    this.pool = new KeyPool(expectedRecords * KEYS_PER_RECORD, expectedRecords)
    this.seen = new Int32Array(Math.max(16, expectedRecords))
  }

  get size(): number {
    return this.ids.size
  }

  add(record: R): void {
    if (record === null || typeof record !== 'object' || typeof record.id !== 'string' || record.id === '') {
      throw new LeadkitError({ code: 'invalid_type', path: ['id'], message: 'a record added to a duplicate index needs a non-empty string id' })
    }
    if (this.ids.get(record.id) !== -1) {
      throw new LeadkitError({ code: 'invalid_value', path: ['id'], message: `record ${record.id} is already in the index: use update() to replace it` })
    }
    // Keys first: a record whose keys cannot be computed leaves the index as it was.
    this.computeKeys(record, 'matching')
    const slot = this.freeSlots.length > 0 ? (this.freeSlots.pop() as number) : this.records.length
    if (slot < this.records.length) this.slotsReused = true
    if (slot === this.records.length) this.records.push(record)
    else this.records[slot] = record
    if (slot >= this.seen.length) this.seen = doubled(this.seen)
    this.ids.set(record.id, slot)
    for (const hash of this.keyHashes) this.blocks.insert(hash, slot)
    this.pool.store(slot, this.keyHashes, this.keyFuzzy, this.keyHashes.length)
  }

  remove(id: string): boolean {
    const slot = typeof id === 'string' ? this.ids.delete(id) : -1
    if (slot === -1) return false
    this.pool.load(slot, this.keyHashes, this.keyFuzzy)
    for (const hash of this.keyHashes) this.blocks.remove(hash, slot)
    this.pool.release(slot)
    this.records[slot] = undefined
    this.freeSlots.push(slot)
    return true
  }

  update(record: R): void {
    this.remove(record.id)
    this.add(record)
  }

  get(id: string): R | undefined {
    const slot = typeof id === 'string' ? this.ids.get(id) : -1
    return slot === -1 ? undefined : this.records[slot]
  }

  match(record: object): readonly DuplicateMatch<R>[] {
    this.computeKeys(record, 'base')
    const id = (record as { id?: unknown }).id
    // A record never matches itself: the indexed record with its id is skipped.
    const self = typeof id === 'string' ? this.ids.get(id) : -1
    const candidates = this.candidateSlots(-1, self).map((slot) => this.records[slot] as R)
    if (candidates.length === 0) return []
    return findWith(this.set, record as IdentifiedRecord, candidates, this.findOptions)
  }

  clusters(): readonly DuplicateCluster[] {
    const records = this.records
    const pairA: number[] = []
    const pairB: number[] = []
    const pairRule: string[] = []
    const pairScore: number[] = []
    const sets = createUnionFind(records.length)
    const pairSeen = new Set<number>()
    for (let slot = 0; slot < records.length; slot += 1) {
      const record = records[slot]
      if (record === undefined) continue
      // Each pair is verified from its lower slot, and also from the higher one when the rules may be one-sided.
      let bothWays = !this.symmetric
      for (let e = 0; e < this.excludingEntities.length && !bothWays; e += 1) bothWays = isInactiveRecord(this.excludingEntities[e] as DuplicateEntity, record)
      if (this.symmetric) this.pool.load(slot, this.keyHashes, this.keyFuzzy)
      else this.computeKeys(record, 'base')
      const slots = this.candidateSlots(bothWays ? -1 : slot, slot)
      if (slots.length === 0) continue
      // Only each pair's best rule is reported, so the pairs are verified without building explanations.
      for (const found of bestDuplicateRules(this.set, record, slots.map((s) => records[s] as R), this.findOptions)) {
        const other = slots[found.candidate] as number
        const low = other < slot ? other : slot
        const high = other < slot ? slot : other
        const key = low * 67108864 + high
        if (pairSeen.has(key)) continue
        pairSeen.add(key)
        pairA.push(low)
        pairB.push(high)
        pairRule.push(found.rule)
        pairScore.push(found.score)
        sets.union(slot, other)
      }
    }
    // Clusters are numbered by root in one typed array; members are listed by walking the slots in order, so each
    // cluster's first member is its lowest slot and clusters come out ordered by it without sorting.
    const clusterOfRoot = new Int32Array(records.length).fill(-1)
    const built: { ids: string[]; pairs: DuplicateClusterPair[]; first: number }[] = []
    for (let p = 0; p < pairA.length; p += 1) {
      const root = sets.find(pairA[p] as number)
      let at = clusterOfRoot[root] as number
      if (at === -1) {
        at = built.length
        clusterOfRoot[root] = at
        built.push({ ids: [], pairs: [], first: -1 })
      }
      ;(built[at] as (typeof built)[number]).pairs.push({
        a: (records[pairA[p] as number] as R).id,
        b: (records[pairB[p] as number] as R).id,
        rule: pairRule[p] as string,
        score: pairScore[p] as number,
      })
    }
    const ordered: DuplicateCluster[] = []
    if (built.length > 0) {
      for (let slot = 0; slot < records.length; slot += 1) {
        const record = records[slot]
        if (record === undefined) continue
        const at = clusterOfRoot[sets.find(slot)] as number
        if (at === -1) continue
        const cluster = built[at] as (typeof built)[number]
        if (cluster.first === -1) {
          cluster.first = slot
          ordered.push({ ids: cluster.ids, pairs: cluster.pairs })
        }
        cluster.ids.push(record.id)
      }
    }
    return deepFreeze(ordered)
  }

  /** Fills the key scratch with `record`'s keys on `side`. Hashes come straight from the codes: no key strings. */
  private computeKeys(record: object, side: RecordSide): void {
    this.keyHashes.length = 0
    this.keyFuzzy.length = 0
    for (let r = 0; r < this.exact.length; r += 1) {
      const { compiled, tag } = this.exact[r] as (typeof this.exact)[number]
      // Equal codes give equal hashes, which pushKey keeps once.
      compiled.eachCode(record, side, (code) => this.pushKey(hashText(tag, code) | 0, false))
    }
    if (!this.hasFuzzy) return
    if (this.customBlocking === undefined) this.hasher.keys(record, this.pushFuzzyKey)
    else for (const key of this.customBlocking(record)) this.pushKey(hashText(FUZZY_TAG, key) | 0, true)
  }

  private pushKey(hash: number, fuzzy: boolean): void {
    // A hash collision between two keys merges their blocks: more candidates, never fewer, and the rules decide.
    const at = this.keyHashes.indexOf(hash)
    if (at === -1) {
      this.keyHashes.push(hash)
      this.keyFuzzy.push(fuzzy)
    } else if (!fuzzy) {
      this.keyFuzzy[at] = false
    }
  }

  /** Slots sharing one of the scratch keys, above `minSlot`, other than `selfSlot`. */
  private candidateSlots(minSlot: number, selfSlot: number): number[] {
    this.stamp += 1
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0)
      this.stamp = 1
    }
    const { blocks, seen, stamp, keyHashes, keyFuzzy } = this
    const slots: number[] = []
    for (let k = 0; k < keyHashes.length; k += 1) {
      const bucket = blocks.bucketOf(keyHashes[k] as number)
      const count = blocks.count(bucket)
      if (count === -1 || (keyFuzzy[k] === true && count > this.maxBlockSize)) continue
      for (let entry = blocks.head(bucket); entry !== -1; entry = blocks.next(entry)) {
        const slot = blocks.slot(entry)
        if (slot <= minSlot) {
          // Entries go in at the head of their block, so until a freed slot is reused a block lists its slots in
          // descending order: the rest of it is below minSlot too.
          if (!this.slotsReused) break
          continue
        }
        if (seen[slot] === stamp) continue
        seen[slot] = stamp
        if (slot !== selfSlot) slots.push(slot)
      }
    }
    return slots
  }
}

const FUZZY_TAG = hashText(FNV_OFFSET, 'f#')
