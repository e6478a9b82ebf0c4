/**
 * A disjoint-set forest over the integers `0 … size - 1`, with path halving and union by size, in two typed arrays:
 * clustering a million records costs 8 MB and near-constant time per operation.
 */
export interface UnionFind {
  /** Number of elements. */
  readonly size: number
  /** The representative of `x`'s set. */
  find(x: number): number
  /** Joins the sets of `a` and `b`; returns `false` when they were already one set. */
  union(a: number, b: number): boolean
  /** Whether `a` and `b` are in the same set. */
  connected(a: number, b: number): boolean
}

/**
 * Creates a union-find (disjoint-set) structure over `0 … size - 1`, every element in its own set.
 *
 * @param size - the number of elements
 * @returns a union-find with `find`, `union` and `connected`
 * @example
 * const sets = createUnionFind(4)
 * sets.union(0, 1)
 * sets.union(1, 3)
 * sets.connected(0, 3) //=> true
 * sets.connected(0, 2) //=> false
 */
export function createUnionFind(size: number): UnionFind {
  const parent = new Int32Array(size)
  const setSize = new Int32Array(size).fill(1)
  for (let i = 0; i < size; i += 1) parent[i] = i
  const find = (x: number): number => {
    let node = x
    while (parent[node] !== node) {
      const grand = parent[parent[node] as number] as number
      parent[node] = grand
      node = grand
    }
    return node
  }
  return {
    size,
    find,
    union(a: number, b: number): boolean {
      let ra = find(a)
      let rb = find(b)
      if (ra === rb) return false
      // The smaller tree goes under the larger, keeping paths short.
      if ((setSize[ra] as number) < (setSize[rb] as number)) [ra, rb] = [rb, ra]
      parent[rb] = ra
      setSize[ra] = (setSize[ra] as number) + (setSize[rb] as number)
      return true
    },
    connected(a: number, b: number): boolean {
      return find(a) === find(b)
    },
  }
}
