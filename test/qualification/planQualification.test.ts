import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { applyPatches } from '../../src/internal/immer.js'
import { nameBasedGuid } from '../../src/internal/nameBasedGuid.js'
import { stableHash, stableStringify } from '../../src/internal/stableHash.js'
import type { CreateOperation, PlanOperation, UpdateOperation } from '../../src/plan.js'
import { planQualification } from '../../src/qualification/planQualification.js'
import type { QualificationContext, QualificationPlan, QualificationRequest } from '../../src/qualification/types.js'
import type { Lead, Note } from '../../src/records/types.js'
import type { QualificationSettings } from '../../src/settings/types.js'
import {
  ALL_AUTOMATIC,
  ALL_SELLER,
  LEGACY_AUTO,
  LEGACY_PROMPT,
  NOW,
  makeAccount,
  makeContact,
  makeLead,
  makeNote,
  settingsOf,
  plannedId,
} from '../support/qualification.js'

const steps = (plan: QualificationPlan): string[] => plan.operations.map((o) => `${o.op} ${o.entity}`)
const created = (plan: QualificationPlan, entity: string): CreateOperation[] =>
  plan.operations.filter((o): o is CreateOperation => o.op === 'create' && o.entity === entity)
const leadUpdate = (plan: QualificationPlan): UpdateOperation =>
  plan.operations.find((o): o is UpdateOperation => o.op === 'update' && o.entity === 'lead') as UpdateOperation
const applied = (lead: Lead, plan: QualificationPlan): Lead => applyPatches(lead, leadUpdate(plan).patches as never) as Lead

const CREATE_ALL: QualificationRequest = {
  account: { action: 'create' },
  contact: { action: 'create' },
  opportunity: { action: 'create' },
}

describe('planQualification — legacy experience', () => {
  it('creates account, contact and opportunity with no prompt when auto-create is on', () => {
    const lead = makeLead()
    const notes = [makeNote('n1'), makeNote('n2')]
    const plan = planQualification(lead, LEGACY_AUTO(), {}, { now: NOW, notes })
    expect(plan.status).toBe('ready')
    expect(plan.decisions).toEqual([])
    expect(steps(plan)).toEqual([
      'create account',
      'create contact',
      'create opportunity',
      'update lead',
      'update note',
      'update note',
    ])
    expect(plan.records.map((r) => [r.recordType, r.action, r.source, r.editable])).toEqual([
      ['account', 'create', 'automatic', false],
      ['contact', 'create', 'automatic', false],
      ['opportunity', 'create', 'automatic', false],
    ])
    expect(plan.entities).toEqual({
      accountId: plannedId('account'),
      contactId: plannedId('contact'),
      opportunityIds: [plannedId('opportunity')],
      primaryOpportunityId: plannedId('opportunity'),
    })
  })

  it('builds full records wired to each other and to the originating lead', () => {
    const plan = planQualification(makeLead(), LEGACY_AUTO(), {}, { now: NOW })
    const [account] = created(plan, 'account')
    const [contact] = created(plan, 'contact')
    const [opportunity] = created(plan, 'opportunity')
    expect(account?.record).toMatchObject({
      id: plannedId('account'),
      name: 'Contoso Coffee',
      version: 1,
      createdOn: NOW,
      modifiedOn: NOW,
      state: 'active',
      originatingLeadId: 'lead-1',
      primaryContactId: plannedId('contact'),
      ownerId: 'user-7',
    })
    expect(contact?.record).toMatchObject({
      id: plannedId('contact'),
      firstName: 'Ana',
      lastName: 'Ruiz',
      email: 'ana@contoso.example',
      accountId: plannedId('account'),
      originatingLeadId: 'lead-1',
      state: 'active',
      version: 1,
    })
    expect(opportunity?.record).toMatchObject({
      id: plannedId('opportunity'),
      topic: 'Coffee machines for 3 offices',
      accountId: plannedId('account'),
      contactId: plannedId('contact'),
      currency: 'USD',
      state: 'open',
      originatingLeadId: 'lead-1',
      processStage: 'develop',
      createdOn: NOW,
    })
  })

  it('qualifies the lead and moves its business process to the next stage when an opportunity is created', () => {
    const lead = makeLead()
    const plan = planQualification(lead, LEGACY_AUTO(), {}, { now: NOW })
    expect(leadUpdate(plan).expectedVersion).toBe(3)
    expect(applied(lead, plan)).toMatchObject({
      state: 'qualified',
      statusReason: 'qualified',
      closedOn: NOW,
      qualifyingOpportunityId: plannedId('opportunity'),
      processStage: 'develop',
    })
    expect(plan.businessProcess).toMatchObject({ moves: true, from: 'qualify', to: 'develop' })
  })

  it('asks which records to create when auto-create is off', () => {
    const plan = planQualification(makeLead(), LEGACY_PROMPT(), {}, { now: NOW })
    expect(plan.status).toBe('needs-input')
    expect(plan.operations).toEqual([])
    expect(plan.decisions).toEqual([
      expect.objectContaining({ kind: 'choose-records', recordTypes: ['account', 'contact', 'opportunity'], options: ['create', 'none'] }),
    ])
  })

  it('qualifies without an opportunity and keeps the business process stage when the seller says no to it', () => {
    const lead = makeLead()
    const plan = planQualification(
      lead,
      LEGACY_PROMPT(),
      { account: { action: 'create' }, contact: { action: 'create' }, opportunity: { action: 'none' } },
      { now: NOW, notes: [makeNote('n1')] },
    )
    expect(plan.status).toBe('ready')
    expect(steps(plan)).toEqual(['create account', 'create contact', 'update lead'])
    const after = applied(lead, plan)
    expect(after.state).toBe('qualified')
    expect(after.processStage).toBe('qualify')
    expect(after.qualifyingOpportunityId).toBeUndefined()
    expect(plan.businessProcess.moves).toBe(false)
    expect(plan.notesShownOn).toEqual([])
  })

  it('links the existing account the lead references instead of creating a second one', () => {
    const account = makeAccount('acc-9')
    const plan = planQualification(makeLead({ existingAccountId: 'acc-9' }), LEGACY_AUTO(), {}, { now: NOW, existingAccount: account })
    expect(steps(plan)).toEqual(['link account', 'create contact', 'create opportunity', 'update lead'])
    expect(created(plan, 'contact')[0]?.record.accountId).toBe('acc-9')
    expect(created(plan, 'opportunity')[0]?.record.accountId).toBe('acc-9')
    expect(plan.reads).toContainEqual({ entity: 'account', id: 'acc-9', version: 4 })
  })
})

describe('planQualification — new experience', () => {
  it('shows automatic records read-only and asks the seller only about seller records', () => {
    const settings = settingsOf({ recordCreation: { account: 'automatic', contact: 'automatic', opportunity: 'seller' } })
    const plan = planQualification(makeLead(), settings, {}, { now: NOW })
    expect(plan.status).toBe('needs-input')
    expect(plan.records.map((r) => [r.recordType, r.action, r.editable])).toEqual([
      ['account', 'create', false],
      ['contact', 'create', false],
      ['opportunity', 'undecided', true],
    ])
    expect(plan.decisions).toEqual([
      expect.objectContaining({
        kind: 'record-creation',
        recordTypes: ['opportunity'],
        options: ['create', 'existing', 'none'],
        path: ['opportunity'],
      }),
    ])
  })

  it('suggests the existing record the lead references', () => {
    const plan = planQualification(makeLead({ existingContactId: 'con-4' }), ALL_SELLER(), {}, { now: NOW })
    const decision = plan.decisions.find((d) => d.kind === 'record-creation' && d.recordTypes[0] === 'contact')
    expect(decision).toMatchObject({ suggested: { action: 'existing', id: 'con-4' } })
  })

  it('refuses a seller choice for an automatic record type', () => {
    const error = (() => {
      try {
        planQualification(makeLead(), ALL_AUTOMATIC(), { account: { action: 'none' } }, { now: NOW })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(LeadkitError)
    expect(error).toMatchObject({ code: 'invalid_combination', path: ['account', 'action'] })
  })

  it('qualifies into an account, a contact and two opportunities, the first being primary', () => {
    const lead = makeLead()
    const notes = [makeNote('n1'), makeNote('n2', 'lead-1', { visibleOn: [{ entity: 'account', id: 'acc-0' }] })]
    const plan = planQualification(
      lead,
      ALL_SELLER({ allowMultipleOpportunities: true }),
      { ...CREATE_ALL, opportunities: [{ topic: 'Coffee machines', estimatedRevenue: 18000 }, { topic: 'Service contract' }], currency: 'EUR' },
      { now: NOW, notes },
    )
    expect(plan.status).toBe('ready')
    expect(steps(plan)).toEqual([
      'create account',
      'create contact',
      'create opportunity',
      'create opportunity',
      'update lead',
      'update note',
      'update note',
    ])
    const opportunities = created(plan, 'opportunity').map((o) => o.record)
    expect(opportunities.map((o) => [o.id, o.topic, o.currency, o.estimatedRevenue])).toEqual([
      [plannedId('opportunity'), 'Coffee machines', 'EUR', 18000],
      [plannedId('opportunity', 2), 'Service contract', 'EUR', undefined],
    ])
    expect(plan.entities.primaryOpportunityId).toBe(plannedId('opportunity'))
    expect(applied(lead, plan).qualifyingOpportunityId).toBe(plannedId('opportunity'))
    // Notes stay regarding the lead and become visible on the primary opportunity, existing visibility kept.
    const noteUpdates = plan.operations.filter((o): o is UpdateOperation => o.entity === 'note')
    const after = noteUpdates.map((u, i) => applyPatches(notes[i] as Note, u.patches as never) as Note)
    expect(after.map((n) => n.regarding)).toEqual([{ entity: 'lead', id: 'lead-1' }, { entity: 'lead', id: 'lead-1' }])
    expect(after[0]?.visibleOn).toEqual([{ entity: 'opportunity', id: plannedId('opportunity') }])
    expect(after[1]?.visibleOn).toEqual([
      { entity: 'account', id: 'acc-0' },
      { entity: 'opportunity', id: plannedId('opportunity') },
    ])
    expect(after[0]?.attachments).toEqual(notes[0]?.attachments)
    expect(plan.notesShownOn).toEqual(['n1', 'n2'])
    expect(plan.reads).toEqual([
      { entity: 'lead', id: 'lead-1', version: 3 },
      { entity: 'note', id: 'n1', version: 1 },
      { entity: 'note', id: 'n2', version: 1 },
    ])
  })

  it('does not show a note twice on the opportunity', () => {
    const note = makeNote('n1', 'lead-1', { visibleOn: [{ entity: 'opportunity', id: plannedId('opportunity') }] })
    const plan = planQualification(makeLead(), ALL_AUTOMATIC(), {}, { now: NOW, notes: [note] })
    expect(steps(plan)).not.toContain('update note')
  })

  it('links existing records the seller picked and records their versions when known', () => {
    const plan = planQualification(
      makeLead(),
      ALL_SELLER(),
      { account: { action: 'existing', id: 'acc-1' }, contact: { action: 'existing', id: 'con-1' }, opportunity: { action: 'existing', id: 'opp-1' } },
      { now: NOW, existingAccount: makeAccount('acc-1'), existingContact: makeContact('con-1') },
    )
    expect(plan.status).toBe('ready')
    expect(steps(plan)).toEqual(['link account', 'link contact', 'link opportunity', 'update lead'])
    expect(plan.reads).toEqual([
      { entity: 'lead', id: 'lead-1', version: 3 },
      { entity: 'account', id: 'acc-1', version: 4 },
      { entity: 'contact', id: 'con-1', version: 2 },
    ])
    // Linking an existing opportunity creates none, so the business process stays.
    expect(plan.businessProcess.moves).toBe(false)
  })

  it('places the summary card on the lead and the primary opportunity when summarising is on', () => {
    const plan = planQualification(makeLead(), ALL_AUTOMATIC({ summarizeLead: true }), {}, { now: NOW })
    const entries = created(plan, 'timelineEntry')
    expect(entries.map((e) => e.record.regarding)).toEqual([
      { entity: 'lead', id: 'lead-1' },
      { entity: 'opportunity', id: plannedId('opportunity') },
    ])
    expect(plan.summary).toMatchObject({
      name: 'Ana Ruiz',
      company: 'Contoso Coffee',
      email: 'ana@contoso.example',
      phone: '+1 425 555 0100',
      address: '1 Main St, Seattle, WA 98101, United States',
    })
    expect(plan.summary?.links.map((l) => l.entity)).toEqual(['account', 'contact', 'opportunity'])
    expect(entries[0]?.record).toMatchObject({ kind: 'lead-summary', title: plan.summary?.title, body: plan.summary?.text, version: 1 })
  })

  it('uses a host summariser, whose text was produced before planning', () => {
    const context: QualificationContext = {
      now: NOW,
      summarizer: { summarize: ({ lead }) => ({ title: `AI: ${lead.lastName}`, links: [], text: 'Ana wants coffee machines.' }) },
    }
    const plan = planQualification(makeLead(), ALL_AUTOMATIC({ summarizeLead: true }), {}, context)
    expect(plan.summary).toEqual({ title: 'AI: Ruiz', links: [], text: 'Ana wants coffee machines.' })
    expect(plan.operations.filter((o) => o.entity === 'timelineEntry').map((o) => (o as CreateOperation).record.body)).toEqual([
      'Ana wants coffee machines.',
      'Ana wants coffee machines.',
    ])
  })

  it('uses the host id generator for new records', () => {
    const plan = planQualification(makeLead(), ALL_AUTOMATIC(), {}, { now: NOW, newId: (entity, i) => `${entity}-${i}` })
    expect(plan.operations.map((o) => o.id)).toEqual(['account-1', 'contact-1', 'opportunity-1', 'lead-1'])
  })

  it('creates no account for a lead without a company name, and says why', () => {
    const plan = planQualification(makeLead({ companyName: undefined }), ALL_AUTOMATIC(), {}, { now: NOW })
    expect(steps(plan)).toEqual(['create contact', 'create opportunity', 'update lead'])
    expect(plan.records[0]).toMatchObject({ action: 'none', note: 'the lead has no company name, so no account is created' })
    expect(created(plan, 'contact')[0]?.record.accountId).toBeUndefined()
  })
})

describe('planQualification — duplicates', () => {
  const accounts = [{ record: makeAccount('acc-3'), rule: 'Accounts with the same name', score: 1 }]
  const contacts = [{ record: makeContact('con-3'), rule: 'Contacts with the same email' }]

  it('shows the duplicate warning when the improved experience is off', () => {
    const plan = planQualification(makeLead(), ALL_AUTOMATIC(), {}, { now: NOW, duplicates: { accounts, contacts } })
    expect(plan.status).toBe('needs-input')
    expect(plan.decisions).toEqual([
      expect.objectContaining({
        kind: 'duplicate-warning',
        title: 'Duplicate warning',
        matchedAccounts: [
          {
            entity: 'account',
            id: 'acc-3',
            name: 'Contoso Coffee',
            rule: 'Accounts with the same name',
            score: 1,
            details: { email: 'info@acc-3.example', phone: '+1 425 555 0199', city: 'Seattle' },
          },
        ],
        matchedContacts: [expect.objectContaining({ id: 'con-3', name: 'Ana Ruiz' })],
      }),
    ])
  })

  it('gives both duplicate dialogs, and both record decisions, one shape', () => {
    const improved = ALL_AUTOMATIC({ duplicateDetection: { enabled: true, improvedExperience: true } })
    const keysOf = (settings: QualificationSettings): string[][] =>
      planQualification(makeLead(), settings, {}, { now: NOW, duplicates: { accounts, contacts } }).decisions.map((d) =>
        Object.keys(d).sort(),
      )
    expect(keysOf(improved)).toEqual(keysOf(ALL_AUTOMATIC()))
    expect(keysOf(improved)[0]).toEqual(['kind', 'matchedAccounts', 'matchedContacts', 'message', 'path', 'title'])
    const legacy = planQualification(makeLead(), LEGACY_PROMPT(), {}, { now: NOW }).decisions
    const perType = planQualification(makeLead(), ALL_SELLER(), {}, { now: NOW }).decisions
    const typesOf = (d: (typeof legacy)[number]): unknown => ('recordTypes' in d ? d.recordTypes : undefined)
    expect(legacy.map(typesOf)).toEqual([['account', 'contact', 'opportunity']])
    expect(perType.map(typesOf)).toEqual([['account'], ['contact'], ['opportunity']])
  })

  it('shows "Account or Contact may already exist" when the improved experience is on', () => {
    const settings = ALL_AUTOMATIC({ duplicateDetection: { enabled: true, improvedExperience: true } })
    const plan = planQualification(makeLead(), settings, {}, { now: NOW, duplicates: { accounts } })
    expect(plan.decisions).toEqual([
      expect.objectContaining({
        kind: 'records-may-already-exist',
        title: 'Account or Contact may already exist',
        matchedAccounts: [expect.objectContaining({ id: 'acc-3' })],
        matchedContacts: [],
      }),
    ])
  })

  it('links the matching record the seller picked', () => {
    const plan = planQualification(
      makeLead(),
      ALL_AUTOMATIC(),
      { duplicateResolution: { account: { useId: 'acc-3' }, contact: 'create-new' } },
      { now: NOW, duplicates: { accounts, contacts } },
    )
    expect(plan.status).toBe('ready')
    expect(steps(plan)).toEqual(['link account', 'create contact', 'create opportunity', 'update lead'])
    expect(created(plan, 'contact')[0]?.record.accountId).toBe('acc-3')
    expect(plan.reads).toContainEqual({ entity: 'account', id: 'acc-3', version: 4 })
  })

  it('rejects a picked record that is not among the matches', () => {
    expect(() =>
      planQualification(makeLead(), ALL_AUTOMATIC(), { duplicateResolution: { account: { useId: 'acc-x' } } }, { now: NOW, duplicates: { accounts } }),
    ).toThrow(expect.objectContaining({ code: 'not_found', path: ['duplicateResolution', 'account', 'useId'] }))
  })

  it('ignores duplicates when duplicate detection is off', () => {
    const settings = ALL_AUTOMATIC({ duplicateDetection: { enabled: false } })
    const plan = planQualification(makeLead(), settings, {}, { now: NOW, duplicates: { accounts, leads: [{ record: makeLead({ id: 'lead-2' }) }] } })
    expect(plan.status).toBe('ready')
  })

  it('does not warn about an account the seller is not creating', () => {
    const plan = planQualification(makeLead(), ALL_SELLER(), { ...CREATE_ALL, account: { action: 'none' } }, { now: NOW, duplicates: { accounts } })
    expect(plan.status).toBe('ready')
  })
})

describe('planQualification — input', () => {
  it('requires context.now for a ready plan', () => {
    expect(() => planQualification(makeLead(), LEGACY_AUTO())).toThrow(expect.objectContaining({ code: 'required', path: ['context', 'now'] }))
  })

  it('does not need now for a plan that is not ready', () => {
    expect(planQualification(makeLead(), LEGACY_PROMPT()).status).toBe('needs-input')
  })

  it('rejects a malformed now', () => {
    expect(() => planQualification(makeLead(), LEGACY_AUTO(), {}, { now: 'yesterday' })).toThrow(
      expect.objectContaining({ code: 'invalid_format', path: ['context', 'now'] }),
    )
  })

  it('rejects an opportunity field the configured form does not have', () => {
    expect(() =>
      planQualification(makeLead(), ALL_SELLER(), { ...CREATE_ALL, opportunities: [{ topic: 'A', budgetAmount: 5 }] }, { now: NOW }),
    ).toThrow(expect.objectContaining({ code: 'invalid_value', path: ['opportunities', 0, 'budgetAmount'] }))
  })

  it('accepts the fields of a customised form, custom fields included', () => {
    const settings = ALL_SELLER({ opportunityFormFields: ['topic', 'budgetAmount', 'extra.region'] })
    const plan = planQualification(makeLead(), settings, { ...CREATE_ALL, opportunities: [{ topic: 'A', budgetAmount: 5, extra: { region: 'EMEA' } }] }, { now: NOW })
    expect(created(plan, 'opportunity')[0]?.record).toMatchObject({ topic: 'A', budgetAmount: 5, extra: { region: 'EMEA' } })
    expect(() =>
      planQualification(makeLead(), settings, { ...CREATE_ALL, opportunities: [{ extra: { segment: 'x' } }] }, { now: NOW }),
    ).toThrow(expect.objectContaining({ path: ['opportunities', 0, 'extra', 'segment'] }))
  })

  it('rejects drafts of a wrong type with their path', () => {
    expect(() =>
      planQualification(makeLead(), ALL_SELLER(), { ...CREATE_ALL, opportunities: [{ topic: 'A' }, { estimatedRevenue: 'lots' as unknown as number }] }, { now: NOW }),
    ).toThrow(expect.objectContaining({ code: 'invalid_type', path: ['opportunities', 1, 'estimatedRevenue'] }))
  })

  it('rejects drafts when opportunities are automatic', () => {
    expect(() => planQualification(makeLead(), ALL_AUTOMATIC(), { opportunities: [{ topic: 'A' }] }, { now: NOW })).toThrow(
      expect.objectContaining({ code: 'invalid_combination', path: ['opportunities'] }),
    )
  })

  it('rejects an unknown action and a bad currency together', () => {
    try {
      planQualification(makeLead(), ALL_SELLER(), { account: { action: 'maybe' } as never, currency: 'usd' }, { now: NOW })
      expect.unreachable()
    } catch (error) {
      expect((error as LeadkitError).issues.map((i) => [i.code, i.path])).toEqual([
        ['invalid_value', ['account', 'action']],
        ['invalid_format', ['currency']],
      ])
    }
  })

  it('rejects a note that does not belong to the lead', () => {
    expect(() => planQualification(makeLead(), LEGACY_AUTO(), {}, { now: NOW, notes: [makeNote('n1', 'lead-2')] })).toThrow(
      expect.objectContaining({ code: 'invalid_value', path: ['context', 'notes', 0, 'regarding'] }),
    )
  })

  it('rejects a malformed lead', () => {
    expect(() => planQualification({ ...makeLead(), state: 'won' } as never, LEGACY_AUTO(), {}, { now: NOW })).toThrow(
      expect.objectContaining({ code: 'invalid_value', path: ['lead', 'state'] }),
    )
  })

  it('returns a frozen plan and does not mutate its inputs', () => {
    const lead = makeLead()
    const notes = [makeNote('n1')]
    const request: QualificationRequest = { ...CREATE_ALL, opportunities: [{ topic: 'A' }] }
    const snapshot = JSON.stringify([lead, notes, request])
    const plan = planQualification(lead, ALL_SELLER({ summarizeLead: true }), request, { now: NOW, notes })
    expect(JSON.stringify([lead, notes, request])).toBe(snapshot)
    expect(Object.isFrozen(plan)).toBe(true)
    expect(Object.isFrozen(plan.operations[0] as PlanOperation)).toBe(true)
    expect(Object.isFrozen((plan.operations[0] as CreateOperation).record)).toBe(true)
  })

  it('gives the same id for the same lead version and request, another for another request', () => {
    const a = planQualification(makeLead(), ALL_SELLER(), CREATE_ALL, { now: NOW })
    const b = planQualification(makeLead(), ALL_SELLER(), { opportunity: { action: 'create' }, contact: { action: 'create' }, account: { action: 'create' } }, { now: NOW })
    const c = planQualification(makeLead(), ALL_SELLER(), { ...CREATE_ALL, currency: 'EUR' }, { now: NOW })
    const d = planQualification(makeLead({ version: 4 }), ALL_SELLER(), CREATE_ALL, { now: NOW })
    expect(a.id).toBe(b.id)
    // The name-based GUID of the kind, the lead, the version read and a hash of the request.
    const hash = stableHash(stableStringify(CREATE_ALL))
    expect(a.id).toBe(nameBasedGuid(`qualification:lead-1:v3:${hash}`))
    expect(c.id).not.toBe(a.id)
    expect(d.id).not.toBe(a.id)
    // Planned right after another request, the same request still hashes the same.
    expect(d.id).toBe(nameBasedGuid(`qualification:lead-1:v4:${hash}`))
  })
})

describe('planQualification — the lead points at the customer it was qualified into', () => {
  it('sets the existing account and contact references to the created records when the lead had none', () => {
    const lead = makeLead()
    const plan = planQualification(lead, ALL_SELLER(), CREATE_ALL, { now: NOW })
    const after = applied(lead, plan)
    expect(after.existingAccountId).toBe(plannedId('account'))
    expect(after.existingContactId).toBe(plannedId('contact'))
    expect(leadUpdate(plan).patches).toContainEqual({ op: 'add', path: ['existingAccountId'], value: plannedId('account') })
    expect(leadUpdate(plan).reason).toBe('the lead becomes Qualified')
  })

  it('sets them to the existing records the seller linked', () => {
    const lead = makeLead()
    const plan = planQualification(
      lead,
      ALL_SELLER(),
      { account: { action: 'existing', id: 'acc-3' }, contact: { action: 'existing', id: 'con-3' }, opportunity: { action: 'create' } },
      { now: NOW, existingAccount: makeAccount('acc-3'), existingContact: makeContact('con-3') },
    )
    expect(applied(lead, plan)).toMatchObject({ existingAccountId: 'acc-3', existingContactId: 'con-3' })
  })

  it('leaves them unset when no account or contact is created or linked', () => {
    const lead = makeLead()
    const plan = planQualification(lead, ALL_SELLER(), { account: { action: 'none' }, contact: { action: 'none' }, opportunity: { action: 'create' } }, { now: NOW })
    const after = applied(lead, plan)
    expect(after.existingAccountId).toBeUndefined()
    expect(after.existingContactId).toBeUndefined()
    expect(leadUpdate(plan).patches.map((p) => p.path[0])).not.toContain('existingAccountId')
  })

  it('keeps the reference the lead already has when the plan links that very record', () => {
    const lead = makeLead({ existingAccountId: 'acc-9' })
    const plan = planQualification(lead, LEGACY_AUTO(), {}, { now: NOW, existingAccount: makeAccount('acc-9') })
    expect(applied(lead, plan).existingAccountId).toBe('acc-9')
    expect(leadUpdate(plan).patches.map((p) => p.path[0])).not.toContain('existingAccountId')
    expect(leadUpdate(plan).reason).toBe('the lead becomes Qualified')
  })

  it("never overwrites the lead's reference with the different record the seller chose, and says so", () => {
    const lead = makeLead({ existingAccountId: 'acc-9', existingContactId: 'con-9' })
    const plan = planQualification(
      lead,
      ALL_SELLER(),
      { account: { action: 'existing', id: 'acc-3' }, contact: { action: 'create' }, opportunity: { action: 'create' } },
      { now: NOW },
    )
    expect(plan.status).toBe('ready')
    expect(applied(lead, plan)).toMatchObject({ existingAccountId: 'acc-9', existingContactId: 'con-9' })
    expect(leadUpdate(plan).patches.map((p) => p.path[0])).not.toContain('existingAccountId')
    expect(leadUpdate(plan).reason).toBe(
      'the lead becomes Qualified; it keeps its existing account acc-9 and existing contact con-9, which the seller did not use',
    )
    // The new records are still wired to what the seller chose.
    expect(created(plan, 'opportunity')[0]?.record).toMatchObject({ accountId: 'acc-3', contactId: plannedId('contact') })
  })
})

describe('planQualification — business process across many plans', () => {
  it('gives each plan its own move, whatever the plan before it moved', () => {
    const plan = (processStage: string | undefined, request: QualificationRequest = {}) => {
      const lead = makeLead(processStage === undefined ? {} : { processStage })
      if (processStage === undefined) delete (lead as { processStage?: string }).processStage
      return planQualification(lead, LEGACY_AUTO(), request, { now: NOW }).businessProcess
    }
    const moves = [plan('qualify'), plan('develop'), plan('qualify'), plan(undefined), plan('close'), plan('qualify')]
    expect(moves).toEqual([
      { moves: true, from: 'qualify', to: 'develop', reason: 'an opportunity is created, so the business process moves to the next stage' },
      { moves: true, from: 'develop', to: 'propose', reason: 'an opportunity is created, so the business process moves to the next stage' },
      { moves: true, from: 'qualify', to: 'develop', reason: 'an opportunity is created, so the business process moves to the next stage' },
      { moves: false, reason: 'the lead runs in no business process flow' },
      { moves: false, from: 'close', reason: 'stage "close" has no next stage' },
      { moves: true, from: 'qualify', to: 'develop', reason: 'an opportunity is created, so the business process moves to the next stage' },
    ])
    expect(moves.every((move) => Object.isFrozen(move))).toBe(true)
  })
})
