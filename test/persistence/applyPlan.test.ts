import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planMerge } from '../../src/duplicates/planMerge.js'
import { applyPlan, applyRecordPatches, type PlainRecords } from '../../src/persistence/applyPlan.js'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { executePlan } from '../../src/persistence/executePlan.js'
import type { PlanBase } from '../../src/plan.js'
import { planDisqualification } from '../../src/qualification/planDisqualification.js'
import type { Lead, Note, RecordBase } from '../../src/records/types.js'
import { catchLeadkitError } from '../support/errors.js'
import { FIXTURE_NOW, fixtureDuplicateKeys, seedMergeFixture, seedQualification } from '../support/persistencePlans.js'

const now = '2026-03-01T10:00:00.000Z'

function lead(id: string, fields: Partial<Lead> = {}): Lead {
  return {
    id,
    createdOn: '2026-01-01T00:00:00.000Z',
    modifiedOn: '2026-01-02T00:00:00.000Z',
    version: 1,
    state: 'open',
    statusReason: 'new',
    ...fields,
  }
}

function note(id: string, regardingId: string): Note {
  return {
    id,
    createdOn: '2026-01-01T00:00:00.000Z',
    modifiedOn: '2026-01-01T00:00:00.000Z',
    version: 2,
    regarding: { entity: 'lead', id: regardingId },
    subject: 'Call notes',
    attachments: [{ id: `${id}-a`, fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: 10 }],
  }
}

/** The store's records as `applyPlan` takes them, from an in-memory snapshot. */
function recordsOf(snapshot: Readonly<Record<string, Readonly<Record<string, unknown>>>>): PlainRecords {
  const out: Record<string, RecordBase[]> = {}
  for (const [entity, byId] of Object.entries(snapshot)) {
    const list = Object.values(byId) as RecordBase[]
    if (list.length > 0) out[entity] = list
  }
  return out
}

function byId(records: readonly RecordBase[] | undefined): Record<string, RecordBase> {
  return Object.fromEntries((records ?? []).map((record) => [record.id, record]))
}

describe('applyPlan', () => {
  it('applies a merge plan to plain records: the master takes the values, the subordinate is deactivated', () => {
    const master = lead('lead-1', { firstName: 'Ada', email: 'ada@contoso.com' })
    const subordinate = lead('lead-2', { firstName: 'Ada', jobTitle: 'CTO', address: { city: 'Leeds' } })
    const moved = note('note-7', 'lead-2')
    const plan = planMerge(master, subordinate, { now, notes: [moved] })
    const before = JSON.stringify({ master, subordinate, moved })

    const after = applyPlan(plan, { lead: [master, subordinate], note: [moved] })

    expect(after.lead?.map((record) => record.id)).toEqual(['lead-1', 'lead-2'])
    expect(after.lead?.[0]).toMatchObject({ jobTitle: 'CTO', address: { city: 'Leeds' }, version: 2, modifiedOn: now })
    expect(after.lead?.[0]).toEqual({ ...plan.merged, version: 2 })
    const deactivated = { state: 'disqualified', statusReason: 'canceled', masterId: 'lead-1', version: 2 }
    expect(after.lead?.[1]).toMatchObject(deactivated)
    expect(after.note?.[0]).toMatchObject({ regarding: { entity: 'lead', id: 'lead-1' }, version: 3 })
    // Nothing passed in changed or became frozen; what is returned is frozen.
    expect(JSON.stringify({ master, subordinate, moved })).toBe(before)
    expect(Object.isFrozen(master)).toBe(false)
    expect(Object.isFrozen(subordinate.address)).toBe(false)
    expect(Object.isFrozen(after.lead?.[0])).toBe(true)
    expect(Object.isFrozen((after.lead?.[1] as Lead).address)).toBe(true)
  })

  it('keeps the arrays of record types the plan does not touch, and other records as given', () => {
    const master = lead('lead-1', { email: 'a@contoso.com' })
    const subordinate = lead('lead-2', { email: 'b@contoso.com' })
    const bystander = lead('lead-3')
    const accounts = [{ id: 'acc-1', createdOn: now, modifiedOn: now, version: 1 }]
    const plan = planMerge(master, subordinate, { now })
    const after = applyPlan(plan, { lead: [master, subordinate, bystander], account: accounts })
    expect(after.account).toBe(accounts)
    expect(after.lead?.[2]).toBe(bystander)
  })

  it('writes options.now as modifiedOn, like executePlan', () => {
    const open = lead('lead-1')
    const plan = planDisqualification(open, 'no-longer-interested', { now })
    expect(applyPlan(plan, { lead: [open] }).lead?.[0]?.modifiedOn).toBe(now)
    expect(applyPlan(plan, { lead: [open] }, { now: FIXTURE_NOW }).lead?.[0]).toMatchObject({
      modifiedOn: FIXTURE_NOW,
      state: 'disqualified',
      version: 2,
    })
  })

  it('gives the records executePlan stores, for a qualification plan and a merge plan', async () => {
    for (const seed of [
      (repositories: ReturnType<typeof createInMemoryRepositories>) => seedQualification(repositories, '1'),
      (repositories: ReturnType<typeof createInMemoryRepositories>) => seedMergeFixture(repositories),
    ]) {
      const repositories = createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys })
      const { plan } = await seed(repositories)
      const records = recordsOf(repositories.snapshot() as never)
      await executePlan(plan, repositories, { now: FIXTURE_NOW })
      const after = applyPlan(plan, records, { now: FIXTURE_NOW })
      for (const [entity, stored] of Object.entries(repositories.snapshot())) {
        if (entity === 'executedPlans') continue
        expect(byId((after as Record<string, RecordBase[]>)[entity]), entity).toEqual(stored)
      }
    }
  })

  it('moves a record on by one version however many operations of the plan update it', () => {
    const record = lead('lead-1')
    const step = { op: 'update', entity: 'lead', id: 'lead-1', expectedVersion: 1 } as const
    const plan: PlanBase = {
      id: 'two-steps',
      kind: 'merge',
      status: 'ready',
      reads: [{ entity: 'lead', id: 'lead-1', version: 1 }],
      blockers: [],
      operations: [
        { ...step, patches: [{ op: 'replace', path: ['topic'], value: 'A' }] },
        { ...step, patches: [{ op: 'add', path: ['jobTitle'], value: 'B' }] },
      ],
    }
    expect(applyPlan(plan, { lead: [record] }).lead?.[0]).toMatchObject({ topic: 'A', jobTitle: 'B', version: 2 })
  })

  it('refuses a plan that is not ready, a stale read, a missing record, an existing created id', () => {
    const master = lead('lead-1', { email: 'a@contoso.com' })
    const subordinate = lead('lead-2', { email: 'b@contoso.com' })
    const plan = planMerge(master, subordinate, { now })

    const blocked = planMerge(lead('lead-1', { state: 'qualified', statusReason: 'qualified' }), subordinate, { now })
    expect(catchLeadkitError(() => applyPlan(blocked, { lead: [master, subordinate] })).code).toBe('plan_not_ready')

    const stale = catchLeadkitError(() => applyPlan(plan, { lead: [{ ...master, version: 2 }, subordinate] }))
    expect(stale).toMatchObject({ code: 'conflict', path: ['reads', 0] })

    const missing = catchLeadkitError(() => applyPlan(plan, { lead: [master] }))
    expect(missing).toMatchObject({ code: 'not_found', path: ['reads', 1] })

    const create: PlanBase = {
      id: 'create',
      kind: 'qualification',
      status: 'ready',
      reads: [],
      blockers: [],
      operations: [{ op: 'create', entity: 'lead', id: 'lead-1', record: { ...master } }],
    }
    const again = catchLeadkitError(() => applyPlan(create, { lead: [master] }))
    expect(again).toMatchObject({ code: 'conflict', path: ['operations', 0, 'id'] })
    expect(applyPlan(create, {}).lead).toEqual([master])
  })

  it('refuses records given twice, a patch of a store-owned field, and anything that is not a plan or records', () => {
    const record = lead('lead-1')
    const patchVersion: PlanBase = {
      id: 'bad',
      kind: 'merge',
      status: 'ready',
      reads: [],
      blockers: [],
      operations: [
        {
          op: 'update',
          entity: 'lead',
          id: 'lead-1',
          expectedVersion: 1,
          patches: [{ op: 'replace', path: ['version'], value: 9 }],
        },
      ],
    }
    expect(catchLeadkitError(() => applyPlan(patchVersion, { lead: [record] }))).toMatchObject({
      code: 'invalid_value',
      path: ['operations', 0, 'patches', 0, 'path'],
    })
    expect(catchLeadkitError(() => applyPlan(patchVersion, { lead: [record, record] }))).toMatchObject({
      code: 'invalid_value',
      path: ['records', 'lead', 1, 'id'],
    })
    for (const plan of [null, 42, {}, { status: 'ready' }]) {
      expect(catchLeadkitError(() => applyPlan(plan as never, {})).code).toBe('invalid_type')
    }
    expect(catchLeadkitError(() => applyPlan(patchVersion, { lead: record } as never)).code).toBe('invalid_type')
    const badNow = catchLeadkitError(() => applyPlan(patchVersion, { lead: [record] }, { now: 'yesterday' }))
    expect(badNow.code).toBe('invalid_format')
  })
})

describe('applyRecordPatches', () => {
  it('applies a merge plan’s patches without importing immer, leaving the record as it was', () => {
    const master = lead('lead-1', { address: { street1: '1 Main St' } })
    const subordinate = lead('lead-2', { address: { city: 'Leeds' }, extra: { region: 'North' } })
    const plan = planMerge(master, subordinate, { now })
    const update = plan.operations[0]
    if (update?.op !== 'update') throw new Error('expected an update')
    const merged = applyRecordPatches(master, update.patches)
    expect(merged).toEqual(plan.merged)
    expect(master.address).toEqual({ street1: '1 Main St' })
    expect(Object.isFrozen(master.address)).toBe(false)
    expect(Object.isFrozen(merged)).toBe(true)
  })

  it('refuses malformed patches and patches that do not fit the record, with a path', () => {
    const record = lead('lead-1')
    expect(catchLeadkitError(() => applyRecordPatches(record, [{ op: 'move', path: ['a'] } as never]))).toMatchObject({
      code: 'invalid_value',
      path: ['patches', 0],
    })
    const polluting = [{ op: 'add' as const, path: ['__proto__', 'x'], value: 1 }]
    expect(catchLeadkitError(() => applyRecordPatches(record, polluting))).toMatchObject({
      code: 'forbidden_key',
      path: ['patches', 0, 'path', 0],
    })
    const intoNothing = [{ op: 'add' as const, path: ['address', 'city'], value: 'Leeds' }]
    expect(catchLeadkitError(() => applyRecordPatches(record, intoNothing)).code).toBe('invalid_value')
    expect(catchLeadkitError(() => applyRecordPatches(null as never, [])).code).toBe('invalid_type')
  })

  it('equals replaying the patches by hand for any top-level changes, and never touches the input', () => {
    const field = fc.constantFrom('topic', 'email', 'jobTitle', 'companyName', 'description')
    const patch = fc.oneof(
      fc.record({ op: fc.constant('replace' as const), path: fc.tuple(field), value: fc.string() }),
      fc.record({ op: fc.constant('remove' as const), path: fc.tuple(field) }),
    )
    fc.assert(
      fc.property(fc.dictionary(field, fc.string()), fc.array(patch, { maxLength: 8 }), (fields, patches) => {
        const record = lead('lead-1', fields)
        const copy = JSON.stringify(record)
        const expected: Record<string, unknown> = { ...record }
        for (const p of patches) {
          if (p.op === 'remove') delete expected[p.path[0]]
          else expected[p.path[0]] = p.value
        }
        expect(applyRecordPatches(record, patches)).toEqual(expected)
        expect(JSON.stringify(record)).toBe(copy)
      }),
    )
  })
})
