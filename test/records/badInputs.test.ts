import { describe, expect, it } from 'vitest'
import type { IssuePath, LeadkitErrorCode, SafeParseResult } from '../../src/errors.js'
import { LeadkitError } from '../../src/errors.js'
import { fromDataverse } from '../../src/records/fromDataverse.js'
import { parseAccount, safeParseAccount } from '../../src/records/parseAccount.js'
import { parseContact, safeParseContact } from '../../src/records/parseContact.js'
import { parseLead, safeParseLead } from '../../src/records/parseLead.js'
import { parseNote, safeParseNote } from '../../src/records/parseNote.js'
import { parseOpportunity, safeParseOpportunity } from '../../src/records/parseOpportunity.js'
import { safeParseTimelineEntry } from '../../src/records/parseTimelineEntry.js'
import { MINIMAL_LEAD } from '../support/records-arbitraries.js'

const BASE = MINIMAL_LEAD
const ACCOUNT = { ...BASE, name: 'Contoso' }
const CONTACT = { ...BASE, lastName: 'Lovelace' }
const OPPORTUNITY = { ...BASE, topic: 'Renewal' }
const NOTE = { ...BASE, regarding: { entity: 'lead', id: 'lead-1' } }
const ENTRY = { ...BASE, regarding: { entity: 'lead', id: 'lead-1' }, kind: 'summary', title: 'Summary', body: 'Hot' }
const ROW = { leadid: 'lead-1', createdon: '2026-03-01T09:30:00Z', modifiedon: '2026-03-01T09:30:00Z', versionnumber: 1 }
const NOTE_ROW = { annotationid: 'n1', createdon: '2026-03-01T09:30:00Z', modifiedon: '2026-03-01T09:30:00Z', versionnumber: 1 }

const safeFromDataverse = (table: 'lead' | 'note') => (input: unknown) => {
  try {
    return { success: true, value: fromDataverse(input, table) } as const
  } catch (error) {
    if (error instanceof LeadkitError) return { success: false, issues: error.issues, error } as const
    throw error
  }
}

type Parser = (input: unknown) => SafeParseResult<unknown>
const lead: Parser = (input) => safeParseLead(input)

/** `JSON.parse` creates a real own `__proto__` key, as a request body would. */
const json = (text: string): unknown => JSON.parse(text)

const BAD: readonly (readonly [string, Parser, unknown, LeadkitErrorCode, IssuePath])[] = [
  // Lead: types and formats
  ['lead firstName is a number', lead, { ...BASE, firstName: 42 }, 'invalid_type', ['firstName']],
  ['lead email without @', lead, { ...BASE, email: 'ada.example.com' }, 'invalid_format', ['email']],
  ['lead email without a domain suffix', lead, { ...BASE, email: 'ada@example' }, 'invalid_format', ['email']],
  ['lead email of 101 characters', lead, { ...BASE, email: `${'e'.repeat(89)}@example.com` }, 'too_long', ['email']],
  ['lead firstName of 51 characters', lead, { ...BASE, firstName: 'a'.repeat(51) }, 'too_long', ['firstName']],
  ['lead lastName of 51 characters', lead, { ...BASE, lastName: 'a'.repeat(51) }, 'too_long', ['lastName']],
  ['lead topic of 301 characters', lead, { ...BASE, topic: 't'.repeat(301) }, 'too_long', ['topic']],
  ['lead companyName of 101 characters', lead, { ...BASE, companyName: 'c'.repeat(101) }, 'too_long', ['companyName']],
  ['lead mobilePhone of 21 characters', lead, { ...BASE, mobilePhone: '1'.repeat(21) }, 'too_long', ['mobilePhone']],
  ['lead website of 201 characters', lead, { ...BASE, website: 'w'.repeat(201) }, 'too_long', ['website']],
  ['lead description of 2001 characters', lead, { ...BASE, description: 'd'.repeat(2001) }, 'too_long', ['description']],
  ['lead address.city of 81 characters', lead, { ...BASE, address: { city: 'c'.repeat(81) } }, 'too_long', ['address', 'city']],
  ['lead address.postalCode of 21', lead, { ...BASE, address: { postalCode: 'p'.repeat(21) } }, 'too_long', ['address', 'postalCode']],
  ['lead address.street3 of 251', lead, { ...BASE, address: { street3: 's'.repeat(251) } }, 'too_long', ['address', 'street3']],
  ['lead address is a string', lead, { ...BASE, address: '1 Main St' }, 'invalid_type', ['address']],
  ['lead address has an unknown key', lead, { ...BASE, address: { town: 'Leeds' } }, 'invalid_value', ['address', 'town']],
  // Lead: option sets, state and status reason
  ['lead unknown state', lead, { ...BASE, state: 'closed' }, 'invalid_value', ['state']],
  ['lead unknown status reason', lead, { ...BASE, statusReason: 'won' }, 'invalid_value', ['statusReason']],
  ['lead Open with Qualified', lead, { ...BASE, state: 'open', statusReason: 'qualified' }, 'invalid_combination', ['statusReason']],
  ['lead Qualified with Lost', lead, { ...BASE, state: 'qualified', statusReason: 'lost' }, 'invalid_combination', ['statusReason']],
  ['lead Disqualified with New', lead, { ...BASE, state: 'disqualified', statusReason: 'new' }, 'invalid_combination', ['statusReason']],
  ['lead state given as a code', lead, { ...BASE, state: 0 }, 'invalid_type', ['state']],
  ['lead unknown lead source', lead, { ...BASE, leadSource: 'radio' }, 'invalid_value', ['leadSource']],
  ['lead unknown industry', lead, { ...BASE, industry: 'mining' }, 'invalid_value', ['industry']],
  ['lead unknown purchase timeframe', lead, { ...BASE, purchaseTimeframe: 'soon' }, 'invalid_value', ['purchaseTimeframe']],
  ['lead unknown process status', lead, { ...BASE, processStatus: 'paused' }, 'invalid_value', ['processStatus']],
  // Lead: instants, version, id, numbers
  ['lead createdOn is a date only', lead, { ...BASE, createdOn: '2026-03-01' }, 'invalid_format', ['createdOn']],
  ['lead createdOn without a zone', lead, { ...BASE, createdOn: '2026-03-01T09:30:00' }, 'invalid_format', ['createdOn']],
  ['lead modifiedOn on 30 February', lead, { ...BASE, modifiedOn: '2026-02-30T10:00:00Z' }, 'invalid_format', ['modifiedOn']],
  ['lead createdOn missing', lead, { ...BASE, createdOn: undefined }, 'required', ['createdOn']],
  ['lead closedOn is prose', lead, { ...BASE, closedOn: 'yesterday' }, 'invalid_format', ['closedOn']],
  ['lead createdOn is a Date', lead, { ...BASE, createdOn: new Date(0) }, 'invalid_type', ['createdOn']],
  ['lead version 0', lead, { ...BASE, version: 0 }, 'invalid_value', ['version']],
  ['lead version 1.5', lead, { ...BASE, version: 1.5 }, 'invalid_value', ['version']],
  ['lead version as text (strict)', lead, { ...BASE, version: '1' }, 'invalid_type', ['version']],
  ['lead version missing', lead, { ...BASE, version: undefined }, 'required', ['version']],
  ['lead id blank', lead, { ...BASE, id: '   ' }, 'required', ['id']],
  ['lead id missing', lead, { ...BASE, id: undefined }, 'required', ['id']],
  ['lead negative budget', lead, { ...BASE, budgetAmount: -1 }, 'invalid_value', ['budgetAmount']],
  ['lead budget is Infinity', lead, { ...BASE, budgetAmount: Infinity }, 'invalid_type', ['budgetAmount']],
  ['lead 2.5 employees', lead, { ...BASE, numberOfEmployees: 2.5 }, 'invalid_value', ['numberOfEmployees']],
  ['lead negative employees', lead, { ...BASE, numberOfEmployees: -3 }, 'invalid_value', ['numberOfEmployees']],
  ['lead lower-case currency', lead, { ...BASE, currency: 'usd' }, 'invalid_format', ['currency']],
  ['lead currency of 4 letters', lead, { ...BASE, currency: 'EURO' }, 'invalid_format', ['currency']],
  ['lead decisionMaker "yes"', lead, { ...BASE, decisionMaker: 'yes' }, 'invalid_type', ['decisionMaker']],
  // Lead: prototype pollution and extra
  ['lead __proto__ key', lead, json(`{"id":"l","__proto__":{"admin":true}}`), 'forbidden_key', ['__proto__']],
  ['lead constructor key', lead, { ...BASE, constructor: { prototype: {} } }, 'forbidden_key', ['constructor']],
  ['lead __proto__ in address', lead, { ...BASE, address: json('{"__proto__":{}}') }, 'forbidden_key', ['address', '__proto__']],
  ['lead __proto__ deep in an unknown field', lead, { ...BASE, utm: json('{"a":{"__proto__":1}}') }, 'forbidden_key', ['utm', 'a', '__proto__']],
  ['lead constructor inside extra', lead, { ...BASE, extra: { nested: { constructor: 1 } } }, 'forbidden_key', ['extra', 'nested', 'constructor']],
  ['lead prototype key', lead, { ...BASE, prototype: 1 }, 'forbidden_key', ['prototype']],
  ['lead extra is a string', lead, { ...BASE, extra: 'x' }, 'invalid_type', ['extra']],
  ['lead extra holds a function', lead, { ...BASE, extra: { f: () => 1 } }, 'invalid_type', ['extra', 'f']],
  ['lead unknown field holds NaN', lead, { ...BASE, score: Number.NaN }, 'invalid_type', ['score']],
  ['lead field both top-level and in extra', lead, { ...BASE, utm: 'a', extra: { utm: 'b' } }, 'invalid_combination', ['utm']],
  // Lead: not an object
  ['lead input null', lead, null, 'required', []],
  ['lead input an array', lead, [BASE], 'invalid_type', []],
  ['lead input a Map', lead, new Map(), 'invalid_type', []],
  // Account
  ['account name missing', (i) => safeParseAccount(i), BASE, 'required', ['name']],
  ['account name of 161 characters', (i) => safeParseAccount(i), { ...ACCOUNT, name: 'n'.repeat(161) }, 'too_long', ['name']],
  ['account unknown state', (i) => safeParseAccount(i), { ...ACCOUNT, state: 'closed' }, 'invalid_value', ['state']],
  ['account phone of 51', (i) => safeParseAccount(i), { ...ACCOUNT, phone: '1'.repeat(51) }, 'too_long', ['phone']],
  ['account bad email', (i) => safeParseAccount(i), { ...ACCOUNT, email: 'info@' }, 'invalid_format', ['email']],
  // Contact
  ['contact lastName missing', (i) => safeParseContact(i), BASE, 'required', ['lastName']],
  ['contact email without dot', (i) => safeParseContact(i), { ...CONTACT, email: 'a@b' }, 'invalid_format', ['email']],
  ['contact jobTitle of 101', (i) => safeParseContact(i), { ...CONTACT, jobTitle: 'j'.repeat(101) }, 'too_long', ['jobTitle']],
  // Opportunity
  ['opportunity topic missing', (i) => safeParseOpportunity(i), BASE, 'required', ['topic']],
  ['opportunity month 13', (i) => safeParseOpportunity(i), { ...OPPORTUNITY, estimatedCloseDate: '2026-13-01' }, 'invalid_format', ['estimatedCloseDate']],
  ['opportunity close date is an instant', (i) => safeParseOpportunity(i), { ...OPPORTUNITY, estimatedCloseDate: '2026-06-30T00:00:00Z' }, 'invalid_format', ['estimatedCloseDate']],
  ['opportunity negative revenue', (i) => safeParseOpportunity(i), { ...OPPORTUNITY, estimatedRevenue: -5 }, 'invalid_value', ['estimatedRevenue']],
  ['opportunity unknown state', (i) => safeParseOpportunity(i), { ...OPPORTUNITY, state: 'pending' }, 'invalid_value', ['state']],
  // Note and timeline entry
  ['note regarding missing', (i) => safeParseNote(i), BASE, 'required', ['regarding']],
  ['note regarding unknown entity', (i) => safeParseNote(i), { ...NOTE, regarding: { entity: 'invoice', id: '1' } }, 'invalid_value', ['regarding', 'entity']],
  ['note regarding without id', (i) => safeParseNote(i), { ...NOTE, regarding: { entity: 'lead' } }, 'required', ['regarding', 'id']],
  ['note attachment of -1 bytes', (i) => safeParseNote(i), { ...NOTE, attachments: [{ id: 'a', fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: -1 }] }, 'invalid_value', ['attachments', 0, 'sizeBytes']],
  ['note attachment without a file name', (i) => safeParseNote(i), { ...NOTE, attachments: [{ id: 'a', mimeType: 'text/plain', sizeBytes: 1 }] }, 'required', ['attachments', 0, 'fileName']],
  ['note attachments is a string', (i) => safeParseNote(i), { ...NOTE, attachments: 'a.pdf' }, 'invalid_type', ['attachments']],
  ['note visibleOn has a bad entry', (i) => safeParseNote(i), { ...NOTE, visibleOn: [{ entity: 'opportunity', id: 'o1' }, 'o2'] }, 'invalid_type', ['visibleOn', 1]],
  ['timeline entry without a body', (i) => safeParseTimelineEntry(i), { ...ENTRY, body: '' }, 'required', ['body']],
  ['timeline entry data with __proto__', (i) => safeParseTimelineEntry(i), { ...ENTRY, data: json('[{"__proto__":1}]') }, 'forbidden_key', ['data', 0, '__proto__']],
  // Dataverse rows: paths are logical names
  ['row statuscode 9', safeFromDataverse('lead'), { ...ROW, statuscode: 9 }, 'invalid_value', ['statuscode']],
  ['row statecode 0 with statuscode 3', safeFromDataverse('lead'), { ...ROW, statecode: 0, statuscode: 3 }, 'invalid_combination', ['statuscode']],
  ['row statecode 3', safeFromDataverse('lead'), { ...ROW, statecode: 3 }, 'invalid_value', ['statecode']],
  ['row leadsourcecode as a name', safeFromDataverse('lead'), { ...ROW, leadsourcecode: 'web' }, 'invalid_type', ['leadsourcecode']],
  ['row industrycode 34', safeFromDataverse('lead'), { ...ROW, industrycode: 34 }, 'invalid_value', ['industrycode']],
  ['row budgetstatus 1.5', safeFromDataverse('lead'), { ...ROW, budgetstatus: 1.5 }, 'invalid_value', ['budgetstatus']],
  ['row address1_city of 81', safeFromDataverse('lead'), { ...ROW, address1_city: 'c'.repeat(81) }, 'too_long', ['address1_city']],
  ['row firstname of 51', safeFromDataverse('lead'), { ...ROW, firstname: 'f'.repeat(51) }, 'too_long', ['firstname']],
  ['row emailaddress1 malformed', safeFromDataverse('lead'), { ...ROW, emailaddress1: 'x' }, 'invalid_format', ['emailaddress1']],
  ['row versionnumber missing', safeFromDataverse('lead'), { ...ROW, versionnumber: null }, 'required', ['versionnumber']],
  ['row __proto__ column', safeFromDataverse('lead'), json(`{"leadid":"l","__proto__":1}`), 'forbidden_key', ['__proto__']],
  ['note row without objecttypecode', safeFromDataverse('note'), { ...NOTE_ROW, objectid: 'l1' }, 'required', ['objecttypecode']],
  ['note row without objectid', safeFromDataverse('note'), { ...NOTE_ROW, objecttypecode: 'lead' }, 'required', ['objectid']],
]

describe('every record parser rejects bad input with a stable code and the path of the field', () => {
  it('has a table of at least 30 bad inputs', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(30)
  })

  it.each(BAD)('%s', (_name, parse, input, code, path) => {
    const result = parse(input)
    expect(result.success).toBe(false)
    if (result.success) return
    // The issue for this field is there with this code, whatever else (other required fields) is also reported.
    expect(result.issues).toContainEqual(expect.objectContaining({ code, path }))
    const issue = result.issues.find((i) => i.code === code && JSON.stringify(i.path) === JSON.stringify(path))
    expect(issue?.message.length).toBeGreaterThan(10)
    expect(result.error).toBeInstanceOf(LeadkitError)
  })

  it('the throwing parsers throw the same error as their safe twins return', () => {
    expect(() => parseLead({ ...BASE, email: 'x' })).toThrow(LeadkitError)
    expect(() => parseAccount(BASE)).toThrow('name is required')
    expect(() => parseContact(BASE)).toThrow('lastName is required')
    expect(() => parseOpportunity(BASE)).toThrow('topic is required')
    expect(() => parseNote(BASE)).toThrow('regarding is required')
  })

  it('reports the first issue as the error code and path, and every issue in issues', () => {
    const result = safeParseLead({ ...BASE, firstName: 1, lastName: 2 })
    expect(result.success).toBe(false)
    if (result.success) return
    expect(result.error.code).toBe('invalid_type')
    expect(result.error.path).toEqual(['firstName'])
    expect(result.issues.map((i) => i.path)).toEqual([['firstName'], ['lastName']])
    expect(result.error.message).toBe('firstName must be a string (got number 1) (and 1 more issue)')
  })
})
