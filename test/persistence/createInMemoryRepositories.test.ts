import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { deepFreeze } from '../../src/internal/immer.js'
import type { EntityRef } from '../../src/records/types.js'
import { createInMemoryRepositories } from '../../src/persistence/createInMemoryRepositories.js'
import { duplicateKeysFromRules } from '../../src/persistence/duplicateKeysFromRules.js'
import { syncTransactionOf, type SyncRepositorySet } from '../../src/persistence/internal/syncTransaction.js'
import type { RepositorySet } from '../../src/persistence/types.js'
import { fixtureDuplicateKeys, fixtureLead, fixtureNote, fixtureTimelineEntry } from '../support/persistencePlans.js'

describe('createInMemoryRepositories', () => {
  it('hides a transaction’s writes from readers outside it until it commits', async () => {
    const repositories = createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys })
    let seenOutside: unknown = 'not read'
    await repositories.transaction(async (tx) => {
      await tx.leads.insert(fixtureLead('lead-1', { email: 'ada@example.com' }))
      seenOutside = await repositories.leads.get('lead-1')
      expect(await repositories.leads.findByDuplicateKey('email:ada@example.com')).toEqual([])
      expect(repositories.snapshot().lead).toEqual({})
    })
    expect(seenOutside).toBeUndefined()
    expect(Object.keys(repositories.snapshot().lead)).toEqual(['lead-1'])
  })

  it('runs transactions one at a time, in the order they were started', async () => {
    const repositories = createInMemoryRepositories()
    const events: string[] = []
    const run = (name: string) =>
      repositories.transaction(async () => {
        events.push(`${name} start`)
        await new Promise((resolve) => setTimeout(resolve, 1))
        events.push(`${name} end`)
      })
    await Promise.all([run('a'), run('b')])
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end'])
  })

  it('keeps working after a transaction failed', async () => {
    const repositories = createInMemoryRepositories()
    await expect(repositories.transaction(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    await repositories.leads.insert(fixtureLead('lead-1'))
    expect(Object.keys(repositories.snapshot().lead)).toEqual(['lead-1'])
  })

  it('refuses a write through a transaction that has ended (write_failed)', async () => {
    const repositories = createInMemoryRepositories()
    let leaked: RepositorySet | undefined
    await repositories.transaction(async (tx) => {
      leaked = tx
    })
    await expect(leaked?.leads.insert(fixtureLead('lead-1'))).rejects.toMatchObject({ code: 'write_failed' })
    expect(repositories.snapshot().lead).toEqual({})
  })

  it('refuses records without an id or with a bad version (invalid_value with the path)', async () => {
    const repositories = createInMemoryRepositories()
    await expect(repositories.leads.insert(fixtureLead(''))).rejects.toMatchObject({ code: 'invalid_value', path: ['id'] })
    await expect(repositories.leads.insert(fixtureLead('lead-1', { version: 0 }))).rejects.toMatchObject({
      code: 'invalid_value',
      path: ['version'],
    })
    await expect(repositories.leads.insert(fixtureLead('lead-1', { version: 1.5 }))).rejects.toBeInstanceOf(LeadkitError)
  })

  it('stores a frozen copy and leaves the caller’s object unfrozen and unchanged', async () => {
    const repositories = createInMemoryRepositories()
    const lead = fixtureLead('lead-1', { address: { city: 'London' } })
    const copy = structuredClone(lead)
    await repositories.leads.insert(lead)
    expect(Object.isFrozen(lead)).toBe(false)
    expect(lead).toEqual(copy)
    const stored = await repositories.leads.get('lead-1')
    expect(Object.isFrozen(stored)).toBe(true)
    expect(Object.isFrozen(stored?.address)).toBe(true)
    expect(Object.isFrozen(repositories.snapshot())).toBe(true)
  })

  it('files records under the built-in rules’ keys without a duplicateKeys function, not under a host’s', async () => {
    const repositories = createInMemoryRepositories()
    await repositories.leads.insert(fixtureLead('lead-1', { email: 'ada@example.com' }))
    expect(await repositories.leads.findByDuplicateKey('email:ada@example.com')).toEqual([])
    const lookup = duplicateKeysFromRules().candidateKeys('lead', fixtureLead('lead-2', { email: 'ADA@example.com' }))
    expect((await repositories.leads.findCandidates(lookup.lead)).map((lead) => lead.id)).toEqual(['lead-1'])
  })

  it('matches a model map under any sequence of committed and rolled-back transactions (property)', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), id: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ kind: fc.constant('update' as const), id: fc.integer({ min: 0, max: 4 }), email: fc.constantFrom('a@x.io', 'b@x.io') }),
    )
    const transaction = fc.record({ steps: fc.array(step, { maxLength: 6 }), rollback: fc.boolean() })
    await fc.assert(
      fc.asyncProperty(fc.array(transaction, { maxLength: 8 }), async (transactions) => {
        const repositories = createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys })
        const model = new Map<string, { version: number; email: string }>()
        for (const { steps, rollback } of transactions) {
          const draft = new Map(model)
          const attempt = repositories.transaction(async (tx) => {
            for (const s of steps) {
              const id = `lead-${s.id}`
              const current = draft.get(id)
              if (s.kind === 'insert') {
                const insert = tx.leads.insert(fixtureLead(id, { email: 'a@x.io' }))
                if (current === undefined) {
                  await insert
                  draft.set(id, { version: 1, email: 'a@x.io' })
                } else {
                  await expect(insert).rejects.toMatchObject({ code: 'conflict' })
                }
              } else {
                const next = (current?.version ?? 1) + 1
                const update = tx.leads.update(fixtureLead(id, { version: next, email: s.email }), next - 1)
                if (current === undefined) {
                  await expect(update).rejects.toMatchObject({ code: 'not_found' })
                } else {
                  await update
                  draft.set(id, { version: next, email: s.email })
                }
              }
            }
            if (rollback) throw new Error('roll back')
          })
          if (rollback) {
            await expect(attempt).rejects.toThrow('roll back')
          } else {
            await attempt
            model.clear()
            for (const [id, value] of draft) model.set(id, value)
          }
        }
        const stored = repositories.snapshot().lead
        expect(Object.keys(stored)).toEqual([...model.keys()].sort())
        for (const [id, { version, email }] of model) expect(stored[id]).toMatchObject({ version, email })
        const byA = [...model].filter(([, value]) => value.email === 'a@x.io').map(([id]) => id).sort()
        expect((await repositories.leads.findByDuplicateKey('email:a@x.io')).map((lead) => lead.id)).toEqual(byA)
      }),
      { numRuns: 150 },
    )
  })
})

describe('createInMemoryRepositories stored copies', () => {
  it('copies a record that is frozen only at the top, so a nested object the caller keeps cannot change the store', async () => {
    const repositories = createInMemoryRepositories()
    const address = { city: 'Leeds' }
    await repositories.leads.insert(Object.freeze(fixtureLead('lead-1', { address })))
    address.city = 'changed'
    expect((await repositories.leads.get('lead-1'))?.address).toEqual({ city: 'Leeds' })
  })
})

describe('createInMemoryRepositories large transactions', () => {
  // A transaction's writes are scanned while few and indexed past a threshold; both sides must behave the same.
  it('reads its own writes, refuses a second insert and commits everything when one transaction writes 100 records', async () => {
    const repositories = createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys })
    const ids = Array.from({ length: 50 }, (_, index) => `r-${index}`)
    await repositories.transaction(async (tx) => {
      for (const id of ids) {
        await tx.leads.insert(fixtureLead(id, { email: `${id}@x.io` }))
        // The same id in another entity is another record.
        await tx.accounts.insert({ id, version: 1, createdOn: '2026-01-01T00:00:00.000Z', modifiedOn: '2026-01-01T00:00:00.000Z', name: `Account ${id}`, state: 'active' } as never)
      }
      await expect(tx.leads.insert(fixtureLead('r-3'))).rejects.toMatchObject({ code: 'conflict' })
      await expect(tx.accounts.insert({ id: 'r-40', version: 1 } as never)).rejects.toMatchObject({ code: 'conflict' })
      await tx.leads.update(fixtureLead('r-7', { version: 2, email: 'moved@x.io' }), 1)
      await tx.leads.update(fixtureLead('r-45', { version: 2, email: 'moved@x.io' }), 1)
      await expect(tx.leads.update(fixtureLead('r-7', { version: 3 }), 1)).rejects.toMatchObject({ code: 'conflict' })
      expect((await tx.leads.get('r-7'))?.version).toBe(2)
      expect((await tx.accounts.get('r-7'))?.version).toBe(1)
      expect((await tx.leads.findByDuplicateKey('email:moved@x.io')).map((lead) => lead.id)).toEqual(['r-45', 'r-7'])
      expect(await tx.leads.findByDuplicateKey('email:r-7@x.io')).toEqual([])
      expect(await repositories.leads.get('r-0')).toBeUndefined()
    })
    const snapshot = repositories.snapshot()
    expect(Object.keys(snapshot.lead)).toHaveLength(50)
    expect(Object.keys(snapshot.account)).toHaveLength(50)
    expect(snapshot.lead['r-45']?.version).toBe(2)
    expect(snapshot.lead['r-44']?.version).toBe(1)
    expect((await repositories.leads.findByDuplicateKey('email:moved@x.io')).map((lead) => lead.id)).toEqual(['r-45', 'r-7'])
    expect((await repositories.leads.findByDuplicateKey('email:r-44@x.io')).map((lead) => lead.id)).toEqual(['r-44'])
  })
})

describe('createInMemoryRepositories error precedence and ended transactions', () => {
  // A record the store cannot copy (a class instance holding a function) is still judged by the store's own
  // checks first: the copy is made only once a write is accepted.
  class Widget {
    readonly run = (): number => 1
  }

  it('reports a taken id, an empty id or a stale version before it tries to copy the record', async () => {
    const repositories = createInMemoryRepositories()
    await repositories.leads.insert(fixtureLead('lead-1'))
    const uncopyable = (overrides: object) => ({ ...fixtureLead('lead-1'), widget: new Widget(), ...overrides })
    await repositories.transaction(async (tx) => {
      await expect(tx.leads.insert(uncopyable({}))).rejects.toMatchObject({ code: 'conflict' })
      await expect(tx.leads.insert(uncopyable({ id: '' }))).rejects.toMatchObject({ code: 'invalid_value', path: ['id'] })
      await expect(tx.leads.update(uncopyable({ version: 3 }), 2)).rejects.toMatchObject({ code: 'conflict' })
      await expect(tx.leads.update(uncopyable({ id: 'lead-9', version: 2 }), 1)).rejects.toMatchObject({ code: 'not_found' })
    })
  })

  it('reads what is committed now through a transaction’s repositories kept after it ended', async () => {
    const repositories = createInMemoryRepositories()
    await repositories.leads.insert(fixtureLead('lead-1'))
    const kept = await repositories.transaction(async (tx) => {
      expect((await tx.leads.get('lead-1'))?.version).toBe(1)
      return tx
    })
    await repositories.leads.update(fixtureLead('lead-1', { version: 2 }), 1)
    expect((await kept.leads.get('lead-1'))?.version).toBe(2)
    expect((await kept.leads.getMany(['lead-1']))[0]?.version).toBe(2)
    await expect(kept.leads.update(fixtureLead('lead-1', { version: 3 }), 2)).rejects.toMatchObject({ code: 'write_failed' })
  })
})

describe('createInMemoryRepositories lookups by reference', () => {
  const REFS: readonly EntityRef[] = [
    { entity: 'lead', id: 'lead-1' },
    { entity: 'opportunity', id: 'lead-1' },
    { entity: 'opportunity', id: 'opportunity-1' },
  ]
  const ids = (records: readonly { readonly id: string }[]): string[] => records.map((record) => record.id)
  const sameRef = (a: EntityRef, b: EntityRef): boolean => a.entity === b.entity && a.id === b.id

  it('finds notes and timeline entries by regarding and visibleOn like a scan would, through moves, rollbacks and both transaction paths (property)', async () => {
    const ref = fc.integer({ min: 0, max: REFS.length - 1 })
    const step = fc.record({
      table: fc.constantFrom('note' as const, 'timelineEntry' as const),
      id: fc.integer({ min: 0, max: 3 }),
      regarding: ref,
      // Repeats included: a note may list the same record twice.
      visibleOn: fc.option(fc.array(ref, { maxLength: 3 }), { nil: undefined }),
    })
    const transaction = fc.record({ steps: fc.array(step, { maxLength: 6 }), rollback: fc.boolean(), sync: fc.boolean() })
    await fc.assert(
      fc.asyncProperty(fc.array(transaction, { maxLength: 8 }), async (transactions) => {
        const repositories = createInMemoryRepositories()
        const runSync = syncTransactionOf(repositories)
        type Stored = { regarding: EntityRef; visibleOn?: readonly EntityRef[]; version: number }
        const model = { note: new Map<string, Stored>(), timelineEntry: new Map<string, Stored>() }

        // Every lookup, inside a transaction (its own writes included) or outside, against a scan of the model.
        async function expectLookups(
          tx: RepositorySet | SyncRepositorySet,
          state: typeof model,
          where: string,
        ): Promise<void> {
          for (const target of REFS) {
            const scan = (map: Map<string, Stored>, hit: (stored: Stored) => boolean): string[] =>
              [...map].filter(([, stored]) => hit(stored)).map(([id]) => id).sort()
            const regarding = (stored: Stored): boolean => sameRef(stored.regarding, target)
            const visible = (stored: Stored): boolean => (stored.visibleOn ?? []).some((seen) => sameRef(seen, target))
            expect(ids(await tx.notes.listByRegarding(target)), `${where}: notes regarding`).toEqual(scan(state.note, regarding))
            expect(ids(await tx.notes.listVisibleOn(target)), `${where}: notes visible`).toEqual(scan(state.note, visible))
            expect(ids(await tx.timelineEntries.listByRegarding(target)), `${where}: timeline`).toEqual(
              scan(state.timelineEntry, regarding),
            )
          }
        }

        for (const { steps, rollback, sync } of transactions) {
          const draft = { note: new Map(model.note), timelineEntry: new Map(model.timelineEntry) }
          const writes = steps.map((s) => {
            const id = `${s.table}-${s.id}`
            const current = draft[s.table].get(id)
            const version = (current?.version ?? 0) + 1
            const regarding = REFS[s.regarding] as EntityRef
            const visibleOn = s.visibleOn?.map((index) => REFS[index] as EntityRef)
            const stored: Stored = { regarding, version, ...(s.table === 'note' && visibleOn !== undefined ? { visibleOn } : {}) }
            draft[s.table].set(id, stored)
            // Deeply frozen: the synchronous repositories store what they are given (executePlan freezes for them).
            const record = deepFreeze(
              s.table === 'note'
                ? fixtureNote(id, regarding, { version, ...(visibleOn === undefined ? {} : { visibleOn }) })
                : fixtureTimelineEntry(id, regarding, { version }),
            )
            return { table: s.table, record, expected: current?.version }
          })
          const apply = (tx: RepositorySet | SyncRepositorySet) =>
            writes.map(({ table, record, expected }) => {
              const repository = table === 'note' ? tx.notes : tx.timelineEntries
              const write = repository as unknown as { insert(r: unknown): unknown; update(r: unknown, v: number): unknown }
              return expected === undefined ? write.insert(record) : write.update(record, expected)
            })
          if (sync && runSync !== undefined) {
            const outcome = (() => {
              try {
                return runSync((tx) => {
                  apply(tx)
                  if (rollback) throw new Error('roll back')
                  return 'committed'
                })
              } catch (error) {
                return (error as Error).message
              }
            })()
            expect(outcome).toBe(rollback ? 'roll back' : 'committed')
          } else {
            const attempt = repositories.transaction(async (tx) => {
              for (const write of apply(tx)) await write
              await expectLookups(tx, draft, 'inside')
              if (rollback) throw new Error('roll back')
            })
            if (rollback) await expect(attempt).rejects.toThrow('roll back')
            else await attempt
          }
          if (!rollback) {
            model.note = draft.note
            model.timelineEntry = draft.timelineEntry
          }
          await expectLookups(repositories, model, 'committed')
        }
      }),
      { numRuns: 150 },
    )
  })
  it('keeps lookups right for keys shared by many records, as groups grow past and shrink below the small-group size', async () => {
    const repositories = createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys })
    const lead1 = { entity: 'lead', id: 'lead-1' } as const
    const lead2 = { entity: 'lead', id: 'lead-2' } as const
    const entryIds = Array.from({ length: 40 }, (_, index) => `entry-${String(index).padStart(2, '0')}`)
    await repositories.transaction(async (tx) => {
      for (const id of entryIds) await tx.timelineEntries.insert(fixtureTimelineEntry(id, lead1))
      for (const id of entryIds) await tx.leads.insert(fixtureLead(`lead-of-${id}`, { email: 'shared@example.com' }))
    })
    expect(ids(await repositories.timelineEntries.listByRegarding(lead1))).toEqual(entryIds)
    // Move 30 away one by one, then 25 of them back: each group crosses the small-group size both ways.
    for (const id of entryIds.slice(10)) await repositories.timelineEntries.update(fixtureTimelineEntry(id, lead2, { version: 2 }), 1)
    expect(ids(await repositories.timelineEntries.listByRegarding(lead1))).toEqual(entryIds.slice(0, 10))
    expect(ids(await repositories.timelineEntries.listByRegarding(lead2))).toEqual(entryIds.slice(10))
    for (const id of entryIds.slice(15)) await repositories.timelineEntries.update(fixtureTimelineEntry(id, lead1, { version: 3 }), 2)
    expect(ids(await repositories.timelineEntries.listByRegarding(lead1))).toEqual([...entryIds.slice(0, 10), ...entryIds.slice(15)])
    expect(ids(await repositories.timelineEntries.listByRegarding(lead2))).toEqual(entryIds.slice(10, 15))
    // The same for a duplicate key shared by 40 leads, emptied down to one and then none.
    const leadIds = entryIds.map((id) => `lead-of-${id}`)
    for (const id of leadIds.slice(1)) await repositories.leads.update(fixtureLead(id, { version: 2, email: `${id}@example.com` }), 1)
    expect(ids(await repositories.leads.findByDuplicateKey('email:shared@example.com'))).toEqual(leadIds.slice(0, 1))
    await repositories.leads.update(fixtureLead(leadIds[0] as string, { version: 2, email: 'moved@example.com' }), 1)
    expect(await repositories.leads.findByDuplicateKey('email:shared@example.com')).toEqual([])
    expect(ids(await repositories.leads.findByDuplicateKey(`email:${leadIds[39]}@example.com`))).toEqual([leadIds[39]])
  })
})

describe('createInMemoryRepositories inside one synchronous transaction', () => {
  // The synchronous repositories store what they are given, so these tests hand them frozen records.
  const frozenLead = (...args: Parameters<typeof fixtureLead>) => deepFreeze(fixtureLead(...args))

  it('reads each write back at once, and a rolled-back write is gone for the next transaction', () => {
    const repositories = createInMemoryRepositories()
    const run = syncTransactionOf(repositories)
    if (run === undefined) throw new Error('the in-memory repositories offer a synchronous runner')
    expect(() =>
      run((tx) => {
        expect(tx.leads.get('lead-1')).toBeUndefined()
        tx.leads.insert(frozenLead('lead-1'))
        expect(tx.leads.get('lead-1')?.version).toBe(1)
        tx.leads.update(frozenLead('lead-1', { version: 2, topic: 'Two' }), 1)
        expect(tx.leads.get('lead-1')).toMatchObject({ version: 2, topic: 'Two' })
        expect(() => tx.leads.update(frozenLead('lead-1', { version: 2 }), 1)).toThrow(LeadkitError)
        throw new Error('roll back')
      }),
    ).toThrow('roll back')
    expect(run((tx) => tx.leads.get('lead-1'))).toBeUndefined()
    expect(() => run((tx) => tx.leads.update(frozenLead('lead-1', { version: 2 }), 1))).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    )
  })

  it('refuses the second record of one plan id even right after finding the id free', async () => {
    const repositories = createInMemoryRepositories()
    const run = syncTransactionOf(repositories)
    if (run === undefined) throw new Error('the in-memory repositories offer a synchronous runner')
    const result = deepFreeze({ planId: 'plan-1', kind: 'qualification', created: { opportunities: [], leads: [], notes: [], timelineEntries: [], all: [] }, updated: [], linked: [], alreadyExecuted: false } as const)
    expect(() =>
      run((tx) => {
        expect(tx.executedPlans.get('plan-1')).toBeUndefined()
        tx.executedPlans.insert(result)
        tx.executedPlans.insert(result)
      }),
    ).toThrow(expect.objectContaining({ code: 'conflict' }))
    // Found free by one transaction, then recorded by another (on the async path): the next one is refused.
    expect(run((tx) => tx.executedPlans.get('plan-1'))).toBeUndefined()
    await repositories.transaction(async (tx) => tx.executedPlans.insert(result))
    expect(() => run((tx) => tx.executedPlans.insert(result))).toThrow(expect.objectContaining({ code: 'conflict' }))
  })
})

describe('issue 17 regressions (in-memory store)', () => {
  it('issue 17: a record with an own __proto__ key does not become the stored record’s prototype', async () => {
    const repositories = createInMemoryRepositories()
    // JSON.parse makes "__proto__" an own key; copied by assignment it used to become the stored copy's prototype.
    const body = JSON.stringify(fixtureLead('lead-1')).replace(/}$/, ',"__proto__":{"isAdmin":true}}')
    for (const record of [JSON.parse(body), deepFreeze(JSON.parse(body))]) {
      const refused = { code: 'forbidden_key', path: ['__proto__'] }
      await expect(repositories.leads.insert(record)).rejects.toMatchObject(refused)
    }
    expect(await repositories.leads.get('lead-1')).toBeUndefined()
    const withExtra = JSON.stringify(fixtureLead('lead-2', { extra: { utm: 'x' } }))
    const nested = JSON.parse(withExtra.replace('"utm":"x"', '"prototype":{}'))
    await expect(repositories.leads.insert(nested)).rejects.toMatchObject({ path: ['extra', 'prototype'] })
    // Frozen and inheriting: kept as given before the fix, so the stored record inherited isAdmin.
    const inherited = Object.freeze(Object.assign(Object.create({ isAdmin: true }) as object, fixtureLead('lead-3')))
    await repositories.leads.insert(inherited as never)
    const stored = await repositories.leads.get('lead-3')
    expect(stored).toEqual(fixtureLead('lead-3'))
    expect('isAdmin' in (stored as object)).toBe(false)
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype)
  })

  it('issue 17: a note without a valid regarding fails its own insert, never its transaction’s commit', async () => {
    const repositories = createInMemoryRepositories({ duplicateKeys: fixtureDuplicateKeys })
    const note = { ...fixtureNote('n-1', { entity: 'lead', id: 'lead-1' }) }
    for (const [bad, path] of [
      [{ ...note, regarding: null }, ['regarding']],
      [{ ...note, regarding: { entity: 'widget', id: 'w' } }, ['regarding']],
      [{ ...note, visibleOn: [{ entity: 'lead' }] }, ['visibleOn', 0]],
      [{ ...note, visibleOn: 'lead-1' }, ['visibleOn']],
    ] as const) {
      await expect(
        repositories.transaction(async (tx) => {
          await tx.leads.insert(fixtureLead('lead-1'))
          await tx.notes.insert(bad as never)
        }),
      ).rejects.toMatchObject({ code: 'invalid_value', path })
    }
    expect(repositories.snapshot().lead).toEqual({})
    expect(() => repositories.snapshot()).not.toThrow()
  })

  it('issue 17: duplicateKeys is called once per write, with the frozen record, and its array is copied', async () => {
    const seen: unknown[] = []
    const reused: string[] = []
    const repositories = createInMemoryRepositories({
      duplicateKeys: (_entity, record) => {
        seen.push(record)
        reused.length = 0
        reused.push(`id:${record.id}`)
        return reused
      },
    })
    await repositories.leads.insert(fixtureLead('lead-1'))
    await repositories.leads.insert(fixtureLead('lead-2'))
    expect(seen).toHaveLength(2)
    expect(seen.every((record) => Object.isFrozen(record))).toBe(true)
    expect((await repositories.leads.findByDuplicateKey('id:lead-1')).map((lead) => lead.id)).toEqual(['lead-1'])
  })

  it('duplicate keys are copied into an array the store owns, even from an array whose constructor is the host’s', async () => {
    // Array.prototype.slice builds its result with the array's own `constructor[Symbol.species]`: a host class that
    // keeps the instance it is given could change, after the check, the keys the store unfiles the record by.
    let kept: { 0?: string } | undefined
    class Keeper {
      constructor() {
        kept = this as { 0?: string }
      }
    }
    let version = 1
    const repositories = createInMemoryRepositories({
      duplicateKeys: (_entity, record) => {
        if (version > 1) return [`id:${record.id}:v2`]
        const keys = [`id:${record.id}`]
        Object.defineProperty(keys, 'constructor', { value: { [Symbol.species]: Keeper } })
        return keys
      },
    })
    const lead = fixtureLead('lead-1')
    await repositories.leads.insert(lead)
    if (kept !== undefined) kept[0] = 'id:somewhere-else'
    version = 2
    await repositories.leads.update({ ...lead, version: 2 }, 1)
    expect(await repositories.leads.findByDuplicateKey('id:lead-1')).toEqual([])
    expect((await repositories.leads.findByDuplicateKey('id:lead-1:v2')).map((found) => found.id)).toEqual(['lead-1'])
  })
})
