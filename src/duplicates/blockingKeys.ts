import { isFreeMailDomain } from '../internal/freeMailDomains.js'
import { canonicalGivenName, type NicknameOptions } from './nicknames.js'
import { normalizeCompanyName, normalizeCompanyNameUncached } from './normalizeCompanyName.js'
import { emailDomain } from './normalizeEmail.js'
import { normalizeWebsite } from './normalizeWebsite.js'
import { phoneticKey } from './phonetic.js'
import { HashMemo, MEMO_H1, MEMO_H2, memoStep1, memoStep2 } from './internal/textMemo.js'

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

/** One key of a company or domain part with a sound: the two hashes mixed (murmur3's finaliser). */
function mixKey(part: number, sound: number): number {
  let h = Math.imul(part, 0x9e3779b1) ^ sound
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}

// Names, companies and domains repeat across a lead table: bounded memos make keying a million leads cheap. Each
// holds half its capacity and is cleared when full; a million generated leads have ~240,000 distinct company
// spellings, 62,000 distinct name parts and 17,000 domains.
// Per name part: [h1, h2, 1 + number of sounds, up to four sound hashes, unused].
const soundMemo = new HashMemo(1 << 19, 8)
// Per company spelling or email domain: [h1, h2, tag, part hash]; tag 1: a key part, 2: none (no company letters,
// or a free-mail or invalid domain).
const companyMemo = new HashMemo(1 << 20, 4)
const domainMemo = new HashMemo(1 << 18, 4)
// The company prefix length the company memo holds hashes for.
let companyMemoPrefix = 8

// One record's sound hashes, reused from call to call.
const recordSounds = new Int32Array(16)
let recordSoundCount = 0

/**
 * Pushes the hash of each key of {@link duplicateBlockingKeys} onto `into`, computed straight from memoised hashes
 * of the name parts, company and domain without building key strings: the duplicate index keys a million leads
 * through this (internal). Equal keys give equal hashes; the hashes are not those of the key strings.
 */
export function pushBlockingKeyHashes(record: object, options: BlockingKeyOptions | undefined, into: (hash: number) => void): void {
  const fields = record as Readonly<Record<string, unknown>>
  recordSoundCount = 0
  addSoundHashes(fields.firstName, options)
  addSoundHashes(fields.lastName, options)
  const companyText = typeof fields.companyName === 'string' ? fields.companyName : typeof fields.name === 'string' ? fields.name : undefined
  const prefix = options?.companyPrefixLength ?? 8
  // A part hash of 0 stands for "none": a real one that happens to be 0 merely costs that record the key.
  const companyHash = companyText === undefined ? 0 : companyPartHash(companyText, prefix)
  const domainHash = domainPartHash(fields)
  if (recordSoundCount === 0) {
    if (companyHash !== 0) into(companyHash)
    if (domainHash !== 0) into(domainHash)
    return
  }
  if (companyHash !== 0) for (let i = 0; i < recordSoundCount; i += 1) into(mixKey(companyHash, recordSounds[i] as number))
  if (domainHash !== 0) for (let i = 0; i < recordSoundCount; i += 1) into(mixKey(domainHash, recordSounds[i] as number))
}

function addSoundHash(sound: number): void {
  for (let i = 0; i < recordSoundCount; i += 1) if (recordSounds[i] === sound) return
  recordSounds[recordSoundCount] = sound
  recordSoundCount += 1
}

function addSoundHashes(value: unknown, options: NicknameOptions | undefined): void {
  // A blank name folds to nothing and so has no sounds.
  if (typeof value !== 'string' || value === '') return
  if (options?.nicknames !== undefined || options?.replaceBuiltInNicknames === true) {
    // A host nickname table changes the result, so only the built-in table is memoised.
    for (const sound of soundsOf(value, options)) addSoundHash(hashText(FNV_OFFSET, sound) | 0)
    return
  }
  let h1 = MEMO_H1
  let h2 = MEMO_H2
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i)
    h1 = memoStep1(h1, code)
    h2 = memoStep2(h2, code)
  }
  let at = soundMemo.find(h1, h2)
  let table = soundMemo.table
  if (table[at + 2] === 0) {
    const sounds = soundsOf(value, undefined)
    at = soundMemo.claim(at, h1, h2)
    table = soundMemo.table
    table[at + 2] = 1 + sounds.length
    for (let i = 0; i < sounds.length; i += 1) table[at + 3 + i] = hashText(FNV_OFFSET, sounds[i] as string) | 0
  }
  const count = (table[at + 2] as number) - 1
  for (let i = 0; i < count; i += 1) addSoundHash(table[at + 3 + i] as number)
}

function companyPartHash(name: string, prefix: number): number {
  if (prefix !== companyMemoPrefix) {
    companyMemo.clear()
    companyMemoPrefix = prefix
  }
  let h1 = MEMO_H1
  let h2 = MEMO_H2
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i)
    h1 = memoStep1(h1, code)
    h2 = memoStep2(h2, code)
  }
  let at = companyMemo.find(h1, h2)
  if (companyMemo.table[at + 2] === 0) {
    const company = normalizeCompanyNameUncached(name).replaceAll(' ', '')
    at = companyMemo.claim(at, h1, h2)
    companyMemo.table[at + 2] = company === '' ? 2 : 1
    companyMemo.table[at + 3] = company === '' ? 0 : hashText(HASH_C, company, prefix) | 0
  }
  return companyMemo.table[at + 2] === 1 ? (companyMemo.table[at + 3] as number) : 0
}

function domainPartHash(fields: Readonly<Record<string, unknown>>): number {
  if (typeof fields.email === 'string') {
    const hash = businessDomainHash(fields.email)
    if (hash !== 0) return hash
  }
  if (typeof fields.website === 'string') {
    const domain = normalizeWebsite(fields.website)
    if (domain !== undefined) return hashText(HASH_D, domain) | 0
  }
  return 0
}

/** The hash of the email's domain when it is not a free-mail one, else 0; memoised by the domain's characters. */
function businessDomainHash(email: string): number {
  const last = email.length - 1
  const edge = last < 0 ? 0 : Math.min(email.charCodeAt(0), email.charCodeAt(last))
  const at = email.lastIndexOf('@')
  // Only plain ASCII with no surrounding white space takes the memo: there trim() and toLowerCase() are trivial, so
  // the domain is hashed straight from the email's characters without slicing it out.
  if (!(edge > 32 && edge < 127 && at > 0 && at < last)) return domainHash(businessDomain(email))
  let h1 = MEMO_H1
  let h2 = MEMO_H2
  for (let i = at + 1; i <= last; i += 1) {
    let code = email.charCodeAt(i)
    if (code > 126) return domainHash(businessDomain(email))
    if (code >= 65 && code <= 90) code += 32
    h1 = memoStep1(h1, code)
    h2 = memoStep2(h2, code)
  }
  let entry = domainMemo.find(h1, h2)
  if (domainMemo.table[entry + 2] === 0) {
    const hash = domainHash(businessDomain(email))
    entry = domainMemo.claim(entry, h1, h2)
    domainMemo.table[entry + 2] = hash === 0 ? 2 : 1
    domainMemo.table[entry + 3] = hash
  }
  return domainMemo.table[entry + 2] === 1 ? (domainMemo.table[entry + 3] as number) : 0
}

function domainHash(domain: string | undefined): number {
  return domain === undefined ? 0 : hashText(HASH_D, domain) | 0
}

// One record's sound keys for duplicateBlockingKeys, reused from call to call (callers read it before the next).
const recordSoundTexts: string[] = []

function soundsOfRecord(fields: Readonly<Record<string, unknown>>, options: BlockingKeyOptions | undefined): readonly string[] {
  recordSoundTexts.length = 0
  addSounds(recordSoundTexts, fields.firstName, options)
  addSounds(recordSoundTexts, fields.lastName, options)
  return recordSoundTexts
}

function soundsOf(value: string, options: NicknameOptions | undefined): readonly string[] {
  const sounds: string[] = []
  const formal = canonicalGivenName(value, options)
  // Short forms of several names (Al, Chris) could make many keys; four formal names cover the real cases.
  for (let i = 0; i < formal.length && i < 4; i += 1) {
    const sound = phoneticKey(formal[i] as string)
    if (sound !== '' && !sounds.includes(sound)) sounds.push(sound)
  }
  return sounds
}

function addSounds(into: string[], value: unknown, options: NicknameOptions | undefined): void {
  if (typeof value !== 'string' || value === '') return
  const sounds = soundsOf(value, options)
  for (let i = 0; i < sounds.length; i += 1) if (!into.includes(sounds[i] as string)) into.push(sounds[i] as string)
}

function companyOf(name: string): string {
  return normalizeCompanyName(name).replaceAll(' ', '')
}

function domainOf(fields: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof fields.email === 'string') {
    const domain = businessDomain(fields.email)
    if (domain !== undefined) return domain
  }
  if (typeof fields.website === 'string') return normalizeWebsite(fields.website)
  return undefined
}

function businessDomain(email: string): string | undefined {
  const parsed = emailDomain(email)
  return parsed !== undefined && !isFreeMailDomain(parsed) ? parsed : undefined
}
