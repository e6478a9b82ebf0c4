/**
 * Records and hand-built plans the repository contract runs on, public through `leadkit/persistence/testing` so an
 * adapter's own tests can use them. They have the shape the planners produce (creates with full records, updates by
 * immer patches against a read version) without depending on any planner.
 */
import { requireObject, requireText } from '../../internal/validate.js'
import type { PlanBase, PlanOperation, RecordRead, UpdateOperation } from '../../plan.js'
import type { Account, Lead, Note, RecordBase, TimelineEntry } from '../../records/types.js'
import { guarded, guardedAsync } from '../../internal/guarded.js'
import type { RepositorySet } from '../types.js'

/**
 * The instant every fixture record was created.
 *
 * @example
 * fixtureLead('lead-1').createdOn === FIXTURE_CREATED_ON //=> true
 */
export const FIXTURE_CREATED_ON = '2026-03-01T09:00:00.000Z'
/**
 * The instant plans are executed at.
 *
 * @example
 * await executePlan(plan, repositories, { now: FIXTURE_NOW })
 */
export const FIXTURE_NOW = '2026-03-02T10:30:00.000Z'

/**
 * Duplicate keys of fixture leads, accounts and contacts: normalised email and company-name key.
 *
 * @example
 * fixtureDuplicateKeys('lead', fixtureLead('lead-1')) //=> ['email:lead-1@example.com', 'company:analyticalenginesltd']
 */
export function fixtureDuplicateKeys(_entity: 'lead' | 'account' | 'contact', record: RecordBase): readonly string[] {
  requireObject(record, ['record'], 'fixtureDuplicateKeys')
  return guarded(() => {
    const fields = record as { email?: unknown; companyName?: unknown; name?: unknown }
    const keys: string[] = []
    if (typeof fields.email === 'string') keys.push(`email:${fields.email.trim().toLowerCase()}`)
    const company = fields.companyName ?? fields.name
    if (typeof company === 'string') keys.push(`company:${company.toLowerCase().replace(/[^a-z0-9]/g, '')}`)
    return keys
  })
}

/**
 * An open lead.
 *
 * @example
 * fixtureLead('lead-1', { state: 'qualified' }).state //=> 'qualified'
 */
export function fixtureLead(id: string, overrides: Partial<Lead> = {}): Lead {
  requireText(id, ['id'], 'fixtureLead')
  requireObject(overrides, ['overrides'], 'fixtureLead')
  return guarded(() => ({
    id,
    version: 1,
    createdOn: FIXTURE_CREATED_ON,
    modifiedOn: FIXTURE_CREATED_ON,
    topic: 'Espresso machines for 40 stores',
    firstName: 'Ada',
    lastName: 'Lovelace',
    companyName: 'Analytical Engines Ltd',
    email: `${id}@example.com`,
    businessPhone: '+14255550100',
    currency: 'USD',
    budgetAmount: 25000,
    state: 'open',
    statusReason: 'new',
    ...overrides,
  }))
}

/**
 * An active account.
 *
 * @example
 * fixtureAccount('account-1').state //=> 'active'
 */
export function fixtureAccount(id: string, overrides: Partial<Account> = {}): Account {
  requireText(id, ['id'], 'fixtureAccount')
  requireObject(overrides, ['overrides'], 'fixtureAccount')
  return guarded(() => ({
    id,
    version: 1,
    createdOn: FIXTURE_CREATED_ON,
    modifiedOn: FIXTURE_CREATED_ON,
    name: 'Analytical Engines Ltd',
    email: `${id}@example.com`,
    state: 'active',
    ...overrides,
  }))
}

/**
 * A note on a record, with one attachment.
 *
 * @example
 * fixtureNote('note-1', { entity: 'lead', id: 'lead-1' }).attachments.length //=> 1
 */
export function fixtureNote(id: string, regarding: Note['regarding'], overrides: Partial<Note> = {}): Note {
  requireText(id, ['id'], 'fixtureNote')
  requireObject(regarding, ['regarding'], 'fixtureNote')
  requireObject(overrides, ['overrides'], 'fixtureNote')
  return guarded(() => ({
    id,
    version: 1,
    createdOn: FIXTURE_CREATED_ON,
    modifiedOn: FIXTURE_CREATED_ON,
    regarding,
    subject: `Call notes ${id}`,
    text: 'Wants a trial in two stores first.',
    attachments: [{ id: `${id}-file`, fileName: 'requirements.pdf', mimeType: 'application/pdf', sizeBytes: 48213 }],
    ...overrides,
  }))
}

/**
 * A timeline entry on a record.
 *
 * @example
 * fixtureTimelineEntry('t-1', { entity: 'lead', id: 'lead-1' }).kind //=> 'lead-summary'
 */
export function fixtureTimelineEntry(
  id: string,
  regarding: TimelineEntry['regarding'],
  overrides: Partial<TimelineEntry> = {},
): TimelineEntry {
  requireText(id, ['id'], 'fixtureTimelineEntry')
  requireObject(regarding, ['regarding'], 'fixtureTimelineEntry')
  requireObject(overrides, ['overrides'], 'fixtureTimelineEntry')
  return guarded(() => ({
    id,
    version: 1,
    createdOn: FIXTURE_NOW,
    modifiedOn: FIXTURE_NOW,
    regarding,
    kind: 'lead-summary',
    title: 'Lead qualified',
    body: 'Qualified into an account, a contact and opportunities.',
    data: { source: 'fixture' },
    ...overrides,
  }))
}

/**
 * A lead with the two notes a qualification plan is built from.
 *
 * @example
 * const { lead, notes }: QualificationFixture = fixtureQualificationInput('1')
 */
export interface QualificationFixture {
  readonly lead: Lead
  readonly notes: readonly [Note, Note]
}

/**
 * A lead and its two notes, ids derived from `suffix` so many fixtures can share one store.
 *
 * @example
 * fixtureQualificationInput('7').notes.map((note) => note.id) //=> ['note-7-1', 'note-7-2']
 */
export function fixtureQualificationInput(suffix: string): QualificationFixture {
  requireText(suffix, ['suffix'], 'fixtureQualificationInput')
  const lead = fixtureLead(`lead-${suffix}`)
  const regarding = { entity: 'lead' as const, id: lead.id }
  return { lead, notes: [fixtureNote(`note-${suffix}-1`, regarding), fixtureNote(`note-${suffix}-2`, regarding)] }
}

/**
 * A qualification-like plan: creates an account, a contact and two opportunities, qualifies the lead by patches,
 * shows both notes on the first opportunity, and adds two timeline entries — 9 operations, 10 writes with the
 * executed-plan record.
 *
 * @example
 * fixtureQualificationPlan(fixtureQualificationInput('1')).operations.length //=> 9
 */
export function fixtureQualificationPlan(input: QualificationFixture, planId?: string): PlanBase {
  requireObject(input, ['input'], 'fixtureQualificationPlan')
  if (planId !== undefined) requireText(planId, ['planId'], 'fixtureQualificationPlan')
  return guarded(() => qualificationPlan(input, planId))
}

function qualificationPlan(input: QualificationFixture, planId = `qualify-${input.lead.id}`): PlanBase {
  const { lead, notes } = input
  const suffix = lead.id
  const accountId = `account-${suffix}`
  const contactId = `contact-${suffix}`
  const opportunityIds = [`opportunity-${suffix}-1`, `opportunity-${suffix}-2`]
  const base = { version: 1, createdOn: FIXTURE_NOW, modifiedOn: FIXTURE_NOW, originatingLeadId: lead.id }
  const operations: PlanOperation[] = [
    {
      op: 'create',
      entity: 'account',
      id: accountId,
      record: { ...base, id: accountId, name: lead.companyName, email: lead.email, state: 'active' },
      reason: 'the lead has a company name and no existing account',
    },
    {
      op: 'create',
      entity: 'contact',
      id: contactId,
      record: {
        ...base,
        id: contactId,
        firstName: lead.firstName,
        lastName: lead.lastName,
        email: lead.email,
        accountId,
        state: 'active',
      },
    },
    ...opportunityIds.map(
      (id, index): PlanOperation => ({
        op: 'create',
        entity: 'opportunity',
        id,
        record: {
          ...base,
          id,
          topic: `${lead.topic} (${index + 1})`,
          accountId,
          contactId,
          currency: lead.currency,
          budgetAmount: lead.budgetAmount,
          state: 'open',
        },
      }),
    ),
    {
      op: 'update',
      entity: 'lead',
      id: lead.id,
      expectedVersion: lead.version,
      patches: [
        { op: 'replace', path: ['state'], value: 'qualified' },
        { op: 'replace', path: ['statusReason'], value: 'qualified' },
        { op: 'add', path: ['closedOn'], value: FIXTURE_NOW },
        { op: 'add', path: ['qualifyingOpportunityId'], value: opportunityIds[0] },
      ],
    },
    ...notes.map(
      (note): PlanOperation => ({
        op: 'update',
        entity: 'note',
        id: note.id,
        expectedVersion: note.version,
        patches: [{ op: 'add', path: ['visibleOn'], value: [{ entity: 'opportunity', id: opportunityIds[0] }] }],
      }),
    ),
    ...(['account', 'opportunity'] as const).map(
      (entity, index): PlanOperation => ({
        op: 'create',
        entity: 'timelineEntry',
        id: `timeline-${suffix}-${index + 1}`,
        record: fixtureTimelineEntry(`timeline-${suffix}-${index + 1}`, {
          entity,
          id: entity === 'account' ? accountId : (opportunityIds[0] as string),
        }) as unknown as Record<string, unknown>,
      }),
    ),
  ]
  const reads: RecordRead[] = [
    { entity: 'lead', id: lead.id, version: lead.version },
    ...notes.map((note): RecordRead => ({ entity: 'note', id: note.id, version: note.version })),
  ]
  return { id: planId, kind: 'qualification', status: 'ready', reads, operations, blockers: [] }
}

// Disqualification and reactivation both move the lead it read to another state by patches, then maybe add more.
function leadStatePlan(
  lead: Lead,
  kind: PlanBase['kind'],
  planId: string,
  patches: UpdateOperation['patches'],
  more: readonly PlanOperation[] = [],
): PlanBase {
  return {
    id: planId,
    kind,
    status: 'ready',
    reads: [{ entity: 'lead', id: lead.id, version: lead.version }],
    operations: [{ op: 'update', entity: 'lead', id: lead.id, expectedVersion: lead.version, patches }, ...more],
    blockers: [],
  }
}

/**
 * A disqualification-like plan: closes the lead as lost and adds a timeline entry.
 *
 * @example
 * fixtureDisqualificationPlan(fixtureLead('lead-1')).kind //=> 'disqualification'
 */
export function fixtureDisqualificationPlan(lead: Lead, planId?: string): PlanBase {
  requireObject(lead, ['lead'], 'fixtureDisqualificationPlan')
  if (planId !== undefined) requireText(planId, ['planId'], 'fixtureDisqualificationPlan')
  return guarded(() => disqualificationPlan(lead, planId))
}

function disqualificationPlan(lead: Lead, planId = `disqualify-${lead.id}`): PlanBase {
  const entryId = `timeline-${lead.id}-disqualified`
  return leadStatePlan(
    lead,
    'disqualification',
    planId,
    [
      { op: 'replace', path: ['state'], value: 'disqualified' },
      { op: 'replace', path: ['statusReason'], value: 'lost' },
      { op: 'add', path: ['closedOn'], value: FIXTURE_NOW },
    ],
    [
      {
        op: 'create',
        entity: 'timelineEntry',
        id: entryId,
        record: fixtureTimelineEntry(entryId, { entity: 'lead', id: lead.id }, {
          kind: 'lead-disqualified',
          title: 'Lead disqualified',
          body: 'Lost',
        }) as unknown as Record<string, unknown>,
      },
    ],
  )
}

/**
 * A reactivation-like plan: reopens a disqualified lead.
 *
 * @example
 * fixtureReactivationPlan(closedLead).operations[0].patches[0] //=> { op: 'replace', path: ['state'], value: 'open' }
 */
export function fixtureReactivationPlan(lead: Lead, planId?: string): PlanBase {
  requireObject(lead, ['lead'], 'fixtureReactivationPlan')
  if (planId !== undefined) requireText(planId, ['planId'], 'fixtureReactivationPlan')
  return guarded(() =>
    leadStatePlan(lead, 'reactivation', planId ?? `reactivate-${lead.id}`, [
      { op: 'replace', path: ['state'], value: 'open' },
      { op: 'replace', path: ['statusReason'], value: 'new' },
      { op: 'remove', path: ['closedOn'] },
    ]),
  )
}

/**
 * Stores a lead and its two notes (plain inserts, no transaction) and returns them with the qualification plan
 * made from them.
 *
 * @example
 * const { input, plan } = await seedQualificationFixture(repositories, '1')
 * plan.id //=> 'qualify-lead-1'
 */
export async function seedQualificationFixture(
  repositories: RepositorySet,
  suffix: string,
): Promise<{ readonly input: QualificationFixture; readonly plan: PlanBase }> {
  requireObject(repositories, ['repositories'], 'seedQualificationFixture')
  const input = fixtureQualificationInput(suffix)
  return guardedAsync(async () => {
    await repositories.leads.insert(input.lead)
    for (const note of input.notes) await repositories.notes.insert(note)
    return { input, plan: fixtureQualificationPlan(input) }
  })
}

/**
 * Stores a master account, a subordinate account and a note on the subordinate, and returns them with the
 * merge-like plan of the subordinate into the master.
 *
 * @example
 * const { master, plan } = await seedMergeFixture(repositories)
 * plan.operations[0] //=> { op: 'link', entity: 'account', id: master.id, … }
 */
export async function seedMergeFixture(
  repositories: RepositorySet,
  ids: { readonly master?: string; readonly subordinate?: string; readonly note?: string } = {},
): Promise<{ readonly master: Account; readonly subordinate: Account; readonly note: Note; readonly plan: PlanBase }> {
  requireObject(repositories, ['repositories'], 'seedMergeFixture')
  requireObject(ids, ['ids'], 'seedMergeFixture')
  return guardedAsync(async () => {
    const master = fixtureAccount(ids.master ?? 'account-master')
    const subordinate = fixtureAccount(ids.subordinate ?? 'account-sub')
    const note = fixtureNote(ids.note ?? 'note-sub', { entity: 'account', id: subordinate.id })
    await repositories.accounts.insert(master)
    await repositories.accounts.insert(subordinate)
    await repositories.notes.insert(note)
    return { master, subordinate, note, plan: fixtureMergePlan(master, subordinate, note) }
  })
}

/**
 * A merge-like plan: links the master account, deactivates the subordinate with `masterId`, and moves the
 * subordinate's note to the master.
 *
 * @example
 * fixtureMergePlan(master, subordinate, note).operations[0] //=> { op: 'link', entity: 'account', id: master.id, … }
 */
export function fixtureMergePlan(master: Account, subordinate: Account, note: Note, planId?: string): PlanBase {
  requireObject(master, ['master'], 'fixtureMergePlan')
  requireObject(subordinate, ['subordinate'], 'fixtureMergePlan')
  requireObject(note, ['note'], 'fixtureMergePlan')
  if (planId !== undefined) requireText(planId, ['planId'], 'fixtureMergePlan')
  return guarded(() => mergePlan(master, subordinate, note, planId))
}

function mergePlan(master: Account, subordinate: Account, note: Note, planId: string | undefined): PlanBase {
  return {
    id: planId ?? `merge-${subordinate.id}-into-${master.id}`,
    kind: 'merge',
    status: 'ready',
    reads: [
      { entity: 'account', id: master.id, version: master.version },
      { entity: 'account', id: subordinate.id, version: subordinate.version },
      { entity: 'note', id: note.id, version: note.version },
    ],
    operations: [
      { op: 'link', entity: 'account', id: master.id, reason: 'the master keeps its data' },
      {
        op: 'update',
        entity: 'account',
        id: subordinate.id,
        expectedVersion: subordinate.version,
        patches: [
          { op: 'replace', path: ['state'], value: 'inactive' },
          { op: 'add', path: ['masterId'], value: master.id },
        ],
      },
      {
        op: 'update',
        entity: 'note',
        id: note.id,
        expectedVersion: note.version,
        patches: [{ op: 'replace', path: ['regarding'], value: { entity: 'account', id: master.id } }],
      },
    ],
    blockers: [],
  }
}
