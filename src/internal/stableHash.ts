// Internal: stable serialisation and hashing for deterministic ids (plans, scoring models). Not exported.

/** Serialises JSON-like values with sorted keys, so equal inputs give equal text whatever their key order. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null'
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  const keys = Object.keys(value).sort()
  let out = '{'
  for (const key of keys) {
    const item = (value as Record<string, unknown>)[key]
    if (item === undefined) continue
    out += `${out === '{' ? '' : ','}${JSON.stringify(key)}:${stableStringify(item)}`
  }
  return `${out}}`
}

/** A small, stable 64-bit FNV-1a hash (two 32-bit lanes) as 16 hex digits; not cryptographic. */
export function stableHash(text: string): string {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code ^ (a >>> 15), 0x5bd1e995)
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0')
}
