// The admin's duplicate rules, end to end: what settings.duplicateDetection.rules say is what qualification and the
// create and update checks do. One test per rule property shows that changing the setting changes the outcome.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { DEFAULT_LEAD_RULE_NAMES } from '../../src/duplicates/defaultLeadRules.js'
import { findDuplicates } from '../../src/duplicates/findDuplicates.js'
import {
  findQualificationDuplicates,
  QUALIFICATION_DUPLICATE_RULES as BUILT_IN,
} from '../../src/duplicates/findQualificationDuplicates.js'
import { BUILT_IN_RULE_NAMES, resolveDuplicateRules } from '../../src/duplicates/resolveDuplicateRules.js'
import { planMerge } from '../../src/duplicates/planMerge.js'
import { applyPlan } from '../../src/persistence/applyPlan.js'
import { planQualification } from '../../src/qualification/planQualification.js'
import type { Account, Contact, Lead } from '../../src/records/types.js'
import { DEFAULT_QUALIFICATION_SETTINGS, parseQualificationSettings } from '../../src/settings/index.js'
import type { QualificationSettings } from '../../src/settings/types.js'
import { sameFieldRule } from '../support/duplicateRules.js'
import { catchLeadkitError } from '../support/errors.js'

const base = { createdOn: '2026-01-01T00:00:00Z', modifiedOn: '2026-01-01T00:00:00Z', version: 1 }
const now = '2026-03-01T10:00:00.000Z'

const lead: Lead = {
  ...base,
  id: 'lead-1',
  state: 'open',
  statusReason: 'new',
  topic: 'Coffee machines',
  firstName: 'Bob',
  lastName: 'Murphy',
  companyName: 'Contoso',
  email: 'bob.murphy@contoso.com',
}

const account = (id: string, fields: Partial<Account>): Account => ({
  ...base,
  id,
  name: 'Other',
  state: 'active',
  ...fields,
})
const contact = (id: string, fields: Partial<Contact>): Contact => ({
  ...base,
  id,
  lastName: 'X',
  state: 'active',
  ...fields,
})
const otherLead = (id: string, fields: Partial<Lead>): Lead => ({
  ...base,
  id,
  state: 'open',
  statusReason: 'new',
  ...fields,
})

/** Settings whose only rule is "accounts with the same account name", with these rule properties. */
function accountNameSettings(properties: Record<string, unknown> = {}): QualificationSettings {
  const rule = sameFieldRule('Accounts with the same account name', 'account', 'name', properties)
  return parseQualificationSettings({ duplicateDetection: { rules: [rule] } })
}

function accountIds(settings: QualificationSettings, accounts: readonly Account[], target: Lead = lead): string[] {
  return (findQualificationDuplicates(target, { accounts }, { settings }).accounts ?? []).map((d) => d.record.id)
}

describe('the settings’ rules decide what qualification finds', () => {
  it('runs a published settings rule instead of the built-in checks for that record type', () => {
    const accounts = [account('a-exact', { name: 'Contoso' }), account('a-legal', { name: 'Contoso Ltd' })]
    // Built in: a normalised company name, so "Contoso Ltd" is the same company.
    const builtIn = findQualificationDuplicates(lead, { accounts }, { settings: DEFAULT_QUALIFICATION_SETTINGS })
    expect(builtIn.accounts?.map((d) => [d.record.id, d.rule])).toEqual([
      ['a-exact', BUILT_IN.accountName],
      ['a-legal', BUILT_IN.accountName],
    ])
    // The admin's Dataverse rule: Exact Match on the account name the lead would become.
    const found = findQualificationDuplicates(lead, { accounts }, { settings: accountNameSettings() })
    const rule = 'Accounts with the same account name'
    expect(found.accounts?.map((d) => [d.record.id, d.rule])).toEqual([['a-exact', rule]])
  })

  it('published: an unpublished rule is off, and the built-in checks do not come back for its record type', () => {
    const accounts = [account('a-1', { name: 'Contoso' })]
    expect(accountIds(accountNameSettings({ published: true }), accounts)).toEqual(['a-1'])
    expect(accountIds(accountNameSettings({ published: false }), accounts)).toEqual([])
    expect(resolveDuplicateRules(accountNameSettings({ published: false }), 'account')).toEqual([])
  })

  it('excludeInactiveMatchingRecords: the rule’s own setting decides, not a finder default', () => {
    const accounts = [account('a-inactive', { name: 'Contoso', state: 'inactive' })]
    expect(accountIds(accountNameSettings({ excludeInactiveMatchingRecords: false }), accounts)).toEqual(['a-inactive'])
    expect(accountIds(accountNameSettings({ excludeInactiveMatchingRecords: true }), accounts)).toEqual([])
  })

  it('caseSensitive: a case-sensitive rule tells CONTOSO from Contoso', () => {
    const accounts = [account('a-upper', { name: 'CONTOSO' })]
    expect(accountIds(accountNameSettings({ caseSensitive: false }), accounts)).toEqual(['a-upper'])
    expect(accountIds(accountNameSettings({ caseSensitive: true }), accounts)).toEqual([])
  })

  it('ignoreBlankValues: two blank cities match only when the condition does not ignore blanks', () => {
    const settingsWith = (ignoreBlankValues: boolean): QualificationSettings =>
      parseQualificationSettings({
        duplicateDetection: {
          rules: [
            {
              name: 'Accounts with the same name in the same city',
              baseEntity: 'account',
              conditions: [
                { baseField: 'name', operator: 'exact' },
                { baseField: 'address.city', operator: 'exact', ignoreBlankValues },
              ],
            },
          ],
        },
      })
    const accounts = [account('a-no-city', { name: 'Contoso' })]
    expect(accountIds(settingsWith(false), accounts)).toEqual(['a-no-city'])
    expect(accountIds(settingsWith(true), accounts)).toEqual([])
    const inOslo = { ...lead, address: { city: 'Oslo' } }
    const oslo = [account('a-oslo', { name: 'Contoso', address: { city: 'OSLO' } })]
    expect(accountIds(settingsWith(true), oslo, inOslo)).toEqual(['a-oslo'])
  })

  it('contacts and leads follow their own settings rules; record types without rules keep the built-in checks', () => {
    const settings = parseQualificationSettings({
      duplicateDetection: {
        rules: [
          sameFieldRule('Contacts with the same last name', 'contact', 'lastName'),
          sameFieldRule('Leads with the same company', 'lead', 'companyName', { excludeInactiveMatchingRecords: true }),
        ],
      },
    })
    const contacts = [contact('c-surname', { lastName: 'murphy' }), contact('c-email', { email: lead.email })]
    const leads = [
      otherLead('l-company', { companyName: 'CONTOSO', lastName: 'Other' }),
      otherLead('l-email', { email: lead.email, lastName: 'Murphy' }),
      otherLead('l-closed', { companyName: 'Contoso', state: 'qualified', statusReason: 'qualified' }),
    ]
    const accounts = [account('a-legal', { name: 'Contoso Ltd' })]
    const found = findQualificationDuplicates(lead, { accounts, contacts, leads }, { settings })
    const surname = 'Contacts with the same last name'
    expect(found.contacts?.map((d) => [d.record.id, d.rule])).toEqual([['c-surname', surname]])
    expect(found.leads?.map((d) => [d.record.id, d.rule])).toEqual([['l-company', 'Leads with the same company']])
    expect(found.accounts?.map((d) => [d.record.id, d.rule])).toEqual([['a-legal', BUILT_IN.accountName]])

    const byDefault = { settings: DEFAULT_QUALIFICATION_SETTINGS }
    const defaults = findQualificationDuplicates(lead, { contacts, leads }, byDefault)
    expect(defaults.contacts?.map((d) => d.record.id)).toEqual(['c-email'])
    expect(defaults.leads?.map((d) => [d.record.id, d.rule])).toEqual([['l-email', DEFAULT_LEAD_RULE_NAMES.sameEmail]])
  })

  it('finds nothing when duplicate detection is off in the settings', () => {
    const settings = parseQualificationSettings({ duplicateDetection: { enabled: false } })
    const accounts = [account('a', { name: 'Contoso' })]
    expect(findQualificationDuplicates(lead, { accounts }, { settings })).toEqual({})
    expect(resolveDuplicateRules(settings, 'lead')).toEqual([])
  })
})

describe('explicit overrides', () => {
  it('overrideExcludeInactiveMatchingRecords replaces every rule’s own setting, and says so', () => {
    const accounts = [account('a-inactive', { name: 'Contoso', state: 'inactive' })]
    const keeping = accountNameSettings({ excludeInactiveMatchingRecords: false })
    const excluding = accountNameSettings({ excludeInactiveMatchingRecords: true })
    const find = (settings: QualificationSettings, override: boolean): string[] =>
      (
        findQualificationDuplicates(lead, { accounts }, { settings, overrideExcludeInactiveMatchingRecords: override })
          .accounts ?? []
      ).map((d) => d.record.id)
    expect(find(keeping, true)).toEqual([])
    expect(find(excluding, false)).toEqual(['a-inactive'])
    // The built-in checks too.
    expect(find(DEFAULT_QUALIFICATION_SETTINGS, false)).toEqual(['a-inactive'])
    expect(find(DEFAULT_QUALIFICATION_SETTINGS, true)).toEqual([])
  })

  it('overrideRules replaces the settings’ rules', () => {
    const accounts = [account('a-upper', { name: 'CONTOSO' })]
    const [caseSensitive] = resolveDuplicateRules(accountNameSettings({ caseSensitive: true }), 'account')
    const settings = accountNameSettings({ caseSensitive: false })
    expect(accountIds(settings, accounts)).toEqual(['a-upper'])
    const overridden = findQualificationDuplicates(lead, { accounts }, { settings, overrideRules: [caseSensitive!] })
    expect(overridden.accounts).toBeUndefined()
  })

  it('refuses the options that were renamed, naming the new one, so a caller is not silently ignored', () => {
    for (const [key, renamed] of [
      ['excludeInactiveMatchingRecords', 'overrideExcludeInactiveMatchingRecords'],
      ['defaultRegion', 'overridePhoneRegion'],
      ['leadRules', 'overrideRules'],
    ] as const) {
      const error = catchLeadkitError(() => findQualificationDuplicates(lead, {}, { [key]: false } as never))
      expect(error).toMatchObject({ code: 'invalid_value', path: ['options', key] })
      expect(error.message).toContain(renamed)
    }
    for (const options of [null, 'settings', []]) {
      expect(catchLeadkitError(() => findQualificationDuplicates(lead, {}, options as never)).path).toEqual(['options'])
    }
    const notRules = catchLeadkitError(() => findQualificationDuplicates(lead, {}, { overrideRules: {} as never }))
    expect(notRules).toMatchObject({ code: 'invalid_type', path: ['options', 'overrideRules'] })
    const copied = { settings: { ...DEFAULT_QUALIFICATION_SETTINGS } }
    const lookalike = catchLeadkitError(() => findQualificationDuplicates(lead, {}, copied))
    expect(lookalike).toMatchObject({ code: 'invalid_type', path: ['options', 'settings'] })
  })
})

describe('the organisation’s phone region', () => {
  it('makes a national number and its international form match under the default rules', () => {
    const national = otherLead('l-national', { firstName: 'Ann', lastName: 'Lee', businessPhone: '020 7946 0958' })
    const international = otherLead('l-intl', { firstName: 'Ann', lastName: 'Lee', mobilePhone: '+44 20 7946 0958' })
    const gb = parseQualificationSettings({ defaultPhoneRegion: 'GB' })
    const byRegion = findQualificationDuplicates(national, { leads: [international] }, { settings: gb })
    expect(byRegion.leads?.map((d) => [d.record.id, d.rule])).toEqual([['l-intl', DEFAULT_LEAD_RULE_NAMES.samePhone]])
    const byDefault = { settings: DEFAULT_QUALIFICATION_SETTINGS }
    const none = findQualificationDuplicates(national, { leads: [international] }, byDefault)
    expect(none.leads).toBeUndefined()
    // The same rules for a create check.
    const createCheck = (settings: QualificationSettings): string[] =>
      findDuplicates(national, [international], resolveDuplicateRules(settings, 'lead')).map((m) => m.record.id)
    expect(createCheck(gb)).toEqual(['l-intl'])
    expect(createCheck(DEFAULT_QUALIFICATION_SETTINGS)).toEqual([])
  })

  it('reads the built-in accounts’ phone numbers in the region too', () => {
    const withPhone = { ...lead, companyName: undefined, email: undefined, businessPhone: '020 7946 0958' }
    const accounts = [account('a-phone', { name: 'Fabrikam', phone: '+44 20 7946 0958' })]
    const gb = parseQualificationSettings({ defaultPhoneRegion: 'GB' })
    expect(accountIds(gb, accounts, withPhone)).toEqual(['a-phone'])
    expect(accountIds(DEFAULT_QUALIFICATION_SETTINGS, accounts, withPhone)).toEqual([])
  })
})

describe('resolveDuplicateRules: the rules for create and update checks, indexes and merges', () => {
  it('gives the published settings rules of a base record type, else the built-in ones', () => {
    const settings = parseQualificationSettings({
      duplicateDetection: {
        rules: [
          sameFieldRule('Leads with the same last name', 'lead', 'lastName'),
          sameFieldRule('Leads with the same topic', 'lead', 'topic', { published: false }),
        ],
      },
    })
    expect(resolveDuplicateRules(settings, 'lead').map((rule) => rule.name)).toEqual(['Leads with the same last name'])
    expect(resolveDuplicateRules(settings, 'account').map((rule) => rule.name)).toEqual([
      BUILT_IN_RULE_NAMES.accountName,
      BUILT_IN_RULE_NAMES.accountWebsite,
      BUILT_IN_RULE_NAMES.accountPhone,
    ])
    expect(resolveDuplicateRules(settings, 'contact').map((rule) => rule.name)).toEqual([
      BUILT_IN_RULE_NAMES.contactEmail,
      BUILT_IN_RULE_NAMES.contactPhone,
    ])
    expect(resolveDuplicateRules(settings, 'opportunity')).toEqual([])
    expect(resolveDuplicateRules(DEFAULT_QUALIFICATION_SETTINGS, 'lead').map((rule) => rule.name)).toEqual(
      Object.values(DEFAULT_LEAD_RULE_NAMES),
    )
  })

  it('a lead create check and an index follow the settings: changing the rule changes the outcome', () => {
    const existing = [
      otherLead('l-2', { lastName: 'MURPHY' }),
      otherLead('l-3', { lastName: 'Murphy', state: 'disqualified' }),
    ]
    const check = (properties: Record<string, unknown>): string[] => {
      const settings = parseQualificationSettings({
        duplicateDetection: { rules: [sameFieldRule('Same last name', 'lead', 'lastName', properties)] },
      })
      return findDuplicates(lead, existing, resolveDuplicateRules(settings, 'lead')).map((m) => m.record.id)
    }
    expect(check({})).toEqual(['l-2', 'l-3'])
    expect(check({ excludeInactiveMatchingRecords: true })).toEqual(['l-2'])
    expect(check({ caseSensitive: true })).toEqual(['l-3'])
    expect(check({ published: false })).toEqual([])

    const settings = parseQualificationSettings({
      duplicateDetection: {
        rules: [sameFieldRule('Same last name', 'lead', 'lastName', { excludeInactiveMatchingRecords: true })],
      },
    })
    const index = createDuplicateIndex<Lead>(resolveDuplicateRules(settings, 'lead'))
    for (const record of existing) index.add(record)
    expect(index.match(lead).map((m) => m.record.id)).toEqual(['l-2'])
    const keeping = resolveDuplicateRules(settings, 'lead', { overrideExcludeInactiveMatchingRecords: false })
    expect(findDuplicates(lead, existing, keeping).map((m) => m.record.id)).toEqual(['l-2', 'l-3'])
  })

  it('merging: the groups an index of the settings’ rules finds are what the seller merges', () => {
    const contacts = [
      contact('c-1', { firstName: 'Ann', lastName: 'Lee', email: 'ann@contoso.com', jobTitle: 'CTO' }),
      contact('c-2', { firstName: 'Ann', lastName: 'LEE', businessPhone: '+44 20 7946 0958' }),
      contact('c-3', { firstName: 'Bo', lastName: 'Leeds' }),
    ]
    const groupsUnder = (properties: Record<string, unknown>): string[][] => {
      const rule = sameFieldRule('Contacts with the same last name', 'contact', 'lastName', properties)
      const settings = parseQualificationSettings({ duplicateDetection: { rules: [rule] } })
      const index = createDuplicateIndex<Contact>(resolveDuplicateRules(settings, 'contact'))
      for (const record of contacts) index.add(record)
      return index.clusters().map((cluster) => [...cluster.ids])
    }
    expect(groupsUnder({ caseSensitive: false })).toEqual([['c-1', 'c-2']])
    expect(groupsUnder({ caseSensitive: true })).toEqual([])
    expect(groupsUnder({ published: false })).toEqual([])

    const [master, subordinate] = contacts as [Contact, Contact]
    const after = applyPlan(planMerge(master, subordinate, { now }), { contact: contacts })
    const merged = { email: 'ann@contoso.com', businessPhone: '+44 20 7946 0958', version: 2 }
    expect(after.contact?.[0]).toMatchObject(merged)
    expect(after.contact?.[1]).toMatchObject({ state: 'inactive', masterId: 'c-1' })
  })

  it('refuses settings the parser did not make and unknown record types', () => {
    const copied = { ...DEFAULT_QUALIFICATION_SETTINGS }
    expect(catchLeadkitError(() => resolveDuplicateRules(copied, 'lead')).code).toBe('invalid_type')
    expect(catchLeadkitError(() => resolveDuplicateRules(DEFAULT_QUALIFICATION_SETTINGS, 'note' as never)).code).toBe(
      'invalid_value',
    )
  })
})

describe('planQualification with duplicateSources', () => {
  const settingsOf = (published: boolean): QualificationSettings =>
    parseQualificationSettings({
      recordCreation: { account: 'automatic', contact: 'automatic', opportunity: 'automatic' },
      defaultCurrency: 'USD',
      duplicateDetection: {
        rules: [sameFieldRule('Accounts with the same account name', 'account', 'name', { published })],
      },
    })

  it('warns about the accounts the settings’ published rules find, and not when the rule is unpublished', () => {
    const duplicateSources = { accounts: [account('a-1', { name: 'Contoso' })] }
    const warned = planQualification(lead, settingsOf(true), {}, { now, duplicateSources })
    expect(warned.status).toBe('needs-input')
    expect(warned.decisions.map((d) => d.kind)).toEqual(['duplicate-warning'])
    const quiet = planQualification(lead, settingsOf(false), {}, { now, duplicateSources })
    expect(quiet.status).toBe('ready')
  })

  it('refuses duplicates and duplicateSources together', () => {
    const error = catchLeadkitError(() =>
      planQualification(lead, settingsOf(true), {}, { now, duplicates: {}, duplicateSources: { accounts: [] } }),
    )
    expect(error).toMatchObject({ code: 'invalid_combination', path: ['context', 'duplicateSources'] })
  })
})

describe('properties', () => {
  const field = fc.constantFrom('email', 'lastName', 'companyName')
  const ruleArb = fc.record({
    field,
    caseSensitive: fc.boolean(),
    excludeInactiveMatchingRecords: fc.boolean(),
    published: fc.boolean(),
  })
  const value = fc.constantFrom(undefined, 'Lee', 'LEE', 'lee@contoso.com', 'Contoso')
  const leadArb = (id: string): fc.Arbitrary<Lead> =>
    fc
      .record({ email: value, lastName: value, companyName: value, closed: fc.boolean() })
      .map(({ email, lastName, companyName, closed }) =>
        otherLead(id, {
          ...(email === undefined ? {} : { email }),
          ...(lastName === undefined ? {} : { lastName }),
          ...(companyName === undefined ? {} : { companyName }),
          ...(closed ? { state: 'disqualified', statusReason: 'lost' } : {}),
        }),
      )

  it('qualification and a create check find the same leads under any settings rules', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { minLength: 1, maxLength: 5 }),
        leadArb('base'),
        fc.tuple(leadArb('o-1'), leadArb('o-2'), leadArb('o-3'), leadArb('o-4')),
        (rules, record, others) => {
          const json = rules.map(({ field: f, ...properties }, i) => sameFieldRule(`Rule ${i}`, 'lead', f, properties))
          const settings = parseQualificationSettings({ duplicateDetection: { rules: json } })
          const qualifying = findQualificationDuplicates(record, { leads: others }, { settings }).leads ?? []
          const creating = findDuplicates(record, others, resolveDuplicateRules(settings, 'lead'))
          expect(qualifying.map((d) => d.record.id).sort()).toEqual(creating.map((m) => m.record.id).sort())
          if (rules.every((rule) => !rule.published)) expect(qualifying).toEqual([])
          for (const match of creating) {
            const fired = settings.duplicateDetection.rules.filter((rule) => match.rules.includes(rule.name))
            expect(fired.every((rule) => rule.published)).toBe(true)
            if (match.record.state !== 'open') {
              expect(fired.some((rule) => !rule.excludeInactiveMatchingRecords)).toBe(true)
            }
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})
