// Issue 13, item 3: repositories find duplicates by themselves. Keys come from the duplicate rules, so an app that
// never writes a key function still gets warnings on qualify and blocks on create; a rule's properties change them.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import { findDuplicates } from '../../src/duplicates/findDuplicates.js'
import { findQualificationDuplicates } from '../../src/duplicates/findQualificationDuplicates.js'
import { parseDuplicateRules } from '../../src/duplicates/parseDuplicateRule.js'
import { resolveDuplicateRules } from '../../src/duplicates/resolveDuplicateRules.js'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { duplicateKeysFromRules } from '../../src/persistence/duplicateKeysFromRules.js'
import type { DuplicateKeysFunction } from '../../src/persistence/types.js'
import type { Account, Contact, Lead } from '../../src/records/types.js'
import { parseQualificationSettings } from '../../src/settings/index.js'
import { sameFieldRule } from '../support/duplicateRules.js'
import { runScenario, scenarioLead, scenarioRecords, seedScenario } from '../support/duplicateKeysScenario.js'
import { catchLeadkitError } from '../support/errors.js'

const automatic = { recordCreation: { account: 'automatic', contact: 'automatic', opportunity: 'automatic' }, defaultCurrency: 'USD' }
const settings = parseQualificationSettings(automatic)
const usSettings = parseQualificationSettings({ ...automatic, defaultPhoneRegion: 'US' })

const NOW = '2026-01-01T00:00:00.000Z'
const shares = (a: readonly string[], b: readonly string[]): boolean => a.some((key) => b.includes(key))

describe('an app that never writes a key function (in memory)', () => {
  it('gets duplicate warnings on qualify and a block on create from the built-in rules, with no options at all', async () => {
    const repositories = createInMemoryRepositories()
    await seedScenario(repositories)
    const outcome = await runScenario(repositories, settings)
    expect(outcome.ana).toMatchObject({ status: 'needs-input', decisions: ['duplicate-warning'], blockers: [] })
    expect(outcome.ana.found.accounts).toContain('acc-contoso')
    expect(outcome.ana.found.contacts).toEqual(['con-ana'])
    expect(outcome.bob).toMatchObject({ status: 'blocked', blockers: ['duplicate_lead'] })
    expect(outcome.bob.found.leads).toContain('lead-bob')
    expect(outcome.create.blockedBy).toContain('lead-bob')
    // The keys miss nothing the same checks find among every stored record.
    expect(outcome.ana.found).toEqual(outcome.ana.foundInAll)
    expect(outcome.bob.found).toEqual(outcome.bob.foundInAll)
  })

  it('follows the settings it is given (duplicateRules), and finds what the checks find among every record', async () => {
    const repositories = createInMemoryRepositories({ duplicateRules: usSettings })
    await seedScenario(repositories)
    const outcome = await runScenario(repositories, usSettings)
    expect(outcome.ana.decisions).toEqual(['duplicate-warning'])
    expect(outcome.bob.blockers).toEqual(['duplicate_lead'])
    expect(outcome.create.blockedBy).toContain('lead-bob')
    expect(outcome.ana.found).toEqual(outcome.ana.foundInAll)
    expect(outcome.bob.found).toEqual(outcome.bob.foundInAll)
  })

  it('lets a host function win: keys of its own, and no candidates when it gives none', async () => {
    const none: DuplicateKeysFunction = () => []
    const repositories = createInMemoryRepositories({ duplicateKeys: none, duplicateRules: settings })
    await seedScenario(repositories)
    const outcome = await runScenario(repositories, settings)
    expect(outcome.ana.candidates).toEqual({ leads: [], accounts: [], contacts: [] })
    expect(outcome.ana.status).toBe('ready')
    expect(outcome.create.blockedBy).toEqual([])
  })

  it('refuses rules it cannot use, at options.duplicateRules', () => {
    const copied = { ...settings }
    expect(catchLeadkitError(() => createInMemoryRepositories({ duplicateRules: copied }))).toMatchObject({
      code: 'invalid_type',
      path: ['options', 'duplicateRules'],
    })
    const bad = [{ name: 'x', baseEntity: 'lead', conditions: [] }] as never
    expect(catchLeadkitError(() => createInMemoryRepositories({ duplicateRules: bad })).code).toBe('invalid_rule')
  })
})

describe('duplicateKeysFromRules', () => {
  const lead = (id: string, fields: Partial<Lead>) => scenarioLead(id, fields)

  it('files a record under each code of each exact rule and looks up the same codes from the other side', () => {
    const keys = duplicateKeysFromRules(usSettings)
    const stored = lead('l-1', { firstName: 'Ana', lastName: 'Ruiz', email: 'Ana.Ruiz@Contoso.example', businessPhone: '+1 425 555 0100' })
    const incoming = lead('l-2', { lastName: 'Ruiz', email: ' ana.ruiz@contoso.example', mobilePhone: '(425) 555-0100' })
    const filed = keys('lead', stored)
    expect(filed.some((key) => key.endsWith(':ana.ruiz@contoso.example'))).toBe(true)
    expect(filed.some((key) => key.endsWith(':+14255550100'))).toBe(true)
    expect(filed.every((key) => key.length < 260)).toBe(true)
    const lookup = keys.candidateKeys('lead', incoming).lead
    expect(lookup.filter((key) => filed.includes(key)).length).toBeGreaterThanOrEqual(2)
    // Stable: another key function from the same rules (another process) gives the same keys.
    expect(duplicateKeysFromRules(usSettings)('lead', stored)).toEqual(filed)
  })

  it('gives every pair an exact rule matches a shared key, and every pair the duplicate index matches (property)', () => {
    const rules = createDefaultLeadRules({ defaultRegion: 'US' })
    const keys = duplicateKeysFromRules(rules)
    const leadArb = (id: string) =>
      fc
        .record({
          firstName: fc.constantFrom('Bob', 'Robert', 'Ana', 'Anna', 'Jon', undefined),
          lastName: fc.constantFrom('Smith', 'SMYTH', 'Ruiz', 'Jones'),
          companyName: fc.constantFrom('Contoso Ltd', 'CONTOSO', 'Fabrikam', undefined),
          email: fc.constantFrom('bob@contoso.com', 'BOB@contoso.com ', 'ana@fabrikam.com', 'x@gmail.com', undefined),
          businessPhone: fc.constantFrom('+1 425 555 0100', '(425) 555-0100', '+44 20 7946 0958', undefined),
          mobilePhone: fc.constantFrom('425.555.0100', undefined),
        })
        .map((fields) => lead(id, JSON.parse(JSON.stringify(fields)) as Partial<Lead>))
    fc.assert(
      fc.property(leadArb('a'), fc.array(leadArb('b'), { minLength: 1, maxLength: 6 }), (record, others) => {
        const candidates = others.map((other, i) => ({ ...other, id: `b-${i}` }))
        const lookup = keys.candidateKeys('lead', record).lead
        const index = createDuplicateIndex<Lead>(rules, { hashSeed: 3 })
        for (const candidate of candidates) index.add(candidate)
        for (const match of index.match(record)) expect(shares(lookup, keys('lead', match.record))).toBe(true)
        const exact = rules.filter((rule) => rule.kind !== 'fuzzy')
        for (const match of findDuplicates(record, candidates, exact)) {
          expect(shares(lookup, keys('lead', match.record))).toBe(true)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('finds through keys what qualification finds among every record, under random settings rules (property)', () => {
    const value = fc.constantFrom(undefined, 'Lee', 'LEE', ' lee ', 'lee@contoso.com', 'Contoso', '2026-03-01')
    const condition = fc.record({
      baseField: fc.constantFrom('email', 'lastName', 'companyName', 'address.city'),
      matchingField: fc.constantFrom('email', 'lastName', 'name', 'address.city', 'firstName'),
      operator: fc.constantFrom('exact', 'same-first-characters', 'same-last-characters'),
      ignoreBlankValues: fc.boolean(),
    })
    const ruleArb = fc.record({
      baseEntity: fc.constantFrom('lead', 'account', 'contact'),
      matchingEntity: fc.constantFrom('lead', 'account', 'contact'),
      conditions: fc.array(condition, { minLength: 1, maxLength: 2 }),
      caseSensitive: fc.boolean(),
      published: fc.boolean(),
    })
    // Person names are letters: a name with none has no sound, and neither a duplicate index nor these keys block
    // a fuzzy pair by it (all-pairs qualification would still compare it).
    const personName = fc.constantFrom(undefined, 'Lee', 'LEE', ' lee ', 'Contoso')
    const fieldsArb = fc.record({ email: value, lastName: personName, companyName: value, name: value, firstName: personName, city: value })
    const plain = ({ city, ...fields }: Record<string, string | undefined>) =>
      JSON.parse(JSON.stringify({ ...fields, ...(city === undefined ? {} : { address: { city } }) })) as Record<string, unknown>
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 4 }), fieldsArb, fc.array(fieldsArb, { minLength: 1, maxLength: 5 }), (rules, own, others) => {
        const json = rules.map((rule, i) => ({
          name: `Rule ${i}`,
          ...rule,
          conditions: rule.conditions.map((c) => (c.operator === 'exact' ? { ...c } : { ...c, characters: 2 })),
        }))
        const parsed = (() => {
          try {
            return parseQualificationSettings({ duplicateDetection: { rules: json } })
          } catch {
            return undefined // more than 5 published rules of a type: not a setting an admin can save
          }
        })()
        if (parsed === undefined) return
        const keys = duplicateKeysFromRules(parsed)
        const lead = scenarioLead('base', plain(own) as Partial<Lead>)
        const stored = {
          leads: others.map((fields, i) => scenarioLead(`l-${i}`, plain(fields) as Partial<Lead>)),
          accounts: others.map((fields, i) => {
            // An account has no person names: its name, email, website.
            const { lastName: _l, firstName: _f, companyName: _c, ...own } = plain(fields)
            return { id: `a-${i}`, createdOn: NOW, modifiedOn: NOW, version: 1, state: 'active', ...own, name: fields.name ?? 'X' } as unknown as Account
          }),
          contacts: others.map((fields, i) => ({ ...scenarioLead(`c-${i}`), state: 'active', ...plain(fields) }) as unknown as Contact),
        }
        const lookup = keys.candidateKeys('lead', lead)
        const byKey = {
          leads: stored.leads.filter((r) => shares(lookup.lead, keys('lead', r))),
          accounts: stored.accounts.filter((r) => shares(lookup.account, keys('account', r))),
          contacts: stored.contacts.filter((r) => shares(lookup.contact, keys('contact', r))),
        }
        const everywhere = findQualificationDuplicates(lead, stored, { settings: parsed })
        const fromCandidates = findQualificationDuplicates(lead, byKey, { settings: parsed })
        const idsOf = (list: readonly { record: { id: string } }[] | undefined) => (list ?? []).map((d) => d.record.id).sort()
        for (const type of ['leads', 'accounts', 'contacts'] as const) {
          expect(idsOf(fromCandidates[type])).toEqual(idsOf(everywhere[type]))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('changes with the rule: unpublished gives no keys, ignore blanks and case sensitivity change them', () => {
    const rule = (extra: Record<string, unknown>) =>
      parseQualificationSettings({
        duplicateDetection: {
          rules: [
            {
              name: 'Same surname and city',
              baseEntity: 'lead',
              conditions: [
                { baseField: 'lastName', operator: 'exact' },
                { baseField: 'address.city', operator: 'exact', ignoreBlankValues: false },
              ],
              ...extra,
            },
          ],
        },
      })
    const noCity = lead('l-1', { lastName: 'Smith' })
    const sameNoCity = lead('l-2', { lastName: 'SMITH' })
    const published = duplicateKeysFromRules(rule({}))
    expect(published('lead', noCity)).toHaveLength(1)
    expect(published.candidateKeys('lead', sameNoCity).lead).toEqual(published('lead', noCity))

    // Unpublished: the settings' lead rules are all off, so leads get no keys (and no built-in rules either).
    const unpublished = duplicateKeysFromRules(rule({ published: false }))
    expect(unpublished('lead', noCity)).toEqual([])
    expect(unpublished.candidateKeys('lead', sameNoCity).lead).toEqual([])

    // Ignore blank values: a blank city no longer matches a blank city, so it gives no key.
    const blankCondition = { baseField: 'address.city', operator: 'exact', ignoreBlankValues: true }
    const ignoring = duplicateKeysFromRules(
      rule({ conditions: [{ baseField: 'lastName', operator: 'exact' }, blankCondition] }),
    )
    expect(ignoring('lead', noCity)).toEqual([])
    const withCity = lead('l-3', { lastName: 'Smith', address: { city: 'Seattle' } })
    expect(ignoring('lead', withCity)).toHaveLength(1)

    // Case sensitivity: Smith and SMITH share a key only when case does not matter.
    const sensitive = duplicateKeysFromRules(rule({ caseSensitive: true }))
    expect(shares(sensitive.candidateKeys('lead', sameNoCity).lead, sensitive('lead', noCity))).toBe(false)
    expect(shares(published.candidateKeys('lead', sameNoCity).lead, published('lead', noCity))).toBe(true)

    // Detection off: no keys at all.
    const off = duplicateKeysFromRules(parseQualificationSettings({ duplicateDetection: { enabled: false } }))
    expect(off('lead', noCity)).toEqual([])
    expect(off.candidateKeys('lead', noCity)).toEqual({ lead: [], account: [], contact: [] })
  })

  it('keys the same records the same way whatever the rule is named, and lists of rules work like settings', () => {
    const renamed = parseDuplicateRules([sameFieldRule('Another name', 'lead', 'email')])
    const original = parseDuplicateRules([sameFieldRule('Same email', 'lead', 'email')])
    const record = lead('l-1', { email: 'ana@contoso.example' })
    expect(duplicateKeysFromRules(renamed)('lead', record)).toEqual(duplicateKeysFromRules(original)('lead', record))
    const fromSettings = duplicateKeysFromRules(parseQualificationSettings({ duplicateDetection: { rules: [sameFieldRule('Same email', 'lead', 'email')] } }))
    expect(fromSettings('lead', record)).toEqual(duplicateKeysFromRules(original)('lead', record))
  })

  it('files a 200,000-character value under a short hashed key, and a record the rules cannot read under none', () => {
    const keys = duplicateKeysFromRules(parseDuplicateRules([sameFieldRule('Same first name', 'lead', 'firstName')]))
    const huge = lead('l-1', { firstName: 'A'.repeat(200_000) })
    const [key, ...rest] = keys('lead', huge)
    expect(rest).toEqual([])
    expect(key?.length).toBeLessThan(40)
    expect(keys.candidateKeys('lead', lead('l-2', { firstName: 'a'.repeat(200_000) })).lead).toEqual([key])
    expect(keys('lead', lead('l-3', {}))).toEqual([])
  })

  it('looks up the account and contact a lead would become, with the built-in account and contact rules', () => {
    const keys = duplicateKeysFromRules(settings)
    const { accounts, contacts } = scenarioRecords()
    const ana = lead('l-ana', { firstName: 'Ana', lastName: 'Ruiz', companyName: 'Contoso Coffee', email: 'ana.ruiz@contoso.example' })
    const lookup = keys.candidateKeys('lead', ana)
    const byKey = (list: readonly (Account | { id: string })[], entity: 'account' | 'contact', wanted: readonly string[]) =>
      list.filter((record) => shares(wanted, keys(entity, record as never))).map((record) => record.id)
    expect(byKey(accounts, 'account', lookup.account)).toContain('acc-contoso')
    expect(byKey(contacts, 'contact', lookup.contact)).toEqual(['con-ana'])
    // Keys of a record being created look up its own kind with its own rules.
    const newAccount = accounts.find((a) => a.id === 'acc-contoso') as Account
    const accountRules = resolveDuplicateRules(settings, 'account')
    const found = findDuplicates(newAccount, accounts.filter((a) => a.id !== newAccount.id), accountRules).map((m) => m.record.id)
    const candidates = byKey(accounts, 'account', keys.candidateKeys('account', newAccount).account)
    for (const id of found) expect(candidates).toContain(id)
  })

  it('is typed per record type, and refuses what it cannot key with a LeadkitError', () => {
    const keys = duplicateKeysFromRules()
    const account: Account = { ...scenarioLead('a-1'), name: 'Contoso', state: 'active' } as unknown as Account
    expect(keys('account', account).length).toBeGreaterThan(0)
    // @ts-expect-error an account's keys read an account, not a lead
    keys('account', scenarioLead('l-1'))
    const untyped = keys as unknown as (entity: string, record: unknown) => readonly string[]
    expect(catchLeadkitError(() => untyped('opportunity', account)).code).toBe('invalid_value')
    expect(catchLeadkitError(() => untyped('lead', null)).code).toBe('invalid_type')
    expect(catchLeadkitError(() => duplicateKeysFromRules({ ...settings })).code).toBe('invalid_type')
    const hostile = new Proxy(scenarioLead('l-1'), {
      get() {
        throw new Error('getter failed')
      },
    })
    expect(catchLeadkitError(() => keys('lead', hostile)).code).toBeDefined()
    expect(catchLeadkitError(() => keys.candidateKeys('lead', hostile)).code).toBeDefined()
  })
})
