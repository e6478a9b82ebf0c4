import { describe, expect, it } from 'vitest'
import {
  MAX_BATCH_REQUESTS,
  parseBulkBatchResponse,
  toBulkBatchRequests,
} from '../../../src/adapters/dataverse/index.js'
import { planBulkQualification } from '../../../src/qualification/planBulkQualification.js'
import { planDisqualification } from '../../../src/qualification/planDisqualification.js'
import type { Lead } from '../../../src/records/types.js'
import { parseQualificationSettings } from '../../../src/settings/index.js'
import { catchLeadkitError } from '../../support/errors.js'
import { FakeDataverse, parseBatchChangesets } from './fakeDataverse.js'
import { CURRENCIES, LEAD, NOW, ORG, USD_ID, USER_ID } from './fixtures.js'

const OPTIONS = { baseUrl: ORG, currencyIds: CURRENCIES }
const CREATE_ALL = {
  account: { action: 'create' },
  contact: { action: 'create' },
  opportunity: { action: 'create' },
} as const

const guid = (n: number): string => `6a7b8c9d-0000-4000-8000-${String(n).padStart(12, '0')}`

function leads(count: number): Lead[] {
  return Array.from({ length: count }, (_, index) => ({
    ...LEAD,
    id: guid(index + 1),
    existingAccountId: undefined,
    lastName: `Ruiz ${index + 1}`,
  }))
}

function organisation(all: readonly Lead[]): FakeDataverse {
  const org = new FakeDataverse(ORG)
  for (const lead of all) org.put('leads', { leadid: lead.id, versionnumber: lead.version })
  org.put('systemusers', { systemuserid: USER_ID, versionnumber: 1 })
  org.put('transactioncurrencies', { transactioncurrencyid: USD_ID, versionnumber: 1 })
  return org
}

describe('toBulkBatchRequests', () => {
  it('puts each ready plan of a bulk qualification in its own change set of one batch', () => {
    const all = leads(3)
    const closed = { ...all[1]!, state: 'qualified' as const, statusReason: 'qualified' as const }
    const requests = [CREATE_ALL, CREATE_ALL, CREATE_ALL]
    const settings = parseQualificationSettings({})
    const bulk = planBulkQualification([all[0]!, closed, all[2]!], settings, requests, { now: NOW })
    expect(bulk.counts.ready).toBe(2)
    const batches = toBulkBatchRequests(bulk, OPTIONS)
    expect(batches).toHaveLength(1)
    const [batch] = batches
    expect(batch?.headers.Prefer).toBe('odata.continue-on-error')
    const changesets = parseBatchChangesets(batch?.headers['Content-Type'] as string, batch?.body as string)
    expect(changesets.map((requests) => requests.length)).toEqual([5, 5])
    // Content-IDs are unique across the batch, and each change set references only its own.
    const contentIds = changesets.flat().map((request) => Number(request.contentId))
    expect(contentIds).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(changesets[1]?.[1]?.body['parentcustomerid_account@odata.bind']).toBe('$6')
    expect(batch?.changesets.map((changeset) => changeset.planId)).toEqual(
      bulk.results.flatMap((result) => (result.status === 'ready' ? [result.plan.id] : [])),
    )
  })

  it(`starts a new batch before ${MAX_BATCH_REQUESTS} requests and never splits a plan`, () => {
    const plans = leads(MAX_BATCH_REQUESTS + 1).map((lead) => planDisqualification(lead, 'lost', { now: NOW }))
    const batches = toBulkBatchRequests(plans, OPTIONS)
    expect(batches.map((batch) => batch.changesets.length)).toEqual([MAX_BATCH_REQUESTS, 1])
    expect(batches[1]?.changesets[0]?.parts[0]?.contentId).toBe(1)
  })

  it('refuses a plan that is not ready, naming its index', () => {
    const [open, other] = leads(2)
    const closed = { ...other!, state: 'disqualified' as const, statusReason: 'lost' as const }
    const blocked = planDisqualification(closed, 'lost', { now: NOW })
    const error = catchLeadkitError(() =>
      toBulkBatchRequests([planDisqualification(open!, 'lost', { now: NOW }), blocked], OPTIONS),
    )
    expect([error.code, error.path]).toEqual(['plan_not_ready', [1, 'status']])
  })
})

describe('parseBulkBatchResponse', () => {
  it('reports each plan as executeBulk does: committed plans, and the one Dataverse rolled back', () => {
    const all = leads(3)
    const org = organisation(all)
    org.put('leads', { leadid: all[1]!.id, versionnumber: all[1]!.version + 1 })
    const bulk = planBulkQualification(all, parseQualificationSettings({}), all.map(() => CREATE_ALL), { now: NOW })
    const [batch] = toBulkBatchRequests(bulk, OPTIONS)
    const outcomes = parseBulkBatchResponse(batch!, org.batch(batch!.headers, batch!.body))
    expect(outcomes.map((outcome) => [outcome.ok, outcome.ok ? outcome.result.kind : outcome.error.code])).toEqual([
      [true, 'qualification'],
      [false, 'conflict'],
      [true, 'qualification'],
    ])
    expect(org.get('leads', all[0]!.id)?.statecode).toBe(1)
    expect(org.get('leads', all[1]!.id)?.statecode).toBeUndefined()
    expect(org.get('leads', all[2]!.id)?.statecode).toBe(1)
    const first = outcomes[0]
    if (!first?.ok) throw new Error('expected the first plan to succeed')
    expect(org.get('accounts', first.result.created.account as string)).toBeDefined()
  })

  it('marks the plans after a failure as not run when Dataverse stops the batch', () => {
    const all = leads(3)
    const org = organisation(all)
    org.put('leads', { leadid: all[0]!.id, versionnumber: 1 })
    const plans = all.map((lead) => planDisqualification(lead, 'lost', { now: NOW }))
    const [batch] = toBulkBatchRequests(plans, OPTIONS)
    const { Prefer: _prefer, ...headers } = batch!.headers
    const outcomes = parseBulkBatchResponse(batch!, org.batch(headers, batch!.body))
    expect(outcomes.map((outcome) => (outcome.ok ? 'ok' : outcome.error.code))).toEqual([
      'conflict',
      'write_failed',
      'write_failed',
    ])
    expect(outcomes[1]?.ok === false && outcomes[1].error.message).toContain('was not run')
  })
})
