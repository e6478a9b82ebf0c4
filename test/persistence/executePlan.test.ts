import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { applyPatches, deepFreeze } from '../../src/internal/immer.js'
import type { PlanBase } from '../../src/plan.js'
import type { Lead } from '../../src/records/types.js'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { executePlan } from '../../src/persistence/executePlan.js'
import { withFaults } from '../../src/persistence/testing/index.js'
import {
  FIXTURE_NOW,
  fixtureAccount,
  fixtureDisqualificationPlan,
  fixtureDuplicateKeys,
  fixtureLead,
  fixtureQualificationInput,
  fixtureQualificationPlan,
  fixtureReactivationPlan,
  seedMergeFixture,
  seedQualification,
  writesOf,
} from '../support/persistencePlans.js'

async function rejection(promise: Promise<unknown>): Promise<LeadkitError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(LeadkitError)
  return error as LeadkitError
}

const QUALIFICATION_WRITES = writesOf(fixtureQualificationPlan(fixtureQualificationInput('count')))

describe('executePlan', () => {
  it('applies a qualification plan: creates, patches with a version bump, and returns CreatedEntities', async () => {
    const repositories = createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys })
    const { input, plan } = await seedQualification(repositories, '1')
    const result = await executePlan(plan, repositories, { now: FIXTURE_NOW })

    expect(result).toEqual({
      planId: 'qualify-lead-1',
      kind: 'qualification',
      created: {
        account: 'account-lead-1',
        contact: 'contact-lead-1',
        opportunities: ['opportunity-lead-1-1', 'opportunity-lead-1-2'],
        leads: [],
        notes: [],
        timelineEntries: ['timeline-lead-1-1', 'timeline-lead-1-2'],
        all: [
          { entity: 'account', id: 'account-lead-1' },
          { entity: 'contact', id: 'contact-lead-1' },
          { entity: 'opportunity', id: 'opportunity-lead-1-1' },
          { entity: 'opportunity', id: 'opportunity-lead-1-2' },
          { entity: 'timelineEntry', id: 'timeline-lead-1-1' },
          { entity: 'timelineEntry', id: 'timeline-lead-1-2' },
        ],
      },
      updated: [
        { entity: 'lead', id: 'lead-1', version: 2 },
        { entity: 'note', id: 'note-1-1', version: 2 },
        { entity: 'note', id: 'note-1-2', version: 2 },
      ],
      linked: [],
      alreadyExecuted: false,
    })
    expect(Object.isFrozen(result.created.opportunities)).toBe(true)

    const snapshot = repositories.snapshot()
    expect(snapshot.lead['lead-1']).toEqual({
      ...input.lead,
      version: 2,
      modifiedOn: FIXTURE_NOW,
      state: 'qualified',
      statusReason: 'qualified',
      closedOn: FIXTURE_NOW,
      qualifyingOpportunityId: 'opportunity-lead-1-1',
    })
    expect(snapshot.note['note-1-2']).toEqual({
      ...input.notes[1],
      version: 2,
      modifiedOn: FIXTURE_NOW,
      visibleOn: [{ entity: 'opportunity', id: 'opportunity-lead-1-1' }],
    })
    const createAccount = plan.operations[0]
    expect(createAccount?.op).toBe('create')
    expect(snapshot.account['account-lead-1']).toEqual(createAccount?.op === 'create' ? createAccount.record : null)
    expect(Object.keys(snapshot.opportunity)).toEqual(['opportunity-lead-1-1', 'opportunity-lead-1-2'])
    expect(snapshot.executedPlans['qualify-lead-1']).toEqual(result)
  })

  it('without now, keeps the modifiedOn the patches set or the record had', async () => {
    const repositories = createInMemoryRepositories()
    const { input, plan } = await seedQualification(repositories, '1')
    const patched: PlanBase = {
      ...plan,
      operations: plan.operations.map((operation) =>
        operation.op === 'update' && operation.entity === 'lead'
          ? { ...operation, patches: [...operation.patches, { op: 'replace', path: ['modifiedOn'], value: '2026-03-05T00:00:00.000Z' }] }
          : operation,
      ),
    }
    await executePlan(patched, repositories)
    const snapshot = repositories.snapshot()
    expect(snapshot.lead['lead-1']?.modifiedOn).toBe('2026-03-05T00:00:00.000Z')
    expect(snapshot.note['note-1-1']?.modifiedOn).toBe(input.notes[0].modifiedOn)
    expect(snapshot.note['note-1-1']?.version).toBe(2)
  })

  it('does not mutate the plan, accepts a deeply frozen plan and a JSON round-tripped one', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    const copy = JSON.parse(JSON.stringify(plan)) as PlanBase
    const frozen = deepFreeze(JSON.parse(JSON.stringify(plan)) as PlanBase)
    await executePlan(frozen, repositories, { now: FIXTURE_NOW })
    expect(frozen).toEqual(copy)
    const other = await seedQualification(repositories, '2')
    const roundTripped = JSON.parse(JSON.stringify(other.plan)) as PlanBase
    await expect(executePlan(roundTripped, repositories)).resolves.toMatchObject({ planId: 'qualify-lead-2' })
    // The store keeps frozen copies of an unfrozen plan's records; the plan itself stays the caller's, unfrozen.
    const created = roundTripped.operations.find((operation) => operation.op === 'create')
    if (created?.op !== 'create') throw new Error('the fixture plan creates records')
    expect(Object.isFrozen(created.record)).toBe(false)
    const stored = repositories.snapshot()[created.entity][created.id]
    expect(stored).toEqual(created.record)
    expect(Object.isFrozen(stored)).toBe(true)
    const withNested = repositories.snapshot().note['note-2-1']
    expect(Object.isFrozen(withNested?.attachments?.[0])).toBe(true)
    ;(created.record as { name?: string }).name = 'changed by the caller afterwards'
    expect(repositories.snapshot()[created.entity][created.id]).not.toHaveProperty('name', 'changed by the caller afterwards')
  })

  it('is idempotent: the second execution returns the first result, writes nothing and the store is unchanged', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    const first = await executePlan(plan, repositories, { now: FIXTURE_NOW })
    const after = repositories.snapshot()
    const counting = withFaults(repositories)
    const second = await executePlan(plan, counting, { now: '2026-04-01T00:00:00.000Z' })
    expect(second).toEqual({ ...first, alreadyExecuted: true })
    expect(counting.writes).toBe(0)
    expect(repositories.snapshot()).toEqual(after)
    expect(Object.isFrozen(second)).toBe(true)
  })

  describe(`rolls back every write when a fault is injected at any of the ${QUALIFICATION_WRITES} writes`, () => {
    const positions = Array.from({ length: QUALIFICATION_WRITES }, (_, index) => index + 1)
    it.each(positions)(`write %i of ${QUALIFICATION_WRITES} fails (1 injected fault): store equals its snapshot`, async (position) => {
      const repositories = createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys })
      const { plan } = await seedQualification(repositories, '1')
      const before = repositories.snapshot()
      const faulty = withFaults(repositories, { failAt: position })
      const error = await rejection(executePlan(plan, faulty, { now: FIXTURE_NOW }))
      expect(error.code).toBe('write_failed')
      expect((error.cause as Error).message).toBe(`injected fault at write ${position}`)
      expect(error.message).toContain('nothing of the plan was stored')
      expect(faulty.faultsInjected).toBe(1)
      expect(faulty.writes).toBe(position)
      expect(repositories.snapshot()).toEqual(before)
      // The same plan goes through once the store works again: the failed attempt was not recorded as executed.
      await expect(executePlan(plan, repositories, { now: FIXTURE_NOW })).resolves.toMatchObject({ alreadyExecuted: false })
    })

    it(`injects ${QUALIFICATION_WRITES} faults in total and never leaves a partial plan`, async () => {
      let faults = 0
      for (let position = 1; position <= QUALIFICATION_WRITES; position += 1) {
        const repositories = createInMemoryRepositories()
        const { plan } = await seedQualification(repositories, '1')
        const before = repositories.snapshot()
        const faulty = withFaults(repositories, { failAt: position })
        await expect(executePlan(plan, faulty)).rejects.toMatchObject({ code: 'write_failed' })
        faults += faulty.faultsInjected
        expect(repositories.snapshot()).toEqual(before)
      }
      expect(faults).toBe(QUALIFICATION_WRITES)
    })
  })

  it('two plans for the same lead from the same version, started concurrently: 1 success, 1 conflict', async () => {
    const repositories = createInMemoryRepositories()
    const { input, plan } = await seedQualification(repositories, '1')
    const outcomes = await Promise.allSettled([
      executePlan(plan, repositories, { now: FIXTURE_NOW }),
      executePlan(fixtureDisqualificationPlan(input.lead), repositories, { now: FIXTURE_NOW }),
    ])
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected'])
    const rejected = outcomes[1] as PromiseRejectedResult
    expect(rejected.reason).toMatchObject({ code: 'conflict', path: ['reads', 0] })
    expect((rejected.reason as LeadkitError).details).toEqual({ entity: 'lead', id: 'lead-1', expectedVersion: 1, actualVersion: 2 })
    expect(repositories.snapshot().timelineEntry['timeline-lead-1-disqualified']).toBeUndefined()
  })

  it('50 leads, each raced by a qualification and a disqualification: 50 successes, 50 conflicts', async () => {
    const repositories = createInMemoryRepositories()
    const races: Promise<unknown>[] = []
    for (let index = 0; index < 50; index += 1) {
      const { input, plan } = await seedQualification(repositories, String(index))
      // Alternate who starts first so both kinds of plan win sometimes.
      const pair = [plan, fixtureDisqualificationPlan(input.lead)]
      if (index % 2 === 1) pair.reverse()
      for (const p of pair) races.push(executePlan(p, repositories, { now: FIXTURE_NOW }))
    }
    const outcomes = await Promise.allSettled(races)
    const successes = outcomes.filter((outcome) => outcome.status === 'fulfilled').length
    const conflicts = outcomes.filter(
      (outcome) => outcome.status === 'rejected' && (outcome.reason as LeadkitError).code === 'conflict',
    ).length
    expect({ successes, conflicts }).toEqual({ successes: 50, conflicts: 50 })
    const states = Object.values(repositories.snapshot().lead).map((lead) => lead.state)
    expect(states.filter((state) => state === 'qualified')).toHaveLength(25)
    expect(states.filter((state) => state === 'disqualified')).toHaveLength(25)
  })

  it('refuses a plan that is not ready with plan_not_ready, listing its blockers', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    const before = repositories.snapshot()
    const blocked: PlanBase = {
      ...plan,
      status: 'blocked',
      operations: [],
      blockers: [{ code: 'lead_closed', message: 'This lead is already closed.' }],
    }
    const error = await rejection(executePlan(blocked, repositories))
    expect(error).toMatchObject({ code: 'plan_not_ready', path: ['status'] })
    expect(error.message).toContain('This lead is already closed.')
    await expect(executePlan({ ...plan, status: 'needs-input' }, repositories)).rejects.toMatchObject({ code: 'plan_not_ready' })
    expect(repositories.snapshot()).toEqual(before)
  })

  it('refuses a stale note read with conflict at its reads index, and a deleted read record with not_found', async () => {
    const repositories = createInMemoryRepositories()
    const { input, plan } = await seedQualification(repositories, '1')
    await repositories.notes.update({ ...input.notes[0], version: 2, text: 'edited' }, 1)
    const before = repositories.snapshot()
    await expect(executePlan(plan, repositories)).rejects.toMatchObject({ code: 'conflict', path: ['reads', 1] })
    const missing: PlanBase = { ...plan, reads: [plan.reads[0] as never, { entity: 'contact', id: 'contact-gone', version: 1 }] }
    await expect(executePlan(missing, repositories)).rejects.toMatchObject({ code: 'not_found', path: ['reads', 1] })
    expect(repositories.snapshot()).toEqual(before)
  })

  it('checks an updated record that is not in reads against the operation’s expectedVersion', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    const lead = repositories.snapshot().lead['lead-1'] as Lead
    await repositories.leads.update({ ...lead, version: 2 }, 1)
    const before = repositories.snapshot()
    const unread: PlanBase = { ...plan, reads: plan.reads.slice(1) }
    const error = await rejection(executePlan(unread, repositories))
    expect(error).toMatchObject({ code: 'conflict', path: ['operations', 4] })
    expect(repositories.snapshot()).toEqual(before)
  })

  it('bumps the version once when a plan updates one record in two steps', async () => {
    const repositories = createInMemoryRepositories()
    const { input, plan } = await seedQualification(repositories, '1')
    const twoSteps: PlanBase = {
      ...plan,
      operations: [
        ...plan.operations,
        { op: 'update', entity: 'lead', id: 'lead-1', expectedVersion: 1, patches: [{ op: 'add', path: ['description'], value: 'second step' }] },
      ],
    }
    const result = await executePlan(twoSteps, repositories, { now: FIXTURE_NOW })
    expect(result.updated.filter((record) => record.id === 'lead-1')).toEqual([{ entity: 'lead', id: 'lead-1', version: 2 }])
    expect(repositories.snapshot().lead['lead-1']).toMatchObject({ version: 2, state: 'qualified', description: 'second step' })
    expect(input.lead.version).toBe(1)
  })

  it('refuses a link to a missing record (not_found), a create whose record id differs and a patch of version', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    const before = repositories.snapshot()
    const link: PlanBase = { ...plan, operations: [{ op: 'link', entity: 'account', id: 'account-none' }, ...plan.operations] }
    await expect(executePlan(link, repositories)).rejects.toMatchObject({ code: 'not_found', path: ['operations', 0] })
    const first = plan.operations[0]
    if (first?.op !== 'create') throw new Error('fixture changed')
    const wrongId: PlanBase = { ...plan, operations: [{ ...first, record: { ...first.record, id: 'other' } }] }
    await expect(executePlan(wrongId, repositories)).rejects.toMatchObject({ code: 'invalid_value', path: ['operations', 0, 'record', 'id'] })
    const version: PlanBase = {
      ...plan,
      operations: [{ op: 'update', entity: 'lead', id: 'lead-1', expectedVersion: 1, patches: [{ op: 'replace', path: ['version'], value: 9 }] }],
    }
    await expect(executePlan(version, repositories)).rejects.toMatchObject({ code: 'invalid_value', path: ['operations', 0, 'patches', 0, 'path'] })
    expect(repositories.snapshot()).toEqual(before)
  })

  it('checks a plan before looking up any repository, on the synchronous and the async path', async () => {
    const plan = {
      id: 'plan-unknown-entity',
      kind: 'qualification',
      status: 'ready',
      reads: [],
      operations: [{ op: 'create', entity: 'widget', id: 'w-1', record: { id: 'w-2', version: 1 } }],
      blockers: [],
    } as unknown as PlanBase
    for (const repositories of [createInMemoryRepositories(), withFaults(createInMemoryRepositories(), {})]) {
      await expect(executePlan(plan, repositories)).rejects.toMatchObject({
        code: 'invalid_value',
        path: ['operations', 0, 'entity'],
      })
      const widget = { ...plan, operations: [{ ...plan.operations[0], entity: 'account' }] } as unknown as PlanBase
      await expect(executePlan(widget, repositories)).rejects.toMatchObject({
        code: 'invalid_value',
        path: ['operations', 0, 'record', 'id'],
      })
    }
  })

  it('refuses a create of an id that exists with conflict, and writes nothing of the plan', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    await repositories.accounts.insert(fixtureAccount('account-lead-1'))
    const before = repositories.snapshot()
    await expect(executePlan(plan, repositories)).rejects.toMatchObject({ code: 'conflict', path: ['operations', 0] })
    expect(repositories.snapshot()).toEqual(before)
  })

  it('applies merge-like, disqualification-like and reactivation-like plans through the same operations', async () => {
    const repositories = createInMemoryRepositories()
    const { plan: mergePlan } = await seedMergeFixture(repositories)
    const merge = await executePlan(mergePlan, repositories, { now: FIXTURE_NOW })
    expect(merge.linked).toEqual([{ entity: 'account', id: 'account-master' }])
    expect(merge.created.all).toEqual([])
    expect(repositories.snapshot().account['account-sub']).toMatchObject({ state: 'inactive', masterId: 'account-master', version: 2 })
    expect(await repositories.notes.listByRegarding({ entity: 'account', id: 'account-master' })).toHaveLength(1)

    const { input } = await seedQualification(repositories, '9')
    await executePlan(fixtureDisqualificationPlan(input.lead), repositories, { now: FIXTURE_NOW })
    const closed = await repositories.leads.get('lead-9')
    expect(closed).toMatchObject({ state: 'disqualified', statusReason: 'lost', closedOn: FIXTURE_NOW, version: 2 })
    const reopened = await executePlan(fixtureReactivationPlan(closed as never), repositories, { now: '2026-03-03T00:00:00.000Z' })
    expect(reopened.kind).toBe('reactivation')
    const lead = await repositories.leads.get('lead-9')
    expect(lead).toMatchObject({ state: 'open', statusReason: 'new', version: 3, modifiedOn: '2026-03-03T00:00:00.000Z' })
    expect(lead).not.toHaveProperty('closedOn')
  })
})

describe('executePlan patches', () => {
  it('gives the record immer’s applyPatches gives, for any mix of top-level and nested patches (property)', async () => {
    // closedOn takes only instants (the plan is checked before it runs); the other fields take anything here.
    const field = fc.constantFrom('topic', 'description', 'jobTitle', 'budgetAmount', 'processStage')
    const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 1000 }), fc.constant(null))
    const patch = fc.oneof(
      fc.record({ op: fc.constantFrom('replace' as const, 'add' as const), path: field.map((f) => [f]), value }),
      fc.record({ op: fc.constant('remove' as const), path: field.map((f) => [f]) }),
      fc.record({
        op: fc.constantFrom('replace' as const, 'add' as const, 'remove' as const),
        path: fc.constant(['closedOn']),
        value: fc.constantFrom('2026-03-01T09:30:00Z', '2026-03-02T10:30:00.000+05:45'),
      }),
      fc.record({ op: fc.constant('replace' as const), path: fc.constant(['address', 'city']), value: fc.string({ maxLength: 8 }) }),
      fc.record({ op: fc.constant('add' as const), path: fc.constant(['address']), value: fc.record({ city: fc.string({ maxLength: 5 }) }) }),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(patch, { minLength: 1, maxLength: 6 }), async (patches) => {
        const repositories = createInMemoryRepositories()
        const lead = fixtureLead('lead-1', { address: { city: 'London', country: 'UK' }, description: 'x' })
        await repositories.leads.insert(lead)
        const plan: PlanBase = {
          id: 'p',
          kind: 'qualification',
          status: 'ready',
          reads: [],
          operations: [{ op: 'update', entity: 'lead', id: 'lead-1', expectedVersion: 1, patches }],
          blockers: [],
        }
        const expected = applyPatches(deepFreeze(structuredClone(lead)), patches as never) as Lead
        await executePlan(plan, repositories, { now: FIXTURE_NOW })
        const stored = await repositories.leads.get('lead-1')
        expect(stored).toEqual({ ...expected, version: 2, modifiedOn: FIXTURE_NOW })
        expect(Object.isFrozen(stored?.address ?? {})).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})

describe('issue 17 regressions', () => {
  it('issue 17: a throwing duplicateKeys leaves nothing committed, and a retry runs the plan', async () => {
    let failing = false
    const repositories = createInMemoryRepositories({
      duplicateKeys: (entity, record) => {
        if (failing && entity === 'contact') throw new Error('lookup service down')
        return fixtureDuplicateKeys(entity, record)
      },
    })
    const { plan } = await seedQualification(repositories, '1')
    const before = repositories.snapshot()
    failing = true
    const error = await rejection(executePlan(plan, repositories, { now: FIXTURE_NOW }))
    expect(error).toMatchObject({ code: 'write_failed', path: ['operations', 1] })
    // Before the fix the account (written before the contact) was committed, and every retry was a conflict.
    expect(repositories.snapshot()).toEqual(before)
    failing = false
    const retry = executePlan(plan, repositories, { now: FIXTURE_NOW })
    await expect(retry).resolves.toMatchObject({ alreadyExecuted: false })
    expect(repositories.snapshot().lead['lead-1']).toMatchObject({ version: 2, state: 'qualified' })
  })

  it('issue 17: an operation with an unknown op ("drop") is refused, not executed as an update', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    const before = repositories.snapshot()
    const at = plan.operations.findIndex((operation) => operation.op === 'update')
    const operations = plan.operations.map((operation, index) =>
      index === at ? { ...operation, op: 'drop' } : operation,
    )
    const drop = { ...plan, operations } as PlanBase
    const error = await rejection(executePlan(drop, repositories, { now: FIXTURE_NOW }))
    expect(error).toMatchObject({ code: 'invalid_value', path: ['operations', at, 'op'] })
    expect(error.message).toContain('must be one of create, link, update (got "drop")')
    expect(repositories.snapshot()).toEqual(before)
  })

  it('issue 17: a patch setting state "weird" is refused, and so are bad instants', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    const before = repositories.snapshot()
    const at = plan.operations.findIndex((operation) => operation.op === 'update' && operation.entity === 'lead')
    const lead = plan.operations[at]
    if (lead?.op !== 'update') throw new Error('the fixture plan updates the lead')
    const withPatch = (patch: unknown): PlanBase => {
      const operations = [...plan.operations]
      operations[at] = { ...lead, patches: [...lead.patches, patch as never] }
      return { ...plan, operations }
    }
    const added = ['operations', at, 'patches', lead.patches.length]
    const cases: [unknown, string, (string | number)[]][] = [
      [{ op: 'replace', path: ['state'], value: 'weird' }, 'invalid_value', [...added, 'value']],
      [{ op: 'replace', path: ['statusReason'], value: 42 }, 'invalid_value', [...added, 'value']],
      [{ op: 'replace', path: ['statusReason'], value: 'lost' }, 'invalid_combination', ['operations', at, 'patches']],
      [{ op: 'remove', path: ['state'] }, 'invalid_value', [...added, 'path']],
      [{ op: 'add', path: ['closedOn'], value: '2026-03-01T09:30:00+24:00' }, 'invalid_format', [...added, 'value']],
      [{ op: 'add', path: ['modifiedOn'], value: 'yesterday' }, 'invalid_format', [...added, 'value']],
      [{ op: 'move', path: ['topic'] }, 'invalid_value', [...added, 'op']],
      [{ op: 'add', path: ['extra', 'constructor'], value: 1 }, 'invalid_value', [...added, 'path', 1]],
      [
        { op: 'add', path: ['topic'], value: JSON.parse('{"__proto__":{}}') },
        'forbidden_key',
        [...added, 'value', '__proto__'],
      ],
    ]
    for (const [patch, code, path] of cases) {
      const execution = executePlan(withPatch(patch), repositories, { now: FIXTURE_NOW })
      await expect(execution).rejects.toMatchObject({ code, path })
    }
    expect(repositories.snapshot()).toEqual(before)
    const created = plan.operations.findIndex((operation) => operation.op === 'create')
    const create = plan.operations[created]
    if (create?.op !== 'create') throw new Error('the fixture plan creates records')
    const operations = [...plan.operations]
    operations[created] = { ...create, record: { ...create.record, state: 'weird' } }
    const refused = { code: 'invalid_value', path: ['operations', created, 'record', 'state'] }
    await expect(executePlan({ ...plan, operations }, repositories)).rejects.toMatchObject(refused)
    expect(repositories.snapshot()).toEqual(before)
  })

  it('issue 17: options.now "garbage", 42 or {} is refused, never written as modifiedOn', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    const before = repositories.snapshot()
    for (const now of ['garbage', 42, {}, '2026-03-01T09:30:00+99:99', '2026-02-30T00:00:00Z']) {
      const error = await rejection(executePlan(plan, repositories, { now } as never))
      expect(error).toMatchObject({ code: 'invalid_format', path: ['now'] })
      expect(error.message).toMatch(/^options\.now must be an ISO-8601 instant/)
    }
    const nullOptions = executePlan(plan, repositories, null as never)
    await expect(nullOptions).rejects.toMatchObject({ code: 'invalid_type', path: [] })
    expect(repositories.snapshot()).toEqual(before)
    await executePlan(plan, repositories, { now: '2026-03-02T10:30:00+05:45' })
    expect(repositories.snapshot().lead['lead-1']?.modifiedOn).toBe('2026-03-02T10:30:00+05:45')
  })

  it('issue 17: a null or {} plan gives a LeadkitError, not a TypeError', async () => {
    const repositories = createInMemoryRepositories()
    const { plan } = await seedQualification(repositories, '1')
    const cases: [unknown, string, (string | number)[]][] = [
      [null, 'invalid_type', []],
      [undefined, 'invalid_type', []],
      [{}, 'invalid_type', ['id']],
      ['qualify-lead-1', 'invalid_type', []],
      [{ ...plan, kind: 'promotion' }, 'invalid_value', ['kind']],
      [{ ...plan, status: 'done' }, 'invalid_value', ['status']],
      [{ ...plan, reads: null }, 'invalid_type', ['reads']],
      [{ ...plan, operations: {} }, 'invalid_type', ['operations']],
      [{ ...plan, operations: [null] }, 'invalid_type', ['operations', 0]],
      [{ ...plan, reads: [{ entity: 'lead', id: 'lead-1', version: '1' }] }, 'invalid_value', ['reads', 0, 'version']],
      [
        { ...plan, operations: [{ op: 'link', entity: 'lead', id: '\u0000' }] },
        'invalid_format',
        ['operations', 0, 'id'],
      ],
      [
        { ...plan, operations: [{ op: 'update', entity: 'lead', id: 'lead-1', expectedVersion: 1 }] },
        'invalid_type',
        ['operations', 0, 'patches'],
      ],
      [{ ...plan, status: 'blocked', blockers: null }, 'invalid_type', ['blockers']],
    ]
    for (const [tampered, code, path] of cases) {
      const error = await rejection(executePlan(tampered as PlanBase, repositories))
      expect({ code: error.code, path: error.path }).toEqual({ code, path })
    }
    await expect(executePlan(plan, null as never)).rejects.toMatchObject({ code: 'invalid_type', path: [] })
  })

  it('checks and applies a plan whose one update has 20,000 patches (one pass, no stack growth)', async () => {
    const repositories = createInMemoryRepositories()
    await repositories.leads.insert(fixtureLead('lead-1'))
    const patches = Array.from({ length: 20_000 }, (_, index) => ({
      op: 'replace' as const,
      path: ['topic'],
      value: `t${index}`,
    }))
    const plan: PlanBase = {
      id: 'big',
      kind: 'qualification',
      status: 'ready',
      reads: [],
      operations: [{ op: 'update', entity: 'lead', id: 'lead-1', expectedVersion: 1, patches }],
      blockers: [],
    }
    await executePlan(plan, repositories, { now: FIXTURE_NOW })
    expect(repositories.snapshot().lead['lead-1']?.topic).toBe('t19999')
  })
})
