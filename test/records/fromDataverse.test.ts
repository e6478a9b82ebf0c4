import { describe, expect, it } from 'vitest'
import { fromDataverse } from '../../src/records/fromDataverse.js'
import { expectPureParse } from '../support/records-assertions.js'

const ROW = {
  '@odata.etag': 'W/"1234"',
  leadid: 'lead-1',
  createdon: '2026-03-01T09:30:00Z',
  modifiedon: '2026-03-02T10:00:00Z',
  versionnumber: 1234,
  firstname: 'Ada',
  lastname: null,
  emailaddress1: 'ada@engines.example',
  address1_city: 'London',
  address1_line1: null,
  leadsourcecode: 8,
  'leadsourcecode@OData.Community.Display.V1.FormattedValue': 'Web',
  statecode: 0,
  statuscode: 2,
  new_region: { code: 'EMEA' },
}

describe('fromDataverse', () => {
  it('reads logical names and codes, takes null as empty, keeps unknown columns, leaves annotations out', () => {
    expect(expectPureParse((row) => fromDataverse(row, 'lead'), ROW)).toEqual({
      id: 'lead-1',
      createdOn: '2026-03-01T09:30:00Z',
      modifiedOn: '2026-03-02T10:00:00Z',
      version: 1234,
      firstName: 'Ada',
      email: 'ada@engines.example',
      address: { city: 'London' },
      leadSource: 'web',
      state: 'open',
      statusReason: 'contacted',
      // The etag and the formatted value are about the response, and Dataverse would obey an annotation sent back.
      extra: { new_region: { code: 'EMEA' } },
    })
  })

  it('derives the state from statuscode and the status reason from statecode, like parseLead', () => {
    const { statecode: _s, ...withoutState } = ROW
    expect(fromDataverse({ ...withoutState, statuscode: 5 }, 'lead')).toMatchObject({ state: 'disqualified', statusReason: 'cannot-contact' })
    const { statuscode: _r, ...withoutReason } = ROW
    expect(fromDataverse({ ...withoutReason, statecode: 1 }, 'lead')).toMatchObject({ state: 'qualified', statusReason: 'qualified' })
  })

  it('reads a note regarding record from objectid and objecttypecode', () => {
    const note = fromDataverse(
      { annotationid: 'n1', createdon: '2026-03-01T09:30:00Z', modifiedon: '2026-03-01T09:30:00Z', versionnumber: 1, objectid: 'l1', objecttypecode: 'lead', notetext: 'Hi', isdocument: false },
      'note',
    )
    expect(note).toEqual({
      id: 'n1',
      createdOn: '2026-03-01T09:30:00Z',
      modifiedOn: '2026-03-01T09:30:00Z',
      version: 1,
      regarding: { entity: 'lead', id: 'l1' },
      text: 'Hi',
      attachments: [],
      extra: { isdocument: false },
    })
  })

  it('reads account and opportunity states by code, defaulting to active and open', () => {
    const base = { createdon: '2026-03-01T09:30:00Z', modifiedon: '2026-03-01T09:30:00Z', versionnumber: 1 }
    expect(fromDataverse({ ...base, accountid: 'a1', name: 'Contoso', statecode: 1 }, 'account').state).toBe('inactive')
    expect(fromDataverse({ ...base, accountid: 'a1', name: 'Contoso' }, 'account').state).toBe('active')
    expect(fromDataverse({ ...base, contactid: 'c1', lastname: 'Lovelace', statecode: 1 }, 'contact').state).toBe('inactive')
    expect(fromDataverse({ ...base, opportunityid: 'o1', name: 'Renewal', statecode: 1 }, 'opportunity').state).toBe('won')
    expect(fromDataverse({ ...base, opportunityid: 'o1', name: 'Renewal', statecode: 2 }, 'opportunity').state).toBe('lost')
    expect(fromDataverse({ ...base, opportunityid: 'o1', name: 'Renewal' }, 'opportunity').state).toBe('open')
  })

  it('with { coerce: true } reads a CSV export whose codes and numbers are text', () => {
    const csv = { leadid: 'l1', createdon: '2026-03-01T09:30:00Z', modifiedon: '2026-03-01T09:30:00Z', versionnumber: '7', statecode: '2', statuscode: '7', decisionmaker: 'false', budgetamount: '' }
    expect(fromDataverse(csv, 'lead', { coerce: true })).toMatchObject({ version: 7, state: 'disqualified', statusReason: 'canceled', decisionMaker: false })
    expect(() => fromDataverse(csv, 'lead')).toThrow('versionnumber must be a finite number')
  })
})
