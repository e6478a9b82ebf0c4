/** FNV-1a (32 bits) offset basis: the state {@link hashText} starts from. */
export const FNV_OFFSET = 0x811c9dc5

/** Continues an FNV-1a hash over the first `length` characters of `text`: the duplicate index's key hash. */
export function hashText(hash: number, text: string, length = text.length): number {
  let h = hash
  const end = length < text.length ? length : text.length
  for (let i = 0; i < end; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}

/** The smallest power of two at least `n` (1 for n ≤ 1): the capacities of the index's hash tables. */
export function powerOfTwoAtLeast(n: number): number {
  let p = 1
  while (p < n) p *= 2
  return p
}
