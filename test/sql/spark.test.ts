// Spark SQL cannot run on this machine: the compiled statements are checked by a real Spark SQL grammar
// (dt-sql-parser's SparkSQL parser, generated from Spark's own ANTLR grammar) instead.
import { SparkSQL } from 'dt-sql-parser'
import { describe, expect, it } from 'vitest'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'

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
