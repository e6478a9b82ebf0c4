import { describe, expect, it } from 'vitest'
import type { CreateOperation } from '../../src/plan.js'
import { planBulkQualification } from '../../src/qualification/planBulkQualification.js'
import { planQualification } from '../../src/qualification/planQualification.js'
import type { Lead } from '../../src/records/types.js'
import { parseQualificationSettings } from '../../src/settings/index.js'
import { catchLeadkitError } from '../support/errors.js'

const now = '2026-03-01T10:00:00.000Z'
const lead: Lead = {
  id: 'lead-1',
  createdOn: '2026-01-01T00:00:00Z',
  modifiedOn: '2026-01-01T00:00:00Z',
  version: 1,
  state: 'open',
  statusReason: 'new',
  topic: 'Coffee machines',
  lastName: 'Murphy',
  companyName: 'Contoso',
}
const automatic = { account: 'automatic', contact: 'automatic', opportunity: 'automatic' }

function opportunityCurrencies(plan: ReturnType<typeof planQualification>): unknown[] {
  return plan.operations
    .filter((op): op is CreateOperation => op.op === 'create' && op.entity === 'opportunity')
    .map((op) => op.record.currency)
}

describe('the organisation’s default currency', () => {
  it('qualifies a lead with no currency in the organisation’s currency; without one the plan is blocked', () => {
    const noCurrency = parseQualificationSettings({ recordCreation: automatic })
    const withoutDefault = planQualification(lead, noCurrency, {}, { now })
    expect(withoutDefault.status).toBe('blocked')
    expect(withoutDefault.blockers.map((b) => b.code)).toEqual(['opportunity_currency_required'])

    const settings = parseQualificationSettings({ recordCreation: automatic, defaultCurrency: 'EUR' })
    const plan = planQualification(lead, settings, {}, { now })
    expect(plan.status).toBe('ready')
    expect(opportunityCurrencies(plan)).toEqual(['EUR'])
  })

  it('comes after the seller’s pick and the lead’s own currency', () => {
    const settings = parseQualificationSettings({ recordCreation: automatic, defaultCurrency: 'EUR' })
    const inPounds = { ...lead, currency: 'GBP' }
    expect(opportunityCurrencies(planQualification(inPounds, settings, {}, { now }))).toEqual(['GBP'])
    const seller = parseQualificationSettings({ defaultCurrency: 'EUR' })
    const none = { action: 'none' } as const
    const request = { account: none, contact: none, opportunity: { action: 'create' }, currency: 'USD' } as const
    expect(opportunityCurrencies(planQualification(lead, seller, request, { now }))).toEqual(['USD'])
  })
})

describe('settings the parser did not make', () => {
  it('are refused by the planners with a LeadkitError, not a TypeError', () => {
    const parsed = parseQualificationSettings({ defaultCurrency: 'EUR' })
    for (const settings of [{}, null, { ...parsed }, JSON.parse(JSON.stringify(parsed))]) {
      for (const run of [
        () => planQualification(lead, settings as never, {}, { now }),
        () => planBulkQualification([lead], settings as never, undefined, { now }),
      ]) {
        expect(catchLeadkitError(run)).toMatchObject({ code: 'invalid_type', path: ['settings'] })
      }
    }
  })
})
