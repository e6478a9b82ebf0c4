import { describe, expect, it } from 'vitest'
import { parseQualifyLeadResponse, toMergeAction, toQualifyLeadAction } from '../../../src/adapters/dataverse/index.js'
import { planMerge } from '../../../src/duplicates/planMerge.js'
import { planQualification } from '../../../src/qualification/planQualification.js'
import { parseQualificationSettings } from '../../../src/settings/index.js'
import { catchLeadkitError } from '../../support/errors.js'
import { ACCOUNT_ID, CURRENCIES, LEAD, LEAD_ID, NOW, ORG, USD_ID } from './fixtures.js'

const SETTINGS = parseQualificationSettings({})
const OPTIONS = { baseUrl: ORG, currencyIds: CURRENCIES }
const CREATE_ALL = {
  account: { action: 'create' },
  contact: { action: 'create' },
  opportunity: { action: 'create' },
} as const

// The QualifyLead action's parameters as Microsoft documents them:
// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/reference/qualifylead
describe('toQualifyLeadAction', () => {
  it('names the records to create, the existing customer, the currency and the status', () => {
    const plan = planQualification(
      LEAD,
      SETTINGS,
      { ...CREATE_ALL, account: { action: 'existing', id: ACCOUNT_ID } },
      { now: NOW },
    )
    const request = toQualifyLeadAction(plan, OPTIONS)
    expect(request.method).toBe('POST')
    expect(request.url).toBe(`${ORG}leads(${LEAD_ID})/Microsoft.Dynamics.CRM.QualifyLead`)
    expect(request.headers['Content-Type']).toBe('application/json; charset=utf-8')
    expect(JSON.parse(request.body)).toEqual({
      CreateAccount: false,
      CreateContact: true,
      CreateOpportunity: true,
      Status: 3,
      'OpportunityCustomerId@odata.bind': `/accounts(${ACCOUNT_ID})`,
      'OpportunityCurrencyId@odata.bind': `/transactioncurrencies(${USD_ID})`,
      SuppressDuplicateDetection: false,
    })
  })

  // The action's answer as documented: the created records, each with its @odata.type and id.
  it('reads the created records of the answer into executePlan\'s shape', () => {
    const plan = planQualification(LEAD, SETTINGS, { ...CREATE_ALL, account: { action: 'existing', id: ACCOUNT_ID } }, {
      now: NOW,
    })
    const contactId = '0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f'
    const opportunityId = '1d2e3f4a-5b6c-4d7e-9f8a-9b0c1d2e3f4a'
    const body = JSON.stringify({
      '@odata.context': `${ORG}$metadata#Collection(Microsoft.Dynamics.CRM.crmbaseentity)`,
      value: [
        { '@odata.type': '#Microsoft.Dynamics.CRM.contact', contactid: contactId },
        { '@odata.type': '#Microsoft.Dynamics.CRM.opportunity', opportunityid: opportunityId },
      ],
    })
    const result = parseQualifyLeadResponse(plan, { status: 200, headers: {}, body })
    expect(result).toMatchObject({
      planId: plan.id,
      kind: 'qualification',
      created: { contact: contactId, opportunities: [opportunityId] },
      updated: [],
      linked: [{ entity: 'account', id: ACCOUNT_ID }],
    })
    expect(result.created.account).toBeUndefined()
    const closed = '{"error":{"code":"0x80040203","message":"The lead is closed."}}'
    const error = catchLeadkitError(() => parseQualifyLeadResponse(plan, { status: 400, headers: {}, body: closed }))
    expect([error.code, error.message]).toEqual(['write_failed', expect.stringContaining('The lead is closed.')])
    const odd = JSON.stringify({ value: [{ '@odata.type': '#Microsoft.Dynamics.CRM.task', activityid: contactId }] })
    expect(catchLeadkitError(() => parseQualifyLeadResponse(plan, { status: 200, headers: {}, body: odd })).code).toBe(
      'invalid_format',
    )
  })

  it('refuses a plan with two opportunities, which only $batch can carry', () => {
    const settings = parseQualificationSettings({
      experience: 'new',
      allowMultipleOpportunities: true,
      maxOpportunities: 3,
    })
    const lead = { ...LEAD, existingAccountId: undefined }
    const plan = planQualification(
      lead,
      settings,
      {
        account: { action: 'create' },
        contact: { action: 'create' },
        opportunity: { action: 'create' },
        opportunities: [{ topic: 'Machines' }, { topic: 'Service' }],
      },
      { now: NOW },
    )
    expect(plan.status).toBe('ready')
    const error = catchLeadkitError(() => toQualifyLeadAction(plan, OPTIONS))
    expect([error.code, error.path]).toEqual(['invalid_combination', ['entities', 'opportunityIds']])
    expect(error.message).toContain('toBatchRequest')
  })

  it('refuses a lead id that is not a GUID', () => {
    const lead = { ...LEAD, id: 'lead-1', existingAccountId: undefined }
    const plan = planQualification(lead, SETTINGS, CREATE_ALL, { now: NOW })
    expect(catchLeadkitError(() => toQualifyLeadAction(plan, OPTIONS)).path).toEqual(['leadId'])
  })
})

// The Merge action's body as in "Merge table rows using the Web API":
// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/merge-entity-using-web-api
describe('toMergeAction', () => {
  it('sends the master as Target, the subordinate as Subordinate and the values taken from it as UpdateContent', () => {
    const other = { ...LEAD, id: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716', version: 8, jobTitle: 'Buyer' }
    const plan = planMerge(LEAD, other, { now: NOW })
    const request = toMergeAction(plan, OPTIONS)
    expect(request.url).toBe(`${ORG}Merge`)
    expect(JSON.parse(request.body)).toEqual({
      Target: { '@odata.type': 'Microsoft.Dynamics.CRM.lead', leadid: LEAD_ID },
      Subordinate: { '@odata.type': 'Microsoft.Dynamics.CRM.lead', leadid: other.id },
      UpdateContent: { '@odata.type': 'Microsoft.Dynamics.CRM.lead', jobtitle: 'Buyer' },
      PerformParentingChecks: false,
    })
  })

  it('refuses a plan of another kind', () => {
    const plan = planQualification({ ...LEAD, existingAccountId: undefined }, SETTINGS, CREATE_ALL, { now: NOW })
    expect(plan.status).toBe('ready')
    expect(catchLeadkitError(() => toMergeAction(plan as never, OPTIONS)).path).toEqual(['kind'])
  })
})
