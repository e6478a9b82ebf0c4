import { isFreeMailDomain } from '../../internal/freeMailDomains.js'
import { givenNameGroups, nicknameLookup, type Lookup, type NicknameOptions } from '../nicknames.js'
import { normalizeCompanyName } from '../normalizeCompanyName.js'
import { emailDomain } from '../normalizeEmail.js'
import { normalizeWebsite } from '../normalizeWebsite.js'
import { phoneticKey } from '../phonetic.js'
import { FNV_OFFSET, hashText, hashText2, powerOfTwoAtLeast } from './hash.js'
import { HashMemo, MEMO_H1, MEMO_H2, memoStep1, memoStep2 } from './textMemo.js'

/** Options of the fuzzy blocking keys: the nickname table and the company prefix length. */
export interface BlockingKeyOptions extends NicknameOptions {
  /** How many leading characters of the normalised company name (spaces removed) a key uses (default 8). */
  readonly companyPrefixLength?: number
}


const ignoreKey = (): void => {}

/** One key of a company or domain part with a sound: the two hashes mixed (murmur3's finaliser). */
function mixKey(part: number, sound: number): number {
  let h = Math.imul(part, 0x9e3779b1) ^ sound
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/** The second word of that key: the parts' second hashes mixed with other constants (the lowbias32 finaliser). */
function mixKey2(part: number, sound: number): number {
  let h = Math.imul(part, 0x85ebca77) ^ sound
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
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
 * leads through this. Equal keys give equal hashes; the hashes are not those of the key strings. Each key has two
 * independent 32-bit words (the index tells blocks apart by both), made from two hashes of each part. One per index:
 * the memos are the index's, made on first use, growing with the data up to fixed bounds.
 */
export class BlockingKeyHasher {
  // Per name part: [h1, h2, 1 + number of sounds, up to four sound hashes, their four second words].
  private soundMemo: HashMemo | undefined
  // Per company spelling or email domain: [h1, h2, tag, part hash, its second word]; tag 1: a key part, 2: none (no
  // company letters, or a free-mail or invalid domain).
  private companyMemo: HashMemo | undefined
  private domainMemo: HashMemo | undefined
  private readonly prefix: number
  private readonly nicknames: Lookup | undefined
  // Starting states of the hashes, from the index's seed: keys cannot be crafted to collide without knowing it.
  private readonly soundStart: number
  private readonly companyStart: number
  private readonly domainStart: number
  private readonly soundStart2: number
  private readonly companyStart2: number
  private readonly domainStart2: number
  // One record's sound hashes (both words), reused from call to call.
  private readonly sounds = new Int32Array(16)
  private readonly sounds2 = new Int32Array(16)
  private soundCount = 0
  // The first sound of the name part addSounds read last.
  private valueSound = 0
  // The last part hash computed (both words), so that none is returned as an allocated pair.
  private part1 = 0
  private part2 = 0

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
    const start2 = hashText2(start, 'second#')
    this.soundStart2 = hashText2(start2, 'f#s|')
    this.companyStart2 = hashText2(start2, 'f#c|')
    this.domainStart2 = hashText2(start2, 'f#d|')
    // A host nickname table changes the sounds, so only the built-in table's are memoised.
    this.nicknames = options?.nicknames !== undefined || options?.replaceBuiltInNicknames === true ? nicknameLookup(options) : undefined
  }

  /** Calls `into` with both words of the hash of each fuzzy blocking key of `record` (repeats possible). */
  keys(record: object, into: (hash: number, second: number) => void): void {
    const fields = record as Readonly<Record<string, unknown>>
    this.soundCount = 0
    const parts = this.parts
    let present = 0
    if (this.addSounds(fields.firstName)) {
      parts[0] = this.valueSound
      present |= 1
    }
    if (this.addSounds(fields.lastName)) {
      parts[1] = this.valueSound
      present |= 2
    }
    const companyText = typeof fields.companyName === 'string' ? fields.companyName : typeof fields.name === 'string' ? fields.name : undefined
    const hasCompany = companyText !== undefined && this.companyPartHash(companyText)
    const company1 = this.part1
    const company2 = this.part2
    const hasDomain = this.domainPartHash(fields)
    const domain1 = this.part1
    const domain2 = this.part2
    parts[2] = company1
    parts[3] = domain1
    parts[4] = present | (hasCompany ? 4 : 0) | (hasDomain ? 8 : 0)
    const sounds = this.sounds
    const sounds2 = this.sounds2
    if (this.soundCount === 0) {
      if (hasCompany) into(company1, company2)
      if (hasDomain) into(domain1, domain2)
      return
    }
    if (hasCompany) for (let i = 0; i < this.soundCount; i += 1) into(mixKey(company1, sounds[i] as number), mixKey2(company2, sounds2[i] as number))
    if (hasDomain) for (let i = 0; i < this.soundCount; i += 1) into(mixKey(domain1, sounds[i] as number), mixKey2(domain2, sounds2[i] as number))
  }

  /**
   * The parts of the name and workplace of the record last given to `keys`, for counting how common a name is at a
   * company: `[0]` the first sound of the given name, `[1]` of the surname, `[2]` the company part, `[3]` the domain
   * part (first hash words); `[4]` says which are there (bits 1, 2, 4, 8).
   */
  readonly parts = new Int32Array(5)

  /** `parts` of `record` (computing its keys, which are dropped). */
  nameParts(record: object): Int32Array {
    this.keys(record, ignoreKey)
    return this.parts
  }

  private memo(current: HashMemo | undefined, max: number, stride: number, perRecord: number): HashMemo {
    if (current !== undefined) return current
    const hint = Math.min(max, powerOfTwoAtLeast(Math.max(1024, this.expectedRecords * perRecord)))
    return new HashMemo(max, stride, hint)
  }

  private addSound(sound: number, sound2: number): void {
    for (let i = 0; i < this.soundCount; i += 1) if (this.sounds[i] === sound && this.sounds2[i] === sound2) return
    this.sounds[this.soundCount] = sound
    this.sounds2[this.soundCount] = sound2
    this.soundCount += 1
  }

  /** Adds the sounds of a name part; whether it has any (the first is then left in `valueSound`). */
  private addSounds(value: unknown): boolean {
    // A blank name folds to nothing and so has no sounds.
    if (typeof value !== 'string' || value === '') return false
    if (this.nicknames !== undefined) {
      const sounds = soundsOf(value, this.nicknames)
      for (const sound of sounds) this.addSound(hashText(this.soundStart, sound) | 0, hashText2(this.soundStart2, sound) | 0)
      if (sounds.length > 0) this.valueSound = hashText(this.soundStart, sounds[0] as string) | 0
      return sounds.length > 0
    }
    let h1 = MEMO_H1
    let h2 = MEMO_H2
    for (let i = 0; i < value.length; i += 1) {
      const code = value.charCodeAt(i)
      h1 = memoStep1(h1, code)
      h2 = memoStep2(h2, code)
    }
    const memo = (this.soundMemo = this.memo(this.soundMemo, SOUND_CAPACITY, 11, 0.25))
    let at = memo.find(h1, h2)
    let table = memo.table
    if (table[at + 2] === 0) {
      const sounds = soundsOf(value, nicknameLookup(undefined))
      at = memo.claim(at, h1, h2)
      table = memo.table
      table[at + 2] = 1 + sounds.length
      for (let i = 0; i < sounds.length; i += 1) {
        table[at + 3 + i] = hashText(this.soundStart, sounds[i] as string) | 0
        table[at + 7 + i] = hashText2(this.soundStart2, sounds[i] as string) | 0
      }
    }
    const count = (table[at + 2] as number) - 1
    for (let i = 0; i < count; i += 1) this.addSound(table[at + 3 + i] as number, table[at + 7 + i] as number)
    if (count > 0) this.valueSound = table[at + 3] as number
    return count > 0
  }

  /** Whether `name` gives a company key part; if so its hash words are left in `part1` and `part2`. */
  private companyPartHash(name: string): boolean {
    let h1 = MEMO_H1
    let h2 = MEMO_H2
    for (let i = 0; i < name.length; i += 1) {
      const code = name.charCodeAt(i)
      h1 = memoStep1(h1, code)
      h2 = memoStep2(h2, code)
    }
    const memo = (this.companyMemo = this.memo(this.companyMemo, COMPANY_CAPACITY, 5, 0.5))
    let at = memo.find(h1, h2)
    if (memo.table[at + 2] === 0) {
      const company = normalizeCompanyName(name).replaceAll(' ', '')
      at = memo.claim(at, h1, h2)
      memo.table[at + 2] = company === '' ? 2 : 1
      memo.table[at + 3] = company === '' ? 0 : hashText(this.companyStart, company, this.prefix) | 0
      memo.table[at + 4] = company === '' ? 0 : hashText2(this.companyStart2, company, this.prefix) | 0
    }
    this.part1 = memo.table[at + 3] as number
    this.part2 = memo.table[at + 4] as number
    return memo.table[at + 2] === 1
  }

  /** Whether the record has a domain key part (business email, else website); if so its words are in `part1`, `part2`. */
  private domainPartHash(fields: Readonly<Record<string, unknown>>): boolean {
    if (typeof fields.email === 'string' && this.businessDomainHash(fields.email)) return true
    if (typeof fields.website === 'string') return this.domainHash(normalizeWebsite(fields.website))
    return false
  }

  /**
   * Whether the email's domain is not a free-mail one; if so its hash words are in `part1`, `part2`. Memoised by the
   * domain's characters.
   */
  private businessDomainHash(email: string): boolean {
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
    const memo = (this.domainMemo = this.memo(this.domainMemo, DOMAIN_CAPACITY, 5, 0.05))
    let entry = memo.find(h1, h2)
    if (memo.table[entry + 2] === 0) {
      const found = this.domainHash(businessDomain(email))
      entry = memo.claim(entry, h1, h2)
      memo.table[entry + 2] = found ? 1 : 2
      memo.table[entry + 3] = this.part1
      memo.table[entry + 4] = this.part2
    }
    this.part1 = memo.table[entry + 3] as number
    this.part2 = memo.table[entry + 4] as number
    return memo.table[entry + 2] === 1
  }

  /** Whether there is a domain; if so its hash words go to `part1` and `part2`. */
  private domainHash(domain: string | undefined): boolean {
    this.part1 = domain === undefined ? 0 : hashText(this.domainStart, domain) | 0
    this.part2 = domain === undefined ? 0 : hashText2(this.domainStart2, domain) | 0
    return domain !== undefined
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

