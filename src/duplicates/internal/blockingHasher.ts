import { isFreeMailDomain } from '../../internal/freeMailDomains.js'
import { givenNameGroups, nicknameLookup, type Lookup, type NicknameOptions } from '../nicknames.js'
import { normalizeCompanyName } from '../normalizeCompanyName.js'
import { emailDomain } from '../normalizeEmail.js'
import { normalizeWebsite } from '../normalizeWebsite.js'
import { phoneticKey } from '../phonetic.js'
import { FNV_OFFSET, hashText, powerOfTwoAtLeast } from './hash.js'
import { HashMemo, MEMO_H1, MEMO_H2, memoStep1, memoStep2 } from './textMemo.js'

/** Options of the fuzzy blocking keys: the nickname table and the company prefix length. */
export interface BlockingKeyOptions extends NicknameOptions {
  /** How many leading characters of the normalised company name (spaces removed) a key uses (default 8). */
  readonly companyPrefixLength?: number
}


/** One key of a company or domain part with a sound: the two hashes mixed (murmur3's finaliser). */
function mixKey(part: number, sound: number): number {
  let h = Math.imul(part, 0x9e3779b1) ^ sound
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/** The sound keys of a given name: the Metaphone key of each formal name it may stand for, at most four. */
export function soundsOf(value: string, nicknames: Lookup): readonly string[] {
  const sounds: string[] = []
  const formal = givenNameGroups(value, nicknames)
  // Short forms of several names (Al, Chris) could make many keys; four formal names cover the real cases.
  for (let i = 0; i < formal.length && i < 4; i += 1) {
    const sound = phoneticKey(formal[i] as string)
    if (sound !== '' && !sounds.includes(sound)) sounds.push(sound)
  }
  return sounds
}

/** The email's domain when it is not a free-mail one. */
export function businessDomain(email: string): string | undefined {
  const parsed = emailDomain(email)
  return parsed !== undefined && !isFreeMailDomain(parsed) ? parsed : undefined
}

// Most entries the memos hold at their largest (a million generated leads have ~240,000 distinct company
// spellings, 62,000 distinct name parts and 17,000 domains); each memo holds half its capacity before growing or,
// at this size, being cleared. At most 16 + 16 + 4 MB, reached only by tables that size.
const SOUND_CAPACITY = 1 << 19
const COMPANY_CAPACITY = 1 << 20
const DOMAIN_CAPACITY = 1 << 18

/**
 * Computes the hashes of a record's fuzzy blocking keys (those of `duplicateBlockingKeys`) straight from memoised
 * hashes of its name parts, company and domain, without building key strings: a duplicate index keys a million
 * leads through this. Equal keys give equal hashes; the hashes are not those of the key strings. One per index:
 * the memos are the index's, made on first use, growing with the data up to fixed bounds.
 */
export class BlockingKeyHasher {
  // Per name part: [h1, h2, 1 + number of sounds, up to four sound hashes, unused].
  private soundMemo: HashMemo | undefined
  // Per company spelling or email domain: [h1, h2, tag, part hash]; tag 1: a key part, 2: none (no company letters,
  // or a free-mail or invalid domain).
  private companyMemo: HashMemo | undefined
  private domainMemo: HashMemo | undefined
  private readonly prefix: number
  private readonly nicknames: Lookup | undefined
  // Starting states of the hashes, from the index's seed: keys cannot be crafted to collide without knowing it.
  private readonly soundStart: number
  private readonly companyStart: number
  private readonly domainStart: number
  // One record's sound hashes, reused from call to call.
  private readonly sounds = new Int32Array(16)
  private soundCount = 0

  /**
   * @param options - nickname table and company prefix length
   * @param expectedRecords - a capacity hint: memos start at the size such a table needs
   * @param seed - the index's hash seed
   */
  constructor(
    options: BlockingKeyOptions | undefined,
    private readonly expectedRecords = 0,
    seed = 0,
  ) {
    this.prefix = options?.companyPrefixLength ?? 8
    const start = seededStart(seed)
    this.soundStart = hashText(start, 'f#s|')
    this.companyStart = hashText(start, 'f#c|')
    this.domainStart = hashText(start, 'f#d|')
    // A host nickname table changes the sounds, so only the built-in table's are memoised.
    this.nicknames = options?.nicknames !== undefined || options?.replaceBuiltInNicknames === true ? nicknameLookup(options) : undefined
  }

  /** Calls `into` with the hash of each fuzzy blocking key of `record` (repeats possible). */
  keys(record: object, into: (hash: number) => void): void {
    const fields = record as Readonly<Record<string, unknown>>
    this.soundCount = 0
    this.addSounds(fields.firstName)
    this.addSounds(fields.lastName)
    const companyText = typeof fields.companyName === 'string' ? fields.companyName : typeof fields.name === 'string' ? fields.name : undefined
    // A part hash of 0 stands for "none": a real one that happens to be 0 merely costs that record the key.
    const companyHash = companyText === undefined ? 0 : this.companyPartHash(companyText)
    const domainHash = this.domainPartHash(fields)
    if (this.soundCount === 0) {
      if (companyHash !== 0) into(companyHash)
      if (domainHash !== 0) into(domainHash)
      return
    }
    if (companyHash !== 0) for (let i = 0; i < this.soundCount; i += 1) into(mixKey(companyHash, this.sounds[i] as number))
    if (domainHash !== 0) for (let i = 0; i < this.soundCount; i += 1) into(mixKey(domainHash, this.sounds[i] as number))
  }

  private memo(current: HashMemo | undefined, max: number, stride: number, perRecord: number): HashMemo {
    if (current !== undefined) return current
    const hint = Math.min(max, powerOfTwoAtLeast(Math.max(1024, this.expectedRecords * perRecord)))
    return new HashMemo(max, stride, hint)
  }

  private addSound(sound: number): void {
    for (let i = 0; i < this.soundCount; i += 1) if (this.sounds[i] === sound) return
    this.sounds[this.soundCount] = sound
    this.soundCount += 1
  }

  private addSounds(value: unknown): void {
    // A blank name folds to nothing and so has no sounds.
    if (typeof value !== 'string' || value === '') return
    if (this.nicknames !== undefined) {
      for (const sound of soundsOf(value, this.nicknames)) this.addSound(hashText(this.soundStart, sound) | 0)
      return
    }
    let h1 = MEMO_H1
    let h2 = MEMO_H2
    for (let i = 0; i < value.length; i += 1) {
      const code = value.charCodeAt(i)
      h1 = memoStep1(h1, code)
      h2 = memoStep2(h2, code)
    }
    const memo = (this.soundMemo = this.memo(this.soundMemo, SOUND_CAPACITY, 8, 0.25))
    let at = memo.find(h1, h2)
    let table = memo.table
    if (table[at + 2] === 0) {
      const sounds = soundsOf(value, nicknameLookup(undefined))
      at = memo.claim(at, h1, h2)
      table = memo.table
      table[at + 2] = 1 + sounds.length
      for (let i = 0; i < sounds.length; i += 1) table[at + 3 + i] = hashText(this.soundStart, sounds[i] as string) | 0
    }
    const count = (table[at + 2] as number) - 1
    for (let i = 0; i < count; i += 1) this.addSound(table[at + 3 + i] as number)
  }

  private companyPartHash(name: string): number {
    let h1 = MEMO_H1
    let h2 = MEMO_H2
    for (let i = 0; i < name.length; i += 1) {
      const code = name.charCodeAt(i)
      h1 = memoStep1(h1, code)
      h2 = memoStep2(h2, code)
    }
    const memo = (this.companyMemo = this.memo(this.companyMemo, COMPANY_CAPACITY, 4, 0.5))
    let at = memo.find(h1, h2)
    if (memo.table[at + 2] === 0) {
      const company = normalizeCompanyName(name).replaceAll(' ', '')
      at = memo.claim(at, h1, h2)
      memo.table[at + 2] = company === '' ? 2 : 1
      memo.table[at + 3] = company === '' ? 0 : hashText(this.companyStart, company, this.prefix) | 0
    }
    return memo.table[at + 2] === 1 ? (memo.table[at + 3] as number) : 0
  }

  private domainPartHash(fields: Readonly<Record<string, unknown>>): number {
    if (typeof fields.email === 'string') {
      const hash = this.businessDomainHash(fields.email)
      if (hash !== 0) return hash
    }
    if (typeof fields.website === 'string') {
      const domain = normalizeWebsite(fields.website)
      if (domain !== undefined) return hashText(this.domainStart, domain) | 0
    }
    return 0
  }

  /** The hash of the email's domain when it is not a free-mail one, else 0; memoised by the domain's characters. */
  private businessDomainHash(email: string): number {
    const last = email.length - 1
    const edge = last < 0 ? 0 : Math.min(email.charCodeAt(0), email.charCodeAt(last))
    const at = email.lastIndexOf('@')
    // Only plain ASCII with no surrounding white space takes the memo: there trim() and toLowerCase() are trivial, so
    // the domain is hashed straight from the email's characters without slicing it out.
    if (!(edge > 32 && edge < 127 && at > 0 && at < last)) return this.domainHash(businessDomain(email))
    let h1 = MEMO_H1
    let h2 = MEMO_H2
    for (let i = at + 1; i <= last; i += 1) {
      let code = email.charCodeAt(i)
      if (code > 126) return this.domainHash(businessDomain(email))
      if (code >= 65 && code <= 90) code += 32
      h1 = memoStep1(h1, code)
      h2 = memoStep2(h2, code)
    }
    const memo = (this.domainMemo = this.memo(this.domainMemo, DOMAIN_CAPACITY, 4, 0.05))
    let entry = memo.find(h1, h2)
    if (memo.table[entry + 2] === 0) {
      const hash = this.domainHash(businessDomain(email))
      entry = memo.claim(entry, h1, h2)
      memo.table[entry + 2] = hash === 0 ? 2 : 1
      memo.table[entry + 3] = hash
    }
    return memo.table[entry + 2] === 1 ? (memo.table[entry + 3] as number) : 0
  }

  private domainHash(domain: string | undefined): number {
    return domain === undefined ? 0 : hashText(this.domainStart, domain) | 0
  }

  /** Bytes the memos' tables take now (for tests and benchmarks). */
  get retainedBytes(): number {
    return (this.soundMemo?.table.byteLength ?? 0) + (this.companyMemo?.table.byteLength ?? 0) + (this.domainMemo?.table.byteLength ?? 0)
  }
}

/** The hash state a seed starts from: FNV's offset basis, mixed with the seed (murmur3's finaliser). */
export function seededStart(seed: number): number {
  let h = (FNV_OFFSET ^ seed) | 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) | 0
}

