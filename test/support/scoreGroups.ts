// Precision and recall of duplicate groups against a known truth, over the pairs inside the groups (as a seller sees
// them grouped), without enumerating pairs: a group of n members holds C(n, 2) pairs, of which Σ C(k, 2) join two
// leads of the same real person (k per person in the group). A million leads whose groups include one of 25,000
// (a switchboard) would otherwise mean 312 million pairs.

/** What {@link scoreGroups} returns. */
export interface GroupScores {
  /** Correct pairs over found pairs; 1 when no pair was found. */
  readonly precision: number
  /** Correct pairs over true pairs; 1 when there are no true pairs. */
  readonly recall: number
  readonly f1: number
  /** Pairs inside the groups. */
  readonly foundPairs: number
  /** Found pairs of two leads of the same person. */
  readonly correctPairs: number
  readonly truePairs: number
  /** Groups with at least two members. */
  readonly groups: number
  /** Members of the largest group. */
  readonly largestGroup: number
}

/** Number of pairs among n items. */
export const pairsOf = (n: number): number => (n < 2 ? 0 : (n * (n - 1)) / 2)

/**
 * True duplicate pairs of a truth given as the entity of each lead: Σ over entities C(size, 2).
 *
 * @example
 * countTruePairs(Int32Array.of(0, 0, 1, 2, 2, 2)) //=> 4
 */
export function countTruePairs(entityOf: ArrayLike<number>): number {
  const sizes = new Map<number, number>()
  for (let i = 0; i < entityOf.length; i += 1) {
    const e = entityOf[i] as number
    sizes.set(e, (sizes.get(e) ?? 0) + 1)
  }
  let pairs = 0
  for (const size of sizes.values()) pairs += pairsOf(size)
  return pairs
}

/**
 * Scores groups of ids against the truth. Ids for which `entityOfId` returns `undefined` (or that the `include`
 * filter rejects) are left out of their group, so a set can be scored on a subset of its leads; a group's members
 * are taken as distinct.
 *
 * @param groups - the groups found (e.g. the `ids` of each cluster)
 * @param entityOfId - the real person of a lead id
 * @param truePairs - true pairs among the leads scored ({@link countTruePairs})
 * @example
 * scoreGroups([['a', 'b', 'c']], (id) => ({ a: 1, b: 1, c: 2 })[id], 1)
 * //=> precision 1/3, recall 1, 3 found pairs, 1 correct
 */
export function scoreGroups(
  groups: Iterable<readonly string[]>,
  entityOfId: (id: string) => number | undefined,
  truePairs: number,
): GroupScores {
  let foundPairs = 0
  let correctPairs = 0
  let groupCount = 0
  let largestGroup = 0
  let entities = new Float64Array(16)
  for (const group of groups) {
    if (group.length > entities.length) entities = new Float64Array(group.length * 2)
    let n = 0
    for (const id of group) {
      const e = entityOfId(id)
      if (e !== undefined) entities[n++] = e
    }
    if (n < 2) continue
    groupCount += 1
    if (n > largestGroup) largestGroup = n
    foundPairs += pairsOf(n)
    // Members of one person are adjacent once sorted: count each run.
    const sorted = entities.subarray(0, n).sort()
    let run = 1
    for (let i = 1; i <= n; i += 1) {
      if (i < n && sorted[i] === sorted[i - 1]) run += 1
      else {
        correctPairs += pairsOf(run)
        run = 1
      }
    }
  }
  const precision = foundPairs === 0 ? 1 : correctPairs / foundPairs
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    foundPairs,
    correctPairs,
    truePairs,
    groups: groupCount,
    largestGroup,
  }
}
