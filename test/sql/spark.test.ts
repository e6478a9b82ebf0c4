// Spark SQL cannot run on this machine: the compiled statements are checked by a real Spark SQL grammar
// (dt-sql-parser's SparkSQL parser, generated from Spark's own ANTLR grammar) instead.
import { SparkSQL } from 'dt-sql-parser'
import { describe, expect, it } from 'vitest'
import { createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'
import { sparkJaroWinkler } from '../../src/sql/internal/similaritySql.js'

const RULES = [
  { kind: 'keyed', name: "O'Neil's email", baseEntity: 'lead', baseFields: ['email'], normalizer: 'email', normalizerOptions: { stripPlusTag: true, gmailDots: true }, maxSharedBy: 10, excludeInactiveMatchingRecords: true },
  { kind: 'keyed', name: 'Same website', baseEntity: 'lead', baseFields: ['website'], matchingFields: ['website', 'email'], normalizer: 'website' },
  { kind: 'keyed', name: 'Same phone', baseEntity: 'lead', baseFields: ['telephone1', 'mobilephone'], normalizer: 'phone', normalizerOptions: { defaultRegion: 'US' } },
  { kind: 'keyed', name: 'Same company', baseEntity: 'lead', baseFields: ['companyName'], normalizer: 'company-name' },
  { kind: 'keyed', name: 'Same surname', baseEntity: 'lead', baseFields: ['lastName'], normalizer: 'person-name', normalizerOptions: { joinParts: true } },
  { kind: 'keyed', name: 'Same code', baseEntity: 'account', baseFields: ['code'], normalizer: 'text', normalizerOptions: { caseSensitive: true } },
  {
    kind: 'matchcode', name: 'Name, city, state \\ back', baseEntity: 'lead',
    conditions: [
      { baseField: 'lastName', operator: 'exact' },
      { baseField: 'firstName', operator: 'same-first-characters', characters: 2, ignoreBlankValues: true },
      { baseField: 'address.city', matchingField: 'address.stateOrProvince', operator: 'same-last-characters', characters: 3 },
      { baseField: 'leadSource', operator: 'picklist-exact' },
    ],
  },
]

describe('compiled Spark SQL', () => {
  const parser = new SparkSQL()
  const compiled = compileDuplicateRules(RULES, {
    dialect: 'spark', table: ['crm', 'lead`s'], idColumn: 'lead id', columns: { 'address.city': 'city', 'address.stateOrProvince': 'region', state: 'statecode' },
  })
  const all = [
    ...compiled.statements, ...compiled.clustering.init, ...compiled.clustering.step, compiled.clustering.changed,
    ...compiled.clustering.advance, ...compiled.clustering.finish,
  ]

  it.each(all.map((sql, i) => [i, sql.split('\n')[0]?.slice(0, 60), sql] as const))('statement %i (%s) parses', (_i, _head, sql) => {
    expect(parser.validate(sql)).toEqual([])
  }, 120_000)

  it('the grammar check would catch a broken statement', () => {
    expect(parser.validate(`${compiled.statements[0] ?? ''} )`).length).toBeGreaterThan(0)
    // DuckDB's way of installing a normaliser is not Spark SQL.
    expect(parser.validate('CREATE OR REPLACE MACRO "leadkit_normalize_0"("v") AS lower("v")')).not.toEqual([])
  })

  it('inlines the normalisers (Spark has no SQL macros) and installs no functions', () => {
    expect(compiled.statements.some((sql) => /CREATE (OR REPLACE )?(MACRO|FUNCTION)/.test(sql))).toBe(false)
    expect(compiled.statements.join('\n')).toContain('regexp_replace(')
  })
})

// The name rules on Spark: Jaro-Winkler is written inline (no functions), the decisions read it. The name-and-company rule is reported: its token-set
// similarity, Jaro-Winkler inline per word pair, is too deep for this grammar check to finish on (over 10 minutes).

describe('compiled Spark SQL of the name rules and confirms', () => {
  const parser = new SparkSQL()
  const rules = [
    ...createDefaultLeadRules({ defaultRegion: 'US' }),
    {
      kind: 'fuzzy', name: 'Own nicknames, swapped names off', baseEntity: 'lead', comparator: 'lead-name',
      options: { replaceBuiltInNicknames: true, nicknames: [['katherine', 'kat']], matchSwappedNames: false, allowMissingGivenName: false },
    },
  ]
  const compiled = compileDuplicateRules(rules, { dialect: 'spark', table: 'leads', columns: { state: 'statecode' }, onUnsupported: 'skip' })
  const checked = compiled.statements.filter((sql) => /^CREATE TABLE `leadkit_(names|companies|leads|blocks|block_ranks|candidates|name_similarities|nickname_pairs|fuzzy_\d+|refuted|nicknames_\d+|rule_pairs|comparisons)`/.test(sql))

  it('compiles every rule but name-and-company, installs no function, and writes Jaro-Winkler inline', () => {
    expect(compiled.unsupported.map((issue) => [issue.rule, issue.path])).toEqual([['Leads with a similar name and a similar company name', [2, 'comparator']]])
    expect(compiled.rules.map((rule) => rule.index)).toEqual([0, 1, 3, 4])
    expect(compiled.statements.some((sql) => /CREATE (OR REPLACE )?(MACRO|FUNCTION)/.test(sql))).toBe(false)
    expect(checked.map((sql) => /`(\w+)`/.exec(sql)?.[1])).toEqual([
      'leadkit_names', 'leadkit_companies', 'leadkit_leads', 'leadkit_blocks', 'leadkit_block_ranks', 'leadkit_candidates',
      'leadkit_name_similarities', 'leadkit_nickname_pairs', 'leadkit_fuzzy_3', 'leadkit_nicknames_4', 'leadkit_fuzzy_4',
      'leadkit_refuted', 'leadkit_rule_pairs', 'leadkit_comparisons',
    ])
    expect(compiled.statements.join('\n')).toContain('aggregate(sequence(1, g.la)')
  })

  // Every statement, each under 20 s: since names are folded once per distinct name (leadkit_names) and the
  // decisions read Jaro-Winkler from the memo, no statement holds the fold or Jaro-Winkler inline more than once or
  // twice (the leads' preparation took 219 s and the email-domain decision 476 s before, 2 December 2026).
  const named = checked.map((sql) => [/`(\w+)`/.exec(sql)?.[1] ?? '', sql] as const)
  it.each(named)('%s parses', (_name, sql) => {
    expect(parser.validate(sql)).toEqual([])
  }, 600_000)

  it('Jaro-Winkler parses alone, and a broken one does not', () => {
    expect(parser.validate(`SELECT ${sparkJaroWinkler('a', 'b')} AS jw FROM t`)).toEqual([])
    expect(parser.validate(`SELECT ${sparkJaroWinkler('a', 'b').replace('(st, i) ->', '(st, i) ->)')} FROM t`)).not.toEqual([])
  }, 300_000)
})
