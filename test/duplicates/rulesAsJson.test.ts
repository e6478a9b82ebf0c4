import { describe, expect, it } from 'vitest'
import { compareRecords } from '../../src/duplicates/compareRecords.js'
import { createDuplicateIndex } from '../../src/duplicates/createDuplicateIndex.js'
import { createDuplicateRuleRegistry } from '../../src/duplicates/createDuplicateRuleRegistry.js'
import { createScoredMatcher } from '../../src/duplicates/createScoredMatcher.js'
import { createDefaultLeadRules, DEFAULT_LEAD_DUPLICATE_RULES } from '../../src/duplicates/defaultLeadRules.js'
import { findDuplicates } from '../../src/duplicates/findDuplicates.js'
import { parseDuplicateRule, parseDuplicateRules } from '../../src/duplicates/parseDuplicateRule.js'
import type { AnyDuplicateRule } from '../../src/duplicates/types.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { catchLeadkitError } from '../support/errors.js'

const roundTrip = (rules: readonly AnyDuplicateRule[]) => parseDuplicateRules(JSON.parse(JSON.stringify(rules)))
const matchesOf = (rules: readonly AnyDuplicateRule[], leads: readonly { id: string }[]) =>
  leads.slice(0, 150).map((lead) => findDuplicates(lead, leads, rules).map((m) => [m.record.id, m.rule, m.score, m.comparisons]))

describe('rules are plain JSON', () => {
  const leads = generateDuplicateLeads({ count: 300, seed: 7, duplicateRate: 0.4 }).leads

  it('the default rules survive JSON.stringify and parse, equal and with the same matches', () => {
    const back = roundTrip(DEFAULT_LEAD_DUPLICATE_RULES)
    expect(back).toEqual(DEFAULT_LEAD_DUPLICATE_RULES)
    // The constant is written out rather than parsed at import: it must be exactly what the parser makes.
    expect(back).toEqual(createDefaultLeadRules())
    const before = matchesOf(DEFAULT_LEAD_DUPLICATE_RULES, leads)
    expect(before.flat().length).toBeGreaterThan(50)
    expect(matchesOf(back, leads)).toEqual(before)
  })

  it('tuned defaults, a scored matcher and Dataverse rules round-trip too', () => {
    const rules = [
      ...createDefaultLeadRules({ defaultRegion: 'US', companyThreshold: 0.9, email: { stripPlusTag: true }, nicknames: [['robert', 'rab']] }),
      createScoredMatcher({ fields: [{ field: 'lastName', comparator: 'jaro-winkler', m: 0.9, u: 0.01 }], threshold: 0.8, swappable: undefined }).asRule('Similar surname'),
      parseDuplicateRule({ name: 'Same city', baseEntity: 'lead', conditions: [{ baseField: 'address.city', operator: 'exact' }] }),
    ]
    const back = roundTrip(rules)
    expect(back).toEqual(rules)
    expect(matchesOf(back, leads)).toEqual(matchesOf(rules, leads))
    // Every option is written out, so the JSON says what runs.
    expect(JSON.parse(JSON.stringify(rules[2]))).toMatchObject({
      comparator: 'lead-name-and-company',
      options: { companyThreshold: 0.9, givenNameThreshold: 0.88, nicknames: [['robert', 'rab']] },
    })
    expect(rules[1]).toMatchObject({ normalizer: 'phone', normalizerOptions: { defaultRegion: 'US' }, method: 'e164' })
  })

  it('an index built from JSON rules clusters like one built from the parsed rules', () => {
    const a = createDuplicateIndex(DEFAULT_LEAD_DUPLICATE_RULES)
    const b = createDuplicateIndex(JSON.parse(JSON.stringify(DEFAULT_LEAD_DUPLICATE_RULES)))
    for (const lead of leads) {
      a.add(lead)
      b.add(lead)
    }
    expect(b.clusters()).toEqual(a.clusters())
    expect(a.clusters().length).toBeGreaterThan(10)
  })
})

describe('parseDuplicateRule, all kinds', () => {
  it('fills in the defaults of keyed and fuzzy rules', () => {
    expect(parseDuplicateRule({ kind: 'keyed', name: 'Same email', baseEntity: 'contact', baseFields: ['email'], normalizer: 'email' })).toEqual({
      kind: 'keyed',
      name: 'Same email',
      baseEntity: 'contact',
      matchingEntity: 'contact',
      baseFields: ['email'],
      matchingFields: ['email'],
      normalizer: 'email',
      normalizerOptions: { stripPlusTag: false, gmailDots: false },
      method: 'email',
      excludeInactiveMatchingRecords: false,
      published: true,
    })
    const fuzzy = parseDuplicateRule({ kind: 'fuzzy', name: 'Similar', baseEntity: 'lead', comparator: 'lead-name-and-email-domain' })
    expect(fuzzy.options).toEqual({
      givenNameThreshold: 0.88,
      surnameThreshold: 0.9,
      nicknameSimilarity: 0.95,
      phoneticSimilarity: 0.9,
      matchSwappedNames: true,
      swappedNameFactor: 0.97,
      allowMissingGivenName: true,
      replaceBuiltInNicknames: false,
      separateByWorkEmail: false,
      separateByPhone: false,
    })
  })

  it.each([
    [{ name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'email', operator: 'exact' }], excludeInactiveMatchingRecord: true }, ['excludeInactiveMatchingRecord'], 'excludeInactiveMatchingRecords'],
    [{ name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'email', operator: 'exact' }], caseSensitve: true }, ['caseSensitve'], 'caseSensitive'],
    [{ name: 'x', baseEntity: 'lead', conditions: [{ baseField: 'email', operator: 'exact', ignoreBlankValue: true }] }, ['conditions', 0, 'ignoreBlankValue'], 'ignoreBlankValues'],
    [{ kind: 'keyed', name: 'x', baseEntity: 'lead', baseFields: ['phone'], normalizer: 'phone', normalizerOptions: { defaultRegon: 'US' } }, ['normalizerOptions', 'defaultRegon'], 'defaultRegion'],
    [{ kind: 'fuzzy', name: 'x', baseEntity: 'lead', comparator: 'lead-name-and-company', options: { companyTreshold: 0.9 } }, ['options', 'companyTreshold'], 'companyThreshold'],
  ])('refuses a misspelt key and names the one meant (%#)', (input, path, meant) => {
    const error = catchLeadkitError(() => parseDuplicateRule(input))
    expect(error.issues.map((issue) => issue.path)).toEqual([path])
    expect(error.message).toContain(`did you mean "${meant}"`)
  })

  it('refuses unknown names and bad options with their paths', () => {
    expect(catchLeadkitError(() => parseDuplicateRule({ kind: 'keyed', name: 'x', baseEntity: 'lead', baseFields: ['email'], normalizer: 'emial' })).message).toContain(
      'did you mean "email"',
    )
    expect(catchLeadkitError(() => parseDuplicateRule({ kind: 'fuzzy', name: 'x', baseEntity: 'lead', comparator: 'nope' })).path).toEqual(['comparator'])
    expect(catchLeadkitError(() => parseDuplicateRule({ kind: 'keyed', name: 'x', baseEntity: 'lead', baseFields: ['p'], normalizer: 'phone', normalizerOptions: { defaultRegion: 'ZZ' } })).path).toEqual([
      'normalizerOptions',
      'defaultRegion',
    ])
    expect(catchLeadkitError(() => parseDuplicateRule({ kind: 'fuzzy', name: 'x', baseEntity: 'lead', comparator: 'lead-name-and-company', options: { companyThreshold: 2 } })).path).toEqual([
      'options',
      'companyThreshold',
    ])
    expect(catchLeadkitError(() => parseDuplicateRule({ kind: 'sideways', name: 'x', baseEntity: 'lead' })).path).toEqual(['kind'])
  })

  it('engines parse what they are given: a bad JSON rule is refused with its index', () => {
    const bad = { kind: 'keyed', name: 'x', baseEntity: 'lead', baseFields: ['email'], normalizer: 'email', published: 'yes' }
    const error = catchLeadkitError(() => findDuplicates({ id: 'a' }, [], [DEFAULT_LEAD_DUPLICATE_RULES[0], bad] as never))
    expect(error.path).toEqual(['rules', 1, 'published'])
    expect(catchLeadkitError(() => createDuplicateIndex([bad] as never)).path).toEqual(['rules', 0, 'published'])
  })
})

describe('createDuplicateRuleRegistry', () => {
  const registry = createDuplicateRuleRegistry({
    normalizers: { 'acme.vat-number': (value) => value.replace(/\W/g, '').toUpperCase() || undefined },
    comparators: {
      'acme.same-city': (options) => (a, b) => {
        const x = (a as { city?: string }).city
        const y = (b as { city?: string }).city
        if (x === undefined || y === undefined) return undefined
        const same = options.caseSensitive === true ? x === y : x.toLowerCase() === y.toLowerCase()
        return { isMatch: same, score: same ? 0.8 : 0, comparisons: [{ field: 'city', values: [x, y], method: 'exact', similarity: same ? 1 : 0 }] }
      },
    },
  })
  const vat = parseDuplicateRule({ kind: 'keyed', name: 'Same VAT', baseEntity: 'account', baseFields: ['vat'], normalizer: 'acme.vat-number' }, { registry })
  const city = parseDuplicateRule({ kind: 'fuzzy', name: 'Same city', baseEntity: 'account', comparator: 'acme.same-city', options: { caseSensitive: false } }, { registry })
  const accounts = [
    { id: 'a1', vat: 'gb 123-456', city: 'Leeds' },
    { id: 'a2', vat: 'GB123456', city: 'York' },
    { id: 'a3', vat: 'FR999', city: 'LEEDS' },
  ]

  it('lists the built-in names and the host\'s', () => {
    expect(registry.normalizers).toEqual(['email', 'phone', 'website', 'company-name', 'person-name', 'text', 'acme.vat-number'])
    expect(registry.comparators).toEqual(['lead-name-and-company', 'lead-name-and-email-domain', 'lead-name', 'scored', 'acme.same-city'])
  })

  it('runs a host\'s normaliser and comparator in findDuplicates and in an index', () => {
    const found = findDuplicates(accounts[0] as { id: string }, accounts, [vat, city], { registry }).map((m) => [m.record.id, m.rule, m.score])
    expect(found).toEqual([
      ['a2', 'Same VAT', 1],
      ['a3', 'Same city', 0.8],
    ])
    const index = createDuplicateIndex([vat], { registry })
    for (const account of accounts) index.add(account)
    expect(index.clusters().map((c) => c.ids)).toEqual([['a1', 'a2']])
    expect(compareRecords(city, accounts[0] as object, accounts[1] as object, { registry })?.isMatch).toBe(false)
  })

  it('keeps a host rule as JSON and refuses it without its registry', () => {
    expect(parseDuplicateRules(JSON.parse(JSON.stringify([vat, city])), { registry })).toEqual([vat, city])
    expect(catchLeadkitError(() => findDuplicates({ id: 'a' }, [], [vat])).message).toContain('no normaliser is called "acme.vat-number"')
  })

  it('refuses replacing a built-in, malformed names and non-functions', () => {
    expect(catchLeadkitError(() => createDuplicateRuleRegistry({ normalizers: { email: (v) => v } })).path).toEqual(['normalizers', 'email'])
    expect(catchLeadkitError(() => createDuplicateRuleRegistry({ normalizers: { 'Bad Name': (v) => v } })).path).toEqual(['normalizers', 'Bad Name'])
    expect(catchLeadkitError(() => createDuplicateRuleRegistry({ comparators: { 'acme.x': 42 as never } })).code).toBe('invalid_type')
    expect(catchLeadkitError(() => findDuplicates({ id: 'a' }, [], [vat], { registry: {} as never })).path).toEqual(['registry'])
  })

  it('refuses what a host function returns when it is not a code or a comparison', () => {
    const broken = createDuplicateRuleRegistry({
      normalizers: { 'acme.number': () => 42 as never },
      comparators: { 'acme.bad': () => () => ({ isMatch: true, score: 7, comparisons: [] }) },
    })
    const n = parseDuplicateRule({ kind: 'keyed', name: 'n', baseEntity: 'lead', baseFields: ['x'], normalizer: 'acme.number' }, { registry: broken })
    const c = parseDuplicateRule({ kind: 'fuzzy', name: 'c', baseEntity: 'lead', comparator: 'acme.bad' }, { registry: broken })
    expect(catchLeadkitError(() => findDuplicates({ id: 'a', x: '1' } as never, [{ id: 'b', x: '1' }], [n], { registry: broken })).code).toBe('invalid_rule')
    expect(catchLeadkitError(() => findDuplicates({ id: 'a' }, [{ id: 'b' }], [c], { registry: broken })).message).toContain('score: 0–1')
  })
})
