import type { DuplicateCluster, DuplicateClusterPair } from '../createDuplicateIndex.js'
import type { CompiledRule } from './ruleKinds/shared.js'
import { createUnionFind } from './unionFind.js'

/** What clustering needs from an index, by slot. */
export interface ClusterInput {
  /** Slots in use and free: `0 … slots - 1`. */
  readonly slots: number
  idOf(slot: number): string
  isLive(slot: number): boolean
  /** Calls `visit` with each identifying exact code two or more records share: its rule and their slots, ascending. */
  exactGroups(visit: (rule: CompiledRule, slots: readonly number[]) => void): void
  /**
   * The live slots in the order to verify them: records that share blocks next to each other, so that what one
   * comparison reads is still in the processor's caches for the next (the verdicts do not depend on the order).
   */
  verificationOrder(): Int32Array
  /** Calls `visit` with each fuzzy candidate of `slot`, once (only those above it unless `bothWays`). */
  fuzzyCandidates(slot: number, bothWays: boolean, visit: (candidate: number) => void): void
  /** Calls `visit` with each of the first `count` `candidates` (its position) that the fuzzy rules match with `slot`, best rule each. */
  verifyFuzzy(slot: number, candidates: Int32Array, count: number, visit: (candidate: number, rule: string, score: number) => void): void
  /** Whether `rule` skips `slot` as a matching record (it excludes inactive records, and this one is inactive). */
  isInactive(slot: number, rule: CompiledRule): boolean
  /** Whether `rule`'s confirm comparator (if any) does not contradict the pair `a`, `b` that shares one of its codes. */
  confirms(rule: CompiledRule, a: number, b: number): boolean
  /** Whether `slot`'s pairs must also be verified from its side (it may match a record that does not match it). */
  bothWays(slot: number): boolean
  /** The seller's "not a duplicate" pairs of ids. */
  readonly detached: readonly (readonly [string, string])[]
  /** A group fuzzy-alike to more other groups than this is ambiguous: it joins none of them. */
  readonly maxAlikeGroups: number
  /**
   * Whether the fuzzy match of `a` and `b` under `rule` rests on a name so common where they work that it says
   * little about who they are (other people with an alike name are expected there by chance): it joins no groups.
   */
  isCommonName(a: number, b: number, rule: string): boolean
}

/**
 * Groups an index's records into duplicate clusters, in two steps that keep both the cost and the groups in check:
 *
 * 1. Records sharing an identifying exact code are joined by union-find, in time linear in the group (each member
 *    linked to the first), however many records share the code: no pair inside a code is listed.
 * 2. Fuzzy matches, verified from each record's bounded candidates, join groups by centre clustering: links are
 *    taken best score first; a group becomes a centre when it first links, and another group joins it only while
 *    unassigned and only on a direct match with the centre. So a group never grows along a chain of fuzzy links
 *    (A ~ B ~ C with A and C unlike): every fuzzy member matches its centre itself. A group alike to more than
 *    `maxAlikeGroups` other groups is ambiguous (one of forty John Smiths at one company, with nothing to tell which)
 *    and joins none of them: a name that many people share identifies none of them. Nor does a match whose name is
 *    common where the two work (`isCommonName`: James Smith at a company of 40,000), however few of its namesakes
 *    are in the index's neighbourhoods.
 */
export function clusterRecords(input: ClusterInput): DuplicateCluster[] {
  const sets = createUnionFind(input.slots)
  const pairs: Link[] = []
  const detached = detachedPairs(input)

  input.exactGroups((rule, members) => {
    // Members sharing the code join one of the first representatives they are a pair with: under "exclude
    // inactive matching records" two inactive records are no pair (an inactive record still matches an active
    // one), a detached pair is none, and neither is a pair the rule's confirm comparator contradicts (two people
    // on one small company's switchboard). Without a confirm the first member represents everyone: linear.
    const representatives: number[] = []
    // Active members first: an inactive member pairs only with an active one, so it must find them there.
    const active = members.filter((slot) => !input.isInactive(slot, rule))
    const ordered = active.length === members.length ? members : [...active, ...members.filter((slot) => input.isInactive(slot, rule))]
    for (const slot of ordered) {
      const inactive = input.isInactive(slot, rule)
      let joined = false
      for (let r = 0; r < representatives.length && r < MAX_REPRESENTATIVES; r += 1) {
        const representative = representatives[r] as number
        if (inactive && input.isInactive(representative, rule)) continue
        if (isDetached(detached, representative, slot, input) || !input.confirms(rule, slot, representative)) continue
        // Records already joined (by another code they share) need no second link: the links stay a tree.
        if (sets.union(representative, slot)) pairs.push(link(representative, slot, rule.rule.name, 1))
        joined = true
        break
      }
      if (!joined) representatives.push(slot)
    }
  })

  let fuzzy: Link[] = []
  // A pair verified from both sides could be found twice; only pairs with a both-ways record need remembering.
  const found = new Set<number>()
  const order = input.verificationOrder()
  // One candidate buffer and two callbacks for the whole loop (a million records: no arrays or closures per record;
  // a typed array sorts in place, where an array's sort makes a work copy).
  let candidates = new Int32Array(256)
  let count = 0
  let slot = -1
  let root = -1
  let bothWays = false
  const collect = (candidate: number): void => {
    // Records already joined by an exact code need no fuzzy link between them.
    if (sets.find(candidate) === root) return
    if (count === candidates.length) {
      const grown = new Int32Array(count * 2)
      grown.set(candidates)
      candidates = grown
    }
    candidates[count] = candidate
    count += 1
  }
  const keep = (position: number, rule: string, score: number): void => {
    const other = candidates[position] as number
    const pair = link(slot, other, rule, score)
    if (bothWays || input.bothWays(other)) {
      const key = pair.low * 67108864 + pair.high
      if (found.has(key)) return
      found.add(key)
    }
    if (!isDetached(detached, pair.low, pair.high, input)) fuzzy.push(pair)
  }
  for (let o = 0; o < order.length; o += 1) {
    slot = order[o] as number
    count = 0
    root = sets.find(slot)
    bothWays = input.bothWays(slot)
    input.fuzzyCandidates(slot, bothWays, collect)
    // In slot order, which is roughly the order the records were made in memory.
    if (count > 1) candidates.subarray(0, count).sort()
    input.verifyFuzzy(slot, candidates, count, keep)
  }

  fuzzy = withoutAmbiguousLinks(fuzzy, sets, input.slots, input.maxAlikeGroups)
  // After the alike groups are counted: a match on a common name still shows that the groups are alike.
  fuzzy = fuzzy.filter((pair) => !input.isCommonName(pair.low, pair.high, pair.rule))
  // Centre clustering over the exact groups: best links first, ties in slot order.
  fuzzy.sort((x, y) => y.score - x.score || x.low - y.low || x.high - y.high)
  const role = new Int8Array(input.slots)
  const centreOf = new Int32Array(input.slots).fill(-1)
  for (const pair of fuzzy) {
    const u = sets.find(pair.low)
    const v = sets.find(pair.high)
    if (u === v) continue
    const ru = role[u] as number
    const rv = role[v] as number
    if (ru === UNASSIGNED && rv === UNASSIGNED) {
      role[u] = CENTRE
      role[v] = MEMBER
      centreOf[v] = u
    } else if (ru === CENTRE && rv === UNASSIGNED) {
      role[v] = MEMBER
      centreOf[v] = u
    } else if (rv === CENTRE && ru === UNASSIGNED) {
      role[u] = MEMBER
      centreOf[u] = v
    } else continue
    pairs.push(pair)
  }
  for (let root = 0; root < input.slots; root += 1) if (centreOf[root] !== -1) sets.union(centreOf[root] as number, root)

  return listClusters(input, sets, pairs)
}

/**
 * The fuzzy links left once ambiguous groups drop theirs: a group whose links reach more than `maxAlike` distinct
 * other groups keeps none. Linear in the links.
 */
function withoutAmbiguousLinks(fuzzy: Link[], sets: ReturnType<typeof createUnionFind>, slots: number, maxAlike: number): Link[] {
  const degree = new Int32Array(slots)
  const counted = new Set<number>()
  for (const pair of fuzzy) {
    const u = sets.find(pair.low)
    const v = sets.find(pair.high)
    const key = u < v ? u * 67108864 + v : v * 67108864 + u
    if (counted.has(key)) continue
    counted.add(key)
    degree[u] = (degree[u] as number) + 1
    degree[v] = (degree[v] as number) + 1
  }
  return fuzzy.filter((pair) => (degree[sets.find(pair.low)] as number) <= maxAlike && (degree[sets.find(pair.high)] as number) <= maxAlike)
}

/** Representatives one shared code's members are tried against, at most (a bound when a confirm splits a code). */
const MAX_REPRESENTATIVES = 32
const UNASSIGNED = 0
const CENTRE = 1
const MEMBER = 2

interface Link {
  readonly low: number
  readonly high: number
  readonly rule: string
  readonly score: number
}

function link(a: number, b: number, rule: string, score: number): Link {
  return a < b ? { low: a, high: b, rule, score } : { low: b, high: a, rule, score }
}

type DetachedPairs = ReadonlySet<string> | undefined

function detachedPairs(input: ClusterInput): DetachedPairs {
  if (input.detached.length === 0) return undefined
  return new Set(input.detached.map(([a, b]) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)))
}

function isDetached(detached: DetachedPairs, a: number, b: number, input: ClusterInput): boolean {
  if (detached === undefined) return false
  const x = input.idOf(a)
  const y = input.idOf(b)
  return detached.has(x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`)
}

/** Clusters of two or more, ordered by their lowest slot, members in slot order, links in slot order. */
function listClusters(input: ClusterInput, sets: ReturnType<typeof createUnionFind>, links: readonly Link[]): DuplicateCluster[] {
  const clusterOfRoot = new Int32Array(input.slots).fill(-1)
  const built: { ids: string[]; links: Link[] }[] = []
  for (const pair of links) {
    const root = sets.find(pair.low)
    let at = clusterOfRoot[root] as number
    if (at === -1) {
      at = built.length
      clusterOfRoot[root] = at
      built.push({ ids: [], links: [] })
    }
    ;(built[at] as (typeof built)[number]).links.push(pair)
  }
  const ordered: { ids: string[]; links: Link[] }[] = []
  const started = new Uint8Array(built.length)
  for (let slot = 0; slot < input.slots; slot += 1) {
    if (!input.isLive(slot)) continue
    const at = clusterOfRoot[sets.find(slot)] as number
    if (at === -1) continue
    const cluster = built[at] as (typeof built)[number]
    if (started[at] === 0) {
      started[at] = 1
      ordered.push(cluster)
    }
    cluster.ids.push(input.idOf(slot))
  }
  return ordered.map(({ ids, links: clusterLinks }) => ({
    ids,
    pairs: clusterLinks
      .sort((x, y) => x.low - y.low || x.high - y.high)
      .map((pair): DuplicateClusterPair => ({ a: input.idOf(pair.low), b: input.idOf(pair.high), rule: pair.rule, score: pair.score })),
  }))
}
