import { LeadkitError } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import type { DuplicateRuleRegistry } from './createDuplicateRuleRegistry.js'
import { DEFAULT_LEAD_DUPLICATE_RULES } from './defaultLeadRules.js'
import { activeRules, bestDuplicateRules, findWith, type FindDuplicatesOptions } from './findDuplicates.js'
import { BlockingKeyHasher, seededStart, type BlockingKeyOptions } from './internal/blockingHasher.js'
import { BlockTable, doubled } from './internal/blockTable.js'
import { clusterRecords, type ClusterInput } from './internal/clusterRecords.js'
import { compileRules, type CompiledRule, type CompiledRuleSet } from './internal/compileRules.js'
import { hashText, hashText2 } from './internal/hash.js'
import { IdTable } from './internal/idTable.js'
import { KeyPool } from './internal/keyPool.js'
import { NameFrequency } from './internal/nameFrequency.js'
import { nameOrderOf } from './internal/nameOrder.js'
import type { PreparedComparator } from './internal/ruleDefinitions.js'
import type { CodeFrequency } from './internal/ruleKinds/shared.js'
import { SortedBlock } from './internal/sortedBlock.js'
import { nicknameLookup, type Lookup } from './nicknames.js'
import { isInactiveRecord } from './isInactiveRecord.js'
import type { AnyDuplicateRule, DuplicateMatch, IdentifiedRecord, RecordSide } from './types.js'
import { asLeadkitError, readInteger } from '../internal/validate.js'
import { readBlockLimits } from './internal/blockLimits.js'
import { guarded } from '../internal/guarded.js'

/** Options of {@link createDuplicateIndex}. */
export interface DuplicateIndexOptions {
  /**
   * The largest fuzzy block (records sharing a name sound with a company or domain) whose records are all compared
   * with one another. In a larger block (fifty Smiths at one company) each record is compared only with its
   * `neighbourhood` nearest records on each side in two name orders (a sorted neighbourhood), so comparisons per
   * record stay bounded whatever the data. Exact keys (email, phone, matchcodes) are not blocks of this kind: see
   * `maxSharedBy` on keyed rules. Default 32 (64 before issue 12's second round: at 32 the skewed benchmark's
   * precision and recall are unchanged at 100,000 and 1,000,000 leads, with a quarter fewer comparisons, and the
   * slowest lookups compare 54 candidates at the 99th percentile instead of 92).
   */
  readonly maxBlockSize?: number
  /** Records compared on each side of a record, in each of two name orders, in an oversized fuzzy block. Default 8. */
  readonly neighbourhood?: number
  /**
   * In `clusters()`, a record (or a group joined by exact codes) that the fuzzy rules find alike to more than this
   * many other groups is ambiguous and joins none of them by a fuzzy rule: one of forty John Smiths at one company,
   * with no email or phone to tell which, identifies none of them (as `maxSharedBy` does for a shared code).
   * `match()` still lists every match. Default: 2 when every fuzzy rule compares only names with a company or an
   * email domain (the built-in `lead-name-and-company`, `lead-name-and-email-domain` and `lead-name` comparators, as in
   * the default lead rules: such evidence cannot tell namesakes apart, and a lead and two noisy copies of it are
   * alike to two others each); 5 otherwise, for rules that weigh more (a scored matcher over dates of birth,
   * addresses, ids), whose people can have several records: FEBRL's dataset3 has people with six (with 2 for every
   * rule, issue 12's second round split them all: recall 0.17 there).
   */
  readonly maxAlikeGroups?: number
  /**
   * In `clusters()`, a match under the default name rules (the `lead-name-and-company` and
   * `lead-name-and-email-domain` comparators) joins two groups only when fewer than this many other people at the
   * company (or email domain) are expected to have a name alike to either lead's by chance, estimated from the
   * index's own leads: the company's leads × the share of all leads with the given name's sound × the share with the
   * surname's sound (a missing given name counts as any). Where more are expected — James Smith at a company of
   * 40,000 leads, 36 other James Smiths expected — a name and a company do not tell who a lead is, and a group made
   * from them would mostly join two people. Such a lead still joins a group through a shared email or phone, and
   * `match()` still lists the match. Rules with other comparators are not affected. Default 0.25; `Infinity` turns
   * it off.
   */
  readonly maxExpectedNamesakes?: number
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
  /**
   * The seed of the index's key hashes. By default each index draws its own, so nobody can craft values (email
   * addresses from a web form, say) whose key hashes collide, to crowd one place of its hash table and slow every
   * later lookup. Give one only to reproduce an index's internal layout (its hash tables' order): results do not
   * depend on it. Blocks are told apart by two independent 32-bit hashes of each key (64 bits), so two different keys
   * share a block only by a chance of about n²/2^65 for n distinct keys (one in 250 million for the 375,000 keys of
   * 100,000 leads), whatever the seed. With one 32-bit hash they did share blocks, and which ones depended on the
   * seed (issue 12: 8,871 against 8,872 groups among the 100,000 leads of the skewed benchmark).
   */
  readonly hashSeed?: number
}

/** One verified duplicate pair inside a cluster, with the rule that joined it. */
export interface DuplicateClusterPair {
  readonly a: string
  readonly b: string
  readonly rule: string
  readonly score: number
}

/**
 * A group of records that are duplicates: members that share an identifying exact code (the same email, phone,
 * matchcode), and members whose fuzzy match is with the group's centre — never a chain of fuzzy links.
 */
export interface DuplicateCluster {
  /** Ids of the members, in the index's slot order (insertion order until records are removed). */
  readonly ids: readonly string[]
  /**
   * Why each member is in the group: one verified link per member but the first (a spanning tree), with its rule
   * and score. Members sharing an exact code are linked to the first of them; a fuzzy member to the centre it
   * matches. Every pair of the group is not listed (a code shared by 5,000 records would be 12.5 million pairs):
   * `index.pairsOf(cluster)` verifies and lists them on request.
   */
  readonly pairs: readonly DuplicateClusterPair[]
}

/**
 * What an index holds and what it has compared, for capacity planning and for checking that comparisons stay
 * bounded.
 *
 * @example
 * index.stats().comparisons / index.size //=> comparisons per record so far
 */
export interface DuplicateIndexStats {
  readonly records: number
  /** Distinct keys (exact codes and fuzzy blocking keys). */
  readonly keys: number
  /** The largest block of records sharing one key, exact or fuzzy. */
  readonly largestBlock: number
  /** Fuzzy blocks over `maxBlockSize`, searched by sorted neighbourhood. */
  readonly neighbourhoodBlocks: number
  /** Exact codes carried by more records than their rule's `maxSharedBy`: identifying nobody, they match nothing. */
  readonly sharedCodes: number
  /** Pairs verified by the rules since the index was made (by `match`, `clusters` and `pairsOf`). */
  readonly comparisons: number
}

/** How a record's lookup went: each key it shares with indexed records, and how its block was searched. */
export interface DuplicateMatchDetails<R extends IdentifiedRecord = IdentifiedRecord> {
  readonly matches: readonly DuplicateMatch<R>[]
  readonly blocks: readonly {
    /** The exact rule a code came from, or `undefined` for a fuzzy blocking key. */
    readonly rule: string | undefined
    /** Indexed records sharing the key. */
    readonly size: number
    /**
     * `all` (every record compared), `neighbourhood` (an oversized fuzzy block: the nearest records compared),
     * `shared` (an exact code carried by more than `maxSharedBy` records: not an identifier, nobody compared).
     */
    readonly searched: 'all' | 'neighbourhood' | 'shared'
    readonly compared: number
  }[]
  /** Pairs verified for this lookup. */
  readonly comparisons: number
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
  /** `match`, with how each block was searched: which were oversized or shared, and how many were compared. */
  matchDetails(record: object): DuplicateMatchDetails<R>
  /** Groups of duplicates among the indexed records, with the links that put each member in its group. */
  clusters(): readonly DuplicateCluster[]
  /** Every verified duplicate pair between the members of `cluster` (verified now; quadratic in its size). */
  pairsOf(cluster: DuplicateCluster): readonly DuplicateClusterPair[]
  /** Sizes and counts, including the comparisons made so far. */
  stats(): DuplicateIndexStats
}

// Keys per record the capacity hint sizes for. The default rules gave a million generated leads 5.5 keys each (email,
// phones, name sounds × company and domain), 4.6 of them distinct from every earlier record's: an oversized table
// costs resident memory, an undersized one a single growth.
const KEYS_PER_RECORD = 6
const DISTINCT_KEYS_PER_RECORD = 5
/** A key's kind in the key pool: fuzzy blocking keys are 0, exact codes the number of their rule (1, 2, …). */
const FUZZY = 0
const MAX_EXACT_RULES = 250

/**
 * Creates a duplicate index: records are filed under exact keys (each matchcode of the rules: normalised email,
 * E.164 business and mobile phone, Dataverse matchcodes) and fuzzy blocking keys (sound of a name part + company
 * prefix or email domain, see {@link duplicateBlockingKeys}); `match` only verifies, with the rules, the records
 * that share a key with the one looked up — never all pairs.
 *
 * Work per record is bounded whatever the data:
 * - a fuzzy block of more than `maxBlockSize` records (hundreds of Smiths at one company) is searched by sorted
 *   neighbourhood: each record is compared with its `neighbourhood` nearest records on each side in two name orders;
 * - an exact code carried by more records than its rule's `maxSharedBy` (a switchboard number on thousands of leads,
 *   `info@`) identifies nobody and matches nothing; the default rules set it, matchcode rules keep exact semantics;
 * - `clusters()` groups records sharing an identifying code by union, in linear time, without listing the pairs
 *   inside a code, and adds a fuzzy member to a group only when it matches the group's centre, so fuzzy links
 *   cannot chain unrelated records together.
 *
 * The index keeps its keys in typed arrays (a hash table of seeded 64-bit key hashes to linked lists of record
 * slots), a few hundred bytes per record beyond the record itself. Its memos (company spellings, name sounds, phone formats)
 * are its own, made on first use and bounded; they go when the index goes.
 *
 * @param rules - the rules that decide a match (default: the product's duplicate-lead rules); JSON rules are parsed
 * @param options - block sizes, blocking keys, the rule registry and options passed to {@link findDuplicates}
 * @returns an index with `add`, `remove`, `update`, `get`, `match`, `matchDetails`, `clusters`, `pairsOf`, `stats`
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
  try {
    return createDuplicateIndexUnguarded<R>(rules, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function createDuplicateIndexUnguarded<R extends IdentifiedRecord = IdentifiedRecord>(
  rules?: readonly AnyDuplicateRule[],
  options: DuplicateIndexOptions = {},
): DuplicateIndex<R> {
  return new BlockingIndex<R>(rules ?? DEFAULT_LEAD_DUPLICATE_RULES, options)
}

interface IndexLimits {
  readonly maxBlockSize: number
  readonly neighbourhood: number
  /** `undefined`: chosen from the rules (see {@link DuplicateIndexOptions.maxAlikeGroups}). */
  readonly maxAlikeGroups: number | undefined
  readonly maxExpectedNamesakes: number
  readonly expectedRecords: number
  readonly seed: number
}

function readOptions(options: DuplicateIndexOptions): IndexLimits {
  return {
    ...readBlockLimits(options),
    maxAlikeGroups: options.maxAlikeGroups === undefined ? undefined : readInteger(options.maxAlikeGroups, 'maxAlikeGroups', 1, 1_000_000, 0),
    maxExpectedNamesakes: nonNegative(options.maxExpectedNamesakes, 'maxExpectedNamesakes', DEFAULT_MAX_EXPECTED_NAMESAKES),
    expectedRecords: readInteger(options.expectedRecords, 'expectedRecords', 0, 50_000_000, 0),
    seed: readInteger(options.hashSeed, 'hashSeed', -(2 ** 31), 2 ** 32 - 1, randomSeed()) | 0,
  }
}

/** The default of `maxExpectedNamesakes`: a match whose name one other person there has a one-in-four chance of sharing. */
const DEFAULT_MAX_EXPECTED_NAMESAKES = 0.25

function nonNegative(value: unknown, key: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new LeadkitError({ code: 'invalid_value', path: [key], message: `${key} must be a number from 0 up (Infinity turns it off; got ${String(value)})` })
  }
  return value
}

/** The built-in comparators whose evidence is a name with a company or a domain: namesakes look alike to them. */
const NAME_COMPARATORS: ReadonlySet<string> = new Set(['lead-name-and-company', 'lead-name-and-email-domain', 'lead-name'])

function comparesNamesOnly(compiled: CompiledRule): boolean {
  const rule = compiled.rule
  return rule.kind === 'fuzzy' && NAME_COMPARATORS.has(rule.comparator)
}

function randomSeed(): number {
  // A fresh seed per index: Web Crypto is in Node.js 20 and every browser.
  const cryptoApi = (globalThis as { crypto?: { getRandomValues(array: Uint32Array): Uint32Array } }).crypto
  return cryptoApi === undefined ? 0 : (cryptoApi.getRandomValues(new Uint32Array(1))[0] as number)
}

function checkIndexable(record: IdentifiedRecord): void {
  if (record === null || typeof record !== 'object' || typeof record.id !== 'string' || record.id === '') {
    throw new LeadkitError({ code: 'invalid_type', path: ['id'], message: 'a record added to a duplicate index needs a non-empty string id' })
  }
}

/** An exact rule as the index runs it: the compiled rule, the seeds of its keys' two hash words, its `maxSharedBy`. */
interface ExactRule {
  readonly compiled: CompiledRule
  readonly tag: number
  readonly tag2: number
  readonly limit: number
}

/** The index behind {@link createDuplicateIndex}: records in slots, their keys in a block table. */
class BlockingIndex<R extends IdentifiedRecord> implements DuplicateIndex<R> {
  private readonly set: CompiledRuleSet
  private readonly exact: readonly ExactRule[]
  private readonly fuzzyRules: readonly CompiledRule[]
  /** Rules that skip inactive matching records. */
  private readonly excluding: readonly CompiledRule[]
  /** Whether every exact rule reads the same fields on both sides: a record's base keys are its stored keys. */
  private readonly symmetric: boolean
  private readonly limits: IndexLimits
  private readonly customBlocking: ((record: object) => readonly string[]) | undefined
  private readonly fuzzyTag: number
  private readonly fuzzyTag2: number
  private readonly hasher: BlockingKeyHasher
  private readonly nicknames: Lookup
  private readonly findOptions: FindDuplicatesOptions | undefined
  /** How many indexed records carry a code, as the rules' `maxSharedBy` judges it. */
  private readonly frequency: CodeFrequency

  // Records live in slots; freed slots are reused.
  private readonly records: (R | undefined)[] = []
  private readonly freeSlots: number[] = []
  private readonly ids: IdTable
  private readonly blocks: BlockTable
  private readonly pool: KeyPool
  /** Oversized fuzzy blocks, by {@link blockKey}, with their members in two name orders. */
  private readonly sorted = new Map<number, SortedBlock>()
  // Each slot's place in the two name orders, computed when the slot first joins an oversized block.
  private pairOrder = new Float64Array(16)
  private surnameOrder = new Float64Array(16)
  private ordered = new Uint8Array(16)
  // Each slot's name parts as the blocking keys read them (`BlockingKeyHasher.parts`, five numbers), kept when the
  // record is filed so that clusters() counts how common names are without reading every record again.
  private nameParts: Int32Array
  private readonly filedParts = new Int32Array(5)
  // Whether a freed slot was ever reused: until then every block lists its slots newest (highest) first.
  private slotsReused = false
  // Per-slot visit stamps, so a candidate met under several keys is verified once.
  private seen: Int32Array
  // Fuzzy rules whose comparators prepare records (the name rules): each record's preparation, kept by slot while the
  // record is filed, one list per distinct `prepare` (rules sharing one share the list); `preparedBy[r]` is rule r's
  // list, or -1. A slot is prepared when first verified, so an index that is only matched against prepares nothing.
  private readonly preparedBy: readonly number[]
  private readonly preparers: readonly ((record: object) => object)[]
  private readonly preparations: (object | undefined)[][]
  private stamp = 0
  private comparisons = 0
  // Scratch for one record's keys, reused on every call.
  private readonly keyHashes: number[] = []
  private readonly keySeconds: number[] = []
  private readonly keyKinds: number[] = []
  private readonly pushFuzzyKey = (hash: number, second: number): void => this.pushKey(hash, second, FUZZY)
  // Whether two exact rules' codes of the record last given to computeKeys had one hash.
  private codesMerged = false
  // fuzzyCandidates' filter: the record whose candidates are listed, and where they go.
  private takeSlot = -1
  private takeBothWays = false
  private takeStamp = 0
  private takeVisit: (candidate: number) => void = () => {}
  private readonly takeCandidate = (candidate: number): void => {
    if (candidate === this.takeSlot || (!this.takeBothWays && candidate < this.takeSlot) || this.seen[candidate] === this.takeStamp) return
    this.seen[candidate] = this.takeStamp
    this.takeVisit(candidate)
  }

  constructor(rules: readonly AnyDuplicateRule[], options: DuplicateIndexOptions) {
    this.limits = readOptions(options)
    const { expectedRecords, seed } = this.limits
    this.set = compileRules(rules, options.registry ?? options.findOptions?.registry)
    this.findOptions =
      options.registry === undefined || options.findOptions?.registry !== undefined ? options.findOptions : { ...options.findOptions, registry: options.registry }
    const active = activeRules(this.set, this.findOptions)
    const exact = active.filter((c) => c.matchKind === 'matchcode')
    if (exact.length > MAX_EXACT_RULES) {
      throw new LeadkitError({ code: 'invalid_rule', path: ['rules'], message: `an index runs at most ${MAX_EXACT_RULES} exact rules (got ${exact.length})` })
    }
    const start = seededStart(seed)
    const start2 = hashText2(start, 'second#')
    this.exact = exact.map((compiled) => {
      const name = `${this.set.rules.indexOf(compiled)}#`
      return { compiled, tag: hashText(start, name), tag2: hashText2(start2, name), limit: compiled.maxSharedBy }
    })
    this.fuzzyRules = active.filter((c) => c.matchKind === 'fuzzy')
    const preparers: ((record: object) => object)[] = []
    this.preparedBy = this.fuzzyRules.map(({ prepared }) => {
      if (prepared === undefined) return -1
      if (!preparers.includes(prepared.prepare)) preparers.push(prepared.prepare)
      return preparers.indexOf(prepared.prepare)
    })
    this.preparers = preparers
    this.preparations = preparers.map(() => [])
    this.excluding = active.filter((c) => c.rule.excludeInactiveMatchingRecords)
    this.symmetric = exact.every((compiled) => compiled.symmetric)
    this.customBlocking = options.blockingKeys
    this.fuzzyTag = hashText(start, 'f#')
    this.fuzzyTag2 = hashText2(start2, 'f#')
    this.hasher = new BlockingKeyHasher(options.blockingKeyOptions, expectedRecords, seed)
    this.nicknames = nicknameLookup(options.blockingKeyOptions)
    this.ids = new IdTable((slot) => (this.records[slot] as R).id, expectedRecords, hashText(start, 'id#'))
    this.blocks = new BlockTable(expectedRecords * DISTINCT_KEYS_PER_RECORD, expectedRecords * KEYS_PER_RECORD)
    this.pool = new KeyPool(expectedRecords * KEYS_PER_RECORD, expectedRecords)
    this.seen = new Int32Array(Math.max(16, expectedRecords))
    // Sized by the hint like the other per-slot tables: grown by doubling, it would leave its smaller copies behind.
    this.nameParts = new Int32Array(Math.max(16, expectedRecords) * 5)
    this.frequency = (compiled, code) => {
      const rule = this.exact.find((candidate) => candidate.compiled === compiled)
      return rule === undefined ? 0 : this.blocks.sizeOf(hashText(rule.tag, code) | 0, hashText2(rule.tag2, code) | 0)
    }
  }

  get size(): number {
    return this.ids.size
  }

  // add, update and remove are all-or-nothing: everything that reads the record (its keys, its name order) or can
  // refuse it runs before the index changes, and whatever still fails part-way (memory) is undone; any error leaves
  // as a LeadkitError (issue 13: a 200,000-character name or a getter that throws left the index half-changed).
  add(record: R): void {
    guarded(() => this.addChecked(record, true))
  }

  remove(id: string): boolean {
    return guarded(() => this.removeSlot(typeof id === 'string' ? this.ids.get(id) : -1))
  }

  update(record: R): void {
    guarded(() => {
      checkIndexable(record)
      const slot = this.ids.get(record.id)
      if (slot === -1) return this.addChecked(record, true)
      // The new record's keys and name order first: a record that cannot be filed leaves the old one in place.
      this.computeKeys(record, 'matching')
      nameOrderOf(record, this.nicknames)
      const old = this.records[slot] as R
      const oldOrder = this.ordered[slot] === 1 ? { pair: this.pairOrder[slot] as number, surname: this.surnameOrder[slot] as number } : undefined
      this.removeSlot(slot)
      try {
        this.addChecked(record, false)
      } catch (error) {
        // The old record was filed before, so it files again, into the slot just freed.
        this.addChecked(old, false, oldOrder)
        throw error
      }
    })
  }

  /**
   * Files `record`; when `check`, first refuses a record without an id or whose id is indexed. `order` is the
   * record's name order when it is known (a record put back by `update`).
   */
  private addChecked(record: R, check: boolean, order?: { readonly pair: number; readonly surname: number }): void {
    if (check) {
      checkIndexable(record)
      if (this.ids.get(record.id) !== -1) {
        throw new LeadkitError({ code: 'invalid_value', path: ['id'], message: `record ${record.id} is already in the index: use update() to replace it` })
      }
    }
    // Keys first: a record whose keys cannot be computed leaves the index as it was.
    this.computeKeys(record, 'matching')
    const hashedParts = this.customBlocking === undefined && this.fuzzyRules.length > 0
    if (hashedParts) this.filedParts.set(this.hasher.parts)
    const { keyHashes, keySeconds, keyKinds } = this
    // The name orders an oversized block will need, also before anything changes: the record's own, and those of
    // the members of a block it pushes past the bound (made once, kept per slot).
    let grows = false
    for (let k = 0; k < keyHashes.length; k += 1) {
      if (keyKinds[k] !== FUZZY) continue
      const hash = keyHashes[k] as number
      const second = keySeconds[k] as number
      if (this.blocks.sizeOf(hash, second) + 1 <= this.limits.maxBlockSize) continue
      grows = true
      if (!this.sorted.has(blockKey(hash, second))) for (const member of this.blocks.slotsOf(hash, second)) this.orderSlot(member)
    }
    order ??= grows ? nameOrderOf(record, this.nicknames) : undefined
    const reuse = this.freeSlots.length > 0
    const slot = reuse ? (this.freeSlots.pop() as number) : this.records.length
    const hadSorted = keyHashes.map((hash, k) => keyKinds[k] === FUZZY && this.sortedBlock(hash, keySeconds[k] as number) !== undefined)
    let filed = 0
    try {
      this.ensureSlot(slot)
      if (slot === this.records.length) this.records.push(record)
      else this.records[slot] = record
      this.ordered[slot] = 0
      if (order !== undefined) {
        this.pairOrder[slot] = order.pair
        this.surnameOrder[slot] = order.surname
        this.ordered[slot] = 1
      }
      this.ids.set(record.id, slot)
      if (hashedParts) this.nameParts.set(this.filedParts, slot * 5)
      for (; filed < keyHashes.length; filed += 1) {
        const hash = keyHashes[filed] as number
        const second = keySeconds[filed] as number
        const size = this.blocks.insert(hash, second, slot)
        if (keyKinds[filed] === FUZZY && size > this.limits.maxBlockSize) this.fileInSortedBlock(hash, second, slot)
      }
      this.pool.store(slot, keyHashes, keySeconds, keyKinds, keyHashes.length)
    } catch (error) {
      this.unfile(slot, record, filed, hadSorted, !reuse)
      if (reuse) this.freeSlots.push(slot)
      throw error
    }
    if (reuse) this.slotsReused = true
  }

  /**
   * Undoes a part-done `addChecked`: the first `filed` of the scratch keys (a sorted block the add made goes again),
   * the id, the slot (`pushed`: the add appended it).
   */
  private unfile(slot: number, record: R, filed: number, hadSorted: readonly boolean[], pushed: boolean): void {
    // A key filed at k was inserted whole or not at all; the one that threw (k = filed) may be half-sorted.
    for (let k = 0; k <= filed && k < this.keyHashes.length; k += 1) {
      const hash = this.keyHashes[k] as number
      const second = this.keySeconds[k] as number
      if (k < filed) this.blocks.remove(hash, second, slot)
      else if (this.blocks.slotsOf(hash, second).includes(slot)) this.blocks.remove(hash, second, slot)
      if (this.keyKinds[k] !== FUZZY) continue
      if (hadSorted[k] !== true) this.sorted.delete(blockKey(hash, second))
      else if (k < filed) this.sorted.get(blockKey(hash, second))?.remove(slot)
    }
    if (this.ids.get(record.id) === slot) this.ids.delete(record.id)
    if (pushed && slot === this.records.length - 1) this.records.pop()
    else if (slot < this.records.length) this.records[slot] = undefined
  }

  private removeSlot(slot: number): boolean {
    if (slot === -1) return false
    this.ids.delete((this.records[slot] as R).id)
    this.pool.load(slot, this.keyHashes, this.keySeconds, this.keyKinds)
    for (let k = 0; k < this.keyHashes.length; k += 1) {
      const hash = this.keyHashes[k] as number
      const second = this.keySeconds[k] as number
      const size = this.blocks.remove(hash, second, slot)
      const sorted = this.keyKinds[k] === FUZZY && size >= 0 ? this.sortedBlock(hash, second, size + 1) : undefined
      if (sorted === undefined) continue
      // A block that shrank well below the bound is compared in full again; the margin avoids rebuilding its
      // orders each time one record comes and goes at the bound.
      if (size <= this.limits.maxBlockSize / 2) this.sorted.delete(blockKey(hash, second))
      else sorted.remove(slot)
    }
    this.pool.release(slot)
    this.records[slot] = undefined
    for (const prepared of this.preparations) if (slot < prepared.length) prepared[slot] = undefined
    this.freeSlots.push(slot)
    return true
  }

  get(id: string): R | undefined {
    const slot = typeof id === 'string' ? this.ids.get(id) : -1
    return slot === -1 ? undefined : this.records[slot]
  }

  match(record: object): readonly DuplicateMatch<R>[] {
    return this.lookup(record, undefined)
  }

  matchDetails(record: object): DuplicateMatchDetails<R> {
    const blocks: DuplicateMatchDetails<R>['blocks'][number][] = []
    const before = this.comparisons
    const matches = this.lookup(record, blocks)
    return deepFreeze({ matches: [...matches], blocks, comparisons: this.comparisons - before }) as DuplicateMatchDetails<R>
  }

  clusters(): readonly DuplicateCluster[] {
    const input: ClusterInput = {
      slots: this.records.length,
      idOf: (slot) => (this.records[slot] as R).id,
      isLive: (slot) => this.records[slot] !== undefined,
      exactGroups: (visit) => this.exactGroups(visit),
      verificationOrder: () => this.verificationOrder(),
      fuzzyCandidates: (slot, bothWays, visit) => this.fuzzyCandidates(slot, bothWays, visit),
      verifyFuzzy: (slot, candidates, count, visit) => this.verifyFuzzy(slot, candidates, count, visit),
      isInactive: (slot, rule) => rule.rule.excludeInactiveMatchingRecords && isInactiveRecord(rule.rule.matchingEntity, this.records[slot] as R),
      confirms: (rule, a, b) => rule.confirms(this.records[a] as R, this.records[b] as R),
      bothWays: (slot) => this.bothWays(slot),
      detached: this.findOptions?.notDuplicates ?? [],
      maxAlikeGroups: this.limits.maxAlikeGroups ?? (this.fuzzyRules.every(comparesNamesOnly) ? 2 : 5),
      isCommonName: this.commonNameTest(),
    }
    return deepFreeze(clusterRecords(input))
  }

  /**
   * `clusters()`'s test of a fuzzy match on a common name (see `maxExpectedNamesakes`): the rules it applies to, by
   * name, and the name frequencies of the records now in the index, counted once per call.
   */
  private commonNameTest(): (a: number, b: number, rule: string) => boolean {
    const limit = this.limits.maxExpectedNamesakes
    // By rule name: whether the rule's match is a name at a company (false) or at an email domain (true).
    const byDomain = new Map<string, boolean>()
    for (const compiled of this.fuzzyRules) {
      const rule = compiled.rule
      if (rule.kind !== 'fuzzy') continue
      if (rule.comparator === 'lead-name-and-company') byDomain.set(rule.name, false)
      else if (rule.comparator === 'lead-name-and-email-domain') byDomain.set(rule.name, true)
    }
    if (limit === Infinity || byDomain.size === 0) return () => false
    let frequency: NameFrequency | undefined
    return (a, b, rule) => {
      const domain = byDomain.get(rule)
      if (domain === undefined) return false
      frequency ??= new NameFrequency(this.records.length, (slot) => this.partsOf(slot))
      return frequency.expectedNamesakes(a, b, domain) > limit
    }
  }

  /** A live slot's name parts (see `BlockingKeyHasher.parts`): kept when filed, or read now under custom blocking keys. */
  private partsOf(slot: number): ArrayLike<number> | undefined {
    const record = this.records[slot]
    if (record === undefined) return undefined
    if (this.customBlocking !== undefined) return this.hasher.nameParts(record)
    // Copied into one scratch array: a view per slot would be a million small objects.
    for (let p = 0; p < 5; p += 1) this.filedParts[p] = this.nameParts[slot * 5 + p] as number
    return this.filedParts
  }

  pairsOf(cluster: DuplicateCluster): readonly DuplicateClusterPair[] {
    const slots = cluster.ids.map((id) => this.ids.get(id)).filter((slot) => slot !== -1)
    const rules = activeRules(this.set, this.findOptions)
    const found = new Map<string, DuplicateClusterPair>()
    // From each member's side against the others: a pair counts when either record matches the other (an
    // inactive record may match an active one that does not match it); the better verdict is kept.
    for (let i = 0; i < slots.length; i += 1) {
      const slot = slots[i] as number
      const others = slots.filter((_, j) => j !== i)
      for (const { candidate, rule, score } of this.verify(slot, others, rules)) {
        const x = this.records[slot] as R
        const y = this.records[others[candidate] as number] as R
        const [a, b] = x.id < y.id ? [x.id, y.id] : [y.id, x.id]
        const key = `${a}\u0000${b}`
        const known = found.get(key)
        if (known === undefined || score > known.score) found.set(key, { a, b, rule, score })
      }
    }
    return deepFreeze([...found.values()].sort((p, q) => (p.a < q.a ? -1 : p.a > q.a ? 1 : p.b < q.b ? -1 : p.b > q.b ? 1 : 0)))
  }

  stats(): DuplicateIndexStats {
    let keys = 0
    let largestBlock = 0
    let sharedCodes = 0
    this.blocks.eachBlock(1, (size) => {
      keys += 1
      if (size > largestBlock) largestBlock = size
    })
    if (this.exact.some((rule) => Number.isFinite(rule.limit))) {
      const counted = new Uint8Array(this.blocks.bucketCapacity)
      for (let slot = 0; slot < this.records.length; slot += 1) {
        if (this.records[slot] === undefined) continue
        this.pool.load(slot, this.keyHashes, this.keySeconds, this.keyKinds)
        for (let k = 0; k < this.keyHashes.length; k += 1) {
          const kind = this.keyKinds[k] as number
          const bucket = this.blocks.bucketOf(this.keyHashes[k] as number, this.keySeconds[k] as number)
          if (kind === FUZZY || counted[bucket / 4] === 1) continue
          counted[bucket / 4] = 1
          if (this.blocks.count(bucket) > (this.exact[kind - 1] as ExactRule).limit) sharedCodes += 1
        }
      }
    }
    return Object.freeze({
      records: this.size,
      keys,
      largestBlock,
      neighbourhoodBlocks: this.sorted.size,
      sharedCodes,
      comparisons: this.comparisons,
    })
  }

  /** Candidates of `record` from every key, verified by the rules; `blocks` collects how each key was searched. */
  private lookup(record: object, blocks: DuplicateMatchDetails<R>['blocks'][number][] | undefined): readonly DuplicateMatch<R>[] {
    this.computeKeys(record, 'base')
    const id = (record as { id?: unknown }).id
    // A record never matches itself: the indexed record with its id is skipped.
    const self = typeof id === 'string' ? this.ids.get(id) : -1
    const stamp = this.nextStamp()
    const slots: number[] = []
    const take = (slot: number): void => {
      if (slot === self || this.seen[slot] === stamp) return
      this.seen[slot] = stamp
      slots.push(slot)
    }
    let order: { pair: number; surname: number } | undefined
    // computeKeys lists the exact codes before the fuzzy keys, so the candidates found under an exact code come first
    // in `slots`, and every candidate that shares a code with the record is among them (a code carried by more than
    // its rule's maxSharedBy is no code to the rules either: prepare() leaves it out). The rest share no code.
    let codeCandidates = this.codesMerged ? -1 : 0
    let fuzzySeen = false
    for (let k = 0; k < this.keyHashes.length; k += 1) {
      const hash = this.keyHashes[k] as number
      const second = this.keySeconds[k] as number
      const kind = this.keyKinds[k] as number
      if (kind === FUZZY) fuzzySeen = true
      else if (fuzzySeen) codeCandidates = -1
      const bucket = this.blocks.bucketOf(hash, second)
      const size = this.blocks.count(bucket)
      if (size <= 0) continue
      const before = slots.length
      let searched: 'all' | 'neighbourhood' | 'shared' = 'all'
      const sorted = kind === FUZZY ? this.sortedBlock(hash, second, size) : undefined
      if (kind !== FUZZY && size > (this.exact[kind - 1] as ExactRule).limit) searched = 'shared'
      else if (sorted !== undefined) {
        searched = 'neighbourhood'
        order ??= nameOrderOf(record, this.nicknames)
        this.neighbours(sorted, order.pair, order.surname, self, take)
      } else {
        for (let entry = this.blocks.head(bucket); entry !== -1; entry = this.blocks.next(entry)) take(this.blocks.slot(entry))
      }
      if (kind !== FUZZY && codeCandidates !== -1) codeCandidates = slots.length
      blocks?.push({ rule: kind === FUZZY ? undefined : (this.exact[kind - 1] as ExactRule).compiled.rule.name, size, searched, compared: slots.length - before })
    }
    if (slots.length === 0) return []
    this.comparisons += slots.length
    const candidates = slots.map((slot) => this.records[slot] as R)
    return findWith(this.set, record as IdentifiedRecord, candidates, this.findOptions, this.frequency, codeCandidates === -1 ? slots.length : codeCandidates)
  }

  /** The records near (`pair`, `surname`) in the two orders of an oversized block. */
  private neighbours(block: SortedBlock, pair: number, surname: number, self: number, take: (slot: number) => void): void {
    const window = this.limits.neighbourhood
    block.orders[0].eachNear(pair, self, window, take)
    block.orders[1].eachNear(surname, self, window, take)
  }

  /**
   * Whether `slot`'s pairs must be verified from its side too: when the rules read other fields on the two sides,
   * or when the record is inactive and a rule excludes inactive matching records (it may match an active record
   * that does not match it).
   */
  private bothWays(slot: number): boolean {
    if (!this.symmetric) return true
    const record = this.records[slot] as R
    for (const rule of this.excluding) if (isInactiveRecord(rule.rule.matchingEntity, record)) return true
    return false
  }

  /** Calls `visit` with the rule and the live slots of each identifying exact code that two or more records share. */
  private exactGroups(visit: (rule: CompiledRule, slots: readonly number[]) => void): void {
    // One mark per bucket of the block table: each shared code is visited once, from its first record.
    const done = new Uint8Array(this.blocks.bucketCapacity)
    let members = new Int32Array(64)
    const hashes: number[] = []
    const seconds: number[] = []
    const kinds: number[] = []
    for (let slot = 0; slot < this.records.length; slot += 1) {
      if (this.records[slot] === undefined) continue
      this.pool.load(slot, hashes, seconds, kinds)
      for (let k = 0; k < hashes.length; k += 1) {
        const kind = kinds[k] as number
        if (kind === FUZZY) continue
        const hash = hashes[k] as number
        const second = seconds[k] as number
        const bucket = this.blocks.bucketOf(hash, second)
        if (done[bucket / 4] === 1) continue
        const rule = this.exact[kind - 1] as ExactRule
        const size = this.blocks.count(bucket)
        if (size < 2 || size > rule.limit) continue
        done[bucket / 4] = 1
        // The members into one reused buffer, sorted there: one array per shared code, the one visited.
        if (members.length < size) members = new Int32Array(Math.max(size, members.length * 2))
        let count = 0
        for (let entry = this.blocks.head(bucket); entry !== -1; entry = this.blocks.next(entry)) {
          const member = this.blocks.slot(entry)
          // A member filed this key under this rule carries the code; under another exact rule (two rules' codes
          // with one key: merged when filed) only its codes can tell; as a fuzzy key it carries no code.
          const filedAs = this.pool.kindOf(member, hash, second)
          if (filedAs === kind || (filedAs > FUZZY && this.hasCode(member, rule, hash, second))) members[count++] = member
        }
        if (count > 1) visit(rule.compiled, Array.from(members.subarray(0, count).sort()))
      }
    }
  }

  // hasCode's question and answer, so that its callback is made once per index, not once per record asked.
  private codeRule: ExactRule | undefined
  private codeHash = 0
  private codeSecond = 0
  private codeFound = false
  private readonly checkCode = (code: string): void => {
    const rule = this.codeRule as ExactRule
    if (!this.codeFound && (hashText(rule.tag, code) | 0) === this.codeHash && (hashText2(rule.tag2, code) | 0) === this.codeSecond) this.codeFound = true
  }

  /**
   * Whether `slot` carries the key (`hash`, `second`) as a code of `rule`: a record filed under a code for one rule
   * may carry the same code for another rule, which makes a different key (their tags differ).
   */
  private hasCode(slot: number, rule: ExactRule, hash: number, second: number): boolean {
    this.codeRule = rule
    this.codeHash = hash
    this.codeSecond = second
    this.codeFound = false
    rule.compiled.eachCode(this.records[slot] as R, 'matching', this.checkCode)
    return this.codeFound
  }

  /** Live slots ordered by their first fuzzy key (then slot): records of one block are verified one after another. */
  private verificationOrder(): Int32Array {
    const live: number[] = []
    const firstKey = new Int32Array(this.records.length)
    for (let slot = 0; slot < this.records.length; slot += 1) {
      if (this.records[slot] === undefined) continue
      live.push(slot)
      this.pool.load(slot, this.keyHashes, this.keySeconds, this.keyKinds)
      const k = this.keyKinds.indexOf(FUZZY)
      firstKey[slot] = k === -1 ? 0 : (this.keyHashes[k] as number)
    }
    const order = Int32Array.from(live)
    return order.sort((a, b) => (firstKey[a] as number) - (firstKey[b] as number) || a - b)
  }

  /** Calls `visit` with each fuzzy candidate of `slot` (above it unless `bothWays`), each once. */
  private fuzzyCandidates(slot: number, bothWays: boolean, visit: (candidate: number) => void): void {
    this.pool.load(slot, this.keyHashes, this.keySeconds, this.keyKinds)
    // clusters() asks for every record's candidates: one filter for all of them, set up per call, not made per call.
    this.takeSlot = slot
    this.takeBothWays = bothWays
    this.takeStamp = this.nextStamp()
    this.takeVisit = visit
    const take = this.takeCandidate
    for (let k = 0; k < this.keyHashes.length; k += 1) {
      if (this.keyKinds[k] !== FUZZY) continue
      const hash = this.keyHashes[k] as number
      const second = this.keySeconds[k] as number
      const bucket = this.blocks.bucketOf(hash, second)
      const sorted = this.sortedBlock(hash, second, this.blocks.count(bucket))
      if (sorted !== undefined) {
        this.neighbours(sorted, this.pairOrder[slot] as number, this.surnameOrder[slot] as number, slot, take)
        continue
      }
      for (let entry = this.blocks.head(bucket); entry !== -1; entry = this.blocks.next(entry)) {
        const candidate = this.blocks.slot(entry)
        // Until a freed slot is reused a block lists its slots in descending order: the rest are below this one.
        if (!bothWays && candidate < slot && !this.slotsReused) break
        take(candidate)
      }
    }
  }

  /**
   * The fuzzy rules' verdict on `slot` against each candidate: `visit` gets each candidate that matches with its
   * best rule and score. The loop clusters() runs millions of times, so it calls the rules directly, allocating
   * nothing per pair. A tie goes to the rule listed first, as in findDuplicates.
   */
  private verifyFuzzy(slot: number, candidates: Int32Array, count: number, visit: (candidate: number, rule: string, score: number) => void): void {
    const rules = this.fuzzyRules
    if (count === 0 || rules.length === 0) return
    this.comparisons += count
    const record = this.records[slot] as R
    for (let c = 0; c < count; c += 1) {
      const other = candidates[c] as number
      const candidate = this.records[other] as R
      let best: CompiledRule | undefined
      let bestScore = -Infinity
      for (let r = 0; r < rules.length && bestScore < 1; r += 1) {
        const rule = rules[r] as CompiledRule
        const p = this.preparedBy[r] as number
        const score = p === -1
          ? rule.score(undefined, record, candidate)
          : (rule.prepared as PreparedComparator).score(this.preparedAt(p, slot), this.preparedAt(p, other), record, candidate)
        if (score !== undefined && score > bestScore) {
          best = rule
          bestScore = score
        }
      }
      if (best !== undefined) visit(c, best.rule.name, bestScore)
    }
  }

  /** The live `slot`'s record as the preparation `p` reads it, prepared on first use. */
  private preparedAt(p: number, slot: number): object {
    const prepared = this.preparations[p] as (object | undefined)[]
    let found = prepared[slot]
    if (found === undefined) {
      found = (this.preparers[p] as (record: object) => object)(this.records[slot] as R)
      // Grown to every slot at once, with no holes: a list with holes becomes a slow dictionary.
      while (prepared.length < this.records.length) prepared.push(undefined)
      prepared[slot] = found
    }
    return found
  }

  /** The rules' verdict on `slot` against each candidate, best rule each (positions into `candidates`). */
  private verify(slot: number, candidates: readonly number[], rules: readonly CompiledRule[]) {
    if (candidates.length === 0 || rules.length === 0) return []
    this.comparisons += candidates.length
    const record = this.records[slot] as R
    return bestDuplicateRules(this.set, record, candidates.map((c) => this.records[c] as R), this.findOptions, this.frequency, rules)
  }

  /**
   * The sorted orders of the fuzzy block of the key (`hash`, `second`) when it is oversized. `size` is the block's size
   * when the caller knows it: a block gets its orders when it grows past `maxBlockSize` and loses them when it shrinks
   * to half that, so a smaller one has none and the map need not be asked.
   */
  private sortedBlock(hash: number, second: number, size = Infinity): SortedBlock | undefined {
    if (this.sorted.size === 0 || size <= this.limits.maxBlockSize / 2) return undefined
    return this.sorted.get(blockKey(hash, second))
  }

  /**
   * Puts `slot` into the sorted orders of the oversized block of the key (`hash`, `second`), making them when the
   * block first grows past the bound.
   */
  private fileInSortedBlock(hash: number, second: number, slot: number): void {
    this.orderSlot(slot)
    const key = blockKey(hash, second)
    const sorted = this.sorted.get(key)
    if (sorted !== undefined) {
      sorted.insert(slot)
      return
    }
    const members = this.blocks.slotsOf(hash, second)
    for (const member of members) this.orderSlot(member)
    this.sorted.set(key, new SortedBlock(members, (s) => this.pairOrder[s] as number, (s) => this.surnameOrder[s] as number))
  }

  private orderSlot(slot: number): void {
    if (this.ordered[slot] === 1) return
    const order = nameOrderOf(this.records[slot] as R, this.nicknames)
    this.pairOrder[slot] = order.pair
    this.surnameOrder[slot] = order.surname
    this.ordered[slot] = 1
  }

  private ensureSlot(slot: number): void {
    while (slot >= this.seen.length) this.seen = doubled(this.seen)
    while ((slot + 1) * 5 > this.nameParts.length) this.nameParts = doubled(this.nameParts)
    while (slot >= this.ordered.length) {
      const size = this.ordered.length * 2
      const pair = new Float64Array(size)
      pair.set(this.pairOrder)
      this.pairOrder = pair
      const surname = new Float64Array(size)
      surname.set(this.surnameOrder)
      this.surnameOrder = surname
      const ordered = new Uint8Array(size)
      ordered.set(this.ordered)
      this.ordered = ordered
    }
  }

  private nextStamp(): number {
    this.stamp += 1
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0)
      this.stamp = 1
    }
    return this.stamp
  }

  /** Fills the key scratch with `record`'s keys on `side`. Hashes come straight from the codes: no key strings. */
  private computeKeys(record: object, side: RecordSide): void {
    this.keyHashes.length = 0
    this.keySeconds.length = 0
    this.keyKinds.length = 0
    this.codesMerged = false
    for (let r = 0; r < this.exact.length; r += 1) {
      const { compiled, tag, tag2 } = this.exact[r] as ExactRule
      // Equal codes give equal hashes, which pushKey keeps once.
      compiled.eachCode(record, side, (code) => this.pushKey(hashText(tag, code) | 0, hashText2(tag2, code) | 0, r + 1))
    }
    if (this.fuzzyRules.length === 0) return
    if (this.customBlocking === undefined) this.hasher.keys(record, this.pushFuzzyKey)
    else for (const key of this.customBlocking(record)) this.pushKey(hashText(this.fuzzyTag, key) | 0, hashText2(this.fuzzyTag2, key) | 0, FUZZY)
  }

  private pushKey(hash: number, second: number, kind: number): void {
    // Keys are told apart by both hash words (64 bits), so that no two keys share a block in practice, whatever
    // the seed; only the same key, met twice, is kept once.
    const hashes = this.keyHashes
    for (let at = 0; at < hashes.length; at += 1) {
      if (hashes[at] !== hash || this.keySeconds[at] !== second) continue
      if (kind !== FUZZY && this.keyKinds[at] === FUZZY) this.keyKinds[at] = kind
      // Codes of two exact rules in one block (both words equal: a one-in-2^64 chance), searched by the first rule's
      // maxSharedBy: lookup then runs every rule on every candidate, as it cannot tell which share the second's code.
      else if (kind !== FUZZY && this.keyKinds[at] !== kind) this.codesMerged = true
      return
    }
    hashes.push(hash)
    this.keySeconds.push(second)
    this.keyKinds.push(kind)
  }
}

/**
 * A number that names the block of the key (`hash`, `second`) in a `Map`: the first word and the high 21 bits of the
 * second (53 bits, exact in a double). Used only for the few oversized fuzzy blocks, where a clash of both would take
 * a one-in-2^53 chance.
 */
function blockKey(hash: number, second: number): number {
  return (hash >>> 0) * 0x200000 + (second >>> 11)
}
