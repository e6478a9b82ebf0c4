import { describe, expect, it } from 'vitest'
import { fromWebApiRow, toWebApiCreate, toWebApiUpdate } from '../../../src/adapters/dataverse/index.js'
import type { DataverseTable } from '../../../src/records/bridgeTypes.js'
import type { RecordsByEntity } from '../../../src/records/types.js'
import { catchLeadkitError } from '../../support/errors.js'
import {
  ACCOUNT,
  ACCOUNT_ID,
  CONTACT,
  CONTACT_ID,
  CREATED,
  CURRENCIES,
  LEAD,
  LEAD_ID,
  NOTE,
  NOTE_ID,
  OPPORTUNITY,
  USD_ID,
  USER_ID,
} from './fixtures.js'

describe('toWebApiCreate', () => {
  it('binds lookups through their navigation properties and sends option sets as integers', () => {
    expect(toWebApiCreate(LEAD, 'lead', { currencyIds: CURRENCIES })).toEqual({
      leadid: LEAD_ID,
      'ownerid@odata.bind': `/systemusers(${USER_ID})`,
      subject: 'Coffee machines for 3 offices',
      firstname: 'Ana',
      lastname: 'Ruiz',
      companyname: 'Contoso Coffee',
      emailaddress1: 'ana@contoso.example',
      telephone1: '+1 425 555 0100',
      address1_line1: '1 Main St',
      address1_city: 'Seattle',
      address1_postalcode: '98101',
      leadsourcecode: 8,
      budgetamount: 25000,
      purchasetimeframe: 1,
      'parentaccountid@odata.bind': `/accounts(${ACCOUNT_ID})`,
      'transactioncurrencyid@odata.bind': `/transactioncurrencies(${USD_ID})`,
      statuscode: 1,
    })
  })

  it('leaves out the columns the platform owns and the initial statecode', () => {
    const body = toWebApiCreate(ACCOUNT, 'account')
    for (const column of ['createdon', 'modifiedon', 'versionnumber', 'statecode']) {
      expect(body).not.toHaveProperty(column)
    }
    expect(body.accountid).toBe(ACCOUNT_ID)
  })

  // The polymorphic customer lookup, as in "Associate table rows on create":
  // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/associate-disassociate-entities-using-web-api
  it("binds a contact's account through parentcustomerid_account", () => {
    expect(toWebApiCreate(CONTACT, 'contact')).toMatchObject({
      contactid: CONTACT_ID,
      'parentcustomerid_account@odata.bind': `/accounts(${ACCOUNT_ID})`,
    })
    expect(toWebApiCreate(CONTACT, 'contact')).not.toHaveProperty('parentcustomerid')
  })

  it("binds an opportunity's account, contact, originating lead and currency", () => {
    expect(toWebApiCreate(OPPORTUNITY, 'opportunity', { currencyIds: CURRENCIES })).toMatchObject({
      name: 'Coffee machines',
      'parentaccountid@odata.bind': `/accounts(${ACCOUNT_ID})`,
      'parentcontactid@odata.bind': `/contacts(${CONTACT_ID})`,
      'originatingleadid@odata.bind': `/leads(${LEAD_ID})`,
      'transactioncurrencyid@odata.bind': `/transactioncurrencies(${USD_ID})`,
      estimatedvalue: 12000,
      estimatedclosedate: '2026-06-30',
    })
  })

  it("binds a note to its regarding record through objectid_<table> and writes its lists as JSON text", () => {
    const note = { ...NOTE, visibleOn: [{ entity: 'opportunity' as const, id: 'x' }] }
    expect(toWebApiCreate(note, 'note')).toEqual({
      annotationid: NOTE_ID,
      'objectid_lead@odata.bind': `/leads(${LEAD_ID})`,
      leadkit_visibleon: '[{"entity":"opportunity","id":"x"}]',
      subject: 'Research',
      notetext: 'Current vendor contract ends in June.',
      leadkit_attachments: '[]',
    })
  })

  it('binds the owner as a team when asked', () => {
    expect(toWebApiCreate(ACCOUNT_WITH_OWNER, 'account', { ownerEntitySet: 'teams' })['ownerid@odata.bind']).toBe(
      `/teams(${USER_ID})`,
    )
  })

  it('refuses an id that is not a GUID, naming the field', () => {
    const error = catchLeadkitError(() => toWebApiCreate({ ...CONTACT, accountId: 'acc-7' }, 'contact'))
    expect(error.code).toBe('invalid_format')
    expect(error.path).toEqual(['accountId'])
    expect(error.message).toContain('GUID')
    expect(catchLeadkitError(() => toWebApiCreate({ ...ACCOUNT, id: 'acc-7' }, 'account')).path).toEqual(['id'])
  })

  it('refuses a currency it has no transactioncurrencyid for', () => {
    const error = catchLeadkitError(() => toWebApiCreate(LEAD, 'lead'))
    expect(error.code).toBe('invalid_value')
    expect(error.path).toEqual(['currency'])
    expect(error.message).toContain('currencyIds.USD')
  })

  it('refuses a record not in its initial state, an unknown table and an extra key over a column', () => {
    expect(catchLeadkitError(() => toWebApiCreate({ ...ACCOUNT, state: 'inactive' }, 'account')).code).toBe(
      'invalid_combination',
    )
    expect(catchLeadkitError(() => toWebApiCreate(ACCOUNT, 'invoice' as DataverseTable)).path).toEqual(['table'])
    const extra = catchLeadkitError(() => toWebApiCreate({ ...ACCOUNT, extra: { name: 'x' } }, 'account'))
    expect([extra.code, extra.path]).toEqual(['invalid_combination', ['extra', 'name']])
  })

  it('sends extra keys as columns and never changes its input', () => {
    const account = structuredClone({ ...ACCOUNT, extra: { new_tier: 2 } })
    const copy = structuredClone(account)
    expect(toWebApiCreate(account, 'account').new_tier).toBe(2)
    expect(account).toEqual(copy)
    expect(Object.isFrozen(toWebApiCreate(account, 'account'))).toBe(true)
  })
})

const ACCOUNT_WITH_OWNER = { ...ACCOUNT, ownerId: USER_ID }

describe('toWebApiUpdate', () => {
  it('sends only the changed columns', () => {
    const after = { ...LEAD, jobTitle: 'Office manager', leadSource: 'partner' as const, budgetAmount: 25000 }
    expect(toWebApiUpdate(LEAD, after, 'lead', { currencyIds: CURRENCIES })).toEqual({
      jobtitle: 'Office manager',
      leadsourcecode: 4,
    })
  })

  it('clears a removed value with null and disassociates a removed lookup with a null binding', () => {
    const { existingAccountId: _account, email: _email, ...after } = LEAD
    expect(toWebApiUpdate(LEAD, after, 'lead', { currencyIds: CURRENCIES })).toEqual({
      emailaddress1: null,
      'parentaccountid@odata.bind': null,
    })
  })

  it('rebinds a polymorphic lookup without clearing the old navigation property', () => {
    const moved = { ...NOTE, regarding: { entity: 'account' as const, id: ACCOUNT_ID } }
    expect(toWebApiUpdate(NOTE, moved, 'note')).toEqual({ 'objectid_account@odata.bind': `/accounts(${ACCOUNT_ID})` })
  })

  it('gives {} when nothing changed and refuses two different records', () => {
    expect(toWebApiUpdate(ACCOUNT, { ...ACCOUNT, version: 9 }, 'account')).toEqual({})
    const error = catchLeadkitError(() => toWebApiUpdate(ACCOUNT, { ...ACCOUNT, id: CONTACT_ID }, 'account'))
    expect([error.code, error.path]).toEqual(['invalid_combination', ['id']])
  })
})

// Rows as the Web API returns them with Prefer: odata.include-annotations="*": lookups as _<column>_value with their
// FormattedValue, associatednavigationproperty and lookuplogicalname annotations, as shown in "Lookup property data"
// https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/select-columns#lookup-property-data
// and "Formatted values" (same page).
const CONTACT_ROW = {
  '@odata.context': 'https://contoso.crm.dynamics.com/api/data/v9.2/$metadata#contacts/$entity',
  '@odata.etag': 'W/"3150291"',
  contactid: CONTACT_ID,
  firstname: 'Ana',
  lastname: 'Ruiz',
  fullname: 'Ana Ruiz',
  emailaddress1: 'ana@contoso.example',
  createdon: CREATED,
  modifiedon: CREATED,
  statecode: 0,
  'statecode@OData.Community.Display.V1.FormattedValue': 'Active',
  statuscode: 1,
  _parentcustomerid_value: ACCOUNT_ID,
  '_parentcustomerid_value@OData.Community.Display.V1.FormattedValue': 'Contoso Coffee',
  '_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty': 'parentcustomerid_account',
  '_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
  _ownerid_value: USER_ID,
  '_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'systemuser',
  _createdby_value: USER_ID,
  address1_city: null,
  new_tier: 2,
}

describe('fromWebApiRow', () => {
  it('reads lookups from _x_value, the version from the ETag, and reports what it does not map', () => {
    const { record, etag, formattedValues, unknownColumns } = fromWebApiRow(CONTACT_ROW, 'contact')
    expect(record).toEqual({
      id: CONTACT_ID,
      createdOn: CREATED,
      modifiedOn: CREATED,
      version: 3150291,
      ownerId: USER_ID,
      firstName: 'Ana',
      lastName: 'Ruiz',
      email: 'ana@contoso.example',
      accountId: ACCOUNT_ID,
      state: 'active',
    })
    expect(etag).toBe('W/"3150291"')
    expect(formattedValues).toEqual({ statecode: 'Active', _parentcustomerid_value: 'Contoso Coffee' })
    expect(unknownColumns).toEqual({ fullname: 'Ana Ruiz', statuscode: 1, _createdby_value: USER_ID, new_tier: 2 })
    expect(record.extra).toBeUndefined()
  })

  it('keeps the custom columns it is told to under extra', () => {
    const { record, unknownColumns } = fromWebApiRow(CONTACT_ROW, 'contact', { extraColumns: ['new_tier'] })
    expect(record.extra).toEqual({ new_tier: 2 })
    expect(unknownColumns).not.toHaveProperty('new_tier')
  })

  it("reports a contact's parent customer that is a contact instead of reading it as an account", () => {
    const row = {
      ...CONTACT_ROW,
      _parentcustomerid_value: LEAD_ID,
      '_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'contact',
    }
    const { record, unknownColumns } = fromWebApiRow(row, 'contact')
    expect(record.accountId).toBeUndefined()
    expect(unknownColumns._parentcustomerid_value).toBe(LEAD_ID)
  })

  it("reads a note's regarding record from the lookuplogicalname annotation", () => {
    const row = {
      '@odata.etag': 'W/"77"',
      annotationid: NOTE_ID,
      subject: 'Research',
      notetext: 'Current vendor contract ends in June.',
      createdon: CREATED,
      modifiedon: CREATED,
      versionnumber: 77,
      objecttypecode: 'lead',
      _objectid_value: LEAD_ID,
      '_objectid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'lead',
      leadkit_attachments: '[]',
    }
    expect(fromWebApiRow(row, 'note').record).toEqual({ ...NOTE, version: 77 })
    const { '_objectid_value@Microsoft.Dynamics.CRM.lookuplogicalname': _name, objecttypecode: _type, ...bare } = row
    const error = catchLeadkitError(() => fromWebApiRow(bare, 'note'))
    expect(error.code).toBe('required')
    expect(error.message).toContain('odata.include-annotations')
  })

  it('reads the currency back to its ISO code, and reports one it does not know', () => {
    const row = { ...toRow(LEAD), _transactioncurrencyid_value: USD_ID }
    expect(fromWebApiRow(row, 'lead', { currencyIds: CURRENCIES }).record.currency).toBe('USD')
    expect(fromWebApiRow(row, 'lead').unknownColumns._transactioncurrencyid_value).toBe(USD_ID)
  })

  it('gives back what toWebApiCreate wrote (record → row → record)', () => {
    const cases: [DataverseTable, RecordsByEntity[DataverseTable]][] = [
      ['lead', LEAD],
      ['account', ACCOUNT_WITH_OWNER],
      ['contact', CONTACT],
      ['opportunity', OPPORTUNITY],
      ['note', { ...NOTE, visibleOn: [{ entity: 'opportunity', id: ACCOUNT_ID }] }],
    ]
    for (const [table, record] of cases) {
      const row = echo(toWebApiCreate(record, table, { currencyIds: CURRENCIES }), record)
      expect(fromWebApiRow(row, table, { currencyIds: CURRENCIES }).record).toEqual(record)
    }
  })

  it('reports bad rows with the logical column in the path', () => {
    expect(catchLeadkitError(() => fromWebApiRow([], 'lead')).code).toBe('invalid_type')
    const error = catchLeadkitError(() => fromWebApiRow({ ...toRow(LEAD), statuscode: 99 }, 'lead'))
    expect(error.path).toEqual(['statuscode'])
    const json = catchLeadkitError(() => fromWebApiRow({ ...toRow(NOTE), leadkit_attachments: '[' }, 'note'))
    expect([json.code, json.path]).toEqual(['invalid_format', ['leadkit_attachments']])
  })
})

/** What Dataverse would return for a row leadkit created: bindings become _x_value with their logical names. */
function echo(
  body: Readonly<Record<string, unknown>>,
  record: { version: number; createdOn: string; modifiedOn: string },
): Record<string, unknown> {
  const row: Record<string, unknown> = { createdon: record.createdOn, modifiedon: record.modifiedOn }
  row['@odata.etag'] = `W/"${record.version}"`
  for (const [key, value] of Object.entries(body)) {
    const bind = /^(.+)@odata\.bind$/.exec(key)?.[1]
    if (bind === undefined) {
      row[key] = value
      continue
    }
    const [, set, id] = /^\/([a-z_]+)\((.+)\)$/.exec(String(value)) ?? []
    const logical = { accounts: 'account', contacts: 'contact', leads: 'lead', opportunities: 'opportunity' }[set ?? '']
    const column = bind.replace(/_(account|contact|lead|opportunity)$/, '')
    row[`_${column}_value`] = id
    if (logical !== undefined) row[`_${column}_value@Microsoft.Dynamics.CRM.lookuplogicalname`] = logical
  }
  return row
}

function toRow(record: RecordsByEntity['lead' | 'note']): Record<string, unknown> {
  const table = 'regarding' in record ? 'note' : 'lead'
  return echo(toWebApiCreate(record, table, { currencyIds: CURRENCIES }), record)
}
