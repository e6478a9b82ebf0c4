/**
 * The repository contract: the checks any repository implementation must pass for leadkit's executor to be safe on
 * it. Framework-agnostic — each check is an async function that throws a `LeadkitError` when the implementation
 * breaks the contract — so an adapter author runs them from vitest, jest, node:test or a script.
 */
import { isLeadkitError, LeadkitError } from '../../errors.js'
import type { PlanBase } from '../../plan.js'
import type { EntityRef, Lead, RecordBase } from '../../records/types.js'
import {
  FIXTURE_NOW,
  fixtureAccount,
  fixtureDisqualificationPlan,
  fixtureDuplicateKeys,
  fixtureLead,
  fixtureNote,
  fixtureQualificationInput,
  fixtureQualificationPlan,
  fixtureTimelineEntry,
  seedMergeFixture,
  seedQualificationFixture,
} from './fixtures.js'
import { executeBulk } from '../executeBulk.js'
import { executePlan } from '../executePlan.js'
import { isDeeplyFrozen } from '../internal/frozenCopy.js'
import { repositoryFor } from '../internal/repositoryFor.js'
import type { DuplicateKeysFunction, PlanExecutionResult, Repositories, RepositoryOptions } from '../types.js'
import { withFaults } from './withFaults.js'

/**
 * Makes a fresh, empty set of repositories for one check (truncate the tables of a shared database here).
 *
 * @example
 * const create: CreateRepositories = (options) => createInMemoryRepositories(options)
 */
export type CreateRepositories = (options: RepositoryOptions) => Repositories | Promise<Repositories>

/**
 * One named check of the repository contract.
 *
 * @example
 * repositoryContract[0].name //=> 'insert then get returns an equal, frozen record'
 */
export interface ContractCheck {
  readonly name: string
  /** Runs the check on fresh repositories; throws a `LeadkitError` on a violation, may return a summary line. */
  run(createRepositories: CreateRepositories): Promise<string | void>
}

const QUALIFICATION_WRITES = fixtureQualificationPlan(fixtureQualificationInput('count')).operations.filter(
  (operation) => operation.op !== 'link',
).length + 1

function fail(message: string, details?: unknown): never {
  throw new LeadkitError({ code: 'invalid_value', path: [], message: `repository contract: ${message}` }, { details })
}

// JSONB and other stores do not keep key order, so values are compared in a canonical form.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  )
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = canonical(actual)
  const e = canonical(expected)
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`, { expected, actual })
}

async function expectError(promise: Promise<unknown>, code: string, what: string): Promise<LeadkitError> {
  try {
    await promise
  } catch (error) {
    if (isLeadkitError(error) && error.code === code) return error
    fail(`${what}: expected a LeadkitError with code ${code}, got ${describeError(error)}`)
  }
  return fail(`${what}: expected a LeadkitError with code ${code}, but it succeeded`)
}

async function expectThrows(promise: Promise<unknown>, what: string): Promise<void> {
  try {
    await promise
  } catch {
    return
  }
  fail(`${what}: expected it to fail, but it succeeded`)
}

function describeError(error: unknown): string {
  if (isLeadkitError(error)) return `LeadkitError ${error.code} (${error.message})`
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

function ids(records: readonly RecordBase[]): string[] {
  return records.map((record) => record.id)
}

async function create(createRepositories: CreateRepositories): Promise<Repositories> {
  return createRepositories({ duplicateKeys: fixtureDuplicateKeys })
}

/** Everything a plan can touch, read back through the interfaces, so two states compare on any store. */
async function observe(repositories: Repositories, plans: readonly PlanBase[]): Promise<unknown> {
  const refs = new Map<string, EntityRef>()
  for (const plan of plans) {
    for (const ref of [...plan.reads, ...plan.operations]) refs.set(`${ref.entity}:${ref.id}`, ref)
  }
  const state: Record<string, unknown> = {}
  for (const [key, ref] of [...refs].sort(([a], [b]) => (a < b ? -1 : 1))) {
    state[key] = (await repositoryFor(repositories, ref.entity).get(ref.id)) ?? null
    if (ref.entity === 'lead' || ref.entity === 'opportunity' || ref.entity === 'account') {
      state[`${key} notes`] = ids(await repositories.notes.listByRegarding(ref))
      state[`${key} visible notes`] = ids(await repositories.notes.listVisibleOn(ref))
      state[`${key} timeline`] = ids(await repositories.timelineEntries.listByRegarding(ref))
    }
  }
  for (const plan of plans) state[`plan ${plan.id}`] = (await repositories.executedPlans.get(plan.id)) ?? null
  return state
}

async function seedQualification(repositories: Repositories, suffix: string): Promise<PlanBase> {
  return (await seedQualificationFixture(repositories, suffix)).plan
}

/**
 * The fixture key function, made to throw at its `failAt`-th call once armed (calls are counted only while armed),
 * as a host's function may: a bug, a lookup service that is down.
 */
interface HostileKeys {
  readonly duplicateKeys: DuplicateKeysFunction
  /** Counts calls from now on and throws at call `failAt` (never, with `Infinity`). */
  arm(failAt: number): void
  disarm(): void
  readonly calls: number
}

function hostileKeys(): HostileKeys {
  let armed = false
  let failAt = Infinity
  let calls = 0
  return {
    duplicateKeys(entity, record) {
      if (armed) {
        calls += 1
        if (calls === failAt) throw new Error(`the host's duplicateKeys failed at call ${calls}`)
      }
      return fixtureDuplicateKeys(entity, record)
    },
    arm(at) {
      armed = true
      failAt = at
      calls = 0
    },
    disarm() {
      armed = false
    },
    get calls() {
      return calls
    },
  }
}

/** Ways to tamper with a ready qualification plan, each with the code and path it must be refused with. */
interface TamperedPlan {
  readonly what: string
  readonly plan: unknown
  readonly now?: unknown
  readonly code: string
  readonly path: readonly unknown[]
}

function tamperedPlans(plan: PlanBase): readonly TamperedPlan[] {
  const update = plan.operations.findIndex((operation) => operation.op === 'update' && operation.entity === 'lead')
  const withOperation = (operation: unknown): PlanBase => {
    const operations: unknown[] = [...plan.operations]
    operations[update] = operation
    return { ...plan, operations } as PlanBase
  }
  const lead = plan.operations[update] as Extract<PlanBase['operations'][number], { op: 'update' }>
  const patched = (patch: unknown): PlanBase => withOperation({ ...lead, patches: [...lead.patches, patch] })
  return [
    { what: 'a null plan', plan: null, code: 'invalid_type', path: [] },
    { what: 'an empty object', plan: {}, code: 'invalid_type', path: ['id'] },
    {
      what: 'an operation "drop"',
      plan: withOperation({ ...lead, op: 'drop' }),
      code: 'invalid_value',
      path: ['operations', update, 'op'],
    },
    {
      what: 'an unknown entity',
      plan: withOperation({ ...lead, entity: 'widget' }),
      code: 'invalid_value',
      path: ['operations', update, 'entity'],
    },
    {
      what: 'state "weird"',
      plan: patched({ op: 'replace', path: ['state'], value: 'weird' }),
      code: 'invalid_value',
      path: ['operations', update, 'patches', lead.patches.length, 'value'],
    },
    {
      what: 'a status reason of another state',
      plan: patched({ op: 'replace', path: ['statusReason'], value: 'new' }),
      code: 'invalid_combination',
      path: ['operations', update, 'patches'],
    },
    {
      what: 'a patch of __proto__',
      plan: patched({ op: 'add', path: ['__proto__', 'isAdmin'], value: true }),
      code: 'invalid_value',
      path: ['operations', update, 'patches', lead.patches.length, 'path', 0],
    },
    { what: 'now "garbage"', plan, now: 'garbage', code: 'invalid_format', path: ['now'] },
    { what: 'now 42', plan, now: 42, code: 'invalid_format', path: ['now'] },
    { what: 'now {}', plan, now: {}, code: 'invalid_format', path: ['now'] },
    { what: 'now +99:99', plan, now: '2026-03-01T09:30:00+99:99', code: 'invalid_format', path: ['now'] },
  ]
}

/**
 * Every check of the repository contract, in order. Run each on fresh repositories; see `docs/persistence.md`.
 *
 * @example
 * for (const check of repositoryContract) {
 *   it(check.name, async () => { await check.run(() => createMyRepositories()) })
 * }
 * repositoryContract.length //=> 24
 */
export const repositoryContract: readonly ContractCheck[] = Object.freeze([
  {
    name: 'insert then get returns an equal, frozen record',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const lead = fixtureLead('lead-1', { address: { city: 'London', country: 'UK' } })
      await repositories.leads.insert(lead)
      const stored = await repositories.leads.get('lead-1')
      expectEqual(stored, lead, 'get after insert')
      if (!isDeeplyFrozen(stored)) fail('records handed out must be deeply frozen')
      expectEqual(await repositories.leads.get('lead-missing'), undefined, 'get of a missing id')
    },
  },
  {
    name: 'insert does not keep a reference to the caller’s object',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const account = { ...fixtureAccount('account-1'), address: { city: 'Leeds' } }
      await repositories.accounts.insert(account)
      ;(account.address as { city: string }).city = 'changed after insert'
      expectEqual((await repositories.accounts.get('account-1'))?.address, { city: 'Leeds' }, 'stored address')
    },
  },
  {
    name: 'getMany returns the existing records in the order asked, skipping missing ids',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      for (const id of ['o-1', 'o-2', 'o-3']) {
        await repositories.opportunities.insert({ id, version: 1, createdOn: FIXTURE_NOW, modifiedOn: FIXTURE_NOW, topic: id, state: 'open' })
      }
      expectEqual(ids(await repositories.opportunities.getMany(['o-3', 'o-missing', 'o-1'])), ['o-3', 'o-1'], 'getMany')
      expectEqual(ids(await repositories.opportunities.getMany([])), [], 'getMany of no ids')
    },
  },
  {
    name: 'insert of an existing id is a conflict and keeps the stored record',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      await repositories.contacts.insert({ id: 'c-1', version: 1, createdOn: FIXTURE_NOW, modifiedOn: FIXTURE_NOW, lastName: 'First', state: 'active' })
      await expectError(
        repositories.contacts.insert({ id: 'c-1', version: 1, createdOn: FIXTURE_NOW, modifiedOn: FIXTURE_NOW, lastName: 'Second', state: 'active' }),
        'conflict',
        'second insert of c-1',
      )
      expectEqual((await repositories.contacts.get('c-1'))?.lastName, 'First', 'stored contact')
    },
  },
  {
    name: 'update checks the expected version: right version stores, stale version is a conflict, missing is not_found',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const lead = fixtureLead('lead-1')
      await repositories.leads.insert(lead)
      await repositories.leads.update({ ...lead, version: 2, statusReason: 'contacted' }, 1)
      expectEqual(await repositories.leads.get('lead-1'), { ...lead, version: 2, statusReason: 'contacted' }, 'after update')
      await expectError(repositories.leads.update({ ...lead, version: 2, topic: 'stale' }, 1), 'conflict', 'stale update')
      expectEqual((await repositories.leads.get('lead-1'))?.topic, lead.topic, 'topic after a refused update')
      await expectError(repositories.leads.update(fixtureLead('lead-missing', { version: 2 }), 1), 'not_found', 'update of a missing lead')
    },
  },
  {
    name: 'duplicate-key lookups find leads, accounts and contacts by key, each once, in id order',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      await repositories.leads.insert(fixtureLead('lead-b', { email: 'ADA@example.com ' }))
      await repositories.leads.insert(fixtureLead('lead-a', { email: 'ada@example.com', companyName: 'Other Co' }))
      await repositories.leads.insert(fixtureLead('lead-c', { email: 'bob@example.com', companyName: 'Other Co' }))
      expectEqual(ids(await repositories.leads.findByDuplicateKey('email:ada@example.com')), ['lead-a', 'lead-b'], 'by email')
      expectEqual(
        ids(await repositories.leads.findCandidates(['email:ada@example.com', 'company:otherco', 'email:none@example.com'])),
        ['lead-a', 'lead-b', 'lead-c'],
        'candidates',
      )
      expectEqual(ids(await repositories.leads.findCandidates([])), [], 'candidates of no keys')
      // Id order is JavaScript's (UTF-16 code units): a database that sorts UTF-8 bytes puts these two the other way.
      await repositories.leads.insert(fixtureLead('lead-～', { email: 'astral@example.com' }))
      await repositories.leads.insert(fixtureLead('lead-😀', { email: 'astral@example.com' }))
      expectEqual(ids(await repositories.leads.findByDuplicateKey('email:astral@example.com')), ['lead-😀', 'lead-～'], 'order beyond U+FFFF')
      await repositories.accounts.insert(fixtureAccount('account-1', { name: 'Other Co.' }))
      expectEqual(ids(await repositories.accounts.findByDuplicateKey('company:otherco')), ['account-1'], 'account by company')
      await repositories.contacts.insert({ id: 'c-1', version: 1, createdOn: FIXTURE_NOW, modifiedOn: FIXTURE_NOW, lastName: 'L', email: 'ada@example.com', state: 'active' })
      expectEqual(ids(await repositories.contacts.findByDuplicateKey('email:ada@example.com')), ['c-1'], 'contact by email')
    },
  },
  {
    name: 'duplicate keys follow updates: the old key stops matching, the new one matches',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const lead = fixtureLead('lead-1', { email: 'old@example.com' })
      await repositories.leads.insert(lead)
      await repositories.leads.update({ ...lead, version: 2, email: 'new@example.com' }, 1)
      expectEqual(ids(await repositories.leads.findByDuplicateKey('email:old@example.com')), [], 'old key')
      expectEqual(ids(await repositories.leads.findByDuplicateKey('email:new@example.com')), ['lead-1'], 'new key')
    },
  },
  {
    name: 'notes are listed by regarding and by visibleOn; timeline entries by regarding',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const lead = { entity: 'lead' as const, id: 'lead-1' }
      const opportunity = { entity: 'opportunity' as const, id: 'lead-1' }
      await repositories.notes.insert(fixtureNote('n-2', lead, { visibleOn: [opportunity] }))
      await repositories.notes.insert(fixtureNote('n-1', lead))
      await repositories.notes.insert(fixtureNote('n-3', opportunity))
      expectEqual(ids(await repositories.notes.listByRegarding(lead)), ['n-1', 'n-2'], 'notes regarding the lead')
      expectEqual(ids(await repositories.notes.listVisibleOn(opportunity)), ['n-2'], 'notes visible on the opportunity')
      expectEqual(ids(await repositories.notes.listByRegarding(opportunity)), ['n-3'], 'same id, other entity')
      expectEqual((await repositories.notes.get('n-2'))?.attachments, fixtureNote('n-2', lead).attachments, 'attachments')
      await repositories.timelineEntries.insert(fixtureTimelineEntry('t-1', lead))
      await repositories.timelineEntries.insert(fixtureTimelineEntry('t-2', opportunity))
      expectEqual(ids(await repositories.timelineEntries.listByRegarding(lead)), ['t-1'], 'timeline of the lead')
    },
  },
  {
    name: 'a transaction commits all its writes together',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const lead = fixtureLead('lead-1')
      await repositories.leads.insert(lead)
      const value = await repositories.transaction(async (tx) => {
        await tx.accounts.insert(fixtureAccount('account-1'))
        await tx.leads.update({ ...lead, version: 2, existingAccountId: 'account-1' }, 1)
        return 'done'
      })
      expectEqual(value, 'done', 'the transaction function’s value')
      expectEqual((await repositories.leads.get('lead-1'))?.existingAccountId, 'account-1', 'updated lead')
      expectEqual((await repositories.accounts.get('account-1'))?.id, 'account-1', 'inserted account')
    },
  },
  {
    name: 'a transaction whose function throws rolls back every write and rethrows',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const lead = fixtureLead('lead-1')
      await repositories.leads.insert(lead)
      const before = await observe(repositories, [fixtureQualificationPlan(fixtureQualificationInput('1'))])
      const thrown = new LeadkitError({ code: 'invalid_value', path: [], message: 'stop here' })
      try {
        await repositories.transaction(async (tx) => {
          await tx.accounts.insert(fixtureAccount('account-lead-1'))
          await tx.leads.update({ ...lead, version: 2, state: 'qualified', statusReason: 'qualified' }, 1)
          await tx.notes.insert(fixtureNote('note-1-1', { entity: 'lead', id: 'lead-1' }))
          throw thrown
        })
        fail('the transaction should have rethrown')
      } catch (error) {
        if (error !== thrown) fail(`the transaction should rethrow the function’s error, got ${describeError(error)}`)
      }
      expectEqual(await observe(repositories, [fixtureQualificationPlan(fixtureQualificationInput('1'))]), before, 'store after rollback')
    },
  },
  {
    name: 'a transaction reads its own writes, lookups included, and they are visible to everyone after commit',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      await repositories.transaction(async (tx) => {
        await tx.leads.insert(fixtureLead('lead-1', { email: 'ada@example.com' }))
        await tx.notes.insert(fixtureNote('n-1', { entity: 'lead', id: 'lead-1' }))
        expectEqual((await tx.leads.get('lead-1'))?.id, 'lead-1', 'get inside the transaction')
        expectEqual(ids(await tx.leads.findByDuplicateKey('email:ada@example.com')), ['lead-1'], 'lookup inside')
        expectEqual(ids(await tx.notes.listByRegarding({ entity: 'lead', id: 'lead-1' })), ['n-1'], 'notes inside')
      })
      expectEqual(ids(await repositories.leads.findByDuplicateKey('email:ada@example.com')), ['lead-1'], 'lookup after commit')
    },
  },
  {
    name: 'executed plans are stored by plan id, once',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const result: PlanExecutionResult = {
        planId: 'plan-1',
        kind: 'qualification',
        created: { account: 'a-1', opportunities: ['o-1'], leads: [], notes: [], timelineEntries: [], all: [{ entity: 'account', id: 'a-1' }, { entity: 'opportunity', id: 'o-1' }] },
        updated: [{ entity: 'lead', id: 'l-1', version: 2 }],
        linked: [],
        alreadyExecuted: false,
      }
      await repositories.executedPlans.insert(result)
      expectEqual(await repositories.executedPlans.get('plan-1'), result, 'stored result')
      expectEqual(await repositories.executedPlans.get('plan-2'), undefined, 'unknown plan')
      await expectError(repositories.executedPlans.insert(result), 'conflict', 'second insert of plan-1')
    },
  },
  {
    name: 'executePlan applies a qualification plan and returns the created entities',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const plan = await seedQualification(repositories, '1')
      const result = await executePlan(plan, repositories, { now: FIXTURE_NOW })
      expectEqual(
        result.created,
        {
          account: 'account-lead-1',
          contact: 'contact-lead-1',
          opportunities: ['opportunity-lead-1-1', 'opportunity-lead-1-2'],
          leads: [],
          notes: [],
          timelineEntries: ['timeline-lead-1-1', 'timeline-lead-1-2'],
          all: plan.operations.filter((o) => o.op === 'create').map((o) => ({ entity: o.entity, id: o.id })),
        },
        'created',
      )
      expectEqual(
        result.updated,
        [
          { entity: 'lead', id: 'lead-1', version: 2 },
          { entity: 'note', id: 'note-1-1', version: 2 },
          { entity: 'note', id: 'note-1-2', version: 2 },
        ],
        'updated',
      )
      expectEqual(result.alreadyExecuted, false, 'alreadyExecuted')
      const lead = await repositories.leads.get('lead-1')
      expectEqual(
        [lead?.state, lead?.statusReason, lead?.qualifyingOpportunityId, lead?.version, lead?.modifiedOn],
        ['qualified', 'qualified', 'opportunity-lead-1-1', 2, FIXTURE_NOW],
        'qualified lead',
      )
      expectEqual(
        ids(await repositories.notes.listVisibleOn({ entity: 'opportunity', id: 'opportunity-lead-1-1' })),
        ['note-1-1', 'note-1-2'],
        'notes shown on the opportunity',
      )
      expectEqual((await repositories.opportunities.get('opportunity-lead-1-2'))?.accountId, 'account-lead-1', 'opportunity')
      expectEqual(await repositories.executedPlans.get(plan.id), result, 'stored result')
    },
  },
  {
    name: 'executing the same plan twice writes nothing the second time and returns the first result',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const plan = await seedQualification(repositories, '1')
      const first = await executePlan(plan, repositories, { now: FIXTURE_NOW })
      const after = await observe(repositories, [plan])
      const counting = withFaults(repositories)
      const second = await executePlan(plan, counting, { now: '2026-03-09T00:00:00.000Z' })
      expectEqual(second, { ...first, alreadyExecuted: true }, 'second result')
      expectEqual(counting.writes, 0, 'writes of the second execution')
      expectEqual(await observe(repositories, [plan]), after, 'store after the second execution')
      return `2 executions, ${first.created.all.length} records created once, 0 writes the second time`
    },
  },
  {
    name: 'a plan whose read version is stale is a conflict and writes nothing',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const plan = await seedQualification(repositories, '1')
      const lead = (await repositories.leads.get('lead-1')) as Lead
      await repositories.leads.update({ ...lead, version: 2, topic: 'changed by a colleague' }, 1)
      const before = await observe(repositories, [plan])
      const error = await expectError(executePlan(plan, repositories), 'conflict', 'stale plan')
      expectEqual(error.path, ['reads', 0], 'conflict path')
      expectEqual(await observe(repositories, [plan]), before, 'store after the conflict')
    },
  },
  {
    name: 'a plan that is not ready is refused with plan_not_ready',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const plan = await seedQualification(repositories, '1')
      const blocked: PlanBase = { ...plan, status: 'blocked', operations: [], blockers: [{ code: 'lead_closed', message: 'This lead is closed.' }] }
      const error = await expectError(executePlan(blocked, repositories), 'plan_not_ready', 'blocked plan')
      expectEqual(error.path, ['status'], 'plan_not_ready path')
      expectEqual((await repositories.leads.get('lead-1'))?.version, 1, 'lead version')
    },
  },
  {
    name: `a fault injected at each of the ${QUALIFICATION_WRITES} writes of a qualification plan leaves the store as it was (${QUALIFICATION_WRITES} faults)`,
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const plan = await seedQualification(repositories, '1')
      const before = await observe(repositories, [plan])
      let faults = 0
      for (let write = 1; write <= QUALIFICATION_WRITES; write += 1) {
        const faulty = withFaults(repositories, { failAt: write })
        await expectError(executePlan(plan, faulty, { now: FIXTURE_NOW }), 'write_failed', `fault at write ${write}`)
        faults += faulty.faultsInjected
        expectEqual(faulty.faultsInjected, 1, `faults injected at write ${write}`)
        expectEqual(await observe(repositories, [plan]), before, `store after a fault at write ${write}`)
      }
      const counting = withFaults(repositories)
      await executePlan(plan, counting, { now: FIXTURE_NOW })
      expectEqual(counting.writes, QUALIFICATION_WRITES, 'writes of the plan without faults')
      return `${faults} faults injected, ${faults} rollbacks verified, then the plan succeeded`
    },
  },
  {
    name: 'two plans for the same lead from the same version, run concurrently: exactly one succeeds, one conflicts',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const qualification = await seedQualification(repositories, '1')
      const disqualification = fixtureDisqualificationPlan(fixtureQualificationInput('1').lead)
      const outcomes = await Promise.allSettled([
        executePlan(qualification, repositories, { now: FIXTURE_NOW }),
        executePlan(disqualification, repositories, { now: FIXTURE_NOW }),
      ])
      const successes = outcomes.filter((outcome) => outcome.status === 'fulfilled').length
      const conflicts = outcomes.filter(
        (outcome) => outcome.status === 'rejected' && isLeadkitError(outcome.reason) && outcome.reason.code === 'conflict',
      ).length
      expectEqual({ successes, conflicts }, { successes: 1, conflicts: 1 }, 'outcomes of two concurrent plans')
      const winner = outcomes[0]?.status === 'fulfilled' ? qualification : disqualification
      const loser = winner === qualification ? disqualification : qualification
      expectEqual((await repositories.leads.get('lead-1'))?.version, 2, 'lead version after the race')
      expectEqual(await repositories.executedPlans.get(loser.id), undefined, 'the losing plan is not recorded')
      for (const operation of loser.operations) {
        if (operation.op === 'create') {
          expectEqual(await repositoryFor(repositories, operation.entity).get(operation.id), undefined, `${operation.id} of the losing plan`)
        }
      }
      return `${successes} success, ${conflicts} conflict (${winner.kind} won)`
    },
  },
  {
    name: 'the same plan run twice concurrently creates its records once and both calls return its result',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const plan = await seedQualification(repositories, '1')
      const [a, b] = await Promise.all([executePlan(plan, repositories, { now: FIXTURE_NOW }), executePlan(plan, repositories, { now: FIXTURE_NOW })])
      expectEqual([a.alreadyExecuted, b.alreadyExecuted].sort(), [false, true], 'alreadyExecuted flags')
      expectEqual(a.created, b.created, 'created entities')
      expectEqual((await repositories.leads.get('lead-1'))?.version, 2, 'lead version')
      return '2 concurrent executions, 1 applied, 1 already executed'
    },
  },
  {
    name: 'executeBulk applies each plan atomically; a failing plan neither undoes nor stops the others',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const first = await seedQualification(repositories, '1')
      const second = await seedQualification(repositories, '2')
      const third = await seedQualification(repositories, '3')
      const { plan: merge } = await seedMergeFixture(repositories)
      // The second plan read a lead version that no longer exists, so it must fail alone.
      const stale: PlanBase = { ...second, reads: [{ entity: 'lead', id: 'lead-2', version: 7 }, ...second.reads.slice(1)] }
      const beforeStale = await observe(repositories, [stale])
      const outcomes = await executeBulk([first, stale, merge, third], repositories, { now: FIXTURE_NOW })
      expectEqual(
        outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.error.code)),
        ['ok', 'conflict', 'ok', 'ok'],
        'bulk outcomes',
      )
      expectEqual(outcomes.map((outcome) => outcome.planId), [first.id, stale.id, merge.id, third.id], 'plan ids')
      expectEqual(await observe(repositories, [stale]), beforeStale, 'store of the failed plan')
      expectEqual((await repositories.leads.get('lead-3'))?.state, 'qualified', 'lead of the plan after the failure')
      expectEqual((await repositories.accounts.get('account-sub'))?.masterId, 'account-master', 'merged account')
      expectEqual(ids(await repositories.notes.listByRegarding({ entity: 'account', id: 'account-master' })), ['note-sub'], 'moved note')
      return `4 plans: 3 applied, 1 conflict`
    },
  },
  {
    name: 'a duplicateKeys function that throws at any call of a plan leaves nothing committed, and the plan then runs',
    async run(createRepositories) {
      const keys = hostileKeys()
      const store = await createRepositories({ duplicateKeys: keys.duplicateKeys })
      const plan = await seedQualification(store, '1')
      const before = await observe(store, [plan])
      // How often a plan calls the host's function is up to the store: the call that throws moves on by one until
      // the plan makes fewer calls than that, and so succeeds, on the store every failed attempt left as it was.
      let call = 1
      for (; call <= 100; call += 1) {
        keys.arm(call)
        const outcome = await executePlan(plan, store, { now: FIXTURE_NOW }).then(
          (result) => ({ result, error: undefined }),
          (error: unknown) => ({ result: undefined, error }),
        )
        keys.disarm()
        if (outcome.result !== undefined) {
          if (keys.calls >= call) fail(`the plan succeeded although duplicateKeys threw at call ${call}`)
          expectEqual(outcome.result.alreadyExecuted, false, 'the plan after the faults runs for the first time')
          break
        }
        const error = outcome.error
        if (!isLeadkitError(error) || error.code !== 'write_failed') {
          fail(`duplicateKeys throwing at call ${call}: expected write_failed, got ${describeError(error)}`)
        }
        if (!(error.cause instanceof Error) || !error.cause.message.includes('duplicateKeys')) {
          fail(`the write_failed error of call ${call} must carry the host's error as its cause`)
        }
        expectEqual(await observe(store, [plan]), before, `store after duplicateKeys threw at call ${call}`)
      }
      const faults = call - 1
      if (faults === 0) fail('a store given duplicateKeys must call it when a plan writes leads, accounts or contacts')
      expectEqual((await store.leads.get('lead-1'))?.version, 2, 'lead version after the plan')
      const accounts = await store.accounts.findByDuplicateKey('company:analyticalenginesltd')
      expectEqual(ids(accounts), ['account-lead-1'], 'account found by its key after the plan')
      return `${faults} calls of duplicateKeys made to throw, ${faults} rollbacks verified, then the plan succeeded`
    },
  },
  {
    name: 'a duplicateKeys function that throws or returns something else fails only the write it was called for',
    async run(createRepositories) {
      const keys = hostileKeys()
      const repositories = await createRepositories({ duplicateKeys: keys.duplicateKeys })
      const lead = fixtureLead('lead-1')
      await repositories.leads.insert(lead)
      keys.arm(1)
      await expectThrows(repositories.leads.insert(fixtureLead('lead-2')), 'insert with throwing keys')
      keys.arm(1)
      await expectThrows(repositories.leads.update({ ...lead, version: 2, email: 'new@example.com' }, 1), 'update')
      keys.arm(2)
      await expectThrows(
        repositories.transaction(async (tx) => {
          await tx.accounts.insert(fixtureAccount('account-1'))
          await tx.accounts.insert(fixtureAccount('account-2'))
        }),
        'transaction whose second insert throws',
      )
      keys.disarm()
      expectEqual(await repositories.leads.get('lead-2'), undefined, 'lead of the failed insert')
      expectEqual(await repositories.leads.get('lead-1'), lead, 'lead of the failed update')
      expectEqual(ids(await repositories.leads.findByDuplicateKey('email:lead-1@example.com')), ['lead-1'], 'old key')
      expectEqual(ids(await repositories.leads.findByDuplicateKey('email:new@example.com')), [], 'new key, not stored')
      expectEqual(await repositories.accounts.getMany(['account-1', 'account-2']), [], 'accounts, rolled back')
      const garbage = await createRepositories({ duplicateKeys: (() => 'email:x') as unknown as DuplicateKeysFunction })
      await expectError(garbage.leads.insert(fixtureLead('lead-3')), 'invalid_type', 'keys that are not a list')
      const numbers = await createRepositories({ duplicateKeys: () => [42] as unknown as string[] })
      const error = await expectError(numbers.leads.insert(fixtureLead('lead-3')), 'invalid_type', 'number keys')
      expectEqual(error.path, [0], 'path of the key that is not a string')
      expectEqual(await numbers.leads.get('lead-3'), undefined, 'lead with bad keys')
    },
  },
  {
    name: 'records are plain data: prototype keys are refused, inherited properties are not stored',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const lead = fixtureLead('lead-1')
      // JSON.parse makes "__proto__" an own key, as a request body parsed without leadkit's parser has it.
      const withKey = (id: string, json: string): Lead =>
        JSON.parse(JSON.stringify(fixtureLead(id)).replace(/}$/, `,${json}}`)) as Lead
      const hostile = withKey('lead-2', '"__proto__":{"isAdmin":true}')
      const poisoned = [
        { record: hostile, path: ['__proto__'] },
        {
          record: withKey('lead-3', '"extra":{"a":[{"constructor":{"prototype":1}}]}'),
          path: ['extra', 'a', 0, 'constructor'],
        },
      ]
      for (const { record, path } of poisoned) {
        const error = await expectError(repositories.leads.insert(record), 'forbidden_key', `insert of ${record.id}`)
        expectEqual(error.path, path, `path of the forbidden key of ${record.id}`)
        expectEqual(await repositories.leads.get(record.id), undefined, `${record.id} after the refused insert`)
      }
      await repositories.leads.insert(lead)
      const update = repositories.leads.update({ ...hostile, id: 'lead-1', version: 2 }, 1)
      await expectError(update, 'forbidden_key', 'update with a __proto__ key')
      expectEqual(await repositories.leads.get('lead-1'), lead, 'lead after the refused update')
      // An object that inherits from another: only its own fields are stored, and nothing is inherited back.
      const inherited = Object.assign(Object.create({ isAdmin: true }) as object, fixtureAccount('account-1'))
      await repositories.accounts.insert(inherited as never)
      const stored = (await repositories.accounts.get('account-1')) as unknown as Record<string, unknown>
      expectEqual(stored, fixtureAccount('account-1'), 'account stored from an object with a prototype')
      if ('isAdmin' in stored) fail('a stored record must not inherit properties')
      const prototype = Object.getPrototypeOf(stored) as unknown
      if (prototype !== Object.prototype && prototype !== null) fail('a stored record must be a plain object')
    },
  },
  {
    name: 'a tampered plan or bad options are refused with a LeadkitError and a path, and nothing is written',
    async run(createRepositories) {
      const repositories = await create(createRepositories)
      const plan = await seedQualification(repositories, '1')
      const before = await observe(repositories, [plan])
      const cases = tamperedPlans(plan)
      for (const tampered of cases) {
        const options = 'now' in tampered ? { now: tampered.now } : { now: FIXTURE_NOW }
        const execution = executePlan(tampered.plan as PlanBase, repositories, options as never)
        const error = await expectError(execution, tampered.code, tampered.what)
        expectEqual(error.path, tampered.path, `path for ${tampered.what}`)
        expectEqual(await observe(repositories, [plan]), before, `store after ${tampered.what}`)
      }
      const outcomes = await executeBulk([null as unknown as PlanBase, plan], repositories, { now: FIXTURE_NOW })
      const codes = outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.error.code))
      expectEqual(codes, ['invalid_type', 'ok'], 'bulk outcomes of a null plan and a good one')
      await expectError(executeBulk([plan], repositories, { now: 'garbage' }), 'invalid_format', 'bad bulk options')
      return `${cases.length} tampered plans refused, nothing written`
    },
  },
] satisfies readonly ContractCheck[])
