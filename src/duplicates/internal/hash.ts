/** FNV-1a (32 bits) offset basis: the state {@link hashText} starts from. */
export const FNV_OFFSET = 0x811c9dc5

/**
 * Continues the duplicate index's key hash over the first `length` characters of `text`: FNV-1a with the high bits
 * folded back into the low ones after each character. Plain FNV-1a never lets the high bits of its state reach the
 * low ones, so a set of colliding keys crafted for one starting state still collides for every state that shares its
 * low bits (one index seed in a few hundred); with the fold, every bit of the seeded state decides the collisions.
 */
export function hashText(hash: number, text: string, length = text.length): number {
  let h = hash
  const end = length < text.length ? length : text.length
  for (let i = 0; i < end; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
    h ^= h >>> 15
  }
  return h
}

/** The smallest power of two at least `n` (1 for n ≤ 1): the capacities of the index's hash tables. */
export function powerOfTwoAtLeast(n: number): number {
  let p = 1
  while (p < n) p *= 2
  return p
}

/**
 * The second word of the duplicate index's key hash (see `BlockTable`), over the first `length` characters of
 * `text`: a multiply-shift mix unrelated to {@link hashText}, so that two keys whose first words collide almost never
 * share the second.
 */
export function hashText2(hash: number, text: string, length = text.length): number {
  let h = hash
  const end = length < text.length ? length : text.length
  for (let i = 0; i < end; i += 1) {
    h = Math.imul(h + text.charCodeAt(i), 0x5bd1e995)
    h ^= h >>> 13
  }
  return h
}
