// The two name orders of an oversized block in SQL (nameOrderSql) against nameOrderOf, which the duplicate index
// sorts by: the same packed numbers for names from the skewed suite, nicknames, digits, accents, odd characters and
// empty parts, on DuckDB and PGlite. Seeded; the seed is printed on failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nicknameLookup } from '../../src/duplicates/nicknames.js'
import { nameOrderOf } from '../../src/duplicates/internal/nameOrder.js'
import { normalizePersonName } from '../../src/duplicates/normalizePersonName.js'
import { createPrng } from '../../src/internal/prng.js'
import { DIALECTS } from '../../src/sql/internal/dialect.js'
import { nameOrderSql } from '../../src/sql/internal/nameOrderSql.js'
import { nicknameTableSql } from '../../src/sql/internal/nicknameSql.js'
import { generateSkewedLeads } from '../support/skewedLeads.js'
import { duckdbEngine, pgliteEngine, type TestEngine } from '../support/sqlEngines.js'

const SEED = 41
const ODD = ['', ' ', 'Bob', 'Al', 'Kate', 'Zoë', "O'Neil-Smith", 'van der Berg', 'J.R.', 'A1b2 C3', '007', 'Ζωή', 'Łukasz',
  'Robert Robert Robert', 'x'.repeat(40), 'Müller', 'ÆSIR', 'Dr.', '李', 'Ann-Marie', '9', 'zz zz', 'Aaaaaaaaaaz']

function names(): { id: string; firstName: string; lastName: string }[] {
  const random = createPrng(SEED)
  const skewed = generateSkewedLeads({ count: 400, seed: SEED }).leads
  const rows = skewed.map((lead, i) => ({ id: `s${i}`, firstName: String(lead.firstName ?? ''), lastName: String(lead.lastName ?? '') }))
  for (let i = 0; i < 300; i += 1) {
    const pick = (): string => ODD[Math.floor(random() * ODD.length)] as string
    rows.push({ id: `o${i}`, firstName: pick(), lastName: pick() })
  }
  return rows
}

describe.each([['duckdb', duckdbEngine], ['postgres', pgliteEngine]] as const)('name orders in %s SQL', (dialect, makeEngine) => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await makeEngine()
  }, 60_000)
  afterAll(async () => engine.close())

  it('packs each record as nameOrderOf does', async () => {
    const d = DIALECTS[dialect]
    const rows = names()
    // The prepared leads' columns: the parts folded and joined, NULL when nothing is left.
    const prepared = (name: string): string | undefined => normalizePersonName(name, { joinParts: true }) || undefined
    await engine.load('prepared', ['id', 'given', 'surname'], rows.map((r) => [r.id, prepared(r.firstName), prepared(r.lastName)]))
    for (const sql of nicknameTableSql(d, 'nick', undefined)) await engine.executor.run(sql)
    const sql = await engine.rows(`SELECT id, pair_order, surname_order FROM (${nameOrderSql(d, 'prepared', 'nick', 'SELECT id FROM prepared')}) AS o`)
    const byId = new Map(sql.map(([id, pair, surname]) => [String(id), [Number(pair), Number(surname)]]))
    const lookup = nicknameLookup(undefined)
    const differ = rows
      .map((r) => ({ ...r, js: Object.values(nameOrderOf(r, lookup)), sql: byId.get(r.id) }))
      .filter((r) => JSON.stringify(r.js) !== JSON.stringify(r.sql))
    expect(differ, `seed ${SEED}`).toEqual([])
    expect(byId.size).toBe(rows.length)
  }, 120_000)
})
