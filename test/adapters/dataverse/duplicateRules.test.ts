import { describe, expect, it } from 'vitest'
import { fromDuplicateRuleRows, toDuplicateRuleRows } from '../../../src/adapters/dataverse/index.js'
import { findDuplicates } from '../../../src/duplicates/findDuplicates.js'
import { isParsedRule } from '../../../src/duplicates/internal/parsedRule.js'
import { parseDuplicateRule, parseDuplicateRules } from '../../../src/duplicates/parseDuplicateRule.js'
import type { Lead } from '../../../src/records/types.js'
import { catchLeadkitError } from '../../support/errors.js'
import { CREATED } from './fixtures.js'

// Rows as GET duplicaterules / GET duplicateruleconditions return them; columns as in the table references
// https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/duplicaterule and
// .../entities/duplicaterulecondition (operatorcode: 0 Exact Match, 1 Same First Characters, 2 Same Last
// Characters, 3 Same Date, 4 Same Date and Time, 5 Exact Match (Pick List Label), 6 Exact Match (Pick List Value);
// statuscode: 0 Unpublished, 1 Publishing, 2 Published). The first is the out-of-the-box "Leads with the same
// e-mail address" rule.
const SAME_EMAIL = 'e1b7a5a4-2f0d-4c41-9b1a-5a1e0d3c2b11'
const NAME_AND_CITY = 'f2c8b6b5-3a1e-4d52-8c2b-6b2f1e4d3c22'
const LEAD_TO_CONTACT = 'a3d9c7c6-4b2f-4e63-9d3c-7c3a2f5e4d33'

const RULES = [
  {
    '@odata.etag': 'W/"1180911"',
    duplicateruleid: SAME_EMAIL,
    name: 'Leads with the same e-mail address',
    baseentityname: 'lead',
    matchingentityname: 'lead',
    iscasesensitive: false,
    excludeinactiverecords: false,
    statecode: 1,
    statuscode: 2,
  },
  {
    duplicateruleid: NAME_AND_CITY,
    name: 'Leads with similar last name in the same city',
    baseentityname: 'lead',
    matchingentityname: 'lead',
    iscasesensitive: true,
    excludeinactiverecords: true,
    statecode: 0,
    statuscode: 0,
  },
  {
    duplicateruleid: LEAD_TO_CONTACT,
    name: 'Leads with the e-mail address of a contact',
    baseentityname: 'lead',
    matchingentityname: 'contact',
    iscasesensitive: false,
    excludeinactiverecords: true,
    statecode: 1,
    statuscode: 2,
  },
]

const CONDITIONS = [
  {
    duplicateruleconditionid: '11111111-0000-4000-8000-000000000001',
    baseattributename: 'emailaddress1',
    matchingattributename: 'emailaddress1',
    operatorcode: 0,
    'operatorcode@OData.Community.Display.V1.FormattedValue': 'Exact Match',
    operatorparam: null,
    ignoreblankvalues: false,
    _regardingobjectid_value: SAME_EMAIL,
  },
  {
    duplicateruleconditionid: '11111111-0000-4000-8000-000000000002',
    baseattributename: 'lastname',
    matchingattributename: 'lastname',
    operatorcode: 1,
    operatorparam: 4,
    ignoreblankvalues: true,
    _regardingobjectid_value: NAME_AND_CITY,
  },
  {
    duplicateruleconditionid: '11111111-0000-4000-8000-000000000003',
    baseattributename: 'address1_city',
    matchingattributename: 'address1_city',
    operatorcode: 0,
    ignoreblankvalues: false,
    _regardingobjectid_value: NAME_AND_CITY,
  },
  {
    duplicateruleconditionid: '11111111-0000-4000-8000-000000000004',
    baseattributename: 'emailaddress1',
    matchingattributename: 'emailaddress1',
    operatorcode: 0,
    ignoreblankvalues: true,
    _regardingobjectid_value: LEAD_TO_CONTACT.toUpperCase(),
  },
]

describe('fromDuplicateRuleRows', () => {
  it('reads tables, operators, flags and published state into leadkit rules', () => {
    const rules = fromDuplicateRuleRows(RULES, CONDITIONS)
    expect(rules).toEqual([
      {
        kind: 'matchcode',
        name: 'Leads with the same e-mail address',
        baseEntity: 'lead',
        matchingEntity: 'lead',
        // A single condition always ignores blanks in Dataverse.
        conditions: [{ baseField: 'email', matchingField: 'email', operator: 'exact', ignoreBlankValues: true }],
        caseSensitive: false,
        excludeInactiveMatchingRecords: false,
        published: true,
      },
      {
        kind: 'matchcode',
        name: 'Leads with similar last name in the same city',
        baseEntity: 'lead',
        matchingEntity: 'lead',
        conditions: [
          {
            baseField: 'lastName',
            matchingField: 'lastName',
            operator: 'same-first-characters',
            characters: 4,
            ignoreBlankValues: true,
          },
          { baseField: 'address.city', matchingField: 'address.city', operator: 'exact', ignoreBlankValues: false },
        ],
        caseSensitive: true,
        excludeInactiveMatchingRecords: true,
        published: false,
      },
      {
        kind: 'matchcode',
        name: 'Leads with the e-mail address of a contact',
        baseEntity: 'lead',
        matchingEntity: 'contact',
        conditions: [{ baseField: 'email', matchingField: 'email', operator: 'exact', ignoreBlankValues: true }],
        caseSensitive: false,
        excludeInactiveMatchingRecords: true,
        published: true,
      },
    ])
  })

  it('gives the rules parseDuplicateRules gives, marked as parsed', () => {
    const rules = fromDuplicateRuleRows(RULES, CONDITIONS)
    expect(rules).toEqual(parseDuplicateRules(rules.map((rule) => ({ ...rule }))))
    expect(rules.every((rule) => isParsedRule(rule) && Object.isFrozen(rule.conditions[0]))).toBe(true)
  })

  it('gives rules the engine runs as the organisation would', () => {
    const [sameEmail] = fromDuplicateRuleRows(RULES.slice(0, 1), CONDITIONS.slice(0, 1))
    const lead = (id: string, email?: string): Lead => ({
      id, version: 1, createdOn: CREATED, modifiedOn: CREATED, lastName: 'Ruiz', state: 'open', statusReason: 'new',
      ...(email === undefined ? {} : { email }),
    })
    const candidates = [lead('b', 'ana@contoso.example'), lead('c')]
    const matches = findDuplicates(lead('a', 'ana@contoso.example'), candidates, [sameEmail!])
    expect(matches.map((match) => match.record.id)).toEqual(['b'])
  })

  it('reads custom columns as extra.<column> and operator 5 as a pick-list match', () => {
    const vat = { baseattributename: 'new_vatnumber', matchingattributename: 'new_vatnumber', operatorcode: 5 }
    const [rule] = fromDuplicateRuleRows([RULES[0]], [{ ...CONDITIONS[0], ...vat }])
    expect(rule?.conditions[0]).toMatchObject({ baseField: 'extra.new_vatnumber', operator: 'picklist-exact' })
  })

  it('names the row of an unsupported operator, table or attribute', () => {
    const badOperator = CONDITIONS.map((c, i) => (i === 2 ? { ...c, operatorcode: 9 } : c))
    const operator = catchLeadkitError(() => fromDuplicateRuleRows(RULES, badOperator))
    expect([operator.code, operator.path]).toEqual(['invalid_rule', ['duplicateruleconditions', 2, 'operatorcode']])
    expect(operator.message).toContain('11111111-0000-4000-8000-000000000003')
    expect(operator.message).toContain('Leads with similar last name in the same city')
    const incident = [{ ...RULES[0], matchingentityname: 'incident' }]
    const table = catchLeadkitError(() => fromDuplicateRuleRows(incident, CONDITIONS.slice(0, 1)))
    expect([table.code, table.path]).toEqual(['invalid_rule', ['duplicaterules', 0, 'matchingentityname']])
    expect(table.message).toContain(SAME_EMAIL)
    const attribute = catchLeadkitError(() =>
      fromDuplicateRuleRows(RULES.slice(0, 1), [{ ...CONDITIONS[0], baseattributename: 'EMail Address' }]),
    )
    expect(attribute.path).toEqual(['duplicateruleconditions', 0, 'baseattributename'])
  })

  it('refuses a rule without conditions, a condition without its rule, and too many published rules', () => {
    expect(catchLeadkitError(() => fromDuplicateRuleRows(RULES.slice(0, 1), [])).path).toEqual(['duplicaterules', 0])
    expect(catchLeadkitError(() => fromDuplicateRuleRows(RULES.slice(0, 1), CONDITIONS.slice(0, 2))).path).toEqual([
      'duplicateruleconditions',
      1,
    ])
    const six = Array.from({ length: 6 }, (_, i) => ({ ...RULES[0], duplicateruleid: `r${i}`, name: `Rule ${i}` }))
    const conditions = six.map((rule) => ({ ...CONDITIONS[0], _regardingobjectid_value: rule.duplicateruleid }))
    expect(catchLeadkitError(() => fromDuplicateRuleRows(six, conditions)).path).toEqual(['duplicaterules', 5])
    expect(catchLeadkitError(() => fromDuplicateRuleRows({} as never, [])).code).toBe('invalid_type')
  })
})

describe('toDuplicateRuleRows', () => {
  const ids = () => {
    let n = 0
    return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`
  }

  it('writes rules as duplicaterule and duplicaterulecondition create bodies, and publishes the published ones', () => {
    const rules = fromDuplicateRuleRows(RULES, CONDITIONS)
    const rows = toDuplicateRuleRows(rules, { newId: ids() })
    expect(rows.rules[1]).toEqual({
      duplicateruleid: '00000000-0000-4000-8000-000000000003',
      name: 'Leads with similar last name in the same city',
      baseentityname: 'lead',
      matchingentityname: 'lead',
      iscasesensitive: true,
      excludeinactiverecords: true,
    })
    expect(rows.conditions.slice(1, 3)).toEqual([
      {
        duplicateruleconditionid: '00000000-0000-4000-8000-000000000004',
        baseattributename: 'lastname',
        matchingattributename: 'lastname',
        operatorcode: 1,
        operatorparam: 4,
        ignoreblankvalues: true,
        'regardingobjectid@odata.bind': '/duplicaterules(00000000-0000-4000-8000-000000000003)',
      },
      {
        duplicateruleconditionid: '00000000-0000-4000-8000-000000000005',
        baseattributename: 'address1_city',
        matchingattributename: 'address1_city',
        operatorcode: 0,
        ignoreblankvalues: false,
        'regardingobjectid@odata.bind': '/duplicaterules(00000000-0000-4000-8000-000000000003)',
      },
    ])
    expect(rows.publish).toEqual([
      'duplicaterules(00000000-0000-4000-8000-000000000001)/Microsoft.Dynamics.CRM.PublishDuplicateRule',
      'duplicaterules(00000000-0000-4000-8000-000000000006)/Microsoft.Dynamics.CRM.PublishDuplicateRule',
    ])
  })

  it('round-trips: rules → rows → rules loses nothing', () => {
    const rules = fromDuplicateRuleRows(RULES, CONDITIONS)
    const rows = toDuplicateRuleRows(rules, { newId: ids() })
    // What Dataverse holds after the creates and the publish actions.
    const published = new Set(rows.publish.map((url) => /\(([^)]+)\)/.exec(url)?.[1]))
    const stored = rows.rules.map((row) => ({
      ...row,
      statuscode: published.has(row.duplicateruleid as string) ? 2 : 0,
    }))
    expect(fromDuplicateRuleRows(stored, rows.conditions)).toEqual(rules)
  })

  it('refuses rules Dataverse cannot hold, naming the rule', () => {
    const keyed = parseDuplicateRule({
      kind: 'keyed',
      name: 'Same phone',
      baseEntity: 'lead',
      baseFields: ['businessPhone'],
      matchingFields: ['businessPhone'],
      normalizer: 'phone',
      method: 'e164',
    })
    const error = catchLeadkitError(() => toDuplicateRuleRows([keyed], { newId: ids() }))
    expect([error.code, error.path]).toEqual(['invalid_rule', [0]])
    const conditions = [{ baseField: 'extra.a.b', operator: 'exact' }]
    const deep = parseDuplicateRule({ name: 'Deep', baseEntity: 'lead', conditions })
    const path = [0, 'conditions', 0, 'baseField']
    expect(catchLeadkitError(() => toDuplicateRuleRows([deep], { newId: ids() })).path).toEqual(path)
    expect(catchLeadkitError(() => toDuplicateRuleRows([deep], { newId: () => 'r1' })).code).toBe('invalid_format')
  })

  it('makes GUIDs with crypto.randomUUID by default', () => {
    const rows = toDuplicateRuleRows(fromDuplicateRuleRows(RULES.slice(0, 1), CONDITIONS.slice(0, 1)))
    const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    expect(rows.rules[0]?.duplicateruleid).toMatch(uuidV4)
  })
})
