import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planMerge } from '../../src/duplicates/planMerge.js'
import { applyPatches } from '../../src/internal/immer.js'
import type { Account, Contact, Lead, Note } from '../../src/records/types.js'
import { catchLeadkitError } from '../support/errors.js'

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

function note(id: string, regardingId: string, attachments = 1): Note {
  return {
    id,
    createdOn: '2026-01-01T00:00:00.000Z',
    modifiedOn: '2026-01-01T00:00:00.000Z',
    version: 2,
    regarding: { entity: 'lead', id: regardingId },
    subject: 'Call notes',
    attachments: Array.from({ length: attachments }, (_, i) => ({ id: `${id}-a${i}`, fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: 10 })),
  }
}


function applyOperation(record: object, plan: ReturnType<typeof planMerge>, id: string): Record<string, unknown> {
  const op = plan.operations.find((o) => o.id === id)
  if (!op || op.op !== 'update') throw new Error(`no update for ${id}`)
  return applyPatches(record, op.patches as never) as Record<string, unknown>
}

describe('planMerge', () => {
  const master = lead('lead-1', { firstName: 'Robert', lastName: 'Smith', email: 'bob@contoso.com', address: { city: 'Seattle' } })
  const subordinate = lead('lead-2', {
    firstName: 'Bob',
    lastName: 'Smith',
    email: 'robert.smith@contoso.com',
    companyName: 'Contoso',
    mobilePhone: '+14255550100',
    address: { city: 'Redmond', street1: '1 Main St' },
    modifiedOn: '2026-02-01T00:00:00.000Z',
    createdOn: '2025-06-01T00:00:00.000Z',
  })

  it('keeps the master values by default and fills its blanks from the subordinate', () => {
    const plan = planMerge(master, subordinate, { now })
    expect(plan.status).toBe('ready')
    expect(plan.kind).toBe('merge')
    expect(plan.merged).toMatchObject({
      id: 'lead-1',
      firstName: 'Robert',
      email: 'bob@contoso.com',
      companyName: 'Contoso',
      mobilePhone: '+14255550100',
      address: { city: 'Seattle', street1: '1 Main St' },
    })
    expect(plan.fieldDecisions).toContainEqual({ field: 'firstName', masterValue: 'Robert', subordinateValue: 'Bob', chosen: 'master', reason: 'default' })
    expect(plan.fieldDecisions).toContainEqual({ field: 'companyName', subordinateValue: 'Contoso', chosen: 'subordinate', reason: 'fill-blank' })
    expect(plan.fieldDecisions.find((d) => d.field === 'lastName')).toBeUndefined()
  })

  it('follows the seller field by field, and never picks a blank over a value', () => {
    const plan = planMerge(master, subordinate, { now, fieldChoices: { email: 'subordinate', 'address.city': 'subordinate', jobTitle: 'subordinate' } })
    expect(plan.merged).toMatchObject({ email: 'robert.smith@contoso.com', address: { city: 'Redmond' }, firstName: 'Robert' })
    expect(plan.fieldDecisions).toContainEqual({ field: 'email', masterValue: 'bob@contoso.com', subordinateValue: 'robert.smith@contoso.com', chosen: 'subordinate', reason: 'seller' })
    const withBlankPick = planMerge(lead('a', { topic: 'Kept' }), lead('b'), { now, fieldChoices: { topic: 'subordinate' } })
    expect(withBlankPick.merged).toMatchObject({ topic: 'Kept' })
    expect(withBlankPick.fieldDecisions).toEqual([{ field: 'topic', masterValue: 'Kept', chosen: 'master', reason: 'fill-blank' }])
  })

  it('applies the survivor rules, ties going to the master', () => {
    expect(planMerge(master, subordinate, { now, survivor: 'most-recent' }).merged).toMatchObject({ firstName: 'Bob' })
    expect(planMerge(master, subordinate, { now, survivor: 'oldest' }).merged).toMatchObject({ firstName: 'Bob' })
    expect(planMerge(master, subordinate, { now, survivor: 'most-complete' }).merged).toMatchObject({ firstName: 'Bob' })
    const equal = lead('lead-3', { firstName: 'Rob', lastName: 'Smith', email: 'x@y.com', address: { city: 'Kent' } })
    expect(planMerge(master, equal, { now, survivor: 'most-complete' }).merged).toMatchObject({ firstName: 'Robert' })
    expect(planMerge(master, equal, { now, survivor: 'most-recent' }).merged).toMatchObject({ firstName: 'Robert' })
    expect(planMerge(master, subordinate, { now, survivor: 'oldest', fieldChoices: { firstName: 'master' } }).merged).toMatchObject({ firstName: 'Robert', email: 'robert.smith@contoso.com' })
  })

  it('deactivates a subordinate lead as disqualified/canceled with a reference to its master', () => {
    const plan = planMerge(master, subordinate, { now })
    const after = applyOperation(subordinate, plan, 'lead-2')
    expect(after).toMatchObject({ state: 'disqualified', statusReason: 'canceled', closedOn: now, masterId: 'lead-1', modifiedOn: now })
    expect(plan.operations[1]).toMatchObject({ op: 'update', entity: 'lead', id: 'lead-2', expectedVersion: 1 })
  })

  it('deactivates contacts and accounts with masterId', () => {
    const base = { createdOn: now, modifiedOn: now, version: 4, state: 'active' as const }
    const c1: Contact = { ...base, id: 'c1', lastName: 'Smith', email: 'a@b.com' }
    const c2: Contact = { ...base, id: 'c2', lastName: 'Smith', businessPhone: '+1 425 555 0100' }
    const plan = planMerge(c1, c2, { now })
    expect(plan.entity).toBe('contact')
    expect(applyOperation(c2, plan, 'c2')).toMatchObject({ state: 'inactive', masterId: 'c1' })
    expect(applyOperation(c1, plan, 'c1')).toMatchObject({ businessPhone: '+1 425 555 0100', email: 'a@b.com' })
    const a1: Account = { ...base, id: 'a1', name: 'Contoso' }
    const a2: Account = { ...base, id: 'a2', name: 'Contoso Ltd', website: 'contoso.com' }
    const accountPlan = planMerge(a1, a2, { now })
    expect(accountPlan.entity).toBe('account')
    expect(applyOperation(a2, accountPlan, 'a2')).toMatchObject({ state: 'inactive', masterId: 'a1' })
    expect(accountPlan.merged).toMatchObject({ name: 'Contoso', website: 'contoso.com' })
  })

  it('moves every note of the subordinate, attachments included, to the master', () => {
    const notes = [note('n1', 'lead-2', 2), note('n2', 'lead-2', 0)]
    const plan = planMerge(master, subordinate, { now, notes })
    expect(plan.operations.map((o) => o.id)).toEqual(['lead-1', 'lead-2', 'n1', 'n2'])
    const moved = applyOperation(notes[0] as Note, plan, 'n1')
    expect(moved.regarding).toEqual({ entity: 'lead', id: 'lead-1' })
    expect(moved.attachments).toEqual(notes[0]?.attachments)
    expect(plan.reads).toEqual([
      { entity: 'lead', id: 'lead-1', version: 1 },
      { entity: 'lead', id: 'lead-2', version: 1 },
      { entity: 'note', id: 'n1', version: 2 },
      { entity: 'note', id: 'n2', version: 2 },
    ])
  })

  it('blocks merging into an inactive master or an already merged subordinate', () => {
    const closed = lead('lead-9', { state: 'qualified', statusReason: 'qualified' })
    const blocked = planMerge(closed, subordinate, { now })
    expect(blocked.status).toBe('blocked')
    expect(blocked.operations).toEqual([])
    expect(blocked.blockers.map((b) => b.code)).toEqual(['master_inactive'])
    const merged = lead('lead-8', { masterId: 'lead-0' })
    expect(planMerge(master, merged, { now }).blockers.map((b) => b.code)).toEqual(['already_merged'])
  })

  it('rejects bad input with a code and a path', () => {
    expect(catchLeadkitError(() => planMerge(master, master, { now }))).toMatchObject({ code: 'invalid_combination', path: ['subordinate', 'id'] })
    expect(catchLeadkitError(() => planMerge(master, subordinate, { now: 'yesterday' }))).toMatchObject({ code: 'invalid_format', path: ['now'] })
    expect(catchLeadkitError(() => planMerge(master, subordinate, { now, fieldChoices: { id: 'subordinate' } }))).toMatchObject({ code: 'invalid_value', path: ['fieldChoices', 'id'] })
    expect(catchLeadkitError(() => planMerge(master, subordinate, { now, fieldChoices: { email: 'both' as never } }))).toMatchObject({ code: 'invalid_value', path: ['fieldChoices', 'email'] })
    expect(catchLeadkitError(() => planMerge(master, subordinate, { now, notes: [note('n1', 'lead-1')] }))).toMatchObject({ code: 'invalid_combination', path: ['notes', 0, 'regarding'] })
    const contact: Contact = { id: 'c', createdOn: now, modifiedOn: now, version: 1, lastName: 'X', state: 'active' }
    expect(catchLeadkitError(() => planMerge(master, contact as never, { now }))).toMatchObject({ code: 'invalid_combination', path: ['subordinate'] })
    expect(catchLeadkitError(() => planMerge(master, subordinate, { now, survivor: 'newest' as never }))).toMatchObject({ code: 'invalid_value', path: ['survivor'] })
  })

  it('is deterministic, frozen and survives a JSON round trip', () => {
    const plan = planMerge(master, subordinate, { now, notes: [note('n1', 'lead-2')] })
    expect(Object.isFrozen(plan)).toBe(true)
    expect(Object.isFrozen(plan.operations[0])).toBe(true)
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan)
    expect(planMerge(master, subordinate, { now, notes: [note('n1', 'lead-2')] })).toEqual(plan)
  })

  const text = fc.option(fc.constantFrom('', ' ', 'Contoso', 'contoso', 'Fabrikam Ltd', 'x'), { nil: undefined })
  const arbitraryLead = (id: string) =>
    fc.record({
      firstName: text,
      lastName: text,
      companyName: text,
      email: text,
      jobTitle: text,
      numberOfEmployees: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
      decisionMaker: fc.option(fc.boolean(), { nil: undefined }),
      address: fc.option(fc.record({ city: text, street1: text }, { requiredKeys: [] }), { nil: undefined }),
      extra: fc.option(fc.dictionary(fc.constantFrom('region', 'tier'), fc.oneof(fc.string(), fc.integer())), { nil: undefined }),
      createdOn: fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-01-05T00:00:00.000Z'),
      modifiedOn: fc.constantFrom('2026-02-01T00:00:00.000Z', '2026-02-05T00:00:00.000Z'),
    }).map((fields) => {
      const clean = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined))
      return lead(id, clean as Partial<Lead>)
    })
  const choiceFields = ['firstName', 'lastName', 'companyName', 'email', 'jobTitle', 'numberOfEmployees', 'decisionMaker', 'address.city', 'extra.tier']

  it('loses nothing, mutates nothing and round-trips through JSON (property)', () => {
    fc.assert(
      fc.property(
        arbitraryLead('m'),
        arbitraryLead('s'),
        fc.option(fc.constantFrom('most-complete', 'most-recent', 'oldest') as fc.Arbitrary<'most-complete' | 'most-recent' | 'oldest'>, { nil: undefined }),
        fc.dictionary(fc.constantFrom(...choiceFields), fc.constantFrom('master', 'subordinate') as fc.Arbitrary<'master' | 'subordinate'>),
        (m, s, survivor, fieldChoices) => {
          const before = JSON.stringify([m, s])
          const plan = planMerge(m, s, { now, fieldChoices, ...(survivor ? { survivor } : {}) })
          expect(JSON.stringify([m, s])).toBe(before)
          expect(JSON.parse(JSON.stringify(plan))).toEqual(plan)
          const merged = applyOperation(m, plan, 'm')
          expect(merged).toEqual(plan.merged)
          const leaves = (record: Record<string, unknown>) => {
            const out: [string, unknown][] = []
            for (const [k, v] of Object.entries(record)) {
              if (['id', 'createdOn', 'modifiedOn', 'version', 'state', 'statusReason'].includes(k)) continue
              if (k === 'address' || k === 'extra') for (const [ik, iv] of Object.entries(v as object)) out.push([`${k}.${ik}`, iv])
              else out.push([k, v])
            }
            return out.filter(([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''))
          }
          const mergedLeaves = new Map(leaves(merged))
          for (const [field, value] of [...leaves(m as never), ...leaves(s as never)]) {
            const kept = JSON.stringify(mergedLeaves.get(field)) === JSON.stringify(value)
            const recorded = plan.fieldDecisions.some(
              (d) => d.field === field && (JSON.stringify(d.masterValue) === JSON.stringify(value) || JSON.stringify(d.subordinateValue) === JSON.stringify(value)),
            )
            expect(kept || recorded, `${field}=${JSON.stringify(value)} lost`).toBe(true)
            // A field either record fills is never blank after the merge.
            expect(mergedLeaves.has(field)).toBe(true)
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('merge plan ids', () => {
  it('gives two different merges different plan ids even when record ids contain "@" and "<-"', async () => {
    const { createInMemoryRepositories } = await import('../../src/persistence/createInMemoryRepositories.js')
    const { executePlan } = await import('../../src/persistence/executePlan.js')
    // "a" at version 1 <- "b@2<-c" at version 3, and "a@1<-b" at version 2 <- "c" at version 3: both read
    // "merge:lead:a@1<-b@2<-c@3" when the ids are joined as text.
    const first = planMerge(lead('a'), lead('b@2<-c', { version: 3 }), { now })
    const second = planMerge(lead('a@1<-b', { version: 2 }), lead('c', { version: 3 }), { now })
    expect(second.id).not.toBe(first.id)
    // Equal ids would make the executor take the second merge for a retry of the first and write nothing.
    const repositories = createInMemoryRepositories()
    await repositories.transaction(async (tx) => {
      await tx.leads.insert(lead('a'))
      await tx.leads.insert(lead('b@2<-c', { version: 3 }))
      await tx.leads.insert(lead('a@1<-b', { version: 2 }))
      await tx.leads.insert(lead('c', { version: 3 }))
    })
    await executePlan(first, repositories, { now })
    const result = await executePlan(second, repositories, { now })
    expect(result.alreadyExecuted).not.toBe(true)
    expect(await repositories.leads.get('c')).toMatchObject({ state: 'disqualified', masterId: 'a@1<-b' })
  })

  it('gives merges of the same records with other field choices or survivor rule their own plan ids', async () => {
    const { createInMemoryRepositories } = await import('../../src/persistence/createInMemoryRepositories.js')
    const { executePlan } = await import('../../src/persistence/executePlan.js')
    const master = lead('m', { email: 'm@example.com', companyName: 'Contoso' })
    const subordinate = lead('s', { email: 's@example.com', companyName: 'Fabrikam' })
    const keepMaster = planMerge(master, subordinate, { now })
    const takeEmail = planMerge(master, subordinate, { now, fieldChoices: { email: 'subordinate' } })
    const newest = planMerge(master, subordinate, { now, survivor: 'most-recent' })
    expect(new Set([keepMaster.id, takeEmail.id, newest.id]).size).toBe(3)
    // The same request planned again is the same plan: a retry stays harmless.
    expect(planMerge(master, subordinate, { now, fieldChoices: { email: 'subordinate' } }).id).toBe(takeEmail.id)
    // Two sellers merging the same pair with different choices: the second is a conflict, never "already executed"
    // with the first seller's choices.
    const repositories = createInMemoryRepositories()
    await repositories.transaction(async (tx) => {
      await tx.leads.insert(master)
      await tx.leads.insert(subordinate)
    })
    await executePlan(keepMaster, repositories, { now })
    await expect(executePlan(takeEmail, repositories, { now })).rejects.toMatchObject({ code: 'conflict' })
  })
})
