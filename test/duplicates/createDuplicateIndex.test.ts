import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { duplicateBlockingKeys } from '../../src/duplicates/blockingKeys.js'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { createDefaultLeadRules, DEFAULT_LEAD_RULE_NAMES } from '../../src/duplicates/defaultLeadRules.js'
import { findDuplicates } from '../../src/duplicates/findDuplicates.js'
import { parseDuplicateRule } from '../../src/duplicates/parseDuplicateRule.js'
import { LeadkitError } from '../../src/errors.js'
import type { DuplicateMatch } from '../../src/duplicates/types.js'
import type { Lead } from '../../src/records/types.js'

const rules = createDefaultLeadRules({ defaultRegion: 'US' })
const tightRules = createDefaultLeadRules({ defaultRegion: 'US', maxSharedBy: 2 })

function lead(id: string, fields: Partial<Lead> = {}): Lead {
  return { id, createdOn: '2026-01-01T00:00:00Z', modifiedOn: '2026-01-01T00:00:00Z', version: 1, state: 'open', statusReason: 'new', ...fields }
}

const ids = (matches: readonly { record: { id: string } }[]) => matches.map((m) => m.record.id).sort()

describe('createDuplicateIndex', () => {
  const robert = lead('l1', { firstName: 'Robert', lastName: 'Smith', companyName: 'Contoso Ltd', email: 'robert@contoso.com', businessPhone: '+1 425 555 0100' })
  const bob = lead('l2', { firstName: 'Bob', lastName: 'SMITH', companyName: 'CONTOSO Limited' })
  const samePhone = lead('l3', { lastName: 'Smyth', mobilePhone: '(425) 555-0100' })
  const sameEmail = lead('l4', { firstName: 'Q', lastName: 'Z', email: ' ROBERT@contoso.com' })
  const stranger = lead('l5', { firstName: 'Alice', lastName: 'Jones', companyName: 'Fabrikam', email: 'alice@fabrikam.com' })

  it('matches by email, by any phone format and by similar name and company', () => {
    const index = createDuplicateIndex<Lead>(rules)
    for (const l of [bob, samePhone, sameEmail, stranger]) index.add(l)
    expect(index.size).toBe(4)
    const matches = index.match(robert)
    expect(ids(matches)).toEqual(['l2', 'l3', 'l4'])
    expect(matches.find((m) => m.record.id === 'l3')?.rule).toBe('Leads with the same phone number')
    expect(matches.find((m) => m.record.id === 'l4')?.rule).toBe('Leads with the same email address')
    expect(matches.find((m) => m.record.id === 'l2')).toMatchObject({ kind: 'fuzzy' })
  })

  it('never returns the record itself, and follows remove and update', () => {
    const index = createDuplicateIndex<Lead>(rules)
    for (const l of [robert, bob, sameEmail]) index.add(l)
    expect(ids(index.match(robert))).toEqual(['l2', 'l4'])
    expect(index.remove('l4')).toBe(true)
    expect(index.remove('l4')).toBe(false)
    expect(index.get('l4')).toBeUndefined()
    expect(ids(index.match(robert))).toEqual(['l2'])
    index.update({ ...bob, companyName: 'Fabrikam' })
    expect(ids(index.match(robert))).toEqual([])
    expect(index.get('l2')?.companyName).toBe('Fabrikam')
    index.update(sameEmail)
    expect(index.size).toBe(3)
    expect(ids(index.match(robert))).toEqual(['l4'])
  })

  it('clusters() after remove, a reused slot and update reads each record as it is now, not as it was prepared', () => {
    const index = createDuplicateIndex<Lead>(rules)
    const bobby = lead('l6', { firstName: 'Bobby', lastName: 'Smith', companyName: 'Contoso' })
    const mary = lead('l7', { firstName: 'Mary', lastName: 'Smith', companyName: 'Contoso' })
    for (const l of [robert, bob, stranger]) index.add(l)
    expect(index.clusters().map((c) => c.ids)).toEqual([['l1', 'l2']])
    // Bob leaves and Mary takes his slot: Bob's prepared name must not speak for her.
    index.remove('l2')
    index.add(mary)
    expect(index.clusters()).toEqual([])
    // Alice becomes a Robert Smith at Contoso in her own slot.
    index.update({ ...stranger, firstName: 'Rob', lastName: 'Smith', companyName: 'Contoso' })
    expect(index.clusters().map((c) => c.ids)).toEqual([['l1', 'l5']])
    index.update({ ...stranger })
    index.add(bobby)
    expect(index.clusters().map((c) => c.ids)).toEqual([['l1', 'l6']])
  })

  it('groups transitive duplicates and says which pairs and rules joined them', () => {
    const index = createDuplicateIndex<Lead>(rules)
    for (const l of [robert, bob, samePhone, stranger, sameEmail]) index.add(l)
    const clusters = index.clusters()
    expect(clusters).toHaveLength(1)
    expect(clusters[0]?.ids).toEqual(['l1', 'l2', 'l3', 'l4'])
    expect(clusters[0]?.pairs.map((p) => `${p.a}-${p.b}:${p.rule}`).sort()).toEqual([
      'l1-l2:Leads with a similar name and a similar company name',
      'l1-l3:Leads with the same phone number',
      'l1-l4:Leads with the same email address',
    ])
    expect(Object.isFrozen(clusters)).toBe(true)
    expect(JSON.parse(JSON.stringify(clusters))).toEqual(clusters)
  })

  it('searches an oversized fuzzy block by sorted neighbourhood, and keeps its exact-key matches', () => {
    const index = createDuplicateIndex<Lead>(rules, { maxBlockSize: 2, neighbourhood: 1 })
    // Robert Smiths at Contoso with their own free-mail addresses: the name/company blocks exceed the bound.
    for (let i = 0; i < 6; i += 1) index.add(lead(`s${i}`, { firstName: 'Robert', lastName: 'Smith', companyName: 'Contoso', email: `r${i}@gmail.com` }))
    index.add(lead('e1', { firstName: 'Zed', lastName: 'Smith', companyName: 'Contoso', email: 'robert@contoso.com' }))
    const details = index.matchDetails(robert)
    // One neighbour each side in each of two orders, plus the exact email match: never the whole block.
    expect(details.blocks.some((block) => block.searched === 'neighbourhood')).toBe(true)
    expect(details.comparisons).toBeLessThanOrEqual(5)
    expect(ids(details.matches)).toContain('e1')
    expect(details.matches.length).toBeGreaterThanOrEqual(2)
    expect(index.stats().neighbourhoodBlocks).toBeGreaterThan(0)
    // Removing records shrinks the block back to one compared in full.
    for (let i = 0; i < 6; i += 1) index.remove(`s${i}`)
    expect(index.stats().neighbourhoodBlocks).toBe(0)
    expect(ids(index.match(robert))).toEqual(['e1'])
  })

  it('treats a code carried by more than maxSharedBy records as identifying nobody', () => {
    const switchboard = '+14255550100'
    const staff = Array.from({ length: 12 }, (_, i) => lead(`p${i}`, { firstName: 'Ann', lastName: 'Lee', businessPhone: switchboard, email: 'office@smallco.com' }))
    // The exact rules alone (the name rules would rightly match twelve Ann Lees at one domain).
    const tuned = createDefaultLeadRules({ defaultRegion: 'US', maxSharedBy: 10 }).filter((rule) => rule.kind === 'keyed')
    const index = createDuplicateIndex<Lead>(tuned)
    for (const record of staff) index.add(record)
    const probe = lead('probe', { firstName: 'Ann', lastName: 'Lee', businessPhone: switchboard, email: 'office@smallco.com' })
    expect(index.match(probe)).toEqual([])
    expect(index.matchDetails(probe).blocks).toEqual([
      { rule: 'Leads with the same email address', size: 12, searched: 'shared', compared: 0 },
      { rule: 'Leads with the same phone number', size: 12, searched: 'shared', compared: 0 },
    ])
    expect(index.clusters()).toEqual([])
    expect(index.stats().sharedCodes).toBe(2)
    // findDuplicates over the same records judges the codes the same way.
    expect(findDuplicates(probe, staff, tuned)).toEqual([])
    // Under the bound the codes identify, as the product's rules say.
    const few = createDuplicateIndex<Lead>(tuned)
    for (const record of staff.slice(0, 3)) few.add(record)
    expect(ids(few.match(probe))).toEqual(['p0', 'p1', 'p2'])
    expect(few.clusters().map((c) => c.ids)).toEqual([['p0', 'p1', 'p2']])
  })

  it('confirms a shared phone number by name: one small company\'s switchboard is not one person', () => {
    const switchboard = '(425) 555-0199'
    const index = createDuplicateIndex<Lead>(rules)
    index.add(lead('ann', { firstName: 'Ann', lastName: 'Lee', companyName: 'Smallco', businessPhone: switchboard }))
    index.add(lead('tom', { firstName: 'Tom', lastName: 'Jones', companyName: 'Smallco', businessPhone: switchboard }))
    index.add(lead('anne', { firstName: 'Anne', lastName: 'Lee', businessPhone: '+14255550199' }))
    index.add(lead('noname', { mobilePhone: '425.555.0199' }))
    const probe = lead('probe', { firstName: 'Ann', lastName: 'Lee', businessPhone: switchboard })
    expect(ids(index.match(probe))).toEqual(['ann', 'anne', 'noname'])
    expect(index.clusters().map((c) => c.ids)).toEqual([['ann', 'anne', 'noname']])
    const off = createDuplicateIndex<Lead>(createDefaultLeadRules({ defaultRegion: 'US', confirmByName: false }))
    for (const id of ['ann', 'tom', 'anne', 'noname']) off.add(index.get(id) as Lead)
    expect(ids(off.match(probe))).toEqual(['ann', 'anne', 'noname', 'tom'])
  })

  it('uses Dataverse matchcode rules as exact keys', () => {
    const rule = parseDuplicateRule({
      name: 'Same last name and city',
      baseEntity: 'lead',
      matchingEntity: 'lead',
      conditions: [
        { baseField: 'lastName', operator: 'same-first-characters', characters: 3 },
        { baseField: 'address.city', operator: 'exact' },
      ],
    })
    const index = createDuplicateIndex<Lead>([rule])
    index.add(lead('a', { lastName: 'Smithers', address: { city: 'Seattle' } }))
    index.add(lead('b', { lastName: 'Smith', address: { city: 'Redmond' } }))
    expect(ids(index.match(lead('c', { lastName: 'SMI', address: { city: 'seattle' } })))).toEqual(['a'])
  })

  it('honours the seller\'s "not a duplicate" decisions and custom blocking keys', () => {
    const index = createDuplicateIndex<Lead>(rules, { findOptions: { notDuplicates: [['l1', 'l4']] } })
    index.add(sameEmail)
    expect(index.match(robert)).toEqual([])
    const none = createDuplicateIndex<Lead>(rules, { blockingKeys: () => [] })
    none.add(bob)
    expect(none.match(robert)).toEqual([])
  })

  it('keeps id lookups right through growth, removals and re-adds', () => {
    const index = createDuplicateIndex<Lead>(rules)
    for (let i = 0; i < 5000; i += 1) index.add(lead(`l${i}`, { lastName: `Name${i}` }))
    expect(index.size).toBe(5000)
    for (let i = 0; i < 5000; i += 2) expect(index.remove(`l${i}`)).toBe(true)
    expect(index.remove('l0')).toBe(false)
    expect(index.size).toBe(2500)
    expect(index.get('l2')).toBeUndefined()
    expect(index.get('l3')?.lastName).toBe('Name3')
    // Removed ids leave markers in the table; adding many more must reuse or clear them and never lose a live id.
    for (let round = 0; round < 3; round += 1) {
      for (let i = 0; i < 5000; i += 2) index.add(lead(`l${i}`, { lastName: `Round${round}` }))
      expect(index.size).toBe(5000)
      for (let i = 0; i < 5000; i += 2) index.remove(`l${i}`)
    }
    expect(index.size).toBe(2500)
    for (let i = 1; i < 5000; i += 2) expect(index.get(`l${i}`)?.lastName).toBe(`Name${i}`)
    for (let i = 0; i < 5000; i += 2) expect(index.get(`l${i}`)).toBeUndefined()
    expect(() => index.add(lead('l4999'))).toThrowError(expect.objectContaining({ code: 'invalid_value', path: ['id'] }))
    index.update(lead('l4999', { lastName: 'Updated' }))
    expect(index.get('l4999')?.lastName).toBe('Updated')
    expect(index.size).toBe(2500)
  })

  it('gives the same answers with a capacity hint, below and beyond it', () => {
    const people = Array.from({ length: 300 }, (_, i) =>
      lead(`p${i}`, {
        firstName: ['Robert', 'Bob', 'Anna', 'Ann'][i % 4],
        lastName: `Smith${i % 37}`,
        companyName: i % 3 === 0 ? 'Contoso Ltd' : 'Fabrikam Inc',
        email: `person${i % 50}@contoso.com`,
        businessPhone: `206555${String(1000 + (i % 60))}`,
      }),
    )
    const plain = createDuplicateIndex<Lead>(rules)
    const hinted = createDuplicateIndex<Lead>(rules, { expectedRecords: 100 })
    for (const person of people) {
      plain.add(person)
      hinted.add(person)
    }
    expect(hinted.size).toBe(300)
    const probe = lead('probe', { firstName: 'Bob', lastName: 'Smith3', companyName: 'CONTOSO', email: 'person3@contoso.com' })
    expect(hinted.match(probe).map((m) => m.record.id)).toEqual(plain.match(probe).map((m) => m.record.id))
    expect(hinted.match(probe).length).toBeGreaterThan(0)
    expect(hinted.clusters()).toEqual(plain.clusters())
  })

  it('finds through its hashed default keys exactly what the key strings of duplicateBlockingKeys find', () => {
    const firstNames = ['Robert', 'Bob', 'Bobby', 'Katherine', 'Kathy', 'Chris', '', 'Zoë']
    const lastNames = ['Smith', 'Smyth', "O'Brien", 'Obrien', 'Müller', '']
    const companies = ['Contoso Ltd', 'CONTOSO', 'Contoso Pharmaceuticals Inc', 'Fabrikam', undefined]
    const emails = ['a@contoso.com', 'b@Contoso.COM', ' c@gmail.com ', 'd@fabrikam.com', 'bad', undefined]
    const people = Array.from({ length: 240 }, (_, i) => {
      const companyName = companies[i % 5]
      const email = emails[(i * 7) % 6]
      return lead(`k${i}`, {
        firstName: firstNames[i % 8] as string,
        lastName: lastNames[(i * 3) % 6] as string,
        ...(companyName === undefined ? {} : { companyName }),
        ...(email === undefined ? {} : { email }),
      })
    })
    // Eight given names on 240 leads make every name ambiguous and common: keep the fuzzy links so there are some to
    // compare.
    const keepAll = { maxAlikeGroups: 1_000, maxExpectedNamesakes: Infinity }
    const hashed = createDuplicateIndex<Lead>(rules, keepAll)
    const stringKeyed = createDuplicateIndex<Lead>(rules, { blockingKeys: (r) => duplicateBlockingKeys(r), ...keepAll })
    for (const person of people) {
      hashed.add(person)
      stringKeyed.add(person)
    }
    for (const person of people.slice(0, 60)) {
      expect(hashed.match(person).map((m) => m.record.id)).toEqual(stringKeyed.match(person).map((m) => m.record.id))
    }
    expect(hashed.clusters()).toEqual(stringKeyed.clusters())
    // The fuzzy rules, which only the blocking keys feed, found pairs too.
    const rulesUsed = new Set(hashed.clusters().flatMap((c) => c.pairs.map((p) => p.rule)))
    expect(rulesUsed).toContain('Leads with a similar name and a similar company name')
  })

  it('rejects bad input', () => {
    const index = createDuplicateIndex<Lead>(rules)
    index.add(robert)
    expect(() => index.add(robert)).toThrowError(LeadkitError)
    expect(() => index.add({ id: '' } as Lead)).toThrowError(expect.objectContaining({ code: 'invalid_type', path: ['id'] }))
    expect(() => index.add(robert)).toThrowError(expect.objectContaining({ code: 'invalid_value', path: ['id'] }))
    expect(() => createDuplicateIndex(rules, { maxBlockSize: 0 })).toThrowError(expect.objectContaining({ code: 'invalid_value', path: ['maxBlockSize'] }))
    for (const expectedRecords of [-1, 1.5, Number.NaN, 50_000_001]) {
      expect(() => createDuplicateIndex(rules, { expectedRecords })).toThrowError(expect.objectContaining({ code: 'invalid_value', path: ['expectedRecords'] }))
    }
  })

  it('clusters no lead that is alike to more than maxAlikeGroups others: a name shared by many identifies none', () => {
    // Six John Smiths at MegaCorp, each with a personal address of their own and no phone: nothing tells them apart,
    // so nothing says which are one person.
    const smiths = Array.from({ length: 6 }, (_, i) => lead(`smith-${i}`, { firstName: 'John', lastName: 'Smith', companyName: 'MegaCorp', email: `js${i}@gmail.com` }))
    // Robert Smith at Contoso and two noisy copies of him: alike to two others each.
    const roberts = [
      lead('robert-1', { firstName: 'Robert', lastName: 'Smith', companyName: 'Contoso Ltd' }),
      lead('robert-2', { firstName: 'Bob', lastName: 'Smith', companyName: 'CONTOSO' }),
      lead('robert-3', { firstName: 'Robert', lastName: 'Smyth', companyName: 'Contoso' }),
    ]
    const ids = (clusters: readonly { ids: readonly string[] }[]) => clusters.map((cluster) => [...cluster.ids].sort())
    const index = createDuplicateIndex<Lead>(rules)
    for (const record of [...smiths, ...roberts]) index.add(record)
    expect(ids(index.clusters())).toEqual([['robert-1', 'robert-2', 'robert-3']])
    // match() still lists every match: a seller looking at one John Smith sees the five others.
    expect(index.match(smiths[0] as Lead)).toHaveLength(5)
    // (Six John Smiths among nine leads also make the name common at MegaCorp: maxExpectedNamesakes, off here.)
    const lenient = createDuplicateIndex<Lead>(rules, { maxAlikeGroups: 5, maxExpectedNamesakes: Infinity })
    for (const record of [...smiths, ...roberts]) lenient.add(record)
    expect(ids(lenient.clusters())).toEqual([smiths.map((s) => s.id), ['robert-1', 'robert-2', 'robert-3']])
    for (const maxAlikeGroups of [0, 1.5, Number.NaN]) {
      expect(() => createDuplicateIndex(rules, { maxAlikeGroups })).toThrowError(expect.objectContaining({ code: 'invalid_value', path: ['maxAlikeGroups'] }))
    }
  })

  it('groups no one by a name that is common where they work, and still groups by it at a small company (issue 12)', () => {
    // MegaCorp: 400 leads, half of them called James and half Smith (each with a direct line of their own, so none is
    // alike to another), among whom two different James Smiths with a personal address each and no phone: about
    // 400 × ½ × ½ = 100 other James Smiths are expected there by chance, so name and company say nothing about which
    // is which. The old clustering joined the two, and a third James Smith with them.
    const given = ['Oliver', 'Harper', 'Dorothy', 'Wendell', 'Priya', 'Gustav', 'Beatrix', 'Ingrid', 'Rafael', 'Yvonne']
    const surnames = ['Abbott', 'Kowalczyk', 'Okafor', 'Lindqvist', 'Hargreaves', 'Nakamura', 'Delacroix', 'Brennan', 'Fitzgerald', 'Ruiz']
    const filler = Array.from({ length: 400 }, (_, i) =>
      lead(`filler-${i}`, {
        firstName: i % 2 === 0 ? 'James' : (given[(i >> 1) % given.length] as string),
        lastName: i % 2 === 1 ? 'Smith' : (surnames[(i >> 1) % surnames.length] as string),
        companyName: 'MegaCorp Inc.',
        businessPhone: `+1 206 555 ${String(1000 + i)}`,
      }),
    )
    const subjects = [
      // Two different people at MegaCorp: nothing but the name and the company in common.
      lead('james-1', { firstName: 'James', lastName: 'Smith', companyName: 'MegaCorp', email: 'jsmith.home@gmail.com' }),
      lead('james-2', { firstName: 'James', lastName: 'Smith', companyName: 'MegaCorp Inc.', email: 'james.s77@yahoo.com' }),
      // A third, whose two leads share an address: an identifier groups them whatever the name.
      lead('james-3', { firstName: 'James', lastName: 'Smith', companyName: 'MegaCorp Inc.', email: 'james.smith@megacorp.com' }),
      lead('james-4', { firstName: 'JAMES', lastName: 'SMITH', companyName: 'MEGACORP', email: 'James.Smith@megacorp.com' }),
      // A rare name at MegaCorp: a work address on one lead, a personal one on its copy; name and company suffice.
      lead('quentin-1', { firstName: 'Quentin', lastName: 'Zabriskie', companyName: 'MegaCorp Inc.', email: 'quentin.zabriskie@megacorp.com' }),
      lead('quentin-2', { firstName: 'Quentin', lastName: 'Zabriskie', companyName: 'MEGACORP', email: 'qz1970@gmail.com' }),
      // James Smith at a two-lead bakery: nobody else there to be confused with.
      lead('james-5', { firstName: 'James', lastName: 'Smith', companyName: 'Tiny Bakery', email: 'jim.bakes@gmail.com' }),
      lead('james-6', { firstName: 'Jim', lastName: 'Smith', companyName: 'Tiny Bakery LLC', email: 'jsmith.bakery@outlook.com' }),
    ]
    const groups = (index: ReturnType<typeof createDuplicateIndex<Lead>>) => index.clusters().map((cluster) => [...cluster.ids].sort())
    const index = createDuplicateIndex<Lead>(rules, { hashSeed: 1 })
    const before = createDuplicateIndex<Lead>(rules, { hashSeed: 1, maxExpectedNamesakes: Infinity })
    // Custom blocking keys: the names are then counted from the records, not from what the index kept when filing.
    const stringKeyed = createDuplicateIndex<Lead>(rules, { hashSeed: 1, blockingKeys: (r) => duplicateBlockingKeys(r) })
    for (const record of [...subjects, ...filler]) {
      index.add(record)
      before.add(record)
      stringKeyed.add(record)
    }
    // An update files the record's name again (james-2 leaves MegaCorp and comes back).
    index.update({ ...(subjects[1] as Lead), companyName: 'Elsewhere' })
    index.update(subjects[1] as Lead)
    expect(groups(index)).toEqual([['james-3', 'james-4'], ['quentin-1', 'quentin-2'], ['james-5', 'james-6']])
    expect(groups(stringKeyed)).toEqual(groups(index))
    // Without the test (the clustering before it): two people, then a third, joined on name and company alone.
    expect(groups(before)).toContainEqual(['james-1', 'james-2', 'james-3', 'james-4'])
    // match() still shows the seller every James Smith at MegaCorp a lead might be, with the rule that matched.
    const matched = index.match(subjects[0] as Lead)
    expect(ids(matched)).toEqual(['james-2', 'james-3', 'james-4'])
    expect(matched[0]?.rule).toBe(DEFAULT_LEAD_RULE_NAMES.similarNameAndCompany)
    for (const maxExpectedNamesakes of [-1, Number.NaN]) {
      expect(() => createDuplicateIndex(rules, { maxExpectedNamesakes })).toThrowError(expect.objectContaining({ code: 'invalid_value', path: ['maxExpectedNamesakes'] }))
    }
  })

  it('does not mutate the records it indexes', () => {
    const record = lead('m', { firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso' })
    const before = JSON.stringify(record)
    const index = createDuplicateIndex<Lead>(rules)
    index.add(record)
    index.match(robert)
    index.clusters()
    index.remove('m')
    expect(JSON.stringify(record)).toBe(before)
    expect(Object.isFrozen(record)).toBe(false)
  })

  // Small pools make collisions (same emails, phones, similar names and companies) frequent.
  const arbitraryLead = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
    firstName: fc.option(fc.constantFrom('Robert', 'Bob', 'ROB', 'Elizabeth', 'Liz', 'Smith', 'Ann'), { nil: undefined }),
    lastName: fc.option(fc.constantFrom('Smith', 'Smyth', 'Murphy', 'Merphy', 'Robert', 'Jones'), { nil: undefined }),
    companyName: fc.option(fc.constantFrom('Contoso', 'Contoso Ltd', 'CONTOSO Limited', 'Fabrikam Inc.', 'Fabrikam', 'Northwind'), { nil: undefined }),
    email: fc.option(fc.constantFrom('bob@contoso.com', 'BOB@contoso.com', 'liz@fabrikam.com', 'x@gmail.com', 'y@gmail.com', 'ann@contoso.com'), { nil: undefined }),
    businessPhone: fc.option(fc.constantFrom('+14255550100', '(425) 555-0100', '+14255550199'), { nil: undefined }),
    mobilePhone: fc.option(fc.constantFrom('425.555.0100', '+442079460000'), { nil: undefined }),
    state: fc.constantFrom('open', 'open', 'open', 'disqualified') as fc.Arbitrary<Lead['state']>,
  })
  const action = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), lead: arbitraryLead }),
    fc.record({ kind: fc.constant('remove' as const), id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h') }),
  )

  it('agrees with brute-force findDuplicates under add, remove and update (property)', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), arbitraryLead, (actions, probe) => {
        const index = createDuplicateIndex<Lead>(rules)
        const live = new Map<string, Lead>()
        for (const step of actions) {
          if (step.kind === 'remove') {
            expect(index.remove(step.id)).toBe(live.delete(step.id))
          } else {
            const record = lead(step.lead.id, step.lead)
            if (live.has(record.id)) index.update(record)
            else index.add(record)
            live.set(record.id, record)
          }
        }
        expect(index.size).toBe(live.size)
        const all = [...live.values()]
        const probeLead = lead('probe', probe)
        const brute = findDuplicates(probeLead, all, rules)
        // Every rule that fired, too: the index runs no matchcode rule on a candidate found under no exact code.
        const summary = (matches: readonly DuplicateMatch<Lead>[]) => matches.map((m) => JSON.stringify([m.record.id, m.rule, m.score, m.rules])).sort()
        expect(summary(index.match(probeLead))).toEqual(summary(brute))
        // With codes shared past maxSharedBy: a shared code matches nobody, but its holders' other codes still do.
        const tight = createDuplicateIndex<Lead>(tightRules)
        for (const record of all) tight.add(record)
        expect(summary(tight.match(probeLead))).toEqual(summary(findDuplicates(probeLead, all, tightRules)))
        // Clusters: every listed link is a real match one way or the other, each cluster is a tree of its links,
        // pairsOf lists exactly the real matches inside a cluster, and records sharing an identifying code always
        // end up together.
        const brutePairs = new Set<string>()
        for (const x of all) for (const m of findDuplicates(x, all, rules)) brutePairs.add([x.id, m.record.id].sort().join('-'))
        const clusterOf = new Map<string, number>()
        index.clusters().forEach((cluster, c) => {
          for (const id of cluster.ids) clusterOf.set(id, c)
          expect(cluster.pairs).toHaveLength(cluster.ids.length - 1)
          for (const pair of cluster.pairs) expect(brutePairs.has([pair.a, pair.b].sort().join('-'))).toBe(true)
          const inside = new Set(index.pairsOf(cluster).map((p) => [p.a, p.b].sort().join('-')))
          const expected = [...brutePairs].filter((key) => key.split('-').every((id) => cluster.ids.includes(id)))
          expect([...inside].sort()).toEqual(expected.sort())
        })
        // A code without a confirm comparator (the email rule) always joins its records; the phone rule confirms by
        // name, so a shared number whose holders' names contradict joins each only where the names agree.
        for (const x of all) {
          for (const m of findDuplicates(x, all, rules)) {
            if (m.rules.includes(DEFAULT_LEAD_RULE_NAMES.sameEmail)) expect(clusterOf.get(x.id)).toBe(clusterOf.get(m.record.id) ?? -1)
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('issue 13: index.add is all-or-nothing', () => {
  const first = ['Robert', 'Bob', 'Alice', 'Jon', 'John', 'Ann', 'Anna']
  const last = ['Smith', 'Smyth', 'Jones', 'Brown']
  const companies = ['Contoso Ltd', 'CONTOSO', 'Fabrikam', undefined]
  const leadArb = (id: string) =>
    fc
      .record({
        firstName: fc.constantFrom(...first),
        lastName: fc.constantFrom(...last),
        companyName: fc.constantFrom(...companies),
        email: fc.constantFrom('bob@contoso.com', 'ann@fabrikam.com', undefined),
        businessPhone: fc.constantFrom('+1 425 555 0100', undefined),
      })
      .map((fields) => lead(id, Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<Lead>))

  /** `record` behind a proxy whose `throwAt`-th property read throws (a getter that fails part-way). */
  function failingAt<T extends object>(record: T, throwAt: number): T {
    let reads = 0
    return new Proxy(record, {
      get(target, key, receiver) {
        reads += 1
        if (reads === throwAt) throw new Error(`read ${reads} failed`)
        return Reflect.get(target, key, receiver) as unknown
      },
    })
  }

  function observe(index: ReturnType<typeof createDuplicateIndex<Lead>>, probes: readonly Lead[]) {
    return {
      size: index.size,
      stats: (({ comparisons: _, ...rest }) => rest)(index.stats()),
      ids: probes.map((probe) => index.get(probe.id)?.id ?? null),
      matches: probes.map((probe) => ids(index.match(probe))),
      clusters: index.clusters().map((cluster) => [...cluster.ids].sort()),
    }
  }

  it('issue 13: index.add is all-or-nothing: a failing add or update leaves the same size and the same matches', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1_000_000), { minLength: 4, maxLength: 14 }).chain((seeds) =>
          fc.tuple(fc.tuple(...seeds.map((_, i) => leadArb(`l${i}`))), leadArb('new'), fc.integer({ min: 1, max: 40 }), fc.boolean()),
        ),
        ([stored, incoming, throwAt, asUpdate]) => {
          // maxBlockSize 2: blocks go past the bound and into sorted neighbourhoods, the part that read names late.
          const index = createDuplicateIndex<Lead>(rules, { maxBlockSize: 2, neighbourhood: 1, hashSeed: 7 })
          for (const record of stored) index.add(record)
          const target = asUpdate ? { ...incoming, id: (stored[0] as Lead).id } : incoming
          const before = observe(index, [...stored, incoming])
          let threw: unknown
          try {
            if (asUpdate) index.update(failingAt(target, throwAt))
            else index.add(failingAt(target, throwAt))
          } catch (error) {
            threw = error
          }
          if (threw === undefined) return
          expect(threw).toBeInstanceOf(LeadkitError)
          expect(observe(index, [...stored, incoming])).toEqual(before)
          // And the index still works: the same record, readable now, goes in.
          if (asUpdate) index.update(target)
          else index.add(target)
          expect(index.get(target.id)).toBe(target)
        },
      ),
      { numRuns: 150 },
    )
  })

  it('issue 13: index.add is all-or-nothing for a 200,000-character first name and for bad input', () => {
    const index = createDuplicateIndex<Lead>(rules, { maxBlockSize: 2, hashSeed: 7 })
    const stored = ['a', 'b', 'c'].map((id) => lead(id, { firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso' }))
    for (const record of stored) index.add(record)
    const huge = lead('huge', { firstName: 'A'.repeat(200_000), lastName: 'Smith', companyName: 'Contoso' })
    const before = observe(index, [...stored, huge])
    const bad = [null, {}, { id: '' }, { id: 42 }] as unknown as Lead[]
    for (const record of [...bad, lead('a')]) {
      expect(() => index.add(record)).toThrow(LeadkitError)
      expect(observe(index, [...stored, huge])).toEqual(before)
    }
    for (const record of [...bad, failingAt(lead('a', { firstName: 'Ann' }), 3)]) {
      expect(() => index.update(record)).toThrow(LeadkitError)
      expect(observe(index, [...stored, huge])).toEqual(before)
    }
    // A huge name is either filed whole or refused whole.
    try {
      index.add(huge)
      expect(index.get('huge')).toBe(huge)
      expect(index.size).toBe(4)
    } catch (error) {
      expect(error).toBeInstanceOf(LeadkitError)
      expect(observe(index, [...stored, huge])).toEqual(before)
    }
    try {
      index.update({ ...stored[1], firstName: 'B'.repeat(200_000) } as Lead)
      expect(index.get('b')?.firstName).toHaveLength(200_000)
    } catch (error) {
      expect(error).toBeInstanceOf(LeadkitError)
    }
  })
})
