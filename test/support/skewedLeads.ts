// Seeded generator of leads shaped like a B2B CRM's lead table, for the skewed duplicate-detection benchmark
// (issue 12). The uniform generator (duplicatesGenerator.ts) gives every lead its own phone and a nearly unique name;
// a real lead table is lopsided, and the lopsided parts are what make a blocking index go quadratic. Distributions,
// all from one seed (companies from `worldSeed`, so a probe set can share the same companies):
//
// - Given names: 200 real given names (US, both sexes, plus some international) by Zipf weight rank^-0.5 for 90% of
//   people (the first, James, about 3.3% of all people), the other 10% from 320 syllable-built rarer names.
// - Surnames: half of all people from the 100 most common US surnames (Smith, Johnson, Williams, …) by weight
//   rank^-0.55 (the first about 12 times the hundredth, as in the US census; Smith about 3% of people here, far
//   more than the ~0.8% of the US population: the suite is deliberately top-heavy), the other half from 100 further
//   real surnames and 27,000 syllable-built ones by weight (rank + 100)^-1 (a long tail of rare names).
// - Companies: `count / 12` companies (at least 20) with Zipf sizes, weight rank^-0.9: at 1,000,000 leads the largest
//   (MegaCorp) has about 45,000 leads, the next 24,000 and 17,000, five have over 10,000, and most have one to a few.
//   The first 25 carry familiar demo names (MegaCorp, Contoso, Fabrikam, Northwind Traders, …), the rest
//   syllable-built unique names. Each company has one email domain (`<name>.com`), one legal form its leads usually
//   carry (85%; 10% without it, 5% another one) and one switchboard number.
// - Contact data per person: a business email `first.last@domain` (68%; a second John Smith at one company gets
//   `john.smith2@…`, as mail systems do), a free-mail address (20%) or none (12%); a business phone that is the
//   company's switchboard (55%: MegaCorp's is on about 25,000 leads at a million), a direct line of their own (33%)
//   or none (12%); a mobile (35%); the company's website (25%). Direct lines and mobiles are unique per person.
// - Noisy duplicates: `duplicateRate` (default 10%) of the real people get one (70%) or two more leads, each with
//   the uniform generator's variations: a typo, nickname or swapped name (at most one), case, another legal form or
//   company case, a free-mail address instead, email case and a stray space, another phone format, and one of
//   email, phone or company missing.
// - Pathological rows, each a different real person with a single lead: `pathologicalRate` (default 0.5%) of the
//   people, of which 35% have empty or missing names, 35% an "N/A", "-", "none", "Unknown"… company, 25% a role
//   address (`info@`, `sales@`, `contact@`, `office@` their company's domain, shared by everyone there who used it)
//   and 5% are "Test Test"; plus one junk email, `test@test.com`, on `junkEmailLeads` leads (default 0.5% of the
//   leads, at most 5,000: 5,000 at a million), and two different John Smiths at MegaCorp with their own emails and
//   direct lines (when there are at least 1,000 leads).
// - Order: the leads are shuffled (seeded), so duplicates arrive later rather than next to their original; ids are
//   `<idPrefix><position>` and `createdOn` grows with the position.
//
// Truth: two leads are a true duplicate pair iff they have the same `entityOf`. `kindOf` says what each lead is
// (original, copy or which pathology), so a benchmark can score the ordinary rows apart from the junk.
import type { Lead } from '../../src/records/types.js'
import {
  COMPANY_A,
  COMPANY_B,
  COMPANY_C,
  createRandom,
  FIRST_END,
  FIRST_START,
  formatPhone,
  FREE_MAIL,
  LAST_A,
  LAST_B,
  LAST_C,
  LEGAL,
  makeVariations,
  NICKNAME_GROUPS,
  typo,
  usPhone,
  type Variations,
  variationsOff,
} from './duplicatesGenerator.js'

/** What each generated lead is. */
export const LEAD_KINDS = [
  'original', 'copy', 'junk-email', 'no-name', 'na-company', 'role-address', 'test-test', 'namesake',
] as const
export type LeadKind = (typeof LEAD_KINDS)[number]
const KIND = Object.fromEntries(LEAD_KINDS.map((k, i) => [k, i])) as Record<LeadKind, number>

export interface SkewedLeadsOptions {
  readonly count: number
  readonly seed?: number
  /** Seed of the companies (names, domains, switchboards); default `seed`. */
  readonly worldSeed?: number
  /** Number of companies; default `max(20, round(count / 12))`. A probe set passes its main set's. */
  readonly companyCount?: number
  /** Share of real people that get noisy duplicate leads (default 0.1). */
  readonly duplicateRate?: number
  /** Share of people with a pathological row (default 0.005). */
  readonly pathologicalRate?: number
  /** Leads sharing the junk email `test@test.com` (default `min(5000, round(count × 0.005))`). */
  readonly junkEmailLeads?: number
  /** Number of the first person (default 0): sets with different offsets share no direct line or mobile. */
  readonly firstEntity?: number
  /** Prefix of the lead ids (default `lead-`). */
  readonly idPrefix?: string
}

/** What {@link generateSkewedLeads} returns. */
export interface SkewedLeads {
  readonly leads: Lead[]
  /** Real person of each lead: same number, same person. */
  readonly entityOf: Int32Array
  /** Index into {@link LEAD_KINDS} of each lead. */
  readonly kindOf: Uint8Array
  /** Company number of each lead's real employer (0 is the largest), whatever the lead's company field says. */
  readonly companyOf: Int32Array
  /** Leads that are noisy copies of an earlier lead of the same person. */
  readonly duplicateLeads: number
  readonly companyCount: number
  /** Company names by number (the largest first). */
  readonly companyNames: readonly string[]
  /** A few lines on the distribution of this set: largest company, largest shared phone, free-mail share, … */
  readonly description: string
}

// Ordered roughly by frequency: US given names of both sexes, then some international ones.
const GIVEN_NAMES = [
  'James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William',
  'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Christopher', 'Karen', 'Charles', 'Lisa',
  'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Sandra', 'Mark', 'Margaret', 'Donald', 'Ashley', 'Steven',
  'Kimberly', 'Andrew', 'Emily', 'Paul', 'Donna', 'Joshua', 'Michelle', 'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian',
  'Melissa', 'George', 'Deborah', 'Timothy', 'Stephanie', 'Ronald', 'Dorothy', 'Jason', 'Rebecca', 'Edward', 'Sharon',
  'Jeffrey', 'Laura', 'Ryan', 'Cynthia', 'Jacob', 'Amy', 'Gary', 'Kathleen', 'Nicholas', 'Angela', 'Eric', 'Shirley',
  'Jonathan', 'Brenda', 'Stephen', 'Emma', 'Larry', 'Anna', 'Justin', 'Pamela', 'Scott', 'Nicole', 'Brandon',
  'Samantha', 'Benjamin', 'Katherine', 'Samuel', 'Christine', 'Gregory', 'Helen', 'Alexander', 'Debra', 'Patrick',
  'Rachel', 'Frank', 'Carolyn', 'Raymond', 'Janet', 'Jack', 'Maria', 'Dennis', 'Catherine', 'Jerry', 'Heather', 'Tyler',
  'Diane', 'Aaron', 'Olivia', 'Jose', 'Julie', 'Adam', 'Joyce', 'Nathan', 'Victoria', 'Henry', 'Ruth', 'Zachary',
  'Virginia', 'Douglas', 'Lauren', 'Peter', 'Kelly', 'Kyle', 'Christina', 'Noah', 'Joan', 'Ethan', 'Evelyn', 'Jeremy',
  'Judith', 'Walter', 'Andrea', 'Christian', 'Hannah', 'Keith', 'Megan', 'Roger', 'Cheryl', 'Terry', 'Jacqueline',
  'Austin', 'Martha', 'Sean', 'Madison', 'Gerald', 'Teresa', 'Carl', 'Gloria', 'Harold', 'Sara', 'Dylan', 'Janice',
  'Arthur', 'Ann', 'Lawrence', 'Kathryn', 'Jordan', 'Abigail', 'Jesse', 'Sophia', 'Bryan', 'Frances', 'Billy', 'Jean',
  'Bruce', 'Alice', 'Gabriel', 'Judy', 'Joe', 'Isabella', 'Logan', 'Julia', 'Alan', 'Grace', 'Juan', 'Amber', 'Albert',
  'Denise', 'Willie', 'Danielle', 'Elijah', 'Marilyn', 'Wayne', 'Beverly', 'Randy', 'Charlotte', 'Vincent', 'Natalie',
  'Wei', 'Priya', 'Mohammed', 'Fatima', 'Hiroshi', 'Yuki', 'Carlos', 'Sofia', 'Ahmed', 'Olga', 'Lars', 'Ingrid',
  'Pierre', 'Chiara', 'Diego', 'Lucia', 'Anja', 'Mikhail', 'Raj', 'Mei',
]

// The 100 most common US surnames, most common first (US census order).
export const COMMON_SURNAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
  'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez',
  'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King',
  'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera',
  'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz',
  'Edwards', 'Collins', 'Reyes', 'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz',
  'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez',
  'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
]
const MORE_SURNAMES = [
  'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes', 'Gonzales',
  'Fisher', 'Vasquez', 'Simmons', 'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham', 'Reynolds',
  'Griffin', 'Wallace', 'Moreno', 'West', 'Cole', 'Hayes', 'Bryant', 'Herrera', 'Gibson', 'Ellis', 'Tran', 'Medina',
  'Aguilar', 'Stevens', 'Murray', 'Ford', 'Castro', 'Marshall', 'Owens', 'Harrison', 'Fernandez', 'McDonald', 'Woods',
  'Washington', 'Kennedy', 'Wells', 'Vargas', 'Henry', 'Chen', 'Freeman', 'Webb', 'Tucker', 'Guzman', 'Burns',
  'Crawford', 'Olson', 'Simpson', 'Porter', 'Hunter', 'Gordon', 'Mendez', 'Silva', 'Shaw', 'Snyder', 'Mason', 'Dixon',
  'Munoz', 'Hunt', 'Hicks', 'Holmes', 'Palmer', 'Wagner', 'Black', 'Robertson', 'Boyd', 'Rose', 'Stone', 'Salazar',
  'Fox', 'Warren', 'Mills', 'Meyer', 'Rice', 'Schmidt', 'Garza', 'Daniels', 'Ferguson', 'Nichols', 'Stephens', 'Soto',
  'Weaver', 'Ryan', 'Gardner', 'Payne', 'Grant', 'Dunn', 'Kelley', 'Spencer', 'Hawkins',
]
// The largest companies carry the demo names sellers know; the rest are built from syllables.
const NAMED_COMPANIES: readonly (readonly [string, string])[] = [
  ['MegaCorp', 'Inc.'], ['Contoso', 'Ltd'], ['Fabrikam', 'Inc.'], ['Northwind Traders', ''], ['Adventure Works', 'LLC'],
  ['Tailspin Toys', ''], ['Wide World Importers', 'Ltd'], ['Litware', 'Inc.'], ['Woodgrove Bank', ''],
  ['Proseware', 'Inc.'], ['Fourth Coffee', ''], ['Alpine Ski House', ''], ['Coho Winery', ''],
  ['Lucerne Publishing', ''],
  ['Trey Research', 'Inc.'], ['Wingtip Toys', ''], ['Blue Yonder Airlines', ''], ['Humongous Insurance', ''],
  ['Relecloud', ''], ['VanArsdel', 'Ltd'], ['Consolidated Messenger', ''], ['A. Datum', 'Corporation'],
  ['Graphic Design Institute', ''], ['Southridge Video', ''], ['City Power & Light', ''],
]
const QUALIFIERS = [
  'Group', 'Holdings', 'International', 'Global', 'Solutions', 'Services', 'Industries', 'Technologies', 'Enterprises',
  'Ventures', 'Associates', 'Labs',
]
const NA_COMPANIES = ['N/A', 'n/a', '-', 'none', 'None', 'Unknown', 'NA', '.', 'TBD']
const ROLE_LOCALS = ['info', 'sales', 'contact', 'office']
const TEST_COMPANIES = ['Test', 'N/A', 'Test Company', 'test']
export const JUNK_EMAIL = 'test@test.com'

// Area codes of the three kinds of number, disjoint, so a switchboard never equals someone's direct line.
const DIRECT_AREAS = ['206', '425', '212', '415', '512', '617', '303', '312', '404', '713']
const MOBILE_AREAS = ['646', '917', '310', '702', '305', '214', '503', '615', '720', '801']
const SWITCHBOARD_AREAS = ['202', '408', '469', '509', '612', '704', '813', '919', '971', '480']

const NICKNAMES = new Map<string, readonly string[]>(NICKNAME_GROUPS.map((g) => [g[0] as string, g.slice(1)]))
const CREATED_ON = Array.from({ length: 700 }, (_, d) => new Date(Date.UTC(2024, 0, 1) + d * 86400000).toISOString())

/** Samples ranks 0…n-1 with the given weights, by binary search in the cumulative weights. */
class WeightedPicker {
  private readonly cumulative: Float64Array
  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length)
    let sum = 0
    for (let i = 0; i < weights.length; i += 1) {
      sum += weights[i] as number
      this.cumulative[i] = sum
    }
    for (let i = 0; i < weights.length; i += 1) this.cumulative[i] = (this.cumulative[i] as number) / sum
  }

  pick(u: number): number {
    let lo = 0
    let hi = this.cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.cumulative[mid] as number) > u) hi = mid
      else lo = mid + 1
    }
    return lo
  }

  /** Probability of rank `i`. */
  share(i: number): number {
    return (this.cumulative[i] as number) - (i === 0 ? 0 : (this.cumulative[i - 1] as number))
  }
}

const zipfWeights = (n: number, s: number, offset = 0) =>
  Float64Array.from({ length: n }, (_, r) => (r + 1 + offset) ** -s)

// Name tables, built once per process.
const TAIL_GIVEN: string[] = []
for (const a of FIRST_START) for (const b of FIRST_END) TAIL_GIVEN.push(a + b)
const TAIL_SURNAMES: string[] = [...MORE_SURNAMES]
for (const a of LAST_A) for (const b of LAST_B) for (const c of LAST_C) TAIL_SURNAMES.push(a + b + c)
// The syllable tail is in a fixed shuffled order, so that the more frequent tail names are not all built from 'Ba…'.
const tailOrder = shuffled(TAIL_SURNAMES.length - MORE_SURNAMES.length, createRandom(12))
const ALL_GIVEN = [...GIVEN_NAMES, ...TAIL_GIVEN]
const ALL_SURNAMES = [
  ...COMMON_SURNAMES,
  ...MORE_SURNAMES,
  ...Array.from(tailOrder, (i) => TAIL_SURNAMES[MORE_SURNAMES.length + i] as string),
]
const ALL_GIVEN_LETTERS = ALL_GIVEN.map(letters)
const ALL_SURNAME_LETTERS = ALL_SURNAMES.map(letters)
const givenPicker = new WeightedPicker(zipfWeights(GIVEN_NAMES.length, 0.5))
const commonSurnamePicker = new WeightedPicker(zipfWeights(COMMON_SURNAMES.length, 0.55))
const tailSurnamePicker = new WeightedPicker(zipfWeights(TAIL_SURNAMES.length, 1, 100))

/** Index into ALL_GIVEN: 90% Zipf over the real names, 10% uniform over the syllable-built ones. */
function pickGiven(random: () => number): number {
  return random() < 0.9 ? givenPicker.pick(random()) : GIVEN_NAMES.length + Math.floor(random() * TAIL_GIVEN.length)
}

/** Index into ALL_SURNAMES: half from the 100 most common, half from the long tail. */
function pickSurname(random: () => number): number {
  return random() < 0.5 ? commonSurnamePicker.pick(random()) : COMMON_SURNAMES.length + tailSurnamePicker.pick(random())
}

interface Company {
  readonly name: string
  readonly legal: string
  readonly domain: string
  readonly switchboard: string
}

interface Person {
  entity: number
  company: number
  first: string | undefined
  last: string | undefined
  /** The company as written on this person's leads. */
  companyName: string | undefined
  email: string | undefined
  phone: string | undefined
  mobile: string | undefined
  website: string | undefined
}

/**
 * Generates `count` leads shaped like a B2B CRM's (see the file header for the distributions), deterministically
 * from `seed`.
 *
 * @example
 * const { leads, entityOf, description } = generateSkewedLeads({ count: 100_000, seed: 1 })
 * console.log(description)
 */
export function generateSkewedLeads(options: SkewedLeadsOptions): SkewedLeads {
  const count = options.count
  const seed = options.seed ?? 1
  const random = createRandom(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const duplicateRate = options.duplicateRate ?? 0.1
  const pathologicalRate = options.pathologicalRate ?? 0.005
  const junkEmailLeads = Math.min(count, options.junkEmailLeads ?? Math.min(5000, Math.round(count * 0.005)))
  const idPrefix = options.idPrefix ?? 'lead-'
  const companyCount = options.companyCount ?? Math.max(20, Math.round(count / 12))
  const companies = makeCompanies(companyCount, options.worldSeed ?? seed)
  const companyPicker = new WeightedPicker(zipfWeights(companyCount, 0.9))
  // Business addresses already given out (by company, given name and surname as one number, cheaper to hash than
  // the address), so that a second John Smith at one company gets john.smith2@….
  const takenEmails = new Map<number, number>()

  const drafts: Lead[] = new Array<Lead>(count)
  const entityDraft = new Int32Array(count)
  const kindDraft = new Uint8Array(count)
  const companyDraft = new Int32Array(count)
  let index = 0
  let entity = options.firstEntity ?? 0
  let duplicateLeads = 0
  const push = (p: Person, v: Variations, kind: number): void => {
    drafts[index] = toLead(p, v)
    entityDraft[index] = p.entity
    kindDraft[index] = kind
    companyDraft[index] = p.company
    index += 1
  }

  // Two different John Smiths at the largest company: the same name and company, their own emails and direct lines.
  if (count >= 1000) {
    for (let k = 0; k < 2; k += 1) {
      const p = makePerson(entity++, 0)
      p.first = 'John'
      p.last = 'Smith'
      p.email = businessEmail(GIVEN_NAMES.indexOf('John'), 0, 0)
      p.phone = usPhone(p.entity, DIRECT_AREAS)
      push(p, variationsOff, KIND.namesake)
    }
  }
  for (let j = 0; j < junkEmailLeads && index < count; j += 1) {
    const p = makePerson(entity++, companyPicker.pick(random()))
    p.email = JUNK_EMAIL
    push(p, variationsOff, KIND['junk-email'])
  }
  while (index < count) {
    const p = makePerson(entity++, companyPicker.pick(random()))
    if (random() < pathologicalRate) {
      push(p, variationsOff, makePathological(p))
      continue
    }
    push(p, variationsOff, KIND.original)
    const copies = random() < duplicateRate ? (random() < 0.7 ? 1 : 2) : 0
    for (let c = 0; c < copies && index < count; c += 1) {
      push(p, makeVariations(random), KIND.copy)
      duplicateLeads += 1
    }
  }

  // Shuffle, so that copies arrive later than their original rather than next to it, then number the leads.
  const order = shuffled(count, random)
  const leads: Lead[] = new Array<Lead>(count)
  const entityOf = new Int32Array(count)
  const kindOf = new Uint8Array(count)
  const companyOf = new Int32Array(count)
  for (let i = 0; i < count; i += 1) {
    const from = order[i] as number
    const draft = drafts[from] as Lead & { id: string; createdOn: string; modifiedOn: string }
    const created = CREATED_ON[Math.floor((i * CREATED_ON.length) / count)] as string
    draft.id = `${idPrefix}${i}`
    draft.createdOn = created
    draft.modifiedOn = created
    leads[i] = draft
    entityOf[i] = entityDraft[from] as number
    kindOf[i] = kindDraft[from] as number
    companyOf[i] = companyDraft[from] as number
  }
  const names = companies.map((c) => c.name)
  return {
    leads,
    entityOf,
    kindOf,
    companyOf,
    duplicateLeads,
    companyCount,
    companyNames: names,
    description: describeSkewedLeads(leads, entityOf, kindOf, companyOf, names, companyPicker),
  }

  function makePerson(n: number, company: number): Person {
    const c = companies[company] as Company
    const given = pickGiven(random)
    const surname = pickSurname(random)
    const first = ALL_GIVEN[given] as string
    const last = ALL_SURNAMES[surname] as string
    const spelling = random()
    const legal = spelling < 0.85 ? c.legal : spelling < 0.95 ? '' : pick(LEGAL)
    const emailKind = random()
    const email = emailKind < 0.68
      ? businessEmail(given, surname, company)
      : emailKind < 0.88
        ? `${letters(first)}.${letters(last)}${n.toString(36)}@${pick(FREE_MAIL)}`
        : undefined
    const phoneKind = random()
    const phone = phoneKind < 0.55 ? c.switchboard : phoneKind < 0.88 ? usPhone(n, DIRECT_AREAS) : undefined
    return {
      entity: n,
      company,
      first,
      last,
      companyName: legal === '' ? c.name : `${c.name} ${legal}`,
      email,
      phone,
      mobile: random() < 0.35 ? usPhone(n, MOBILE_AREAS) : undefined,
      website: random() < 0.25 ? `www.${c.domain}` : undefined,
    }
  }

  function businessEmail(given: number, surname: number, company: number): string {
    const key = (company * ALL_GIVEN.length + given) * ALL_SURNAMES.length + surname
    const taken = takenEmails.get(key) ?? 0
    takenEmails.set(key, taken + 1)
    const local = `${ALL_GIVEN_LETTERS[given] as string}.${ALL_SURNAME_LETTERS[surname] as string}`
    return `${local}${taken === 0 ? '' : taken + 1}@${(companies[company] as Company).domain}`
  }

  function freeMail(p: Person): string {
    return `${letters(p.first ?? '')}.${letters(p.last ?? '')}${p.entity.toString(36)}@${pick(FREE_MAIL)}`
  }

  function makePathological(p: Person): number {
    const c = companies[p.company] as Company
    const kind = random()
    if (kind < 0.35) {
      // Web-form leads with no name: blank, missing or whitespace.
      const blank = pick([undefined, '', ' '])
      p.first = pick([undefined, '', blank])
      p.last = blank
      return KIND['no-name']
    }
    if (kind < 0.7) {
      p.companyName = pick(NA_COMPANIES)
      if (p.email?.endsWith(`@${c.domain}`)) p.email = freeMail(p)
      if (p.phone === c.switchboard) p.phone = usPhone(p.entity, DIRECT_AREAS)
      p.website = undefined
      return KIND['na-company']
    }
    if (kind < 0.95) {
      p.email = `${pick(ROLE_LOCALS)}@${c.domain}`
      return KIND['role-address']
    }
    p.first = 'Test'
    p.last = 'Test'
    p.companyName = pick(TEST_COMPANIES)
    p.email = random() < 0.5 ? undefined : `test${p.entity.toString(36)}@${pick(FREE_MAIL)}`
    p.website = undefined
    return KIND['test-test']
  }

  function toLead(p: Person, v: Variations): Lead {
    let first = p.first
    let last = p.last
    if (v.nickname && first !== undefined) {
      const nicks = NICKNAMES.get(first)
      if (nicks) first = pick(nicks)
    }
    if (v.typo === 1 && first !== undefined) first = typo(first, random)
    else if (v.typo === 2 && last !== undefined) last = typo(last, random)
    if (v.swap) [first, last] = [last, first]
    if (v.upper) {
      first = first?.toUpperCase()
      last = last?.toUpperCase()
    } else if (v.lower) {
      first = first?.toLowerCase()
      last = last?.toLowerCase()
    }
    const c = companies[p.company] as Company
    let company = p.companyName
    if (v.legal && company !== undefined) {
      const legal = pick(LEGAL)
      company = legal === '' ? c.name : `${c.name} ${legal}`
    }
    if (v.companyCase && company !== undefined) company = company.toUpperCase()
    let email = p.email
    if (v.freeMail) email = freeMail(p)
    else if (v.emailCase && email !== undefined) email = ` ${email.toUpperCase()}`
    let phone = p.phone !== undefined && v.phoneFormat ? formatPhone(p.phone, Math.floor(random() * 5)) : p.phone
    if (v.drop === 0) email = undefined
    else if (v.drop === 1) phone = undefined
    else if (v.drop === 2) company = undefined
    // One object shape for every lead (absent fields are undefined) keeps a million of them compact and fast; the
    // id and dates are filled in after the shuffle.
    return {
      id: '',
      createdOn: '',
      modifiedOn: '',
      version: 1,
      state: 'open',
      statusReason: 'new',
      firstName: first,
      lastName: last,
      companyName: company,
      email,
      businessPhone: phone,
      mobilePhone: v.drop === 1 ? undefined : p.mobile,
      website: p.website,
    }
  }
}

/** Lower-case ASCII letters of a name, as mail systems write it in addresses. */
function letters(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, '')
}

/** How many leads each entity has, indexed by entity number minus the smallest. */
function entitySizes(entityOf: Int32Array): Int32Array {
  let min = Infinity
  let max = -Infinity
  for (const e of entityOf) {
    if (e < min) min = e
    if (e > max) max = e
  }
  const sizes = new Int32Array(entityOf.length === 0 ? 0 : max - min + 1)
  for (const e of entityOf) sizes[e - min] = (sizes[e - min] as number) + 1
  return sizes
}

/** A seeded permutation of 0…n-1 (Fisher–Yates). */
function shuffled(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n)
  for (let i = 0; i < n; i += 1) order[i] = i
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1))
    const t = order[i] as number
    order[i] = order[j] as number
    order[j] = t
  }
  return order
}

function makeCompanies(count: number, seed: number): Company[] {
  const random = createRandom(seed ^ 0x5eed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
  const companies: Company[] = []
  const names = new Set<string>()
  const domains = new Set<string>()
  const add = (name: string, legal: string): boolean => {
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]/g, '')}.com`
    if (names.has(name.toLowerCase()) || domains.has(domain)) return false
    names.add(name.toLowerCase())
    domains.add(domain)
    companies.push({ name, legal, domain, switchboard: usPhone(companies.length, SWITCHBOARD_AREAS) })
    return true
  }
  for (const [name, legal] of NAMED_COMPANIES) {
    if (companies.length === count) break
    add(name, legal)
  }
  while (companies.length < count) {
    const sector = pick(COMPANY_C)
    const base = pick(COMPANY_A) + pick(COMPANY_B)
    let name = sector === '' ? base : `${base} ${sector}`
    for (let attempt = 0; !add(name, pick(LEGAL)); attempt += 1) {
      // The syllable space holds 18,000 names; past it, qualifiers and then a number keep the names unique.
      name = attempt < 4 ? `${base} ${sector} ${pick(QUALIFIERS)}`.replace('  ', ' ') : `${base} ${companies.length}`
    }
  }
  return companies
}

/** Builds the description: leads, people, duplicates, the largest company, phone and email, free-mail share, names. */
function describeSkewedLeads(
  leads: readonly Lead[],
  entityOf: Int32Array,
  kindOf: Uint8Array,
  companyOf: Int32Array,
  companyNames: readonly string[],
  companyPicker: WeightedPicker,
): string {
  const count = leads.length
  const pct = (v: number) => `${((100 * v) / Math.max(1, count)).toFixed(1)}%`
  const n = (v: number) => v.toLocaleString('en-US')
  let truePairs = 0
  let people = 0
  for (const size of entitySizes(entityOf)) {
    truePairs += (size * (size - 1)) / 2
    if (size > 0) people += 1
  }
  const companySize = new Int32Array(companyNames.length)
  for (const c of companyOf) companySize[c] = (companySize[c] as number) + 1
  const bySize = [...companySize.keys()].sort((a, b) => (companySize[b] as number) - (companySize[a] as number))
  let over10k = 0
  let over1k = 0
  let over100 = 0
  for (const size of companySize) {
    if (size >= 10_000) over10k += 1
    if (size >= 1000) over1k += 1
    if (size >= 100) over100 += 1
  }
  const kinds = new Int32Array(LEAD_KINDS.length)
  for (const k of kindOf) kinds[k] = (kinds[k] as number) + 1
  // Phones as their last ten digits and emails trimmed and lower-cased: the formats the copies use collapse to one.
  // Direct lines and mobiles are one person's and addresses other than the junk and role ones are at most one
  // person's, so only switchboards and role or junk addresses are counted (a million-entry map would take seconds).
  const phones = new Map<string, number>()
  const emails = new Map<string, number>()
  const bump = (map: Map<string, number>, v: string | undefined) => {
    if (v !== undefined && v !== '') map.set(v, (map.get(v) ?? 0) + 1)
  }
  const freeMailDomains = new Set(FREE_MAIL)
  const common = new Set(COMMON_SURNAMES)
  const first0 = GIVEN_NAMES[0] as string
  let freeMail = 0
  let noEmail = 0
  let smith = 0
  let commonSurname = 0
  let firstName0 = 0
  for (const l of leads) {
    const phone = l.businessPhone?.replace(/\D/g, '').slice(-10)
    if (phone !== undefined && SWITCHBOARD_AREAS.includes(phone.slice(0, 3))) bump(phones, phone)
    const email = l.email?.trim().toLowerCase()
    const shareable = email !== undefined &&
      (email === JUNK_EMAIL || ROLE_LOCALS.includes(email.slice(0, email.indexOf('@'))))
    if (shareable) bump(emails, email)
    if (email === undefined) noEmail += 1
    else if (freeMailDomains.has(email.slice(email.indexOf('@') + 1))) freeMail += 1
    if (l.lastName === 'Smith') smith += 1
    if (l.lastName !== undefined && common.has(l.lastName)) commonSurname += 1
    if (l.firstName === first0) firstName0 += 1
  }
  const top = (counts: Map<string, number>): [string, number] => {
    let best: [string, number] = ['-', 0]
    for (const entry of counts) if (entry[1] > best[1]) best = entry
    return best
  }
  const phone = top(phones)
  const email = top(emails)
  const kindCounts = LEAD_KINDS.map((k, i) => `${k} ${n(kinds[i] as number)}`)
    .filter((_, i) => (kinds[i] as number) > 0)
    .join(', ')
  return [
    `${n(count)} leads of ${n(people)} people: ${n(kinds[KIND.copy] as number)} noisy duplicate leads ` +
      `(${pct(kinds[KIND.copy] as number)}), ${n(truePairs)} true pairs`,
    `${n(companyNames.length)} companies (Zipf, weight rank^-0.9); largest ` +
      `${bySize.slice(0, 5).map((c) => `${companyNames[c]} ${n(companySize[c] as number)}`).join(', ')}; ` +
      `${over10k} with ≥ 10,000 leads, ${over1k} with ≥ 1,000, ${over100} with ≥ 100 ` +
      `(the largest's expected share ${(100 * companyPicker.share(0)).toFixed(1)}%)`,
    `largest shared phone ${phone[0]} on ${n(phone[1])} leads; ` +
      `largest shared email ${email[0]} on ${n(email[1])} leads`,
    `email: ${pct(freeMail)} free mail, ${pct(noEmail)} none; ` +
      `surnames: ${pct(commonSurname)} from the 100 most common ` +
      `(Smith ${pct(smith)}); given name ${first0} ${pct(firstName0)}`,
    `kinds: ${kindCounts}`,
  ].join('\n')
}

/** What {@link buildAdversarialLeads} builds. */
export type AdversarialKind = 'shared-phone' | 'shared-email' | 'surname-at-company'

/**
 * `n` different people (each their own entity) that share one block: one switchboard phone (`shared-phone`, each
 * with their own business email), one email address (`shared-email`, each with their own direct line), or one
 * surname at one company (`surname-at-company`: n Smiths at MegaCorp with Zipf-distributed given names, their own
 * emails and direct lines; with a Zipf given name many share a full name, which the name rules cannot tell apart).
 *
 * @example
 * buildAdversarialLeads('shared-phone', 5000).leads.every((l) => l.businessPhone === '+12025550100') //=> true
 */
export function buildAdversarialLeads(
  kind: AdversarialKind,
  n: number,
  options: { seed?: number; idPrefix?: string; firstEntity?: number } = {},
): {
  leads: Lead[]
  entityOf: Int32Array
} {
  const random = createRandom(options.seed ?? 99)
  const prefix = options.idPrefix ?? `${kind}-`
  const firstEntity = options.firstEntity ?? 0
  const leads: Lead[] = new Array<Lead>(n)
  const entityOf = new Int32Array(n)
  const taken = new Map<string, number>()
  for (let i = 0; i < n; i += 1) {
    const e = firstEntity + i
    const first = ALL_GIVEN[pickGiven(random)] as string
    const last = kind === 'surname-at-company' ? 'Smith' : (ALL_SURNAMES[pickSurname(random)] as string)
    const local = `${letters(first)}.${letters(last)}`
    const used = taken.get(local) ?? 0
    taken.set(local, used + 1)
    const ownEmail = `${local}${used === 0 ? '' : used + 1}@megacorp.com`
    const created = CREATED_ON[i % CREATED_ON.length] as string
    leads[i] = {
      id: `${prefix}${i}`,
      createdOn: created,
      modifiedOn: created,
      version: 1,
      state: 'open',
      statusReason: 'new',
      firstName: first,
      lastName: last,
      companyName: 'MegaCorp Inc.',
      email: kind === 'shared-email' ? 'info@megacorp.com' : ownEmail,
      businessPhone: kind === 'shared-phone' ? '+12025550100' : usPhone(e, DIRECT_AREAS),
      mobilePhone: undefined,
      website: undefined,
    }
    entityOf[i] = e
  }
  return { leads, entityOf }
}
