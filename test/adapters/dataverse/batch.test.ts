import { randomUUID as randomGuid } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseBatchResponse, toBatchRequest } from '../../../src/adapters/dataverse/index.js'
import type { BatchRequest } from '../../../src/adapters/dataverse/index.js'
import { planMerge } from '../../../src/duplicates/planMerge.js'
import { LeadkitError } from '../../../src/errors.js'
import type { PlanBase } from '../../../src/plan.js'
import { planDisqualification } from '../../../src/qualification/planDisqualification.js'
import { planQualification } from '../../../src/qualification/planQualification.js'
import { planReactivation } from '../../../src/qualification/planReactivation.js'
import { planBulkQualification } from '../../../src/qualification/planBulkQualification.js'
import { parseQualificationSettings } from '../../../src/settings/index.js'
import { catchLeadkitError } from '../../support/errors.js'
import { FakeDataverse, parseBatchRequest } from './fakeDataverse.js'
import {
  ACCOUNT,
  ACCOUNT_ID,
  CREATED,
  CURRENCIES,
  LEAD,
  LEAD_ID,
  NOTE,
  NOTE_ID,
  NOW,
  ORG,
  USD_ID,
  USER_ID,
} from './fixtures.js'

const OPTIONS = { baseUrl: ORG, currencyIds: CURRENCIES }
const OTHER_LEAD_ID = '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716'
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const SETTINGS = parseQualificationSettings({})
const CREATE_ALL = {
  account: { action: 'create' },
  contact: { action: 'create' },
  opportunity: { action: 'create' },
} as const

function qualifyPlan() {
  const lead = { ...LEAD, existingAccountId: undefined }
  return planQualification(lead, SETTINGS, CREATE_ALL, { now: NOW, notes: [NOTE] })
}

function organisation(): FakeDataverse {
  const org = new FakeDataverse(ORG)
  org.put('leads', { leadid: LEAD_ID, versionnumber: LEAD.version, statecode: 0, statuscode: 1 })
  org.put('accounts', { accountid: ACCOUNT_ID, versionnumber: ACCOUNT.version })
  org.put('annotations', { annotationid: NOTE_ID, versionnumber: NOTE.version })
  org.put('systemusers', { systemuserid: USER_ID, versionnumber: 1 })
  org.put('transactioncurrencies', { transactioncurrencyid: USD_ID, versionnumber: 1 })
  return org
}

function send(org: FakeDataverse, batch: BatchRequest, options?: Parameters<FakeDataverse['batch']>[2]) {
  return parseBatchResponse(batch, org.batch(batch.headers, batch.body, options))
}

describe('toBatchRequest', () => {
  it('turns a qualification into one change set: creates by Content-ID, the lead update with If-Match', () => {
    const plan = qualifyPlan()
    const batch = toBatchRequest(plan, OPTIONS)
    expect(batch.url).toBe(`${ORG}$batch`)
    expect(batch.headers['Content-Type']).toMatch(/^multipart\/mixed; boundary=batch_[0-9a-f]{16}$/)
    const requests = parseBatchRequest(batch.headers['Content-Type'] as string, batch.body)
    expect(requests.map((request) => `${request.contentId} ${request.method} ${request.url}`)).toEqual([
      `1 POST ${ORG}accounts`,
      `2 POST ${ORG}contacts`,
      // The account's primary contact is created after it: bound once the contact exists.
      '3 PATCH $1',
      `4 POST ${ORG}opportunities`,
      `5 PATCH ${ORG}leads(${LEAD_ID})?$select=leadid,versionnumber`,
      `6 PATCH ${ORG}annotations(${NOTE_ID})?$select=annotationid,versionnumber`,
    ])
    const [account, contact, link, opportunity, lead, note] = requests
    // The lead's fields by the out-of-the-box mappings, the owner and the originating lead bound by GUID.
    expect(account?.body).toEqual({
      accountid: expect.stringMatching(GUID),
      'ownerid@odata.bind': `/systemusers(${USER_ID})`,
      name: 'Contoso Coffee',
      telephone1: '+1 425 555 0100',
      address1_line1: '1 Main St',
      address1_city: 'Seattle',
      address1_postalcode: '98101',
      'originatingleadid@odata.bind': `/leads(${LEAD_ID})`,
    })
    expect(contact?.body).toMatchObject({ lastname: 'Ruiz', 'parentcustomerid_account@odata.bind': '$1' })
    expect(link?.body).toEqual({ 'primarycontactid@odata.bind': '$2' })
    expect(opportunity?.body).toMatchObject({
      'parentaccountid@odata.bind': '$1',
      'parentcontactid@odata.bind': '$2',
      'transactioncurrencyid@odata.bind': `/transactioncurrencies(${USD_ID})`,
    })
    expect(lead?.headers['If-Match']).toBe(`W/"${LEAD.version}"`)
    expect(lead?.headers.Prefer).toBe('return=representation')
    expect(lead?.body).toEqual({
      statecode: 1,
      statuscode: 3,
      leadkit_closedon: NOW,
      'qualifyingopportunityid@odata.bind': '$4',
      'parentaccountid@odata.bind': '$1',
      'parentcontactid@odata.bind': '$2',
    })
    expect(note?.headers['If-Match']).toBe('W/"1"')
    // A JSON list cannot hold a Content-ID reference: it names the opportunity by the id it is created with.
    const visibleOn = [{ entity: 'opportunity', id: opportunity?.body.opportunityid }]
    expect(JSON.parse(note?.body.leadkit_visibleon as string)).toEqual(visibleOn)
    for (const request of requests.slice(0, 4)) expect(request.headers['If-Match']).toBeUndefined()
  })

  it("sends the planners' default ids, which are GUIDs, as they are", () => {
    const plan = qualifyPlan()
    const ids = toBatchRequest(plan, OPTIONS).parts.filter((part) => part.kind === 'create').map((part) => part.body)
    const created = ids.map((body) => Object.values(body)[0])
    expect(created).toEqual([plan.entities.accountId, plan.entities.contactId, plan.entities.primaryOpportunityId])
    for (const id of created) expect(id).toMatch(GUID)
    expect(new Set(created).size).toBe(3)
    const other = planQualification({ ...LEAD, existingAccountId: undefined, version: 4 }, SETTINGS, CREATE_ALL, {
      now: NOW,
    })
    expect(toBatchRequest(other, OPTIONS).parts[0]?.body.accountid).not.toBe(ids[0]?.accountid)
    // idFor is only asked for ids that are not GUIDs.
    const idFor = (): string => 'account-1'
    expect(toBatchRequest(plan, { ...OPTIONS, idFor }).parts[0]?.body.accountid).toBe(plan.entities.accountId)
  })

  it('creates a record under a non-GUID id with a GUID derived from the plan, or the one idFor gives', () => {
    const plan = planQualification({ ...LEAD, existingAccountId: undefined }, SETTINGS, CREATE_ALL, {
      now: NOW,
      newId: (entity, index) => `${LEAD.id}:v${LEAD.version}:${entity}:${index}`,
    })
    const ids = toBatchRequest(plan, OPTIONS).parts.filter((part) => part.kind === 'create').map((part) => part.body)
    expect(ids.map((body) => Object.values(body)[0])).toEqual([
      expect.stringMatching(GUID),
      expect.stringMatching(GUID),
      expect.stringMatching(GUID),
    ])
    expect(new Set(ids.map((body) => Object.values(body)[0])).size).toBe(3)
    expect(toBatchRequest(plan, OPTIONS).parts[0]?.body.accountid).toBe(ids[0]?.accountid)
    const given = '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918'
    const idFor = (entity: string) => (entity === 'account' ? given : randomGuid())
    const custom = toBatchRequest(plan, { ...OPTIONS, idFor })
    expect(custom.parts[0]?.body.accountid).toBe(given)
    const bad = catchLeadkitError(() => toBatchRequest(plan, { ...OPTIONS, idFor: () => 'account-1' }))
    expect([bad.code, bad.path]).toEqual(['invalid_format', ['operations', 0, 'id']])
  })

  it('is deterministic and never changes the plan', () => {
    const plan = qualifyPlan()
    const copy = structuredClone(plan)
    expect(toBatchRequest(plan, OPTIONS).body).toBe(toBatchRequest(plan, OPTIONS).body)
    expect(plan).toEqual(copy)
  })

  it('creates a record whose id is a GUID with that id', () => {
    const ids = [
      '0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
      '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
    ]
    const plan = planQualification({ ...LEAD, existingAccountId: undefined }, SETTINGS, CREATE_ALL, {
      now: NOW,
      newId: (entity) => ids[['account', 'contact', 'opportunity'].indexOf(entity)] as string,
    })
    const batch = toBatchRequest(plan, OPTIONS)
    expect(batch.parts[0]?.body.accountid).toBe(ids[0])
    const result = send(organisation(), batch)
    expect(result.createdIds).toEqual(Object.fromEntries(ids.map((id) => [id, id])))
  })

  it('turns disqualification, reactivation, merge and each bulk plan into a batch', () => {
    const disqualify = planDisqualification(LEAD, 'no-longer-interested', { now: NOW })
    const parts = toBatchRequest(disqualify, OPTIONS).parts
    expect(parts.map((part) => [part.method, part.headers['If-Match']])).toEqual([['PATCH', `W/"${LEAD.version}"`]])
    expect(parts[0]?.body).toMatchObject({ statecode: 2, statuscode: 6 })

    const closed = { ...LEAD, state: 'disqualified' as const, statusReason: 'lost' as const, closedOn: NOW }
    expect(toBatchRequest(planReactivation(closed, { now: NOW }), OPTIONS).parts[0]?.body).toMatchObject({
      statecode: 0,
      statuscode: 1,
      leadkit_closedon: null,
    })

    const other = { ...LEAD, id: OTHER_LEAD_ID, version: 8, email: undefined, jobTitle: 'Buyer' }
    const merge = planMerge(LEAD, other, { now: NOW })
    const mergeParts = toBatchRequest(merge, OPTIONS).parts
    expect(mergeParts.map((part) => [part.id, part.expectedVersion])).toEqual([
      [LEAD_ID, LEAD.version],
      [other.id, 8],
    ])
    expect(mergeParts[1]?.body).toMatchObject({ statecode: 2, 'masterid@odata.bind': `/leads(${LEAD_ID})` })

    const lead = { ...LEAD, existingAccountId: undefined }
    const bulk = planBulkQualification([lead], SETTINGS, [CREATE_ALL], { now: NOW })
    const first = bulk.results[0]
    if (first?.status !== 'ready') throw new Error('expected a ready plan')
    expect(toBatchRequest(first.plan, OPTIONS).parts).toHaveLength(5)
  })

  it('refuses a plan that is not ready, a stored record whose id is not a GUID, and a bad baseUrl', () => {
    const qualified = { ...LEAD, state: 'qualified' as const, statusReason: 'qualified' as const }
    const blocked = planDisqualification(qualified, 'lost', { now: NOW })
    expect(catchLeadkitError(() => toBatchRequest(blocked, OPTIONS)).code).toBe('plan_not_ready')
    const plan = planDisqualification({ ...LEAD, id: 'lead-1' }, 'lost', { now: NOW })
    const error = catchLeadkitError(() => toBatchRequest(plan, OPTIONS))
    expect([error.code, error.path]).toEqual(['invalid_format', ['operations', 0, 'id']])
    expect(catchLeadkitError(() => toBatchRequest(qualifyPlan(), { baseUrl: 'contoso' })).path).toEqual(['baseUrl'])
    const noCurrency = catchLeadkitError(() => toBatchRequest(qualifyPlan(), { baseUrl: ORG }))
    expect(noCurrency.path).toEqual(['operations', 2, 'record', 'currency'])
  })

  it('refuses a patch it cannot turn into columns, naming the patch', () => {
    const plan: PlanBase = {
      id: 'p',
      kind: 'merge',
      status: 'ready',
      reads: [],
      blockers: [],
      operations: [
        {
          op: 'update',
          entity: 'note',
          id: NOTE_ID,
          expectedVersion: 1,
          patches: [{ op: 'add', path: ['visibleOn', 0], value: {} }],
        },
      ],
    }
    const error = catchLeadkitError(() => toBatchRequest(plan, OPTIONS))
    expect([error.code, error.path]).toEqual(['invalid_value', ['operations', 0, 'patches', 0, 'path']])
  })
})

describe('parseBatchResponse', () => {
  it('gives what executePlan gives, with the ids Dataverse assigned', () => {
    const org = organisation()
    const plan = qualifyPlan()
    const result = send(org, toBatchRequest(plan, OPTIONS))
    const account = result.createdIds[plan.entities.accountId as string] as string
    const contact = result.createdIds[plan.entities.contactId as string] as string
    const opportunity = result.createdIds[plan.entities.primaryOpportunityId as string] as string
    const visibleOn = JSON.stringify([{ entity: 'opportunity', id: opportunity }])
    expect(org.get('annotations', NOTE_ID)?.leadkit_visibleon).toBe(visibleOn)
    expect(result).toMatchObject({
      planId: plan.id,
      kind: 'qualification',
      alreadyExecuted: false,
      created: { account, contact, opportunities: [opportunity], leads: [], notes: [], timelineEntries: [] },
    })
    expect(result.created.all).toEqual([
      { entity: 'account', id: account },
      { entity: 'contact', id: contact },
      { entity: 'opportunity', id: opportunity },
    ])
    const lead = org.get('leads', LEAD_ID)
    expect(result.updated).toEqual([
      { entity: 'lead', id: LEAD_ID, version: lead?.versionnumber },
      { entity: 'note', id: NOTE_ID, version: org.get('annotations', NOTE_ID)?.versionnumber },
    ])
    expect(lead).toMatchObject({ statecode: 1, statuscode: 3, _parentaccountid_value: account })
    expect(lead?._qualifyingopportunityid_value).toBe(opportunity)
    expect(org.get('accounts', account)).toMatchObject({ _primarycontactid_value: contact })
    expect(Object.isFrozen(result)).toBe(true)
  })

  it('lists a record the batch created and then changed as created, not as updated', () => {
    const record = { id: 'account-1', version: 1, createdOn: CREATED, modifiedOn: CREATED, name: 'Contoso' }
    const plan: PlanBase = {
      id: 'p-created-then-updated',
      kind: 'merge',
      status: 'ready',
      reads: [],
      blockers: [],
      operations: [
        { op: 'create', entity: 'account', id: 'account-1', record },
        {
          op: 'update',
          entity: 'account',
          id: 'account-1',
          expectedVersion: 1,
          patches: [{ op: 'replace', path: ['name'], value: 'Contoso Ltd' }],
        },
      ],
    }
    const batch = toBatchRequest(plan, OPTIONS)
    expect(batch.parts.map((part) => [part.method, part.url, part.headers['If-Match']])).toEqual([
      ['POST', `${ORG}accounts`, undefined],
      ['PATCH', '$1', undefined],
    ])
    const org = organisation()
    const result = send(org, batch)
    expect(result.updated).toEqual([])
    expect(org.get('accounts', result.created.account as string)?.name).toBe('Contoso Ltd')
  })

  it('turns a 412 on the lead into conflict at its operation; nothing is stored', () => {
    const org = organisation()
    org.put('leads', { leadid: LEAD_ID, versionnumber: LEAD.version + 7 })
    const before = org.rows.size
    const plan = qualifyPlan()
    const error = catchLeadkitError(() => send(org, toBatchRequest(plan, OPTIONS)))
    expect(error.code).toBe('conflict')
    expect(error.path).toEqual(['operations', 3])
    expect(error.message).toContain("doesn't match the RowVersion")
    expect(error.details).toMatchObject({ status: 412, errorCode: '0x80060882', contentId: 5, operationIndex: 3 })
    expect(org.rows.size).toBe(before)
  })

  it('finds the failing part without a Content-ID, and maps 404 to not_found', () => {
    const org = organisation()
    const batch = toBatchRequest(qualifyPlan(), OPTIONS)
    const failAt = { contentId: '4', status: 404, code: '0x80040217', message: 'transactioncurrency Does Not Exist' }
    const error = catchLeadkitError(() => send(org, batch, { failAt, errorWithoutContentId: true }))
    expect(error.code).toBe('not_found')
    // A lone answer without Content-ID cannot name its operation: the path says so rather than guess.
    expect(error.path).toEqual(['operations'])
    const named = catchLeadkitError(() => send(organisation(), batch, { failAt: { ...failAt, status: 400 } }))
    expect([named.code, named.path]).toEqual(['write_failed', ['operations', 2]])
  })

  it('reads a response with LF line ends and a quoted boundary', () => {
    const org = organisation()
    const batch = toBatchRequest(qualifyPlan(), OPTIONS)
    const response = org.batch(batch.headers, batch.body)
    const relaxed = {
      ...response,
      headers: { 'Content-Type': response.headers['content-type'].replace(/boundary=(.+)$/, 'boundary="$1"') },
      body: response.body.replace(/\r\n/g, '\n'),
    }
    expect(parseBatchResponse(batch, relaxed).created.account).toBeDefined()
  })

  it('refuses malformed and non-batch responses', () => {
    const batch = toBatchRequest(qualifyPlan(), OPTIONS)
    const response = organisation().batch(batch.headers, batch.body)
    const cut = catchLeadkitError(() => parseBatchResponse(batch, { ...response, body: response.body.slice(0, 400) }))
    expect(cut.code).toBe('invalid_format')
    const unauthorised = catchLeadkitError(() =>
      parseBatchResponse(batch, {
        status: 401,
        headers: { 'content-type': 'application/json' },
        body: '{"error":{"code":"0x80072560","message":"The user is not a member of the organization."}}',
      }),
    )
    expect([unauthorised.code, unauthorised.message]).toEqual([
      'write_failed',
      expect.stringContaining('not a member of the organization'),
    ])
    const missing = response.body.replace(/OData-EntityId: [^\r]+\r\n/, '').replace(/Location: [^\r]+\r\n/, '')
    const noEntityId = catchLeadkitError(() => parseBatchResponse(batch, { ...response, body: missing }))
    expect(noEntityId.code).toBe('invalid_format')
    expect(() => parseBatchResponse(batch, null as never)).toThrow(LeadkitError)
  })
})
