import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_LEAD_DUPLICATE_RULES } from '../../src/duplicates/defaultLeadRules.js'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'
import { runDuplicateSql } from '../../src/sql/runDuplicateSql.js'
import type { IssuePath, LeadkitError } from '../../src/errors.js'
import { catchLeadkitError } from '../support/errors.js'
import { duckdbEngine, pgliteEngine, type TestEngine } from '../support/sqlEngines.js'

function expectLeadkitError(run: () => unknown, code: string, path: IssuePath): LeadkitError {
  const error = catchLeadkitError(run)
  expect([error.code, error.path]).toEqual([code, path])
  expect(error.message.length).toBeGreaterThan(20)
  return error
}

const sameEmail = { kind: 'keyed', name: 'Same email', baseEntity: 'lead', baseFields: ['email'], normalizer: 'email' }

describe('compileDuplicateRules', () => {
  it('refuses an unknown dialect, a bad table, prefix or column with the path', () => {
    expectLeadkitError(() => compileDuplicateRules([sameEmail], { dialect: 'mysql' as 'duckdb', table: 'leads' }), 'invalid_value', ['dialect'])
    expectLeadkitError(() => compileDuplicateRules([sameEmail], { dialect: 'duckdb', table: '' }), 'invalid_value', ['table'])
    expectLeadkitError(() => compileDuplicateRules([sameEmail], { dialect: 'duckdb', table: [] }), 'invalid_value', ['table'])
    expectLeadkitError(() => compileDuplicateRules([sameEmail], { dialect: 'duckdb', table: 'l', prefix: 'x"; DROP' }), 'invalid_value', ['prefix'])
    expectLeadkitError(() => compileDuplicateRules([sameEmail], { dialect: 'duckdb', table: 'l', idColumn: '' }), 'invalid_value', ['idColumn'])
    expectLeadkitError(() => compileDuplicateRules([sameEmail], { dialect: 'duckdb', table: 'l', columns: { email: 5 as unknown as string } }), 'invalid_value', ['columns', 'email'])
    expectLeadkitError(() => compileDuplicateRules([sameEmail], { dialect: 'duckdb', table: 'l', onUnsupported: 'ignore' as 'skip' }), 'invalid_value', ['onUnsupported'])
  })

  it('parses rule JSON and refuses a bad rule as the parser does', () => {
    expectLeadkitError(() => compileDuplicateRules([{ ...sameEmail, normalizer: 'emial' }], { dialect: 'duckdb', table: 'l' }), 'invalid_rule', [0, 'normalizer'])
  })

  it('asks for the column of a dotted field', () => {
    const rule = { kind: 'matchcode', name: 'City', baseEntity: 'lead', conditions: [{ baseField: 'address.city', operator: 'exact' }] }
    expectLeadkitError(() => compileDuplicateRules([rule], { dialect: 'duckdb', table: 'l' }), 'invalid_value', ['columns', 'address.city'])
    expect(compileDuplicateRules([rule], { dialect: 'duckdb', table: 'l', columns: { 'address.city': 'city' } }).rules).toHaveLength(1)
  })

  it('compiles the default rules (on Spark all but name-and-company), and reports the scored comparator with its rule and path', () => {
    for (const dialect of ['duckdb', 'postgres'] as const) {
      const compiled = compileDuplicateRules(DEFAULT_LEAD_DUPLICATE_RULES, { dialect, table: 'leads' })
      expect(compiled.rules.map((rule) => rule.kind)).toEqual(['keyed', 'keyed', 'fuzzy', 'fuzzy'])
      expect(compiled.unsupported).toEqual([])
    }
    // Spark has no functions for the company's token-set similarity: that one rule is reported.
    const spark = compileDuplicateRules(DEFAULT_LEAD_DUPLICATE_RULES, { dialect: 'spark', table: 'leads', onUnsupported: 'skip' })
    expect(spark.rules.map((rule) => rule.index)).toEqual([0, 1, 3])
    expect(spark.unsupported.map((issue) => issue.path)).toEqual([[2, 'comparator']])
    const scored = { fields: [{ field: 'lastName', comparator: 'exact' }], threshold: 0.5 }
    const rules = [
      { kind: 'keyed', name: 'Same email, confirmed', baseEntity: 'lead', baseFields: ['email'], normalizer: 'email', confirm: { comparator: 'scored', options: scored } },
      { kind: 'fuzzy', name: 'Scored', baseEntity: 'lead', comparator: 'scored', options: scored },
      { kind: 'fuzzy', name: 'Names', baseEntity: 'lead', comparator: 'lead-name' },
    ]
    const error = expectLeadkitError(() => compileDuplicateRules(rules, { dialect: 'duckdb', table: 'leads' }), 'invalid_rule', ['rules', 0, 'confirm', 'comparator'])
    expect(error.issues.map((issue) => issue.path)).toEqual([['rules', 0, 'confirm', 'comparator'], ['rules', 1, 'comparator']])
    expect(error.issues[0]?.message).toContain('Same email, confirmed')
    const skipped = compileDuplicateRules(rules, { dialect: 'duckdb', table: 'leads', onUnsupported: 'skip' })
    expect(skipped.rules).toEqual([{ index: 2, name: 'Names', kind: 'fuzzy' }])
    expect(skipped.unsupported.map((issue) => [issue.rule, issue.path])).toEqual([
      ['Same email, confirmed', [0, 'confirm', 'comparator']],
      ['Scored', [1, 'comparator']],
    ])
    expect(Object.isFrozen(skipped.statements)).toBe(true)
  })

  it('does not mutate the rules it compiles', () => {
    const rules = JSON.parse(JSON.stringify(DEFAULT_LEAD_DUPLICATE_RULES)) as unknown[]
    const before = JSON.stringify(rules)
    compileDuplicateRules(rules, { dialect: 'postgres', table: 'leads' })
    expect(JSON.stringify(rules)).toBe(before)
  })

  it('reports the date operators, and compiles the name normalisers with the fold functions they need', () => {
    const rules = [
      { kind: 'matchcode', name: 'Born the same day', baseEntity: 'lead', conditions: [{ baseField: 'birthday', operator: 'same-date' }] },
      { kind: 'keyed', name: 'Same company', baseEntity: 'lead', baseFields: ['companyName'], normalizer: 'company-name' },
      { kind: 'keyed', name: 'Same surname', baseEntity: 'lead', baseFields: ['lastName'], normalizer: 'person-name', normalizerOptions: { joinParts: true } },
    ]
    const compiled = compileDuplicateRules(rules, { dialect: 'postgres', table: 'l', onUnsupported: 'skip' })
    expect(compiled.unsupported.map((issue) => issue.path)).toEqual([[0, 'conditions', 0, 'operator']])
    expect(compiled.rules.map((rule) => rule.name)).toEqual(['Same company', 'Same surname'])
    // foldText once as a function of the script (with and without "&"), before the normalisers that call it.
    const heads = compiled.statements.map((sql) => /FUNCTION "(\w+)"/.exec(sql)?.[1]).filter(Boolean)
    expect(heads).toEqual(['leadkit_lower', 'leadkit_fold', 'leadkit_fold_amp', 'leadkit_normalize_0', 'leadkit_normalize_1'])
  })

  it('compiles the phone normaliser with a warning: its fast path only, no code for what needs libphonenumber-js', () => {
    const rule = { kind: 'keyed', name: 'Same phone', baseEntity: 'lead', baseFields: ['telephone1'], normalizer: 'phone', normalizerOptions: { defaultRegion: 'US' } }
    const compiled = compileDuplicateRules([rule], { dialect: 'duckdb', table: 'l' })
    expect(compiled.rules).toEqual([{ index: 0, name: 'Same phone', kind: 'keyed' }])
    expect(compiled.unsupported).toEqual([])
    expect(compiled.warnings.map((issue) => [issue.rule, issue.path])).toEqual([['Same phone', [0, 'normalizer']]])
    expect(compiled.warnings[0]?.message).toContain('gets no code in SQL')
    expect(compileDuplicateRules([sameEmail], { dialect: 'duckdb', table: 'l' }).warnings).toEqual([])
  })

  it('leaves unpublished rules out, as the JS engine does', () => {
    const compiled = compileDuplicateRules([{ ...sameEmail, published: false }], { dialect: 'spark', table: 'l' })
    expect(compiled.rules).toEqual([])
    expect(compiled.unsupported).toEqual([])
  })

  it('quotes identifiers and escapes literals in every dialect', () => {
    const hostile = 'x"`\'\\; DROP TABLE leads; --'
    const rule = { ...sameEmail, name: hostile, baseFields: ['e'] }
    for (const dialect of ['duckdb', 'postgres', 'spark'] as const) {
      const compiled = compileDuplicateRules([rule], { dialect, table: ['s"`', hostile], idColumn: hostile, columns: { e: hostile } })
      const sql = compiled.statements.join('\n')
      const quote = dialect === 'spark' ? '`' : '"'
      const other = quote === '"' ? '`' : '"'
      // Every identifier quote inside a name is doubled, so the name cannot end its quotes.
      expect(sql).toContain(`${quote}${hostile.replaceAll(quote, quote + quote)}${quote}`)
      expect(sql).toContain(other)
      const literal = dialect === 'spark' ? `'x"\`\\'\\\\; DROP TABLE leads; --'` : `'x"\`''\\; DROP TABLE leads; --'`
      expect(sql).toContain(literal)
    }
  })
})

describe.each([['duckdb', duckdbEngine], ['postgres', pgliteEngine]] as const)('compiled SQL on %s', (dialect, makeEngine) => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await makeEngine()
  }, 60_000)
  afterAll(async () => engine.close())

  it('runs with hostile table, column and rule names and finds the pair', async () => {
    const name = `le"ads'; --`
    await engine.load(name, ['i d', `e"mail`, 'state'], [
      ['1', 'Bob@Contoso.com', 'open'],
      ['2', ' bob@contoso.com ', 'open'],
      ['3', 'bob@contoso.com', 'qualified'],
      ['4', 'alice@contoso.com', null],
    ])
    const rule = { ...sameEmail, name: `Robert'); DROP TABLE x; --`, excludeInactiveMatchingRecords: true }
    const compiled = compileDuplicateRules([rule], { dialect, table: name, idColumn: 'i d', columns: { email: `e"mail`, state: 'state' } })
    const summary = await runDuplicateSql(compiled, engine.executor)
    // 3 is qualified: it matches 1 and 2 (they are open), but neither matches it; a pair counts either way round.
    expect(summary).toEqual({ pairs: 3, clusters: 1, clusteredRecords: 3, iterations: 2 })
    expect(await engine.rows(`SELECT base_id, matching_id FROM ${compiled.tables.rulePairs} ORDER BY 1, 2`)).toEqual([
      ['1', '2'], ['2', '1'], ['3', '1'], ['3', '2'],
    ])
    expect(await engine.rows(`SELECT DISTINCT rule FROM ${compiled.tables.pairs}`)).toEqual([[rule.name]])
  }, 120_000)

  it('clusters a long chain of pairs into one group', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => [String(1000 + i), `k${Math.floor(i / 2)}`, `k${Math.floor((i + 1) / 2)}`])
    await engine.load('chain', ['id', 'a', 'b'], rows)
    const rule = { kind: 'keyed', name: 'Chain', baseEntity: 'lead', baseFields: ['a', 'b'], normalizer: 'text' }
    const compiled = compileDuplicateRules([rule], { dialect, table: 'chain', prefix: 'chain_' })
    const summary = await runDuplicateSql(compiled, engine.executor)
    expect(summary.clusters).toBe(1)
    expect(summary.clusteredRecords).toBe(200)
    expect(await engine.rows(`SELECT DISTINCT cluster_id FROM ${compiled.tables.clusters}`)).toEqual([['1000']])
  }, 120_000)
})
