import { isFreeMailDomain } from './freeMailDomains.js'
import { canonicalGivenName, type NicknameOptions } from './nicknames.js'
import { normalizeCompanyName } from './normalizeCompanyName.js'
import { emailDomain } from './normalizeEmail.js'
import { normalizeWebsite } from './normalizeWebsite.js'
import { phoneticKey } from './phonetic.js'

/** Options of {@link duplicateBlockingKeys}. */
export interface BlockingKeyOptions extends NicknameOptions {
  /** How many leading characters of the normalised company name (spaces removed) a key uses (default 8). */
  readonly companyPrefixLength?: number
}

/**
 * The fuzzy blocking keys of a lead, contact or account: the keys under which a duplicate index files it so that
 * the fuzzy rules ("similar name and similar company", "similar name and same email domain") only compare records
 * that share a key, never all pairs.
 *
 * Each person name part (first and last, in either order) becomes a sound key: the Metaphone key of its formal
 * name (`Bob` → `robert` → `RBRT`), so nicknames, names that sound alike and swapped first and last names share
 * keys. Each sound key is combined with the first characters of the normalised company name (`c|…`) and with the
 * email domain when it is not a free-mail domain, or else the website domain (`d|…`). A typo in one name part still
 * leaves the other part's key. A record without person names (an account) gets the company and the domain alone.
 * Exact keys (email, phone) come from the rules themselves, not from here.
 *
 * @param record - a lead, contact or account (reads `firstName`, `lastName`, `companyName` or `name`, `email`, `website`)
 * @param options - nickname table and company prefix length
 * @returns distinct keys, possibly none
 * @example
 * duplicateBlockingKeys({ firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso Ltd', email: 'bob@contoso.com' })
 * //=> ['c|contoso|RBRT', 'c|contoso|SM0', 'd|contoso.com|RBRT', 'd|contoso.com|SM0']
 */
export function duplicateBlockingKeys(record: object, options?: BlockingKeyOptions): string[] {
  const fields = record as Readonly<Record<string, unknown>>
  const sounds = soundsOfRecord(fields, options)
  const companyText = typeof fields.companyName === 'string' ? fields.companyName : typeof fields.name === 'string' ? fields.name : undefined
  const company = companyText === undefined ? '' : companyOf(companyText).slice(0, options?.companyPrefixLength ?? 8)
  const domain = domainOf(fields)
  const keys: string[] = []
  if (sounds.length === 0) {
    if (company !== '') keys.push(`c|${company}`)
    if (domain !== undefined) keys.push(`d|${domain}`)
    return keys
  }
  if (company !== '') for (const sound of sounds) keys.push(`c|${company}|${sound}`)
  if (domain !== undefined) for (const sound of sounds) keys.push(`d|${domain}|${sound}`)
  return keys
}

/** FNV-1a (32 bits) offset basis: the state {@link hashText} starts from. */
export const FNV_OFFSET = 0x811c9dc5

/** Continues an FNV-1a hash over the first `length` characters of `text` (internal: the duplicate index's key hash). */
export function hashText(hash: number, text: string, length = text.length): number {
  let h = hash
  const end = length < text.length ? length : text.length
  for (let i = 0; i < end; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}

const HASH_C = hashText(FNV_OFFSET, 'f#c|')
const HASH_D = hashText(FNV_OFFSET, 'f#d|')
const BAR = 124

/**
 * Pushes the hash of each `'f#' + key` of {@link duplicateBlockingKeys} onto `into`, equal to hashing the key
 * strings but without building them: the duplicate index keys a million leads through this (internal).
 */
export function pushBlockingKeyHashes(record: object, options: BlockingKeyOptions | undefined, into: (hash: number) => void): void {
  const fields = record as Readonly<Record<string, unknown>>
  const sounds = soundsOfRecord(fields, options)
  const companyText = typeof fields.companyName === 'string' ? fields.companyName : typeof fields.name === 'string' ? fields.name : undefined
  const company = companyText === undefined ? '' : companyOf(companyText)
  const domain = domainOf(fields)
  const companyHash = company === '' ? 0 : hashText(HASH_C, company, options?.companyPrefixLength ?? 8)
  const domainHash = domain === undefined ? 0 : hashText(HASH_D, domain)
  if (sounds.length === 0) {
    if (company !== '') into(companyHash | 0)
    if (domain !== undefined) into(domainHash | 0)
    return
  }
  if (company !== '') for (const sound of sounds) into(hashText(Math.imul(companyHash ^ BAR, 0x01000193), sound) | 0)
  if (domain !== undefined) for (const sound of sounds) into(hashText(Math.imul(domainHash ^ BAR, 0x01000193), sound) | 0)
}

// One record's sound keys, reused from call to call (callers read it before the next record).
const recordSounds: string[] = []

function soundsOfRecord(fields: Readonly<Record<string, unknown>>, options: BlockingKeyOptions | undefined): readonly string[] {
  recordSounds.length = 0
  addSounds(recordSounds, fields.firstName, options)
  addSounds(recordSounds, fields.lastName, options)
  return recordSounds
}

// Names, companies and domains repeat across a lead table: bounded memos make keying a million leads cheap.
// Sized for a million leads (~240,000 distinct company spellings); cleared when full, so memory stays bounded.
const MEMO_LIMIT = 400_000
const soundMemo = new Map<string, readonly string[]>()
const companyMemo = new Map<string, string>()
const domainMemo = new Map<string, string | null>()

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(key, value)
  return value
}

function soundsOf(value: string, options: NicknameOptions | undefined): readonly string[] {
  // A host nickname table changes the result, so only the built-in table is memoised.
  const cached = options?.nicknames === undefined && options?.replaceBuiltInNicknames !== true ? soundMemo.get(value) : undefined
  if (cached !== undefined) return cached
  const sounds: string[] = []
  const formal = canonicalGivenName(value, options)
  // Short forms of several names (Al, Chris) could make many keys; four formal names cover the real cases.
  for (let i = 0; i < formal.length && i < 4; i += 1) {
    const sound = phoneticKey(formal[i] as string)
    if (sound !== '' && !sounds.includes(sound)) sounds.push(sound)
  }
  return options?.nicknames === undefined && options?.replaceBuiltInNicknames !== true ? remember(soundMemo, value, sounds) : sounds
}

function addSounds(into: string[], value: unknown, options: NicknameOptions | undefined): void {
  if (typeof value !== 'string' || value.trim() === '') return
  for (const sound of soundsOf(value, options)) if (!into.includes(sound)) into.push(sound)
}

function companyOf(name: string): string {
  return companyMemo.get(name) ?? remember(companyMemo, name, normalizeCompanyName(name).replaceAll(' ', ''))
}

function domainOf(fields: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof fields.email === 'string') {
    const email = fields.email.trim()
    const at = email.lastIndexOf('@')
    // Only the part after the last @ decides the domain, so it is the memo key (a missing local part: no domain).
    const raw = at <= 0 ? '' : email.slice(at + 1)
    let domain = raw === '' ? null : domainMemo.get(raw)
    if (domain === undefined) {
      const parsed = emailDomain(fields.email)
      domain = remember(domainMemo, raw, parsed !== undefined && !isFreeMailDomain(parsed) ? parsed : null)
    }
    if (domain !== null) return domain
  }
  if (typeof fields.website === 'string') return normalizeWebsite(fields.website)
  return undefined
}
