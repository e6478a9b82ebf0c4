// Seeded generator of leads with known duplicates, for the duplicate-detection tests and benchmarks.
// Each "person" gets one lead; some people get 1–2 more leads: copies with the variations sellers meet in a real
// lead table (typos, nicknames, case, phone formats, legal suffixes, missing fields, swapped names, free-mail
// addresses). Every copy keeps a similar name and at least one of email, phone or company, so each true pair is
// findable by the product's default rules in principle; which rule finds it is up to the rules.
import type { Lead } from '../../src/records/types.js'

/** What {@link generateDuplicateLeads} returns. */
export interface GeneratedLeads {
  readonly leads: Lead[]
  /** Person number of each lead (same number, same person). */
  readonly personOf: Int32Array
  /** True duplicate pairs as `pairKey(i, j)` of lead indexes. */
  readonly truePairs: Set<number>
  /** Number of leads that are copies of an earlier lead. */
  readonly duplicateLeads: number
}

export interface GenerateOptions {
  readonly count: number
  readonly seed?: number
  /** Share of people that get duplicate leads (default 0.1, giving ~11% duplicate leads). */
  readonly duplicateRate?: number
  /** Number of the first person (default 0): sets generated with different offsets share no phone numbers. */
  readonly firstPerson?: number
  /** Prefix of the lead ids (default `lead-`). */
  readonly idPrefix?: string
}

/** Key of an unordered pair of lead indexes below 2^26 each. */
export function pairKey(i: number, j: number): number {
  return i < j ? i * 67108864 + j : j * 67108864 + i
}

/** mulberry32: small, fast and good enough for test data. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// Given names with their common diminutives (the first entry is the formal name).
export const NICKNAME_GROUPS: readonly (readonly string[])[] = [
  ['Robert', 'Bob', 'Rob', 'Bobby'], ['William', 'Bill', 'Will', 'Billy'], ['Elizabeth', 'Liz', 'Beth', 'Lizzie'],
  ['Margaret', 'Peggy', 'Maggie'], ['James', 'Jim', 'Jimmy'], ['John', 'Jack', 'Johnny'], ['Richard', 'Rick', 'Dick'],
  ['Michael', 'Mike', 'Mikey'], ['Katherine', 'Kate', 'Katie', 'Kathy'], ['Jennifer', 'Jen', 'Jenny'],
  ['Thomas', 'Tom', 'Tommy'], ['Joseph', 'Joe', 'Joey'], ['Charles', 'Charlie', 'Chuck'], ['Daniel', 'Dan', 'Danny'],
  ['Christopher', 'Chris'], ['Anthony', 'Tony'], ['Patricia', 'Pat', 'Patty', 'Trish'], ['Susan', 'Sue', 'Susie'],
  ['Deborah', 'Debbie', 'Deb'], ['Rebecca', 'Becky'], ['Alexander', 'Alex'], ['Edward', 'Ed', 'Ted', 'Eddie'],
  ['Andrew', 'Andy', 'Drew'], ['Samuel', 'Sam'], ['Benjamin', 'Ben', 'Benny'], ['Matthew', 'Matt'],
  ['Nicholas', 'Nick'], ['Jonathan', 'Jon'], ['Stephen', 'Steve'], ['Timothy', 'Tim'], ['Kenneth', 'Ken', 'Kenny'],
  ['Ronald', 'Ron', 'Ronnie'], ['Donald', 'Don', 'Donny'], ['Gregory', 'Greg'], ['Jessica', 'Jess', 'Jessie'],
  ['Victoria', 'Vicky', 'Tori'], ['Jacqueline', 'Jackie'], ['Theodore', 'Theo'], ['Frederick', 'Fred', 'Freddie'],
  ['Lawrence', 'Larry'], ['Gerald', 'Jerry'], ['Raymond', 'Ray'], ['Douglas', 'Doug'], ['Leonard', 'Leo', 'Len'],
  ['Nathaniel', 'Nate', 'Nathan'], ['Zachary', 'Zach'], ['Catherine', 'Cathy', 'Cat'], ['Christine', 'Chris', 'Tina'],
  ['Dorothy', 'Dot', 'Dottie'], ['Barbara', 'Barb', 'Babs'], ['Abigail', 'Abby'], ['Samantha', 'Sam', 'Sammy'],
  ['Kimberly', 'Kim'], ['Pamela', 'Pam'], ['Cynthia', 'Cindy'], ['Judith', 'Judy'], ['Teresa', 'Terry', 'Tess'],
  ['Virginia', 'Ginny'], ['Eleanor', 'Ellie', 'Nora'], ['Matilda', 'Tilly'], ['Harold', 'Harry', 'Hal'],
  ['Henry', 'Hank'], ['Albert', 'Al', 'Bert'], ['Walter', 'Walt'], ['Eugene', 'Gene'], ['Phillip', 'Phil'],
]

const PLAIN_FIRST = [
  'Olivia', 'Emma', 'Ava', 'Sophia', 'Mia', 'Amelia', 'Harper', 'Evelyn', 'Aria', 'Chloe', 'Layla', 'Zoe', 'Nora',
  'Hazel', 'Aurora', 'Ivy', 'Naomi', 'Ruby', 'Alice', 'Clara', 'Liam', 'Noah', 'Oliver', 'Elijah', 'Lucas', 'Mason',
  'Logan', 'Ethan', 'Aiden', 'Jackson', 'Levi', 'Sebastian', 'Mateo', 'Owen', 'Wyatt', 'Julian', 'Hudson', 'Grayson',
  'Ezra', 'Miles', 'Priya', 'Aarav', 'Wei', 'Hiroshi', 'Yuki', 'Fatima', 'Omar', 'Ahmed', 'Sofia', 'Lars', 'Ingrid',
  'Pierre', 'Chiara', 'Giulia', 'Diego', 'Carmen', 'Pablo', 'Lucia', 'Anja', 'Mikhail', 'Olga', 'Tariq', 'Amara',
]
export const FIRST_START = ['Ka', 'Le', 'Ma', 'Ri', 'Sa', 'To', 'Na', 'Da', 'Jo', 'El', 'Ar', 'Be', 'Cy', 'Fa', 'Ga', 'Ha', 'Is', 'Lu', 'Mi', 'Or']
export const FIRST_END = ['lin', 'ron', 'dra', 'mir', 'ena', 'vin', 'sha', 'tor', 'lia', 'nus', 'ric', 'dan', 'ssa', 'mon', 'ya', 'ko']
export const LAST_A = ['Ba', 'Co', 'Da', 'Fe', 'Gu', 'Ha', 'Jo', 'Ka', 'Lo', 'Ma', 'Ne', 'Pa', 'Qui', 'Ro', 'Sa', 'Te', 'Va', 'We', 'Yo', 'Zi', 'Bra', 'Cle', 'Dro', 'Fra', 'Gre', 'Kro', 'Pla', 'Sto', 'Tri', 'Whi']
export const LAST_B = ['ren', 'mal', 'ski', 'lan', 'ber', 'dor', 'vic', 'ton', 'nel', 'gar', 'mor', 'lis', 'tan', 'rek', 'sol', 'wen', 'dal', 'fin', 'har', 'kel', 'lem', 'nor', 'pet', 'rud', 'sen', 'tov', 'ul', 'vash', 'yer', 'zan']
export const LAST_C = ['', 'son', 'ez', 'ova', 'er', 'ley', 'man', 'ini', 'berg', 'ford', 'ton', 'ich', 'well', 'sky', 'ard', 'ing', 'ow', 'ette', 'ham', 'stein']
export const COMPANY_A = ['Con', 'Fab', 'Nor', 'Adv', 'Lit', 'Tail', 'Wing', 'Blue', 'Red', 'Alp', 'Zen', 'Vec', 'Quan', 'Sol', 'Tera', 'Nex', 'Opti', 'Prim', 'Ver', 'Hel', 'Astra', 'Cor', 'Dyn', 'Elec', 'Flux', 'Gal', 'Hyp', 'Ion', 'Jet', 'Kin']
export const COMPANY_B = ['toso', 'rikam', 'thwind', 'ware', 'ware', 'spin', 'tip', 'yonder', 'stone', 'ine', 'ith', 'tra', 'tum', 'aris', 'byte', 'gen', 'mark', 'ex', 'ity', 'ios', 'ova', 'lytics', 'works', 'logic', 'soft', 'net', 'data', 'cloud', 'labs', 'point']
export const COMPANY_C = ['', 'Systems', 'Foods', 'Health', 'Logistics', 'Energy', 'Media', 'Partners', 'Bank', 'Motors', 'Design', 'Consulting', 'Retail', 'Pharma', 'Robotics', 'Capital', 'Airlines', 'Studios', 'Farms', 'Analytics']
export const LEGAL = ['', 'Ltd', 'Limited', 'Inc.', 'Inc', 'LLC', 'GmbH', 'Corp.', 'Corporation', 'Co.', 'S.A.', 'plc', 'B.V.']
export const FREE_MAIL = ['gmail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'aol.com', 'proton.me', 'gmx.de']

const CREATED_ON = Array.from({ length: 700 }, (_, d) => new Date(Date.UTC(2024, 0, 1) + d * 86400000).toISOString())

const FIRST_NAMES: string[] = [...NICKNAME_GROUPS.map((g) => g[0] as string), ...PLAIN_FIRST]
for (const a of FIRST_START) for (const b of FIRST_END) FIRST_NAMES.push(a + b)
const NICKNAMES = new Map<string, readonly string[]>(NICKNAME_GROUPS.map((g) => [g[0] as string, g.slice(1)]))

interface Person {
  first: string
  last: string
  company: string
  legal: string
  domain: string
  email: string | undefined
  phone: string
  mobile: string | undefined
  city: string
}

/** One chunk of {@link generateDuplicateLeadChunks}: leads `start` … `start + leads.length - 1`. */
export interface GeneratedLeadChunk {
  /** Index of the chunk's first lead (its id is `${idPrefix}${start}`). */
  readonly start: number
  readonly leads: Lead[]
  /** Person number of each lead of the chunk (same number, same person, across chunks too). */
  readonly personOf: Int32Array
}

/**
 * Generates `count` leads (ids `lead-0` …) with known duplicate groups, deterministically from `seed`.
 *
 * @example
 * const { leads, truePairs } = generateDuplicateLeads({ count: 1000, seed: 1 })
 * leads.length //=> 1000
 */
export function generateDuplicateLeads(options: GenerateOptions): GeneratedLeads {
  const leads: Lead[] = new Array<Lead>(options.count)
  const personOf = new Int32Array(options.count)
  for (const chunk of generateDuplicateLeadChunks(options, 65_536)) {
    for (let k = 0; k < chunk.leads.length; k += 1) leads[chunk.start + k] = chunk.leads[k] as Lead
    personOf.set(chunk.personOf, chunk.start)
  }
  // A person's leads are consecutive: every two of one run of equal person numbers are a true pair.
  const truePairs = new Set<number>()
  let duplicateLeads = 0
  let first = 0
  for (let index = 1; index < options.count; index += 1) {
    if (personOf[index] !== personOf[index - 1]) {
      first = index
      continue
    }
    for (let k = first; k < index; k += 1) truePairs.add(pairKey(k, index))
    duplicateLeads += 1
  }
  return { leads, personOf, truePairs, duplicateLeads }
}

/**
 * The leads of {@link generateDuplicateLeads}, the same for the same options, in chunks of `chunkSize` leads or
 * up to two more (a chunk ends with a person's last lead, so a person's leads are never split): a benchmark can
 * write 10 million of them to a file without holding them all. The true pairs are the pairs of leads with the
 * same person number.
 *
 * @example
 * for (const chunk of generateDuplicateLeadChunks({ count: 1000, seed: 1 }, 100)) chunk.leads.length //=> 100 to 102
 */
export function* generateDuplicateLeadChunks(options: GenerateOptions, chunkSize = 65_536): Generator<GeneratedLeadChunk> {
  const random = createRandom(options.seed ?? 1)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const duplicateRate = options.duplicateRate ?? 0.1
  const size = Math.max(1, Math.floor(chunkSize))
  let person = options.firstPerson ?? 0
  const idPrefix = options.idPrefix ?? 'lead-'
  let index = 0
  let start = 0
  let leads: Lead[] = []
  let persons: number[] = []
  while (index < options.count) {
    const p = makePerson(person, random, pick)
    const copies = random() < duplicateRate ? (random() < 0.7 ? 1 : 2) : 0
    leads.push(toLead(index, p, variationsOff))
    persons.push(person)
    index += 1
    for (let c = 0; c < copies && index < options.count; c += 1) {
      leads.push(toLead(index, p, makeVariations(random)))
      persons.push(person)
      index += 1
    }
    person += 1
    if (leads.length >= size) {
      yield { start, leads, personOf: Int32Array.from(persons) }
      start += leads.length
      leads = []
      persons = []
    }
  }
  if (leads.length > 0) yield { start, leads, personOf: Int32Array.from(persons) }

  function toLead(i: number, p: Person, v: Variations): Lead {
    let first = p.first
    let last = p.last
    if (v.nickname) {
      const nicks = NICKNAMES.get(first)
      if (nicks) first = pick(nicks)
    }
    if (v.typo === 1) first = typo(first, random)
    else if (v.typo === 2) last = typo(last, random)
    if (v.swap) [first, last] = [last, first]
    if (v.upper) {
      first = first.toUpperCase()
      last = last.toUpperCase()
    } else if (v.lower) {
      first = first.toLowerCase()
      last = last.toLowerCase()
    }
    const legal = v.legal ? pick(LEGAL) : p.legal
    let company: string | undefined = legal === '' ? p.company : `${p.company} ${legal}`
    if (v.companyCase) company = company.toUpperCase()
    let email = p.email
    if (v.freeMail) email = `${p.first.toLowerCase()}.${p.last.toLowerCase()}${(i % 97) + 1}@${pick(FREE_MAIL)}`
    else if (v.emailCase && email) email = ` ${email.toUpperCase()}`
    let phone: string | undefined = v.phoneFormat ? formatPhone(p.phone, Math.floor(random() * 5)) : p.phone
    if (v.drop === 0) email = undefined
    else if (v.drop === 1) phone = undefined
    else if (v.drop === 2) company = undefined
    const created = CREATED_ON[i % CREATED_ON.length] as string
    // One object shape for every lead (absent fields are undefined) keeps a million of them compact and fast.
    return {
      id: `${idPrefix}${i}`,
      createdOn: created,
      modifiedOn: created,
      version: 1,
      state: 'open',
      statusReason: 'new',
      firstName: first,
      lastName: last,
      companyName: company,
      email,
      businessPhone: phone,
      mobilePhone: v.drop === 1 ? undefined : p.mobile,
    }
  }
}

export interface Variations {
  nickname: boolean
  typo: 0 | 1 | 2
  swap: boolean
  upper: boolean
  lower: boolean
  legal: boolean
  companyCase: boolean
  freeMail: boolean
  emailCase: boolean
  phoneFormat: boolean
  /** 0 email, 1 phone, 2 company, -1 none. */
  drop: number
}

export const variationsOff: Variations = { nickname: false, typo: 0, swap: false, upper: false, lower: false, legal: false, companyCase: false, freeMail: false, emailCase: false, phoneFormat: false, drop: -1 }

export function makeVariations(random: () => number): Variations {
  // One name change at most (typo, nickname or swap), so the copy still has a similar name.
  const nameChange = random()
  const caseChange = random()
  return {
    nickname: nameChange < 0.25,
    typo: nameChange >= 0.25 && nameChange < 0.55 ? (random() < 0.4 ? 1 : 2) : 0,
    swap: nameChange >= 0.55 && nameChange < 0.65,
    upper: caseChange < 0.1,
    lower: caseChange >= 0.1 && caseChange < 0.2,
    legal: random() < 0.4,
    companyCase: random() < 0.15,
    freeMail: random() < 0.15,
    emailCase: random() < 0.2,
    phoneFormat: random() < 0.6,
    drop: random() < 0.3 ? Math.floor(random() * 3) : -1,
  }
}

function makePerson(n: number, random: () => number, pick: <T>(list: readonly T[]) => T): Person {
  const first = pick(FIRST_NAMES)
  const last = pick(LAST_A) + pick(LAST_B) + pick(LAST_C)
  const companyBase = pick(COMPANY_A) + pick(COMPANY_B)
  const sector = pick(COMPANY_C)
  const company = sector === '' ? companyBase : `${companyBase} ${sector}`
  const domain = `${company.toLowerCase().replace(/[^a-z]/g, '')}.com`
  const freeMail = random() < 0.3
  // A bijection of the person number, so no two people share a phone by chance; mobiles use other area codes.
  const phone = usPhone(n, BUSINESS_AREAS)
  const mobile = random() < 0.4 ? usPhone(n, MOBILE_AREAS) : undefined
  const email = random() < 0.9
    ? freeMail
      ? `${first.toLowerCase()}.${last.toLowerCase()}${n.toString(36)}@${pick(FREE_MAIL)}`
      : `${first.toLowerCase()}.${last.toLowerCase()}@${domain}`
    : undefined
  return { first, last, company, legal: pick(LEGAL), domain, email, phone, mobile, city: pick(['Seattle', 'London', 'Berlin', 'Austin', 'Paris', 'Sydney', 'Toronto']) }
}

const BUSINESS_AREAS = ['206', '425', '212', '415', '512', '617', '303', '312', '404', '713']
const MOBILE_AREAS = ['646', '917', '310', '702', '305', '214', '503', '615', '720', '801']

export function usPhone(n: number, areas: readonly string[]): string {
  const slot = (n * 7919) % 80000000
  const exchange = 200 + (Math.floor(slot / 10) % 800)
  const line = Math.floor(slot / 8000)
  return `+1${areas[slot % 10] as string}${exchange}${String(line).padStart(4, '0')}`
}

export function typo(value: string, random: () => number): string {
  if (value.length < 4) return value
  // Keep the first letter: typos at the start are rare in practice and break phonetic keys.
  const at = 1 + Math.floor(random() * (value.length - 1))
  const kind = Math.floor(random() * 3)
  if (kind === 0) return value.slice(0, at) + value.slice(at + 1)
  if (kind === 1 && at < value.length - 1) return value.slice(0, at) + (value[at + 1] as string) + (value[at] as string) + value.slice(at + 2)
  const letters = 'aeioulnrst'
  return value.slice(0, at) + (letters[Math.floor(random() * letters.length)] as string) + value.slice(at + 1)
}

/** Formats a `+1NNNNNNNNNN` number the ways people type it. */
export function formatPhone(e164: string, style: number): string {
  const d = e164.slice(2)
  const a = d.slice(0, 3)
  const b = d.slice(3, 6)
  const c = d.slice(6)
  switch (style) {
    case 0:
      return `(${a}) ${b}-${c}`
    case 1:
      return `${a}.${b}.${c}`
    case 2:
      return `+1 ${a} ${b} ${c}`
    case 3:
      return `1-${a}-${b}-${c}`
    default:
      return d
  }
}
