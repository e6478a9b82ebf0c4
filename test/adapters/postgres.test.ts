import { readdirSync, readFileSync } from 'node:fs'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { createPostgresRepositories } from '../../src/adapters/postgres/createPostgresRepositories.js'
import { fromPg } from '../../src/adapters/postgres/fromPg.js'
import { migrate } from '../../src/adapters/postgres/migrate.js'
import { tableNames } from '../../src/adapters/postgres/schema.js'
import type { SqlClient } from '../../src/adapters/postgres/types.js'
import { executePlan } from '../../src/persistence/executePlan.js'
import { withFaults } from '../../src/persistence/testing/index.js'
import { usePgliteHarness } from '../support/persistencePostgres.js'
import {
  FIXTURE_NOW,
  fixtureDuplicateKeys,
  fixtureLead,
  fixtureNote,
  seedQualification,
  writesOf,
} from '../support/persistencePlans.js'

describe('PostgreSQL adapter on PGlite', () => {
  const harness = usePgliteHarness()

  it('migrate is idempotent and reports schema version 1', async () => {
    expect(await migrate(harness().client)).toBe(1)
    expect(await migrate(harness().client)).toBe(1)
    const { rows } = await harness().client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'leadkit_%' ORDER BY table_name`,
    )
    expect(rows.map((row) => row.table_name)).toEqual([
      'leadkit_account',
      'leadkit_contact',
      'leadkit_executed_plan',
      'leadkit_lead',
      'leadkit_migration',
      'leadkit_note',
      'leadkit_opportunity',
      'leadkit_timeline_entry',
    ])
  })

  it('stores the typed lookup columns next to the JSONB record', async () => {
    const repositories = await harness().fresh({ duplicateKeys: fixtureDuplicateKeys })
    const { plan } = await seedQualification(repositories, '1')
    await executePlan(plan, repositories, { now: FIXTURE_NOW })
    const lead = await harness().client.query(`SELECT version, state, duplicate_keys, body->>'statusReason' AS reason FROM leadkit_lead`)
    expect(lead.rows).toEqual([
      { version: 2, state: 'qualified', duplicate_keys: ['email:lead-1@example.com', 'company:analyticalenginesltd'], reason: 'qualified' },
    ])
    const notes = await harness().client.query(`SELECT id, regarding, visible_on FROM leadkit_note ORDER BY id`)
    expect(notes.rows).toEqual([
      { id: 'note-1-1', regarding: 'lead:lead-1', visible_on: ['opportunity:opportunity-lead-1-1'] },
      { id: 'note-1-2', regarding: 'lead:lead-1', visible_on: ['opportunity:opportunity-lead-1-1'] },
    ])
  })

  it('serves candidate lookups from the GIN index on duplicate keys', async () => {
    const repositories = await harness().fresh({ duplicateKeys: fixtureDuplicateKeys })
    for (let index = 0; index < 200; index += 1) await repositories.leads.insert(fixtureLead(`lead-${index}`))
    await harness().client.query('ANALYZE leadkit_lead')
    const plan = await harness().client.transaction(async (tx) => {
      // Tiny tables make a sequential scan cheapest; switching it off shows the index can answer the lookup.
      await tx.query('SET LOCAL enable_seqscan = off')
      return tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT body FROM leadkit_lead WHERE duplicate_keys && $1::text[]`,
        [['email:lead-7@example.com']],
      )
    })
    expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('leadkit_lead_duplicate_keys')
    expect((await repositories.leads.findCandidates(['email:lead-7@example.com'])).map((lead) => lead.id)).toEqual(['lead-7'])
  })

  it(`rolls back a fault at each of the writes of a qualification plan, compared row by row`, async () => {
    const dump = async () => {
      const rows: unknown[] = []
      for (const table of ['lead', 'account', 'contact', 'opportunity', 'note', 'timeline_entry']) {
        rows.push((await harness().client.query(`SELECT id, version, body FROM leadkit_${table} ORDER BY id`)).rows)
      }
      rows.push((await harness().client.query('SELECT plan_id FROM leadkit_executed_plan')).rows)
      return rows
    }
    const repositories = await harness().fresh({ duplicateKeys: fixtureDuplicateKeys })
    const { plan } = await seedQualification(repositories, '1')
    const before = await dump()
    let faults = 0
    for (let position = 1; position <= writesOf(plan); position += 1) {
      const faulty = withFaults(repositories, { failAt: position })
      await expect(executePlan(plan, faulty)).rejects.toMatchObject({ code: 'write_failed' })
      faults += faulty.faultsInjected
      expect(await dump()).toEqual(before)
    }
    expect(faults).toBe(writesOf(plan))
  })

  it('keeps tables of different prefixes apart and refuses a prefix that is not an identifier', async () => {
    await migrate(harness().client, { tablePrefix: 'other_' })
    const other = createPostgresRepositories(harness().client, { tablePrefix: 'other_' })
    const main = await harness().fresh()
    await other.leads.insert(fixtureLead('lead-x'))
    expect(await main.leads.get('lead-x')).toBeUndefined()
    expect((await other.leads.get('lead-x'))?.id).toBe('lead-x')
    expect(() => tableNames('drop table;')).toThrow(expect.objectContaining({ code: 'invalid_format', path: ['tablePrefix'] }))
    expect(() => createPostgresRepositories(harness().client, { tablePrefix: 'Bad' })).toThrow(expect.objectContaining({ code: 'invalid_format' }))
  })

  it('issue 17: a JSON null body read back from PostgreSQL is refused, not returned as null', async () => {
    const repositories = await harness().fresh({ duplicateKeys: fixtureDuplicateKeys })
    await repositories.leads.insert(fixtureLead('lead-1'))
    await harness().client.query(`UPDATE leadkit_lead SET body = 'null'::jsonb WHERE id = 'lead-1'`)
    const error = await repositories.leads.get('lead-1').then(
      () => undefined,
      (reason: unknown) => reason,
    )
    expect(error).toBeInstanceOf(LeadkitError)
    expect(error).toMatchObject({ code: 'invalid_type', path: [] })
    expect((error as LeadkitError).message).toContain('the lead row lead-1 of leadkit_lead is corrupt: it holds null')
    await expect(repositories.leads.getMany(['lead-1'])).rejects.toMatchObject({ code: 'invalid_type' })
    const lookup = repositories.leads.findByDuplicateKey('email:lead-1@example.com')
    await expect(lookup).rejects.toMatchObject({ code: 'invalid_type' })
  })

  it('issue 17: a row whose body is not its record (other id, version, prototype key…) is refused', async () => {
    const repositories = await harness().fresh({ duplicateKeys: fixtureDuplicateKeys })
    const lead = fixtureLead('lead-1')
    const corruptions: [string, string, (string | number)[]][] = [
      [JSON.stringify({ ...lead, id: 'lead-2' }), 'invalid_value', ['id']],
      [JSON.stringify({ ...lead, version: 7 }), 'invalid_value', ['version']],
      [JSON.stringify({ ...lead, version: 'one' }), 'invalid_value', ['version']],
      [JSON.stringify(lead).replace(/}$/, ',"__proto__":{"isAdmin":true}}'), 'forbidden_key', ['__proto__']],
      ['[1, 2]', 'invalid_type', []],
      ['"lead-1"', 'invalid_type', []],
    ]
    for (const [body, code, path] of corruptions) {
      await harness().client.query('TRUNCATE leadkit_lead')
      await repositories.leads.insert(lead)
      await harness().client.query(`UPDATE leadkit_lead SET body = $1::jsonb WHERE id = 'lead-1'`, [body])
      await expect(repositories.leads.get('lead-1')).rejects.toMatchObject({ code, path })
    }
    await repositories.notes.insert(fixtureNote('n-1', { entity: 'lead', id: 'lead-1' }))
    await harness().client.query(`UPDATE leadkit_note SET body = body - 'regarding' WHERE id = 'n-1'`)
    await expect(repositories.notes.listByRegarding({ entity: 'lead', id: 'lead-1' })).rejects.toMatchObject({
      code: 'invalid_value',
      path: ['regarding'],
    })
  })

  it('issue 17: a corrupt executed-plan row is refused, and a result with a prototype key is not written', async () => {
    const repositories = await harness().fresh({ duplicateKeys: fixtureDuplicateKeys })
    const { plan } = await seedQualification(repositories, '1')
    const result = await executePlan(plan, repositories, { now: FIXTURE_NOW })
    expect(await repositories.executedPlans.get(plan.id)).toEqual(result)
    for (const [body, path] of [
      ['null', []],
      [JSON.stringify({ ...result, planId: 'other' }), ['planId']],
      [JSON.stringify({ ...result, created: { ...result.created, all: 'x' } }), ['created', 'all']],
    ] as const) {
      const update = 'UPDATE leadkit_executed_plan SET result = $1::jsonb WHERE plan_id = $2'
      await harness().client.query(update, [body, plan.id])
      await expect(repositories.executedPlans.get(plan.id)).rejects.toMatchObject({ path })
    }
    const poisoned = JSON.parse(JSON.stringify({ ...result, planId: 'p-2' }).replace(/}$/, ',"constructor":{}}'))
    const refused = { code: 'forbidden_key', path: ['constructor'] }
    await expect(repositories.executedPlans.insert(poisoned)).rejects.toMatchObject(refused)
    expect(await repositories.executedPlans.get('p-2')).toBeUndefined()
  })

  it('refuses a record without a modifiedOn instant, or keys the host got wrong, with a LeadkitError', async () => {
    const repositories = await harness().fresh({ duplicateKeys: fixtureDuplicateKeys })
    const { modifiedOn: _, ...noInstant } = fixtureLead('lead-1')
    const refused = { code: 'invalid_format', path: ['modifiedOn'] }
    await expect(repositories.leads.insert(noInstant as never)).rejects.toMatchObject(refused)
    const badKeys = await harness().fresh({ duplicateKeys: () => ['email:a\u0000b'] })
    const insert = badKeys.leads.insert(fixtureLead('lead-1'))
    await expect(insert).rejects.toMatchObject({ code: 'invalid_format', path: [0] })
    expect(await badKeys.leads.get('lead-1')).toBeUndefined()
  })
})

describe('fromPg', () => {
  function fakePool(...failOn: string[]) {
    const log: string[] = []
    const released: unknown[] = []
    const connection = {
      async query(text: string) {
        log.push(text)
        if (failOn.includes(text)) throw new Error(`failed: ${text}`)
        return { rows: [{ text }] }
      },
      release(error?: unknown) {
        released.push(error)
      },
    }
    return { log, released, pool: { totalCount: 0, query: connection.query, connect: async () => connection } }
  }

  it('runs a Pool transaction on one connection between BEGIN and COMMIT, then releases it', async () => {
    const { log, released, pool } = fakePool()
    const value = await fromPg(pool).transaction(async (tx) => {
      await tx.query('SELECT 1', [])
      return 'done'
    })
    expect(value).toBe('done')
    expect(log).toEqual(['BEGIN', 'SELECT 1', 'COMMIT'])
    expect(released).toEqual([undefined])
  })

  it('rolls back when the function throws and hands the clean connection back to the pool for reuse', async () => {
    const { log, released, pool } = fakePool('INSERT')
    await expect(fromPg(pool).transaction((tx) => tx.query('INSERT'))).rejects.toThrow('failed: INSERT')
    expect(log).toEqual(['BEGIN', 'INSERT', 'ROLLBACK'])
    // A conflict or a failed statement rolled back cleanly: the pool keeps the connection.
    expect(released).toEqual([undefined])
  })

  it('hands the connection back as broken, so the pool drops it, when BEGIN, COMMIT or ROLLBACK fails', async () => {
    for (const [failing, expected] of [
      [['BEGIN'], 'failed: BEGIN'],
      [['COMMIT'], 'failed: COMMIT'],
      [['INSERT', 'ROLLBACK'], 'failed: INSERT'],
    ] as const) {
      const { released, pool } = fakePool(...failing)
      // The caller always gets the first error: a failed ROLLBACK does not hide the statement's.
      await expect(fromPg(pool).transaction((tx) => tx.query('INSERT'))).rejects.toThrow(expected)
      expect(released).toHaveLength(1)
      expect((released[0] as Error).message).toBe(`failed: ${failing[failing.length - 1]}`)
    }
  })

  it('refuses a query sent through a transaction that has ended, so it cannot run on a connection back in the pool', async () => {
    const { log, pool } = fakePool('FAIL')
    const sql = fromPg(pool)
    let kept: SqlClient | undefined
    await sql.transaction(async (tx) => {
      kept = tx
    })
    await expect(kept?.query('UPDATE late')).rejects.toMatchObject({ code: 'write_failed' })
    // After a failed transaction too: a query its function fires late must not run outside it.
    let late: Promise<unknown> | undefined
    await expect(
      sql.transaction(async (tx) => {
        const failing = tx.query('FAIL')
        late = failing.catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 5))
          return tx.query('UPDATE after the rollback')
        })
        await failing
      }),
    ).rejects.toThrow('failed: FAIL')
    await expect(late).rejects.toMatchObject({ code: 'write_failed' })
    expect(log).toEqual(['BEGIN', 'COMMIT', 'BEGIN', 'FAIL', 'ROLLBACK'])
  })

  it('makes queries on a single Client wait while a transaction holds it', async () => {
    const log: string[] = []
    const client = {
      async query(text: string) {
        log.push(text)
        await new Promise((resolve) => setTimeout(resolve, 1))
        return { rows: [] }
      },
    }
    const sql = fromPg(client)
    await Promise.all([
      sql.transaction(async (tx) => {
        await tx.query('UPDATE a')
        await tx.query('UPDATE b')
      }),
      sql.query('SELECT outside'),
    ])
    expect(log).toEqual(['BEGIN', 'UPDATE a', 'UPDATE b', 'COMMIT', 'SELECT outside'])
  })
})

describe('fromPg with the real pg package', () => {
  it('accepts a pg Pool and a pg Client as they are typed by @types/pg', async () => {
    // Constructing them opens no connection; the assignments are what is checked (by the type checker).
    const pool = new pg.Pool({ host: '127.0.0.1', port: 1 })
    const client = new pg.Client({ host: '127.0.0.1', port: 1 })
    const fromPool: SqlClient = fromPg(pool)
    const fromClient: SqlClient = fromPg(client)
    expect(typeof fromPool.transaction).toBe('function')
    expect(typeof fromClient.query).toBe('function')
    await pool.end()
  })
})

describe('the adapter loads no driver', () => {
  it('imports pg and PGlite nowhere in src/adapters/postgres, and src/index.ts does not re-export it', () => {
    const folder = new URL('../../src/adapters/postgres/', import.meta.url)
    for (const file of readdirSync(folder)) {
      const text = readFileSync(new URL(file, folder), 'utf8')
      // Doc comments show `import pg from 'pg'` to the host; only real import statements count.
      expect(text, file).not.toMatch(/^\s*(import|export)[^\n]*from ['"](pg|@electric-sql\/pglite)['"]/m)
      expect(text, file).not.toMatch(/import\(['"](pg|@electric-sql\/pglite)['"]\)/)
    }
    const root = readFileSync(new URL('../../src/index.ts', import.meta.url), 'utf8')
    expect(root).not.toMatch(/^\s*(import|export)[^\n]*adapters\/postgres/m)
  })
})
