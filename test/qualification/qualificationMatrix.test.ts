// The settings × request matrix: every qualification setting the product allows, with and without the seller's
// choices, and with no duplicates, duplicates found (both dialogs) and duplicates resolved (use a match, create new).
import { describe, expect, it } from 'vitest'
import { applyPatches } from '../../src/internal/immer.js'
import type { CreateOperation, UpdateOperation } from '../../src/plan.js'
import { planQualification } from '../../src/qualification/planQualification.js'
import type { Lead, Note } from '../../src/records/types.js'
import type { QualificationRequest } from '../../src/qualification/types.js'
import type { QualificationSettings, QualifyRecordType, RecordCreation } from '../../src/settings/types.js'
import { NOW, makeAccount, makeLead, makeNote, settingsOf, plannedId } from '../support/qualification.js'

type Creation = Record<QualifyRecordType, RecordCreation>
interface SettingsCase {
  readonly name: string
  readonly input: Record<string, unknown>
  readonly creation: Creation
  readonly legacy: boolean
  readonly multiple: boolean
  readonly summary: boolean
}

const TYPES: readonly QualifyRecordType[] = ['account', 'contact', 'opportunity']
const MODES: readonly RecordCreation[] = ['seller', 'automatic']

function settingsCases(): SettingsCase[] {
  const cases: SettingsCase[] = [
    { name: 'legacy, auto-create on', input: { experience: 'legacy', autoCreateRecords: true }, creation: { account: 'automatic', contact: 'automatic', opportunity: 'automatic' }, legacy: true, multiple: false, summary: false },
    { name: 'legacy, auto-create off', input: { experience: 'legacy', autoCreateRecords: false }, creation: { account: 'seller', contact: 'seller', opportunity: 'seller' }, legacy: true, multiple: false, summary: false },
  ]
  for (const account of MODES)
    for (const contact of MODES)
      for (const opportunity of MODES)
        for (const multiple of opportunity === 'seller' ? [false, true] : [false])
          for (const summary of [false, true]) {
            const creation = { account, contact, opportunity }
            cases.push({
              name: `new, account ${account}, contact ${contact}, opportunity ${opportunity}, multiple ${multiple ? 'on' : 'off'}, summary ${summary ? 'on' : 'off'}`,
              input: { recordCreation: creation, allowMultipleOpportunities: multiple, summarizeLead: summary },
              creation,
              legacy: false,
              multiple,
              summary,
            })
          }
  return cases
}

type Duplicates = 'none' | 'found' | 'found (improved experience)' | 'resolved: use match' | 'resolved: create new'
const DUPLICATES: readonly Duplicates[] = ['none', 'found', 'found (improved experience)', 'resolved: use match', 'resolved: create new']
const REQUESTS = ['no choices', 'seller chose'] as const

const MATCH = makeAccount('acc-dup')

function requestFor(c: SettingsCase, kind: (typeof REQUESTS)[number], duplicates: Duplicates): QualificationRequest {
  const request: Record<string, unknown> = {}
  if (kind === 'seller chose') {
    for (const type of TYPES) if (c.creation[type] === 'seller') request[type] = { action: 'create' }
    if (c.multiple) request.opportunities = [{ topic: 'Machines' }, { topic: 'Service' }]
  }
  if (duplicates === 'resolved: use match') request.duplicateResolution = { account: { useId: 'acc-dup' } }
  if (duplicates === 'resolved: create new') request.duplicateResolution = { account: 'create-new' }
  return request as QualificationRequest
}

function settingsFor(c: SettingsCase, duplicates: Duplicates): QualificationSettings {
  return settingsOf({ ...c.input, duplicateDetection: { enabled: true, improvedExperience: duplicates === 'found (improved experience)' } })
}

const rows = settingsCases().flatMap((c) => REQUESTS.flatMap((request) => DUPLICATES.map((duplicates) => ({ c, request, duplicates }))))

describe('planQualification settings × request matrix', () => {
  it('covers every combination', () => {
    // 2 legacy + 8 record-creation combinations × (1 or 2 multiple) × 2 summary = 2 + 24 = 26 settings.
    expect(rows.length).toBe(26 * REQUESTS.length * DUPLICATES.length)
  })

  it.each(rows.map((row) => [`${row.c.name} · ${row.request} · duplicates ${row.duplicates}`, row] as const))('%s', (_, { c, request, duplicates }) => {
    const lead = makeLead()
    const plan = planQualification(lead, settingsFor(c, duplicates), requestFor(c, request, duplicates), {
      now: NOW,
      notes: [makeNote('n1')],
      duplicates: duplicates === 'none' ? {} : { accounts: [{ record: MATCH, rule: 'Accounts with the same name' }] },
    })
    const sellerTypes = TYPES.filter((t) => c.creation[t] === 'seller')
    const undecided = request === 'no choices' ? sellerTypes : []
    // An account is created (and so checked for duplicates) when it is automatic or the seller chose to create it.
    const accountCreated = c.creation.account === 'automatic' || request === 'seller chose'
    const duplicateOpen = accountCreated && (duplicates === 'found' || duplicates === 'found (improved experience)')

    // Read-only review of automatic records, editable seller records.
    expect(plan.records.map((r) => r.editable)).toEqual(TYPES.map((t) => c.creation[t] === 'seller'))

    if (undecided.length > 0 || duplicateOpen) {
      expect(plan.status).toBe('needs-input')
      expect(plan.operations).toEqual([])
      const expectedKinds: string[] = []
      if (undecided.length > 0) {
        if (c.legacy) expectedKinds.push('choose-records')
        else for (const _type of undecided) expectedKinds.push('record-creation')
      }
      if (duplicateOpen) expectedKinds.push(duplicates === 'found' ? 'duplicate-warning' : 'records-may-already-exist')
      expect(plan.decisions.map((d) => d.kind)).toEqual(expectedKinds)
      if (c.legacy && undecided.length > 0) {
        expect(plan.decisions[0]).toMatchObject({ recordTypes: ['account', 'contact', 'opportunity'], options: ['create', 'none'] })
      }
      for (const d of plan.decisions) {
        if (d.kind === 'record-creation') expect(undecided).toContain(d.recordTypes[0])
        if (d.kind === 'duplicate-warning') {
          const matchedAccounts = [{ id: 'acc-dup', name: 'Contoso Coffee' }]
          expect(d).toMatchObject({ title: 'Duplicate warning', matchedAccounts, matchedContacts: [] })
        }
        if (d.kind === 'records-may-already-exist') {
          expect(d).toMatchObject({ title: 'Account or Contact may already exist', matchedAccounts: [{ id: 'acc-dup' }], matchedContacts: [] })
        }
      }
      return
    }

    expect(plan.status).toBe('ready')
    expect(plan.blockers).toEqual([])
    const opportunities = c.multiple ? 2 : 1
    const expected = [
      duplicates === 'resolved: use match' ? 'link account' : 'create account',
      'create contact',
      ...Array.from({ length: opportunities }, () => 'create opportunity'),
      'update lead',
      'update note',
      ...(c.summary ? ['create timelineEntry', 'create timelineEntry'] : []),
    ]
    expect(plan.operations.map((o) => `${o.op} ${o.entity}`)).toEqual(expected)
    expect(plan.entities.opportunityIds).toHaveLength(opportunities)
    expect(plan.entities.accountId).toBe(duplicates === 'resolved: use match' ? 'acc-dup' : plannedId('account'))
    expect(plan.businessProcess).toMatchObject({ moves: true, from: 'qualify', to: 'develop' })
    expect(plan.summary !== undefined).toBe(c.summary)

    // The lead is qualified into the primary opportunity and its process moves on.
    const primary = plan.entities.opportunityIds[0]
    const leadOp = plan.operations.find((o): o is UpdateOperation => o.entity === 'lead') as UpdateOperation
    expect(applyPatches(lead, leadOp.patches as never) as Lead).toEqual({
      ...lead,
      state: 'qualified',
      statusReason: 'qualified',
      closedOn: NOW,
      modifiedOn: NOW,
      qualifyingOpportunityId: primary,
      processStage: 'develop',
      // The lead referenced no customer, so it now points at the account and contact it was qualified into.
      existingAccountId: plan.entities.accountId,
      existingContactId: plan.entities.contactId,
    })
    // Records are wired to each other and to the lead.
    const records = plan.operations.filter((o): o is CreateOperation => o.op === 'create').map((o) => o.record)
    const contact = records.find((r) => r.lastName !== undefined)
    expect(contact).toMatchObject({ accountId: plan.entities.accountId, originatingLeadId: 'lead-1', version: 1, createdOn: NOW })
    for (const opportunity of records.filter((r) => r.topic !== undefined)) {
      expect(opportunity).toMatchObject({ accountId: plan.entities.accountId, contactId: plan.entities.contactId, currency: 'USD', originatingLeadId: 'lead-1', processStage: 'develop' })
    }
    // The note stays on the lead and is shown on the primary opportunity.
    const noteOp = plan.operations.find((o): o is UpdateOperation => o.entity === 'note') as UpdateOperation
    const note = applyPatches(makeNote('n1'), noteOp.patches as never) as Note
    expect(note.regarding).toEqual({ entity: 'lead', id: 'lead-1' })
    expect(note.visibleOn).toEqual([{ entity: 'opportunity', id: primary }])
    if (c.summary) {
      const entries = records.filter((r) => r.kind === 'lead-summary')
      expect(entries.map((e) => e.regarding)).toEqual([{ entity: 'lead', id: 'lead-1' }, { entity: 'opportunity', id: primary }])
    }
    if (duplicates === 'resolved: create new') expect(plan.records[0]?.note).toMatch(/seller chose to ignore/)
  })
})
