// Each normaliser the compiler writes in SQL, run in DuckDB and PostgreSQL (PGlite) and in JS on the same random and
// adversarial strings: the same code, or no code on both sides.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { matchcode } from '../../src/duplicates/matchcode.js'
import { normalizeCompanyName } from '../../src/duplicates/normalizeCompanyName.js'
import { normalizePersonName } from '../../src/duplicates/normalizePersonName.js'
import { normalizePhone, phoneFastPath } from '../../src/duplicates/normalizePhone.js'
import { normalizeEmail } from '../../src/duplicates/normalizeEmail.js'
import { normalizeWebsite } from '../../src/duplicates/normalizeWebsite.js'
import { parseDuplicateRule } from '../../src/duplicates/parseDuplicateRule.js'
import type { DuplicateRule, RuleOptions } from '../../src/duplicates/types.js'
import { DIALECTS } from '../../src/sql/internal/dialect.js'
import { normalizerSql } from '../../src/sql/internal/normalizerSql.js'
import type { SqlDialect } from '../../src/sql/types.js'
import { postgresLowerFunction } from '../../src/sql/internal/textSql.js'
import { duckdbEngine, pgliteEngine, postgresServerEngine, type TestEngine } from '../support/sqlEngines.js'

export const ADVERSARIAL: readonly string[] = [
  '', ' ', '\t\n', '\u00a0Bob@Contoso.com\u3000', '\ufeffa@b.com\u2028', 'İSTANBUL@EXAMPLE.COM', 'ΟΔΥΣΣΕΥΣ@ΣΑΣ.GR',
  'ΣΑΣ Σ', 'Bob.Smith+crm@GoogleMail.com', '+tag@gmail.com', '.@gmail.com', '..+x@googlemail.com', 'a@b@c', '@b',
  'a@', 'a\n@b', `${'x'.repeat(3000)}@y.com`, 'HTTPS://www.www2.Contoso.com:8080/x?y#z', 'user:pw@host.com/path',
  '//cdn.example.com/a', 'ftp://a', 'contoso.com.', '...', 'www.com', 'a\\b.com', 'https://exa mple.com',
  'averyveryverylongscheme://x.com', 'http://', '😀@😀.com', 'ǅemal@x.com', 'Straße@Müller.de', 'e\u0301@e\u0301.fr',
  'ＡＢＣ@ＤＥＦ.com', 'ﬁ@ﬂ.com', 'ǰ@x.com', 'ῼ@x.com', 'x@y.com\u0085', '\u000b\f\r', 'WWW1.WWW.x.org', 'www..x.com',
  "O'Brien", '%_%', "a'b@c.com", '\\', '$1@x.com',
  // Names: accents, joiners, legal forms, "&", scripts that decompose (Hangul, Devanagari nukta, kana dakuten).
  "  Seán O'Brien-Smith ", 'Müller & Söhne GmbH & Co. KG', 'The Contoso Group, Ltd.', 'The Limited', '& and &', 'the the',
  'Contoso Kabushiki & Kaisha SA', 'x kaisha sa', 'AND Co', 'Ltd Ltd Ltd', 'Société Anonyme', 'a&b', '&&', 'The & The',
  '한국전자 주식회사', '가나다ABC', 'क़लम', 'がぎぐ', 'ஔவை', 'Þórr Ægir Œuvre ẞ', 'ı İ ł Ø đ', 'a\u0301\u0483b', 'D’Arcy ʼO‘Neil´s',
  '𐐀𐐨 𝔄𝔅 ①②', 'ﾊﾝｶｸ', `${'Ab-'.repeat(1500)} GmbH`, 'Ǆ ǅ ǆ', '١٢٣ ٤', 'Ⅻ ⅻ',
]

const STRINGS = fc.oneof(
  fc.constantFrom(...ADVERSARIAL),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('@', '+', '.', '://', '//', ' ', '\u00a0', 'Σ', 'İ'), fc.string({ maxLength: 8 }))
    .map(([a, b, c]) => a + b + c),
  // Words of company names, legal forms among them, with separators and accents between.
  fc.array(fc.constantFrom('The', 'the', 'and', 'AND', '&', 'Ltd.', 'GmbH', 'Co', 'KG', 'S.p.A.', 'Kabushiki', 'Kaisha', 'Société',
    'anonyme', 'Müller', 'Contoso', 'ß', '한', 'x', ',', '-', "'", '\u0301'), { maxLength: 7 })
    .chain((words) => fc.constantFrom(' ', '', ' & ', '  ').map((sep) => words.join(sep))),
).filter((text) => !text.includes('\u0000'))

// Phone numbers as people type them: the generator's formats, other regions', trunk prefixes, extensions, junk.
const PHONES = fc.oneof(
  fc.constantFrom(
    '+1 425 555 0100', '(425) 555-0100', '425.555.0100', '1-425-555-0100', '4255550100', '14255550100', '+14255550100',
    '+44 20 7946 0958', '020 7946 0958', '0044 20 7946 0958', '+44 (0)20 7946 0958', '+49 30 1234567', '030 1234567',
    '+1 425 555 0100 ext. 12', '425-555-0100 x12', '+', '++1 425 555 0100', '1 +425', '0425 555 0100', '1125550100',
    '+0 425 555 0100', '+1234567', '+1234567890123456', '00 1234567890', '\t+1\u00a0425/555.0100 ', ' ( ) ', 'TEL 425 555 0100',
    '５５５', '+1 425 555 0100\n', '1234567890'.repeat(4),
  ),
  fc.tuple(fc.constantFrom('', '+', '00', '1', '0', '(', '+1 '), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 0, maxLength: 17 }),
    fc.constantFrom('', ' ', '-', '.', '/', ') ', '(0)', 'x', '\u00a0', '\n'))
    .map(([head, digits, sep]) => head + digits.map((digit, i) => (i > 0 && i % 3 === 0 ? sep : '') + String(digit)).join('')),
  STRINGS,
)

const NORMALIZERS: [string, RuleOptions, (text: string) => string | undefined][] = [
  ['email', {}, (text) => normalizeEmail(text)],
  ['email', { stripPlusTag: true }, (text) => normalizeEmail(text, { stripPlusTag: true })],
  ['email', { stripPlusTag: true, gmailDots: true }, (text) => normalizeEmail(text, { stripPlusTag: true, gmailDots: true })],
  ['website', {}, normalizeWebsite],
  ['company-name', {}, (text) => normalizeCompanyName(text) || undefined],
  ['person-name', {}, (text) => normalizePersonName(text) || undefined],
  ['person-name', { joinParts: true }, (text) => normalizePersonName(text, { joinParts: true }) || undefined],
  ['text', {}, (text) => (text.trim() === '' ? undefined : text.trim().toLowerCase())],
  ['text', { caseSensitive: true }, (text) => (text.trim() === '' ? undefined : text.trim())],
]

const MATCHCODE_RULES: DuplicateRule[] = [
  { operator: 'exact' }, { operator: 'same-first-characters', characters: 3 }, { operator: 'same-last-characters', characters: 4 },
  { operator: 'picklist-exact' },
].map((condition) =>
  parseDuplicateRule({ kind: 'matchcode', name: 'r', baseEntity: 'lead', conditions: [{ baseField: 'v', ...condition }] }) as DuplicateRule)

// A real PostgreSQL server too when LEADKIT_PG_URL is set (see test/sql/parity.test.ts): PostgreSQL 15 lower-cases
// through ICU (und-x-icu), PGlite (PostgreSQL 17/18) through pg_unicode_fast; both must give JS's codes.
const serverUrl = process.env.LEADKIT_PG_URL
const engines: [string, SqlDialect, () => Promise<TestEngine>][] = [
  ['DuckDB', 'duckdb', duckdbEngine],
  ['PostgreSQL (PGlite)', 'postgres', pgliteEngine],
  ...(serverUrl === undefined || serverUrl === ''
    ? []
    : [['a PostgreSQL server', 'postgres', () => postgresServerEngine(serverUrl)] as [string, SqlDialect, () => Promise<TestEngine>]]),
]

describe.each(engines)('normalisers in %s SQL', (_name, dialect, makeEngine) => {
  let engine: TestEngine
  // PostgreSQL lower-cases through the function the compiled script installs, as the compiled script does.
  const lowerFunction = dialect === 'postgres' ? '"leadkit_lower"' : undefined
  const d = lowerFunction === undefined ? DIALECTS[dialect] : { ...DIALECTS[dialect], lowerFunction }
  beforeAll(async () => {
    engine = await makeEngine()
    if (lowerFunction !== undefined) await engine.executor.run(postgresLowerFunction(d, lowerFunction))
  }, 60_000)
  afterAll(async () => engine.close())
  // Values come back behind a marker: the drivers decode text with TextDecoder, which drops a leading BOM.
  const inSql = async (expression: string): Promise<string | undefined> => {
    const value = (await engine.rows(`SELECT '|' || (${expression})`))[0]?.[0]
    return value === null || value === undefined ? undefined : String(value).slice(1)
  }

  it.each(NORMALIZERS)('%s %j gives the JS code', async (name, options, js) => {
    const normalizer = normalizerSql(name, options)
    if (!('sql' in normalizer)) throw new Error(normalizer.reason)
    for (const text of ADVERSARIAL) expect([text, await inSql(normalizer.sql(d, d.literal(text)))]).toEqual([text, js(text)])
    await fc.assert(
      fc.asyncProperty(STRINGS, async (text) => {
        expect(await inSql(normalizer.sql(d, d.literal(text)))).toBe(js(text))
      }),
      { numRuns: 100 },
    )
  }, 120_000)

  // The SQL phone normaliser is normalizePhone's fast path: the JS code wherever that path decides, else no code
  // (the compiler warns: those numbers would need libphonenumber-js).
  it.each([[undefined], ['US'], ['GB'], ['ca']] as const)('phone (default region %s) gives the JS code or, outside its fast path, none', async (region) => {
    const normalizer = normalizerSql('phone', region === undefined ? {} : { defaultRegion: region })
    if (!('sql' in normalizer)) throw new Error(normalizer.reason)
    const upper = region?.toUpperCase()
    await fc.assert(
      fc.asyncProperty(PHONES, async (text) => {
        const fast = phoneFastPath(text, upper)
        const expected = fast === null ? undefined : fast === '' ? undefined : fast
        expect([text, await inSql(normalizer.sql(d, d.literal(text)))]).toEqual([text, expected])
        if (fast !== null) expect(expected).toBe(normalizePhone(text, region === undefined ? {} : { defaultRegion: region }))
      }),
      { numRuns: 150 },
    )
  }, 120_000)

  it.each(MATCHCODE_RULES.map((rule) => [rule.conditions[0]?.operator, rule] as const))(
    'the %s matchcode condition gives the JS code',
    async (_operator, rule) => {
      const { compileDuplicateRules } = await import('../../src/sql/compileDuplicateRules.js')
      // The condition's code, as the compiled keys table computes it, for one text.
      const code = async (text: string): Promise<string | undefined> => {
        await engine.executor.run('DROP TABLE IF EXISTS one_value')
        await engine.executor.run(`CREATE TABLE one_value AS SELECT 'x' AS id, ${d.literal(text)} AS v`)
        const compiled = compileDuplicateRules([rule], { dialect, table: 'one_value' })
        for (const sql of compiled.statements) await engine.executor.run(sql)
        const rows = await engine.rows(`SELECT '|' || code FROM ${compiled.tables.keys}`)
        return rows.length === 0 ? undefined : String(rows[0]?.[0]).slice(1)
      }
      await fc.assert(
        fc.asyncProperty(STRINGS, async (text) => {
          // Character counts differ for text outside the BMP (JS counts UTF-16 units): see docs/sql.md.
          fc.pre(rule.conditions[0]?.operator === 'exact' || rule.conditions[0]?.operator === 'picklist-exact' || !/[\u{10000}-\u{10FFFF}]/u.test(text))
          expect(await code(text)).toBe(matchcode({ id: 'x', v: text }, rule, 'base'))
        }),
        { numRuns: 40 },
      )
    },
    120_000,
  )
})
