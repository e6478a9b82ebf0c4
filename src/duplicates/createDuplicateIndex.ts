import { LeadkitError } from '../errors.js'
import { deepFreeze } from '../internal/immer.js'
import { FNV_OFFSET, hashText, pushBlockingKeyHashes, type BlockingKeyOptions } from './blockingKeys.js'
import { createDefaultLeadRules } from './defaultLeadRules.js'
import { bestDuplicateRules, findDuplicates, type FindDuplicatesOptions } from './findDuplicates.js'
import { isInactiveRecord } from './isInactiveRecord.js'
import { matchcode } from './matchcode.js'
import { readField } from './internal/readField.js'
import type { AnyDuplicateRule, DuplicateEntity, DuplicateMatch, IdentifiedRecord, RecordSide } from './types.js'
import { createUnionFind } from './internal/unionFind.js'

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

const EMPTY_TABLE = 1 << 12
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
 * in maps of strings: a few hundred bytes per record beyond the record itself.
 *
 * @param rules - the rules that decide a match (default: the product's duplicate-lead rules)
 * @param options - block size cap, blocking keys and options passed to {@link findDuplicates}
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
  const ruleList: readonly AnyDuplicateRule[] = rules ?? createDefaultLeadRules()
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
  const findOptions = options.findOptions
  const exactRules: { readonly rule: AnyDuplicateRule & { kind: 'matchcode' | 'keyed' }; readonly tag: string }[] = []
  let hasFuzzy = false
  ruleList.forEach((rule, i) => {
    if (!rule.published) return
    if (rule.kind === 'fuzzy') hasFuzzy = true
    else exactRules.push({ rule, tag: `${i}#` })
  })
  // When every exact rule reads the same fields on both sides, a record's base keys are its stored matching keys.
  const symmetric = exactRules.every(({ rule }) =>
    rule.kind === 'keyed'
      ? rule.baseFields.length === rule.matchingFields.length && rule.baseFields.every((f, i) => rule.matchingFields[i] === f)
      : rule.conditions.every((c) => c.baseField === c.matchingField),
  )
  // Rules that skip inactive candidates make a pair one-sided (an inactive record may match an active one, not the
  // reverse); clusters then also verify such records against lower slots.
  const excludingEntities = [...new Set(ruleList.filter((r) => r.published && r.excludeInactiveMatchingRecords).map((r) => r.matchingEntity))]
  const customBlocking = options.blockingKeys
  const blockingKeyOptions = options.blockingKeyOptions
  const fuzzyTag = hashText(FNV_OFFSET, 'f#')
  const exactTags = exactRules.map(({ tag }) => hashText(FNV_OFFSET, tag))

  // Records live in slots; freed slots are reused.
  const records: (R | undefined)[] = []
  // Id → slot: open addressing on a hash of the id, pairs [hash, slot] in one Int32Array (slot -1: empty, -2: a
  // removed id). A million-entry Map<string, number> cost a million string hashes anyway plus chained entries whose
  // keys it compared (cache misses) and a large backing store for the collector to trace; here a probe compares
  // integers and reads the record's id only when the hashes agree.
  // Room for the expected ids at the table's 70% load limit.
  let idMask = powerOfTwoAtLeast(Math.max(1024, Math.ceil(expectedRecords / 0.7))) - 1
  let idTable = new Int32Array((idMask + 1) * 2).fill(-1)
  let idCount = 0
  let idFilled = 0
  const freeSlots: number[] = []
  const slotCapacity = powerOfTwoAtLeast(Math.max(1024, expectedRecords))
  const keyCapacity = powerOfTwoAtLeast(Math.max(EMPTY_TABLE, expectedRecords * KEYS_PER_RECORD))
  // Buckets for the expected keys at the table's 70% load limit.
  const bucketCapacity = powerOfTwoAtLeast(Math.max(EMPTY_TABLE, Math.ceil((expectedRecords * DISTINCT_KEYS_PER_RECORD) / 0.7)))
  let seen = new Int32Array(slotCapacity)
  // Whether a freed slot was ever reused: until then every block lists its slots newest (highest) first.
  let slotsReused = false
  let stamp = 0

  // Open-addressing table: key hash → head entry of its block, and the block's size, interleaved as
  // [hash, head, count] so one probe touches one cache line; count -1 marks an empty bucket.
  let mask = bucketCapacity - 1
  let table = new Int32Array(bucketCapacity * 3).fill(-1)
  let bucketsInUse = 0
  // Entries: one per (record, key), chained per block; removed entries go to a free list.
  let entrySlot = new Int32Array(keyCapacity)
  let entryNext = new Int32Array(keyCapacity)
  let entriesInUse = 0
  let freeEntry = -1

  // Each slot's key hashes, kept so removal and clustering need not recompute them; removed ranges are compacted away.
  let pool = new Int32Array(keyCapacity)
  let poolFuzzy = new Uint8Array(keyCapacity)
  let poolUsed = 0
  let poolGarbage = 0
  let slotKeyStart = new Int32Array(slotCapacity)
  let slotKeyCount = new Int32Array(slotCapacity)

  // Scratch for one record's keys, reused on every call.
  const keyHashes: number[] = []
  const keyFuzzy: boolean[] = []

  const pushFuzzyKey = (hash: number): void => pushKey(hash, true)

  // Hashes are computed straight from the normalised values: a million adds build no key strings.
  function computeKeys(record: object, side: RecordSide): void {
    keyHashes.length = 0
    keyFuzzy.length = 0
    for (let r = 0; r < exactRules.length; r += 1) {
      const rule = (exactRules[r] as (typeof exactRules)[number]).rule
      const tag = exactTags[r] as number
      if (rule.kind === 'matchcode') {
        const code = matchcode(record, rule, side)
        if (code !== undefined) pushKey(hashText(tag, code) | 0, false)
        continue
      }
      const fields = side === 'base' ? rule.baseFields : rule.matchingFields
      for (let f = 0; f < fields.length; f += 1) {
        const raw = readField(record, fields[f] as string)
        if (typeof raw !== 'string' || raw === '') continue
        const code = rule.normalize(raw)
        // Equal codes give equal hashes, which pushKey keeps once.
        if (code !== undefined) pushKey(hashText(tag, code) | 0, false)
      }
    }
    if (!hasFuzzy) return
    if (customBlocking === undefined) pushBlockingKeyHashes(record, blockingKeyOptions, pushFuzzyKey)
    else for (const key of customBlocking(record)) pushKey(hashText(fuzzyTag, key) | 0, true)
  }

  function pushKey(hash: number, fuzzy: boolean): void {
    // A hash collision between two keys merges their blocks: more candidates, never fewer, and the rules decide.
    const at = keyHashes.indexOf(hash)
    if (at === -1) {
      keyHashes.push(hash)
      keyFuzzy.push(fuzzy)
    } else if (!fuzzy) {
      keyFuzzy[at] = false
    }
  }

  /** Offset in `table` of the bucket of `hash`, or of the empty bucket where it would go. */
  function bucketOf(hash: number): number {
    let at = hash & mask
    while ((table[at * 3 + 2] as number) !== -1 && table[at * 3] !== hash) at = (at + 1) & mask
    return at * 3
  }

  function growTable(): void {
    const old = table
    mask = (mask + 1) * 2 - 1
    table = new Int32Array((mask + 1) * 3).fill(-1)
    for (let i = 0; i < old.length; i += 3) {
      if (old[i + 2] === -1) continue
      const at = bucketOf(old[i] as number)
      table[at] = old[i] as number
      table[at + 1] = old[i + 1] as number
      table[at + 2] = old[i + 2] as number
    }
  }

  function insertEntry(hash: number, slot: number): void {
    let at = bucketOf(hash)
    if (table[at + 2] === -1) {
      if ((bucketsInUse + 1) * 10 > (mask + 1) * 7) {
        growTable()
        at = bucketOf(hash)
      }
      table[at] = hash
      table[at + 1] = -1
      table[at + 2] = 0
      bucketsInUse += 1
    }
    let entry: number
    if (freeEntry !== -1) {
      entry = freeEntry
      freeEntry = entryNext[entry] as number
    } else {
      if (entriesInUse === entrySlot.length) {
        entrySlot = grow(entrySlot)
        entryNext = grow(entryNext)
      }
      entry = entriesInUse
      entriesInUse += 1
    }
    entrySlot[entry] = slot
    entryNext[entry] = table[at + 1] as number
    table[at + 1] = entry
    table[at + 2] = (table[at + 2] as number) + 1
  }

  function removeEntry(hash: number, slot: number): void {
    const at = bucketOf(hash)
    if (table[at + 2] === -1) return
    let previous = -1
    for (let entry = table[at + 1] as number; entry !== -1; entry = entryNext[entry] as number) {
      if (entrySlot[entry] === slot) {
        if (previous === -1) table[at + 1] = entryNext[entry] as number
        else entryNext[previous] = entryNext[entry] as number
        entryNext[entry] = freeEntry
        freeEntry = entry
        table[at + 2] = (table[at + 2] as number) - 1
        return
      }
      previous = entry
    }
  }

  function storeKeys(slot: number): void {
    if (poolUsed + keyHashes.length > pool.length) {
      if (poolGarbage * 2 > poolUsed) compactPool()
      while (poolUsed + keyHashes.length > pool.length) {
        pool = grow(pool)
        const fuzzy = new Uint8Array(pool.length)
        fuzzy.set(poolFuzzy)
        poolFuzzy = fuzzy
      }
    }
    slotKeyStart[slot] = poolUsed
    slotKeyCount[slot] = keyHashes.length
    for (let k = 0; k < keyHashes.length; k += 1) {
      pool[poolUsed] = keyHashes[k] as number
      poolFuzzy[poolUsed] = keyFuzzy[k] === true ? 1 : 0
      poolUsed += 1
    }
  }

  function loadKeys(slot: number): void {
    keyHashes.length = 0
    keyFuzzy.length = 0
    const start = slotKeyStart[slot] as number
    const end = start + (slotKeyCount[slot] as number)
    for (let at = start; at < end; at += 1) {
      keyHashes.push(pool[at] as number)
      keyFuzzy.push(poolFuzzy[at] === 1)
    }
  }

  function compactPool(): void {
    const nextPool = new Int32Array(pool.length)
    const nextFuzzy = new Uint8Array(pool.length)
    let used = 0
    for (let slot = 0; slot < records.length; slot += 1) {
      if (records[slot] === undefined) continue
      const start = slotKeyStart[slot] as number
      const count = slotKeyCount[slot] as number
      nextPool.set(pool.subarray(start, start + count), used)
      nextFuzzy.set(poolFuzzy.subarray(start, start + count), used)
      slotKeyStart[slot] = used
      used += count
    }
    pool = nextPool
    poolFuzzy = nextFuzzy
    poolUsed = used
    poolGarbage = 0
  }

  /** Slots sharing one of the scratch keys, above `minSlot`, other than `selfSlot`. */
  function candidateSlots(minSlot: number, selfSlot: number): number[] {
    stamp += 1
    if (stamp === 0x7fffffff) {
      seen.fill(0)
      stamp = 1
    }
    const slots: number[] = []
    for (let k = 0; k < keyHashes.length; k += 1) {
      const at = bucketOf(keyHashes[k] as number)
      const count = table[at + 2] as number
      if (count === -1 || (keyFuzzy[k] === true && count > maxBlockSize)) continue
      for (let entry = table[at + 1] as number; entry !== -1; entry = entryNext[entry] as number) {
        const slot = entrySlot[entry] as number
        if (slot <= minSlot) {
          // Entries go in at the head of their block, so until a freed slot is reused a block lists its slots in
          // descending order: the rest of it is below minSlot too.
          if (!slotsReused) break
          continue
        }
        if (seen[slot] === stamp) continue
        seen[slot] = stamp
        if (slot !== selfSlot) slots.push(slot)
      }
    }
    return slots
  }

  function verify(record: IdentifiedRecord, candidates: readonly R[]): readonly DuplicateMatch<R>[] {
    if (candidates.length === 0) return []
    return findDuplicates(record, candidates, ruleList, findOptions)
  }

  function add(record: R): void {
    if (record === null || typeof record !== 'object' || typeof record.id !== 'string' || record.id === '') {
      throw new LeadkitError({ code: 'invalid_type', path: ['id'], message: 'a record added to a duplicate index needs a non-empty string id' })
    }
    const idHash = hashText(FNV_OFFSET, record.id) | 0
    const idAt = findId(record.id, idHash)
    if (idAt >= 0) {
      throw new LeadkitError({ code: 'invalid_value', path: ['id'], message: `record ${record.id} is already in the index: use update() to replace it` })
    }
    const slot = freeSlots.length > 0 ? (freeSlots.pop() as number) : records.length
    if (slot < records.length) slotsReused = true
    if (slot === records.length) records.push(record)
    else records[slot] = record
    if (slot >= seen.length) {
      seen = grow(seen)
      slotKeyStart = grow(slotKeyStart)
      slotKeyCount = grow(slotKeyCount)
    }
    insertId(~idAt, idHash, slot)
    computeKeys(record, 'matching')
    for (const hash of keyHashes) insertEntry(hash, slot)
    storeKeys(slot)
  }

  function remove(id: string): boolean {
    const at = typeof id === 'string' ? findId(id, hashText(FNV_OFFSET, id) | 0) : -1
    if (at < 0) return false
    const slot = idTable[at + 1] as number
    loadKeys(slot)
    for (const hash of keyHashes) removeEntry(hash, slot)
    poolGarbage += slotKeyCount[slot] as number
    slotKeyCount[slot] = 0
    records[slot] = undefined
    idTable[at + 1] = -2
    idCount -= 1
    freeSlots.push(slot)
    return true
  }

  /**
   * Offset in `idTable` of the pair holding `id` (whose hash is `hash`), or, when there is none, `~offset` of the
   * pair where it would go (the first removed pair on its probe path, else the empty one ending it).
   */
  function findId(id: string, hash: number): number {
    let at = (hash & idMask) * 2
    let free = -1
    for (;;) {
      const slot = idTable[at + 1] as number
      if (slot === -1) return ~(free === -1 ? at : free)
      if (slot === -2) {
        if (free === -1) free = at
      } else if (idTable[at] === hash && (records[slot] as R).id === id) return at
      at = (at + 2) & (idMask * 2 + 1)
    }
  }

  function insertId(at: number, hash: number, slot: number): void {
    if (idTable[at + 1] === -1) idFilled += 1
    idTable[at] = hash
    idTable[at + 1] = slot
    idCount += 1
    if (idFilled * 10 > (idMask + 1) * 7) rehashIds()
  }

  /** Rebuilds the id table without removed pairs, twice as large when the ids alone fill more than half of it. */
  function rehashIds(): void {
    const old = idTable
    const capacity = idCount * 2 > idMask + 1 ? (idMask + 1) * 2 : idMask + 1
    idMask = capacity - 1
    idTable = new Int32Array(capacity * 2).fill(-1)
    idFilled = 0
    for (let i = 0; i < old.length; i += 2) {
      const slot = old[i + 1] as number
      if (slot < 0) continue
      let at = ((old[i] as number) & idMask) * 2
      while (idTable[at + 1] !== -1) at = (at + 2) & (idMask * 2 + 1)
      idTable[at] = old[i] as number
      idTable[at + 1] = slot
      idFilled += 1
    }
  }

  function slotOfId(id: string): number {
    const at = findId(id, hashText(FNV_OFFSET, id) | 0)
    return at < 0 ? -1 : (idTable[at + 1] as number)
  }

  /** The slot of the indexed record with the same id as `record`, or -1: a record never matches itself. */
  function selfSlotOf(record: object): number {
    const id = (record as { id?: unknown }).id
    return typeof id === 'string' ? slotOfId(id) : -1
  }

  return {
    get size() {
      return idCount
    },
    add,
    remove,
    update(record: R): void {
      remove(record.id)
      add(record)
    },
    get(id: string): R | undefined {
      const slot = typeof id === 'string' ? slotOfId(id) : -1
      return slot === -1 ? undefined : records[slot]
    },
    match(record: object): readonly DuplicateMatch<R>[] {
      computeKeys(record, 'base')
      return verify(record as IdentifiedRecord, candidateSlots(-1, selfSlotOf(record)).map((slot) => records[slot] as R))
    },
    clusters(): readonly DuplicateCluster[] {
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
        let bothWays = !symmetric
        for (let e = 0; e < excludingEntities.length && !bothWays; e += 1) bothWays = isInactiveRecord(excludingEntities[e] as DuplicateEntity, record)
        if (symmetric) loadKeys(slot)
        else computeKeys(record, 'base')
        const slots = candidateSlots(bothWays ? -1 : slot, slot)
        if (slots.length === 0) continue
        // Only each pair's best rule is reported, so the pairs are verified without building explanations.
        for (const found of bestDuplicateRules(record, slots.map((s) => records[s] as R), ruleList, findOptions)) {
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
    },
  }
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2)
  next.set(array)
  return next
}

function powerOfTwoAtLeast(n: number): number {
  let p = 1
  while (p < n) p *= 2
  return p
}
