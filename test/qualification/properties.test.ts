import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyPatches } from '../../src/internal/immer.js'
import { mapLead } from '../../src/mapping/index.js'
import type { CreateOperation, UpdateOperation } from '../../src/plan.js'
import { planQualification } from '../../src/qualification/planQualification.js'
import type { QualificationRequest } from '../../src/qualification/types.js'
import type { Lead, Note } from '../../src/records/types.js'
import type { QualificationSettings } from '../../src/settings/types.js'
import { ALL_AUTOMATIC, ALL_SELLER, LEGACY_AUTO, LEGACY_PROMPT, NOW, makeLead, makeNote, settingsOf } from '../support/qualification.js'

/** The lead fields qualification changes by design; every other field stays exactly as it was. */
const STATE_FIELDS = new Set(['state', 'statusReason', 'closedOn', 'modifiedOn', 'qualifyingOpportunityId', 'processStage'])

const text = fc.string({ minLength: 1, maxLength: 20 })
const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined })

const leadArb: fc.Arbitrary<Lead> = fc
  .record({
    firstName: optional(text),
    lastName: optional(text),
    companyName: optional(text),
    topic: optional(text),
    email: optional(fc.constantFrom('a@b.example', 'x.y@contoso.example')),
    businessPhone: optional(fc.constantFrom('+1 425 555 0100', '555-0101')),
    mobilePhone: optional(fc.constantFrom('+44 20 7946 0000')),
    jobTitle: optional(text),
    website: optional(fc.constantFrom('https://a.example', 'b.example')),
    description: optional(text),
    budgetAmount: optional(fc.integer({ min: 0, max: 1_000_000 })),
    numberOfEmployees: optional(fc.integer({ min: 1, max: 100_000 })),
    currency: optional(fc.constantFrom('USD', 'EUR')),
    decisionMaker: optional(fc.boolean()),
    address: optional(fc.record({ city: optional(text), country: optional(text), street1: optional(text) })),
    processStage: optional(fc.constantFrom('qualify', 'develop', 'close')),
    existingAccountId: optional(fc.constantFrom('acc-lead', 'rec-7')),
    existingContactId: optional(fc.constantFrom('con-lead', 'rec-7')),
    version: fc.integer({ min: 1, max: 50 }),
  })
  .map((fields) => {
    const lead: Record<string, unknown> = { ...makeLead(), ...fields }
    for (const key of Object.keys(lead)) if (lead[key] === undefined) delete lead[key]
    if (lead.address !== undefined) {
      const address = lead.address as Record<string, unknown>
      for (const key of Object.keys(address)) if (address[key] === undefined) delete address[key]
    }
    return lead as unknown as Lead
  })

const SETTINGS: readonly (() => QualificationSettings)[] = [
  LEGACY_AUTO,
  LEGACY_PROMPT,
  () => ALL_AUTOMATIC({ summarizeLead: true }),
  () => ALL_SELLER({ allowMultipleOpportunities: true, summarizeLead: true }),
  () => settingsOf({ recordCreation: { account: 'automatic', contact: 'seller', opportunity: 'seller' } }),
]
const settingsArb = fc.constantFrom(...SETTINGS.map((make) => make()))

// `rec-7` is sometimes the record the lead references and sometimes another one, so both cases are walked.
const choiceArb = fc.constantFrom({ action: 'create' } as const, { action: 'none' } as const, { action: 'existing', id: 'rec-7' } as const, undefined)
const requestArb = (settings: QualificationSettings): fc.Arbitrary<QualificationRequest> =>
  fc.record({ account: choiceArb, contact: choiceArb, currency: optional(fc.constantFrom('USD', 'GBP')) }).chain((base) => {
    const sellerOpportunity = settings.experience === 'new' && settings.recordCreation.opportunity === 'seller'
    const drafts = sellerOpportunity && settings.allowMultipleOpportunities
      ? fc.array(fc.record({ topic: text }), { minLength: 1, maxLength: 3 })
      : fc.constant(undefined)
    return drafts.map((opportunities) => {
      const request: Record<string, unknown> = {}
      const automatic = settings.experience === 'legacy' ? settings.autoCreateRecords : false
      for (const type of ['account', 'contact'] as const) {
        const own = settings.experience === 'new' ? settings.recordCreation[type] === 'automatic' : automatic
        if (!own && base[type] !== undefined) request[type] = base[type]
      }
      if (!automatic && (settings.experience === 'legacy' || settings.recordCreation.opportunity === 'seller')) request.opportunity = { action: 'create' }
      if (opportunities !== undefined) request.opportunities = opportunities
      if (base.currency !== undefined) request.currency = base.currency
      return request as QualificationRequest
    })
  })

const caseArb = settingsArb.chain((settings) =>
  fc.record({
    lead: leadArb,
    settings: fc.constant(settings),
    request: requestArb(settings),
    noteCount: fc.integer({ min: 0, max: 3 }),
  }),
)

function notesOf(lead: Lead, count: number): Note[] {
  return Array.from({ length: count }, (_, i) => makeNote(`n${i}`, lead.id))
}

describe('planQualification properties', () => {
  it('never loses a lead field: it stays on the lead, and mapped fields reach the created records', () => {
    fc.assert(
      fc.property(caseArb, ({ lead, settings, request, noteCount }) => {
        const plan = planQualification(lead, settings, request, { now: NOW, notes: notesOf(lead, noteCount) })
        if (plan.status !== 'ready') return
        const update = plan.operations.find((o): o is UpdateOperation => o.entity === 'lead') as UpdateOperation
        expect(update.patches.every((p) => p.op !== 'remove')).toBe(true)
        const after = applyPatches(lead, update.patches as never) as unknown as Record<string, unknown>
        for (const [key, value] of Object.entries(lead)) {
          if (value === undefined || STATE_FIELDS.has(key)) continue
          expect(after[key]).toEqual(value)
        }
        // A lead without a customer reference gets the one it was qualified into; one it had is never replaced.
        expect(after.existingAccountId).toBe(lead.existingAccountId ?? plan.entities.accountId)
        expect(after.existingContactId).toBe(lead.existingContactId ?? plan.entities.contactId)
        for (const op of plan.operations) {
          if (op.op !== 'create' || op.entity === 'timelineEntry') continue
          const target = op.entity as 'account' | 'contact' | 'opportunity'
          const mapped = mapLead(lead, target).fields as Record<string, unknown>
          const overridable = new Set(['topic', 'currency', 'accountId', 'contactId', 'processStage', 'lastName'])
          for (const [key, value] of Object.entries(mapped)) {
            if (overridable.has(key)) continue
            expect((op as CreateOperation).record[key]).toEqual(value)
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  it('keeps every note regarding the lead, with its attachments', () => {
    fc.assert(
      fc.property(caseArb, ({ lead, settings, request, noteCount }) => {
        const notes = notesOf(lead, noteCount)
        const plan = planQualification(lead, settings, request, { now: NOW, notes })
        for (const op of plan.operations) {
          if (op.entity !== 'note') continue
          expect(op.op).toBe('update')
          const note = notes.find((n) => n.id === op.id) as Note
          const after = applyPatches(note, (op as UpdateOperation).patches as never) as Note
          expect(after.regarding).toEqual(note.regarding)
          expect(after.attachments).toEqual(note.attachments)
          expect(after.visibleOn).toContainEqual({ entity: 'opportunity', id: plan.entities.primaryOpportunityId })
        }
      }),
      { numRuns: 200 },
    )
  })

  it('is deterministic and does not mutate its inputs', () => {
    fc.assert(
      fc.property(caseArb, ({ lead, settings, request, noteCount }) => {
        const notes = notesOf(lead, noteCount)
        const before = JSON.stringify([lead, settings, request, notes])
        const first = planQualification(lead, settings, request, { now: NOW, notes })
        // Settings are the parser's own (a clone of them is refused, as anything the parser did not make).
        const context = { now: NOW, notes: structuredClone(notes) }
        const second = planQualification(structuredClone(lead), settings, structuredClone(request), context)
        expect(second).toEqual(first)
        expect(JSON.stringify([lead, settings, request, notes])).toBe(before)
      }),
      { numRuns: 200 },
    )
  })

  it('returns a plan frozen all the way down', () => {
    const unfrozen = (value: unknown, path: string): string[] => {
      if (value === null || typeof value !== 'object') return []
      const own = Object.isFrozen(value) ? [] : [path]
      return [...own, ...Object.entries(value).flatMap(([key, item]) => unfrozen(item, `${path}.${key}`))]
    }
    fc.assert(
      fc.property(caseArb, ({ lead, settings, request, noteCount }) => {
        const plan = planQualification(lead, settings, request, { now: NOW, notes: notesOf(lead, noteCount) })
        expect(unfrozen(plan, 'plan')).toEqual([])
      }),
      { numRuns: 200 },
    )
  })

  it('survives a JSON round trip unchanged', () => {
    fc.assert(
      fc.property(caseArb, ({ lead, settings, request, noteCount }) => {
        const plan = planQualification(lead, settings, request, { now: NOW, notes: notesOf(lead, noteCount) })
        expect(JSON.parse(JSON.stringify(plan))).toEqual(plan)
      }),
      { numRuns: 200 },
    )
  })
})
