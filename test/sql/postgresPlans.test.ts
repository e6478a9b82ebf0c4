// The compiled name rules on PostgreSQL keep small plans. PostgreSQL inlines one-expression SQL functions and pulls
// subqueries up into the query that reads them; when the fold and the Metaphone key were inlined and the stages
// pulled up, a stage's expression was copied into every later reference: one decision's plan grew to 806,000
// characters on PostgreSQL 15, planning the prepared leads took over a minute on 30 rows, and the JIT compiler did
// not finish on 3,000. Counted here on PGlite (PostgreSQL 18) as the size of each statement's verbose plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDefaultLeadRules } from '../../src/duplicates/defaultLeadRules.js'
import { compileDuplicateRules } from '../../src/sql/compileDuplicateRules.js'
import { generateDuplicateLeads } from '../support/duplicatesGenerator.js'
import { pgliteEngine, type TestEngine } from '../support/sqlEngines.js'

const COLUMNS = ['id', 'firstName', 'lastName', 'companyName', 'email', 'website', 'businessPhone', 'mobilePhone', 'state'] as const
/** Far above any statement's plan now (the largest is under 30,000 characters), far below the pulled-up plans. */
const MAX_PLAN_CHARS = 100_000

describe('the name rules compiled for PostgreSQL', () => {
  let engine: TestEngine
  beforeAll(async () => {
    engine = await pgliteEngine()
    const leads = generateDuplicateLeads({ count: 40, seed: 11 }).leads as unknown as readonly Record<string, string | undefined>[]
    await engine.load('leads', COLUMNS, leads.map((lead) => COLUMNS.map((column) => lead[column])))
  }, 60_000)
  afterAll(async () => engine.close())

  it('plans every statement small, with the fold and Metaphone called, not copied', async () => {
    const compiled = compileDuplicateRules(createDefaultLeadRules({ defaultRegion: 'US' }), {
      dialect: 'postgres', table: 'leads', columns: { state: 'state' },
    })
    const sizes: Record<string, number> = {}
    for (const sql of compiled.statements) {
      const create = /^CREATE TABLE ("[^"]+") AS\n/.exec(sql)
      if (create !== null) {
        const plan = (await engine.rows(`EXPLAIN (VERBOSE) ${sql.slice(create[0].length)}`)).map((row) => String(row[0])).join('\n')
        sizes[create[1] as string] = plan.length
        if (create[1] === '"leadkit_names"') expect(plan).toContain('leadkit_metaphone(')
      }
      await engine.executor.run(sql)
    }
    // The names are folded and keyed in their own statement, whose plan was checked above.
    expect(sizes['"leadkit_names"']).toBeGreaterThan(0)
    const oversized = Object.entries(sizes).filter(([, size]) => size > MAX_PLAN_CHARS)
    expect(oversized, JSON.stringify(sizes)).toEqual([])
    // The decisions ran: the generated leads have duplicates the name rules find.
    expect(Number((await engine.rows('SELECT count(*) FROM "leadkit_pairs"'))[0]?.[0])).toBeGreaterThan(0)
  }, 120_000)
})
