// The PostgreSQL adapter against a real server, through the `pg` package and a Pool of several connections, so
// transactions really run side by side. Opt-in: CI machines have no server.
//
//   LEADKIT_PG_URL=postgres://leadkit:leadkit@127.0.0.1:5432/leadkit npx vitest run test/adapters/postgres.server.test.ts
//
// Every run migrates its own tables under a unique prefix and drops them at the end, so runs never collide.
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { fromPg } from '../../src/adapters/postgres/fromPg.js'
import { migrate } from '../../src/adapters/postgres/migrate.js'
import { tableNames } from '../../src/adapters/postgres/schema.js'
import { repositoryContract } from '../../src/persistence/testing/index.js'
import { executePlan } from '../../src/persistence/executePlan.js'
import { repositoryFor } from '../../src/persistence/internal/repositoryFor.js'
import { isLeadkitError } from '../../src/errors.js'
import type { Lead } from '../../src/records/types.js'
import { runRepositoryContract } from '../persistence/contract.js'
import { useServerHarness } from '../support/persistencePostgres.js'
import { mergeAccounts, qualifyDisqualifyReactivate } from '../support/realPlannerScenarios.js'
import {
  FIXTURE_NOW,
  fixtureDisqualificationPlan,
  fixtureDuplicateKeys,
  fixtureLead,
  fixtureQualificationPlan,
  seedQualification,
} from '../support/persistencePlans.js'

const url = process.env.LEADKIT_PG_URL
const enable = 'set LEADKIT_PG_URL=postgres://user:password@host:5432/database to run'

describe.skipIf(!url)(`repository contract: PostgreSQL server through a pg Pool (${enable})`, () => {
  const harness = useServerHarness(url, { max: 8 })
  // `fresh()` resets the pool's peak of checked-out connections; each check's peak is kept to prove the race checks
  // ran their transactions side by side rather than one after another.
  const peaks = new Map<string, number>()
  afterEach(({ task }) => {
    peaks.set(task.name, harness().peakCheckedOut)
  })

  runRepositoryContract('postgres-server', (options) => harness().fresh(options))

  it('executes the real planners’ plans: qualifies, refuses the stale disqualification, is idempotent, reactivates', async () => {
    await qualifyDisqualifyReactivate(await harness().fresh({ duplicateKeys: fixtureDuplicateKeys }))
  })

  it('executes planMerge’s plan: merges two accounts and moves the note', async () => {
    await mergeAccounts(await harness().fresh({ duplicateKeys: fixtureDuplicateKeys }))
  })

  it('ran the contract’s concurrent checks on several pooled connections at once', () => {
    const concurrent = repositoryContract.filter((check) => check.name.includes('concurrently')).map((check) => check.name)
    expect(concurrent.length).toBeGreaterThanOrEqual(2)
    for (const name of concurrent) expect(peaks.get(name), name).toBeGreaterThanOrEqual(2)
  })
})

describe.skipIf(!url)(`PostgreSQL adapter on a server: row locks and a 50-lead race (${enable})`, () => {
  const harness = useServerHarness(url, { max: 8 })

  it('a plan waits for another transaction’s row lock, then sees the new version and conflicts', async () => {
    const repositories = await harness().fresh({ duplicateKeys: fixtureDuplicateKeys })
    const { input, plan } = await seedQualification(repositories, '1')
    const { pool, tables } = harness()
    const holder = await pool.connect()
    try {
      await holder.query('BEGIN')
      await holder.query(`SELECT id FROM ${tables.lead} WHERE id = $1 FOR UPDATE`, [input.lead.id])
      const waiting = executePlan(plan, repositories, { now: FIXTURE_NOW })
      const outcome = waiting.then(
        () => 'committed',
        (error: unknown) => (isLeadkitError(error) ? error.code : String(error)),
      )
      // Wait (by polling the server, not the clock) until the plan's transaction is blocked on the lock.
      let blocked = 0
      while (blocked === 0) {
        const { rows } = await pool.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%' || $1 || '%FOR UPDATE'`,
          [tables.lead],
        )
        blocked = Number(rows[0]?.n)
      }
      await holder.query(`UPDATE ${tables.lead} SET version = 2, body = jsonb_set(body, '{version}', '2') WHERE id = $1`, [input.lead.id])
      await holder.query('COMMIT')
      expect(await outcome).toBe('conflict')
      expect(await repositories.executedPlans.get(plan.id)).toBeUndefined()
      for (const operation of plan.operations) {
        if (operation.op === 'create') expect(await repositoryFor(repositories, operation.entity).get(operation.id), operation.id).toBeUndefined()
      }
    } finally {
      holder.release()
    }
  })

  it('50 leads, each raced by a qualification and a disqualification on a pool: 50 wins, 50 conflicts', async () => {
    const repositories = await harness().fresh({ duplicateKeys: fixtureDuplicateKeys })
    const races: [string, ReturnType<typeof fixtureQualificationPlan>, ReturnType<typeof fixtureDisqualificationPlan>][] = []
    for (let index = 1; index <= 50; index += 1) {
      const { input, plan } = await seedQualification(repositories, String(index))
      races.push([input.lead.id, plan, fixtureDisqualificationPlan(input.lead)])
    }
    harness().resetPeak()
    const outcomes = await Promise.allSettled(
      races.flatMap(([, qualification, disqualification]) => [
        executePlan(qualification, repositories, { now: FIXTURE_NOW }),
        executePlan(disqualification, repositories, { now: FIXTURE_NOW }),
      ]),
    )
    expect(harness().peakCheckedOut).toBeGreaterThanOrEqual(2)
    const codes = outcomes.map((outcome) =>
      outcome.status === 'fulfilled' ? 'ok' : isLeadkitError(outcome.reason) ? outcome.reason.code : String(outcome.reason),
    )
    expect(codes.filter((code) => code === 'ok')).toHaveLength(50)
    expect(codes.filter((code) => code === 'conflict')).toHaveLength(50)
    for (let index = 0; index < races.length; index += 1) {
      const [leadId, qualification, disqualification] = races[index]!
      expect([codes[2 * index], codes[2 * index + 1]].sort(), leadId).toEqual(['conflict', 'ok'])
      const won = codes[2 * index] === 'ok' ? qualification : disqualification
      const lost = won === qualification ? disqualification : qualification
      expect((await repositories.leads.get(leadId))?.version).toBe(2)
      expect(await repositories.executedPlans.get(won.id)).toBeDefined()
      expect(await repositories.executedPlans.get(lost.id)).toBeUndefined()
    }
  })
})

describe.skipIf(!url)(`PostgreSQL adapter on a server: values through the pg driver (${enable})`, () => {
  const harness = useServerHarness(url, { max: 2 })

  it('round-trips JSON values, array keys that need quoting, and ids beyond the Basic Multilingual Plane', async () => {
    // Duplicate keys travel as pg's text[] literals; ids are compared by the server (COLLATE "C" is UTF-8 byte order).
    const keys = ['email:"quoted"@example.com', 'company:a,b {c} \\ d', 'name:NULL', 'name:', 'name:ünïcødé 😀']
    const repositories = await harness().fresh({ duplicateKeys: (_entity, record) => (record.id.startsWith('lead-') ? keys : []) })
    const lead = fixtureLead('lead-😀', {
      topic: 'Quotes " \' \\ and a newline\n, a tab\t, ünïcødé, 中文, 😀',
      budgetAmount: 0.1 + 0.2,
      numberOfEmployees: Number.MAX_SAFE_INTEGER,
      description: '',
    } as Partial<Lead>)
    const other = fixtureLead('lead-\uFF5E')
    await repositories.leads.insert(lead)
    await repositories.leads.insert(other)
    expect(await repositories.leads.get(lead.id)).toEqual(lead)
    for (const key of keys) {
      expect((await repositories.leads.findByDuplicateKey(key)).map((found) => found.id), key).toEqual([lead.id, other.id].sort())
    }
    expect((await repositories.leads.findCandidates(keys)).map((found) => found.id)).toEqual([lead.id, other.id].sort())
    expect((await repositories.leads.getMany([other.id, lead.id])).map((found) => found.id)).toEqual([other.id, lead.id])
    const { rows } = await harness().client.query<{ version: unknown; keys: unknown }>(
      `SELECT version, duplicate_keys AS keys FROM ${harness().tables.lead} WHERE id = $1`,
      [lead.id],
    )
    expect(rows).toEqual([{ version: 1, keys }])
  })
})

describe.skipIf(!url)(`PostgreSQL adapter on a server: dropped connections and concurrent migrations (${enable})`, () => {
  const harness = useServerHarness(url, { max: 4 })

  it('a connection the server drops inside a transaction: no uncaught error, fn’s error rethrown unchanged, connection discarded', async () => {
    const { pool } = harness()
    const totalBefore = pool.totalCount
    // The pool as fromPg sees it, keeping hold of the connection it checks out.
    let checkedOut: pg.PoolClient | undefined
    const spied = {
      totalCount: pool.totalCount,
      query: (text: string, values?: unknown[]) => pool.query(text, values),
      connect: async () => (checkedOut = await pool.connect()),
    }
    const client = fromPg(spied)
    const hostError = new Error('the host gave up after the connection dropped')
    const outcome = client.transaction(async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      // (Not events.once: it would listen to `error` itself and hide what this test is about.)
      const ended = new Promise((resolve) => checkedOut!.once('end', resolve))
      await pool.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid])
      // pg emits `error` on the idle connection, then `end`: an unheard `error` would be an uncaught exception.
      await ended
      throw hostError
    })
    await expect(outcome).rejects.toBe(hostError)
    // The pool let go of the dead connection: the next transaction gets a live one.
    expect(pool.totalCount).toBe(totalBefore - 1)
    expect((await client.transaction((tx) => tx.query('SELECT 1 AS one'))).rows).toEqual([{ one: 1 }])
  })

  it('migrate run at once by several connections with the same prefix: every one reports version 1', async () => {
    const { client, tablePrefix } = harness()
    const prefix = `${tablePrefix}m_`
    const tables = tableNames(prefix)
    try {
      const versions = await Promise.all(Array.from({ length: 4 }, () => migrate(client, { tablePrefix: prefix })))
      expect(versions).toEqual([1, 1, 1, 1])
    } finally {
      await client.query(`DROP TABLE IF EXISTS ${Object.values(tables).join(', ')}`)
    }
  })
})
