// Regression tests of issue 17 ("Integrity and security") for the record parsers and the Dataverse bridge: each
// `describe` names the defect it pins.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { SafeParseResult } from '../../src/errors.js'
import { fromDataverse } from '../../src/records/fromDataverse.js'
import type { LeadkitError } from '../../src/errors.js'
import { createMappingSet } from '../../src/mapping/createMappingSet.js'
import { parseAccount, safeParseAccount } from '../../src/records/parseAccount.js'
import { parseContact, safeParseContact } from '../../src/records/parseContact.js'
import { parseLead, safeParseLead } from '../../src/records/parseLead.js'
import { parseNote, safeParseNote } from '../../src/records/parseNote.js'
import { parseOpportunity, safeParseOpportunity } from '../../src/records/parseOpportunity.js'
import { parseTimelineEntry, safeParseTimelineEntry } from '../../src/records/parseTimelineEntry.js'
import { toDataverse } from '../../src/records/toDataverse.js'
import { checkScoringReadiness } from '../../src/scoring/checkScoringReadiness.js'
import { parseScoringModel } from '../../src/scoring/parseScoringModel.js'
import { parseQualificationSettings } from '../../src/settings/parseQualificationSettings.js'
import { MINIMAL_LEAD } from '../support/records-arbitraries.js'
import { catchLeadkitError } from '../support/errors.js'

/** A model as a host stores it: JSON, re-read with parseScoringModel. */
const storedModel = (): Record<string, unknown> => ({
  formatVersion: 2,
  id: 'm1',
  name: 'Model',
  published: true,
  trainedOn: '2026-06-01T00:00:00.000Z',
  seed: 1,
  trainingWindow: { months: 12, from: '2025-06-01T00:00:00.000Z', to: '2026-06-01T00:00:00.000Z' },
  conditions: [],
  attributes: [
    {
      name: 'decisionMaker',
      kind: 'boolean',
      ignoreEmptyValues: false,
      informationValue: 0.3,
      group: 0,
      values: [
        { value: 'yes', qualified: 30, disqualified: 10, weight: 0.8 },
        { value: 'no', qualified: 10, disqualified: 30, weight: -0.8 },
        { value: '(empty)', qualified: 0, disqualified: 0, weight: 0 },
      ],
    },
  ],
  interactions: [],
  rounds: { main: 40, interactions: 0 },
  intercept: 0,
  calibration: { method: 'platt', a: 1, b: 0 },
  holdoutAuc: 0.8,
  counts: { qualified: 50, disqualified: 50, training: 80, holdout: 20 },
})

const codesAndPaths = (result: SafeParseResult<unknown>) =>
  result.success ? [] : result.issues.map((issue) => [issue.code, issue.path])

describe('coerce turned "9007199254740993" into 9007199254740992 without a word', () => {
  const coerce = { coerce: true } as const

  it('refuses an integer text beyond Number.MAX_SAFE_INTEGER, at its path', () => {
    const error = catchLeadkitError(() => parseLead({ ...MINIMAL_LEAD, numberOfEmployees: '9007199254740993' }, coerce))
    expect(error).toMatchObject({ code: 'invalid_value', path: ['numberOfEmployees'] })
    expect(error.message).toContain('9007199254740993')
    expect(error.message).toContain('exactly')
    // 2^53 itself round-trips as text but is not a safe integer: 2^53 + 1 reads as the same number.
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, version: '9007199254740992' }, coerce)),
    ).toEqual([['invalid_value', ['version']]])
  })

  it('accepts the largest safe integer and its negative', () => {
    expect(parseLead({ ...MINIMAL_LEAD, version: '9007199254740991' }, coerce).version).toBe(9007199254740991)
    expect(
      parseLead({ ...MINIMAL_LEAD, budgetAmount: '9007199254740991.0' }, coerce).budgetAmount,
    ).toBe(9007199254740991)
  })

  it('refuses a decimal whose digits do not survive the conversion, and accepts one that does', () => {
    // 0.1 + 0.2 printed in full is 0.30000000000000004; one more digit is beyond what a double holds.
    expect(
      parseLead({ ...MINIMAL_LEAD, budgetAmount: '0.30000000000000004' }, coerce).budgetAmount,
    ).toBe(0.30000000000000004)
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, budgetAmount: '0.300000000000000044' }, coerce)),
    ).toEqual([['invalid_value', ['budgetAmount']]])
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, budgetAmount: '12345678901234567.5' }, coerce)),
    ).toEqual([['invalid_value', ['budgetAmount']]])
  })

  it('ignores leading zeros, trailing zeros of a fraction, surrounding blanks and the sign of zero', () => {
    const lead = parseLead(
      { ...MINIMAL_LEAD, version: ' 007 ', budgetAmount: '2500.7500', numberOfEmployees: '-0' },
      coerce,
    )
    expect(lead).toMatchObject({ version: 7, budgetAmount: 2500.75, numberOfEmployees: 0 })
    expect(Object.is(lead.numberOfEmployees, -0)).toBe(false)
    expect(parseLead({ ...MINIMAL_LEAD, budgetAmount: '0.0000001' }, coerce).budgetAmount).toBe(1e-7)
    // A fraction of zeros is a whole number, so the safe-integer rule applies even where the double would be exact.
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, budgetAmount: '100000000000000000000.00' }, coerce)),
    ).toEqual([['invalid_value', ['budgetAmount']]])
  })

  it('reads every number as it prints back, and refuses every whole number beyond the safe range (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e15, noNaN: true }), (x) => {
        const text = String(x)
        fc.pre(!text.includes('e'))
        expect(parseLead({ ...MINIMAL_LEAD, budgetAmount: text }, coerce).budgetAmount).toBe(x + 0)
      }),
    )
    fc.assert(
      fc.property(fc.bigInt({ min: 2n ** 53n, max: 2n ** 80n }), (n) => {
        expect(safeParseLead({ ...MINIMAL_LEAD, numberOfEmployees: String(n) }, coerce).success).toBe(false)
      }),
    )
  })

  it('refuses the same loss in a Dataverse CSV export', () => {
    const row = {
      leadid: 'l1',
      createdon: '2026-03-01T09:30:00Z',
      modifiedon: '2026-03-01T09:30:00Z',
      versionnumber: '18014398509481985',
    }
    expect(
      catchLeadkitError(() => fromDataverse(row, 'lead', coerce)),
    ).toMatchObject({ code: 'invalid_value', path: ['versionnumber'] })
  })

  it('refuses a whole-number field holding a number beyond the safe range even without coerce', () => {
    // JSON.parse has already rounded such a number: leadkit cannot know what was sent, so it does not guess.
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, version: 2 ** 60 })),
    ).toEqual([['invalid_value', ['version']]])
  })
})

describe('ids had no length limit (10 MB accepted)', () => {
  const at = (length: number) => 'i'.repeat(length)
  const NOTE = { ...MINIMAL_LEAD, regarding: { entity: 'lead', id: 'lead-1' } }
  // Every id and reference id each parser reads, with the input that puts a value there.
  const CASES: readonly (readonly [
    string,
    (id: string) => SafeParseResult<unknown>,
    readonly (string | number)[],
  ])[] = [
    ['lead id', (id) => safeParseLead({ ...MINIMAL_LEAD, id }), ['id']],
    ['lead ownerId', (id) => safeParseLead({ ...MINIMAL_LEAD, ownerId: id }), ['ownerId']],
    [
      'lead existingAccountId',
      (id) => safeParseLead({ ...MINIMAL_LEAD, existingAccountId: id }),
      ['existingAccountId'],
    ],
    [
      'lead existingContactId',
      (id) => safeParseLead({ ...MINIMAL_LEAD, existingContactId: id }),
      ['existingContactId'],
    ],
    [
      'lead qualifyingOpportunityId',
      (id) => safeParseLead({ ...MINIMAL_LEAD, qualifyingOpportunityId: id }),
      ['qualifyingOpportunityId'],
    ],
    ['lead masterId', (id) => safeParseLead({ ...MINIMAL_LEAD, masterId: id }), ['masterId']],
    [
      'account primaryContactId',
      (id) => safeParseAccount({ ...MINIMAL_LEAD, name: 'Contoso', primaryContactId: id }),
      ['primaryContactId'],
    ],
    [
      'account originatingLeadId',
      (id) => safeParseAccount({ ...MINIMAL_LEAD, name: 'Contoso', originatingLeadId: id }),
      ['originatingLeadId'],
    ],
    [
      'contact accountId',
      (id) => safeParseContact({ ...MINIMAL_LEAD, lastName: 'Lovelace', accountId: id }),
      ['accountId'],
    ],
    [
      'opportunity contactId',
      (id) => safeParseOpportunity({ ...MINIMAL_LEAD, topic: 'Renewal', contactId: id }),
      ['contactId'],
    ],
    ['note regarding.id', (id) => safeParseNote({ ...NOTE, regarding: { entity: 'lead', id } }), ['regarding', 'id']],
    [
      'note visibleOn[0].id',
      (id) => safeParseNote({ ...NOTE, visibleOn: [{ entity: 'account', id }] }),
      ['visibleOn', 0, 'id'],
    ],
    [
      'note attachments[0].id',
      (id) => safeParseNote(
        { ...NOTE, attachments: [{ id, fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: 1 }] },
      ),
      ['attachments', 0, 'id'],
    ],
    [
      'timeline entry regarding.id',
      (id) => safeParseTimelineEntry({ ...NOTE, regarding: { entity: 'lead', id }, kind: 'k', title: 't', body: 'b' }),
      ['regarding', 'id'],
    ],
  ]

  it.each(CASES)('%s: 256 characters are accepted, 257 are too_long at its path', (_, parse, path) => {
    expect(parse(at(256)).success).toBe(true)
    expect(codesAndPaths(parse(at(257)))).toEqual([['too_long', path]])
  })

  it('refuses a 10 MB id with a short message, and the Dataverse bridge by the logical name', () => {
    const result = safeParseLead({ ...MINIMAL_LEAD, id: at(10 * 1024 * 1024) })
    expect(codesAndPaths(result)).toEqual([['too_long', ['id']]])
    expect(result.success || result.error.message.length).toBeLessThan(200)
    const row = {
      leadid: at(257),
      createdon: '2026-03-01T09:30:00Z',
      modifiedon: '2026-03-01T09:30:00Z',
      versionnumber: 1,
      ownerid: at(257),
    }
    expect(
      catchLeadkitError(() => fromDataverse(row, 'lead')).issues.map((issue) => issue.path),
    ).toEqual([['leadid'], ['ownerid']])
    const note = {
      annotationid: 'n1',
      createdon: '2026-03-01T09:30:00Z',
      modifiedon: '2026-03-01T09:30:00Z',
      versionnumber: 1,
      objectid: at(257),
      objecttypecode: 'lead',
    }
    expect(catchLeadkitError(() => fromDataverse(note, 'note'))).toMatchObject({ code: 'too_long', path: ['objectid'] })
  })
})

// PostgreSQL then failed with a raw driver error.
describe('NUL characters and lone surrogates were accepted by the parsers', () => {
  const NUL = 'Ada\u0000Lovelace'
  const HIGH = 'Ada\uD800'
  const LOW = '\uDC00Ada'
  const NOTE = { ...MINIMAL_LEAD, regarding: { entity: 'lead', id: 'lead-1' } }
  const issuesOf = (run: () => unknown) => {
    try {
      run()
      return []
    } catch (error) {
      return (error as LeadkitError).issues.map((issue) => [issue.code, issue.path])
    }
  }
  // Every parser, with the input that puts the bad text at the path given.
  const CASES: readonly (readonly [string, (text: string) => unknown, readonly (string | number)[]])[] = [
    ['parseLead firstName', (text) => parseLead({ ...MINIMAL_LEAD, firstName: text }), ['firstName']],
    ['parseLead id', (text) => parseLead({ ...MINIMAL_LEAD, id: text }), ['id']],
    ['parseLead address.city', (text) => parseLead({ ...MINIMAL_LEAD, address: { city: text } }), ['address', 'city']],
    ['parseLead extra value', (text) => parseLead({ ...MINIMAL_LEAD, extra: { x_note: text } }), ['extra', 'x_note']],
    [
      'parseLead nested extra value',
      (text) => parseLead({ ...MINIMAL_LEAD, extra: { x_tags: ['ok', { label: text }] } }),
      ['extra', 'x_tags', 1, 'label'],
    ],
    ['parseLead unknown field', (text) => parseLead({ ...MINIMAL_LEAD, x_source: text }), ['x_source']],
    ['parseAccount name', (text) => parseAccount({ ...MINIMAL_LEAD, name: text }), ['name']],
    ['parseContact lastName', (text) => parseContact({ ...MINIMAL_LEAD, lastName: text }), ['lastName']],
    ['parseOpportunity topic', (text) => parseOpportunity({ ...MINIMAL_LEAD, topic: text }), ['topic']],
    ['parseNote text', (text) => parseNote({ ...NOTE, text }), ['text']],
    [
      'parseNote attachment fileName',
      (text) => parseNote(
        { ...NOTE, attachments: [{ id: 'a1', fileName: text, mimeType: 'text/plain', sizeBytes: 1 }] },
      ),
      ['attachments', 0, 'fileName'],
    ],
    [
      'parseTimelineEntry data',
      (text) => parseTimelineEntry({ ...NOTE, kind: 'k', title: 't', body: 'b', data: { text } }),
      ['data', 'text'],
    ],
    [
      'fromDataverse firstname',
      (text) => fromDataverse(
        {
          leadid: 'l1',
          createdon: MINIMAL_LEAD.createdOn,
          modifiedon: MINIMAL_LEAD.modifiedOn,
          versionnumber: 1,
          firstname: text,
        },
        'lead',
      ),
      ['firstname'],
    ],
    [
      'parseQualificationSettings form field',
      (text) => parseQualificationSettings({ opportunityFormFields: [`extra.${text}`] }),
      ['opportunityFormFields', 0],
    ],
    ['parseScoringModel name', (text) => parseScoringModel({ ...storedModel(), name: text }), ['name']],
    [
      'scoring condition value',
      (text) => checkScoringReadiness(
        [],
        { now: MINIMAL_LEAD.createdOn, conditions: [{ field: 'industry', operator: 'equals', value: text }] },
      ),
      ['conditions', 0, 'value'],
    ],
    [
      'createMappingSet source',
      (text) => createMappingSet({ custom: [{ source: text, target: 'extra.x', targetType: 'account' }] }),
      ['custom', 0, 'source'],
    ],
  ]

  it.each(CASES)('%s: NUL and lone surrogates are invalid_format at the path', (label, parse, path) => {
    // parseScoringModel reports every flaw of a model under its one code.
    const code = label.startsWith('parseScoringModel') ? 'invalid_model' : 'invalid_format'
    for (const text of [NUL, HIGH, LOW]) expect(
      issuesOf(() => parse(text)),
      JSON.stringify(text),
    ).toEqual([[code, path]])
  })

  it('says what is wrong and where, without quoting the whole value', () => {
    const error = catchLeadkitError(() => parseLead({ ...MINIMAL_LEAD, firstName: NUL }))
    expect(error).toMatchObject({ code: 'invalid_format', path: ['firstName'] })
    expect(error.message).toMatch(/NUL character .*at position 3/)
    const surrogate = catchLeadkitError(() => parseLead({ ...MINIMAL_LEAD, lastName: `${'a'.repeat(40)}\uDC00` }))
    expect(surrogate.message).toMatch(/lone surrogate .*at position 40/)
  })

  it('refuses such a character in a key of extra or of an unknown field, at that key', () => {
    expect(
      issuesOf(() => parseLead({ ...MINIMAL_LEAD, extra: { 'x_\u0000': 1 } })),
    ).toEqual([['invalid_format', ['extra', 'x_\u0000']]])
    expect(issuesOf(() => parseLead({ ...MINIMAL_LEAD, 'x_\uD800': 1 }))).toEqual([['invalid_format', ['x_\uD800']]])
    expect(
      issuesOf(() => parseLead({ ...MINIMAL_LEAD, extra: { x_a: { 'b\u0000': 1 } } })),
    ).toEqual([['invalid_format', ['extra', 'x_a', 'b\u0000']]])
  })

  it('accepts text with surrogate pairs (emoji, CJK extension B) and other control characters', () => {
    const lead = parseLead({ ...MINIMAL_LEAD, firstName: 'Ada 👩‍💻', lastName: '𠀀\t\u0001', extra: { x_mood: '🎉' } })
    expect(lead).toMatchObject({ firstName: 'Ada 👩‍💻', lastName: '𠀀\t\u0001', extra: { x_mood: '🎉' } })
  })
})

describe('extra had no limits: a 5,000-deep object threw a RangeError and a million keys were copied', () => {
  const NOTE = { ...MINIMAL_LEAD, regarding: { entity: 'lead', id: 'lead-1' } }
  const nested = (depth: number, leaf: unknown = 'leaf'): unknown => {
    let value = leaf
    for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value]
    return value
  }
  const PARSERS: readonly (readonly [string, (value: unknown) => SafeParseResult<unknown>])[] = [
    ['safeParseLead extra', (value) => safeParseLead({ ...MINIMAL_LEAD, extra: { x_deep: value } })],
    ['safeParseLead unknown field', (value) => safeParseLead({ ...MINIMAL_LEAD, x_deep: value })],
    [
      'safeParseAccount extra',
      (value) => safeParseAccount({ ...MINIMAL_LEAD, name: 'Contoso', extra: { x_deep: value } }),
    ],
    [
      'safeParseContact unknown field',
      (value) => safeParseContact({ ...MINIMAL_LEAD, lastName: 'Lovelace', x_deep: value }),
    ],
    [
      'safeParseOpportunity extra',
      (value) => safeParseOpportunity({ ...MINIMAL_LEAD, topic: 'Renewal', extra: { x_deep: value } }),
    ],
    ['safeParseNote extra', (value) => safeParseNote({ ...NOTE, extra: { x_deep: value } })],
    [
      'safeParseTimelineEntry data',
      (value) => safeParseTimelineEntry({ ...NOTE, kind: 'k', title: 't', body: 'b', data: value }),
    ],
  ]

  it.each(
    PARSERS,
  )('%s: 5,000 and 100,000 levels give a LeadkitError at the 17th level, never a RangeError', (_, parse) => {
    for (const depth of [5_000, 100_000]) {
      const result = parse(nested(depth))
      expect(result.success).toBe(false)
      expect(result.success || result.issues).toHaveLength(1)
      expect(result.success || result.error.code).toBe('invalid_value')
      expect(result.success || result.error.path.length).toBeLessThanOrEqual(16 + 2)
      expect(result.success || result.error.message).toContain('16 levels')
    }
  })

  it('accepts 16 levels of nesting and refuses 17 (the boundary)', () => {
    expect(safeParseLead({ ...MINIMAL_LEAD, extra: { x_deep: nested(16) } }).success).toBe(true)
    const result = safeParseLead({ ...MINIMAL_LEAD, extra: { x_deep: nested(17) } })
    expect(codesAndPaths(result)).toEqual(
      [
        [
          'invalid_value',
          ['extra', 'x_deep', ...Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 0 : 'a')).reverse()],
        ],
      ],
    )
  })

  it('accepts 10,000 values in all of extra and refuses 10,001, at the value that went over', () => {
    const values = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`x_${i}`, i]))
    expect(safeParseLead({ ...MINIMAL_LEAD, extra: values(10_000) }).success).toBe(true)
    // The given extra and the unknown top-level fields share one budget.
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, extra: values(9_999), x_more: 1, x_last: 2 })),
    ).toEqual([['invalid_value', ['x_last']]])
    const nestedCount = safeParseLead(
      { ...MINIMAL_LEAD, extra: { x_list: Array.from({ length: 10_000 }, (_, i) => i) } },
    )
    expect(codesAndPaths(nestedCount)).toEqual([['invalid_value', ['extra', 'x_list', 9_999]]])
  })

  it('refuses 200,000 keys with one issue rather than 190,000, and copies none past the limit', () => {
    const wide: Record<string, number> = {}
    for (let i = 0; i < 200_000; i++) wide[`k${i}`] = i
    const result = safeParseLead({ ...MINIMAL_LEAD, extra: wide })
    expect(result.success || result.issues).toHaveLength(1)
  })

  it('accepts 1,048,576 characters of text and keys in all of extra and refuses one more', () => {
    const fill = (n: number) => 'x'.repeat(n)
    // Keys count too: "x_a" and "x_b" are 3 characters each.
    expect(
      safeParseLead({ ...MINIMAL_LEAD, extra: { x_a: fill(1_048_576 - 6 - 10), x_b: fill(10) } }).success,
    ).toBe(true)
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, extra: { x_a: fill(1_048_576 - 6 - 10), x_b: fill(11) } })),
    ).toEqual([['too_long', ['extra', 'x_b']]])
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, x_big: fill(50_000_000) })),
    ).toEqual([['too_long', ['x_big']]])
  })

  it('accepts keys of 128 characters and refuses 129, in extra, unknown fields and nested objects', () => {
    const key = (n: number) => `x_${'k'.repeat(n - 2)}`
    expect(
      safeParseLead({ ...MINIMAL_LEAD, extra: { [key(128)]: { [key(128)]: 1 } }, [key(127)]: 1 }).success,
    ).toBe(true)
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, extra: { [key(129)]: 1 } })),
    ).toEqual([['too_long', ['extra', key(129)]]])
    expect(codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, [key(129)]: 1 }))).toEqual([['too_long', [key(129)]]])
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, extra: { x_a: { [key(129)]: 1 } } })),
    ).toEqual([['too_long', ['extra', 'x_a', key(129)]]])
  })

  it("accepts 1,000 attachments or visibleOn entries on a note and refuses 1,001, before reading any", () => {
    const attachments = (count: number) => Array.from(
      { length: count },
      (_, i) => ({ id: `a${i}`, fileName: 'f.txt', mimeType: 'text/plain', sizeBytes: 1 }),
    )
    const refs = (count: number) => Array.from({ length: count }, (_, i) => ({ entity: 'lead', id: `l${i}` }))
    expect(safeParseNote({ ...NOTE, attachments: attachments(1_000), visibleOn: refs(1_000) }).success).toBe(true)
    expect(
      codesAndPaths(safeParseNote({ ...NOTE, attachments: attachments(1_001) })),
    ).toEqual([['invalid_value', ['attachments']]])
    expect(
      codesAndPaths(safeParseNote({ ...NOTE, visibleOn: new Array(5_000_000) })),
    ).toEqual([['invalid_value', ['visibleOn']]])
  })

  it('reports at most 20 unknown keys of an address one by one, then the rest as one issue', () => {
    const address = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`town${i}`, 'Leeds']))
    const result = safeParseLead({ ...MINIMAL_LEAD, address })
    expect(result.success || result.issues).toHaveLength(21)
    expect(result.success || result.issues[20]).toMatchObject({ code: 'invalid_value', path: ['address'] })
    expect(result.success || result.issues[20]?.message).toContain('99980 more unknown keys')
  })

  it('safeParse… never throws, whatever the input, at the top level or under extra (property)', () => {
    const anything = fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withObjectString: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    })
    const parsers = [
      safeParseLead,
      safeParseAccount,
      safeParseContact,
      safeParseOpportunity,
      safeParseNote,
      safeParseTimelineEntry,
    ]
    fc.assert(
      fc.property(anything, fc.boolean(), (value, coerce) => {
        for (const parse of parsers) {
          expect(() => parse(value, { coerce })).not.toThrow()
          expect(() => parse({ ...MINIMAL_LEAD, extra: { x_any: value }, x_top: value }, { coerce })).not.toThrow()
        }
      }),
    )
  })
})

// parseLead then toDataverse wrote ownerid@odata.bind as a column, a form field that reassigned the owner.
describe('OData annotations were smuggled through', () => {
  const BIND = '/systemusers(00000000-0000-0000-0000-000000000001)'
  const ROW = { leadid: 'l1', createdon: '2026-03-01T09:30:00Z', modifiedon: '2026-03-01T09:30:00Z', versionnumber: 1 }

  it('refuses the form field that would reassign the owner, whether top-level or inside extra', () => {
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, 'ownerid@odata.bind': BIND })),
    ).toEqual([['forbidden_key', ['ownerid@odata.bind']]])
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, extra: { 'ownerid@odata.bind': BIND } })),
    ).toEqual([['forbidden_key', ['extra', 'ownerid@odata.bind']]])
    const error = catchLeadkitError(() => parseLead({ ...MINIMAL_LEAD, 'ownerid@odata.bind': BIND }))
    expect(error.message).toContain('OData annotation')
  })

  // A nested object is a deep insert in the Web API, and its annotations bind too.
  it('refuses "@" and "." in keys at every depth of extra', () => {
    expect(codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, 'x.y': 1 }))).toEqual([['forbidden_key', ['x.y']]])
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, '@odata.etag': 'W/"1"' })),
    ).toEqual([['forbidden_key', ['@odata.etag']]])
    const deepInsert = { x_account: { name: 'Contoso', 'ownerid@odata.bind': BIND } }
    expect(
      codesAndPaths(safeParseLead({ ...MINIMAL_LEAD, extra: deepInsert })),
    ).toEqual([['forbidden_key', ['extra', 'x_account', 'ownerid@odata.bind']]])
    // A timeline entry's data never becomes a column, so its keys are the host's own business.
    const entry = {
      ...MINIMAL_LEAD,
      regarding: { entity: 'lead', id: 'l1' },
      kind: 'k',
      title: 't',
      body: 'b',
      data: { 'v1.2': { 'a@b': 1 } },
    }
    expect(safeParseTimelineEntry(entry).success).toBe(true)
  })

  it('toDataverse refuses a hand-built record carrying an annotation, before writing anything', () => {
    const lead = { ...parseLead(MINIMAL_LEAD), extra: { 'ownerid@odata.bind': BIND } }
    expect(catchLeadkitError(() => toDataverse(lead, 'lead'))).toMatchObject(
      { code: 'forbidden_key', path: ['extra', 'ownerid@odata.bind'] },
    )
  })

  it('toDataverse writes an extra key only as a plain column name: lower-case letters, digits and _', () => {
    const lead = (extra: Record<string, unknown>) => parseLead({ ...MINIMAL_LEAD, extra })
    expect(
      toDataverse(lead({ new_score: 7, _x: 1, utm_campaign2: 'spring' }), 'lead'),
    ).toMatchObject({ new_score: 7, _x: 1, utm_campaign2: 'spring' })
    for (const key of ['utmCampaign', 'new-score', '2fa', 'a b', '$filter', 'naïve']) {
      expect(
        catchLeadkitError(() => toDataverse(lead({ [key]: 1 }), 'lead')),
        key,
      ).toMatchObject({ code: 'invalid_value', path: ['extra', key] })
    }
  })

  it('toDataverse never writes a column that is not a column of the table or a plain column name (property)', () => {
    const columnsOfLead = new Set(Object.keys(toDataverse(parseLead({ ...MINIMAL_LEAD, firstName: 'A' }), 'lead')))
    fc.assert(
      fc.property(fc.dictionary(
        fc.string({ maxLength: 12 }),
        fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 4 },
      ), (extra) => {
        let row: Record<string, unknown>
        try {
          row = toDataverse({ ...parseLead(MINIMAL_LEAD), extra } as never, 'lead')
        } catch (error) {
          expect((error as Error).name).toBe('LeadkitError')
          return
        }
        for (const column of Object.keys(row)) expect(
          columnsOfLead.has(column) || /^[a-z_][a-z0-9_]*$/.test(column),
          column,
        ).toBe(true)
        expect(JSON.stringify(row)).not.toContain('@')
      }),
    )
  })

  it('fromDataverse leaves out the annotations of a Web API row, at every depth, so they cannot travel back', () => {
    const row = {
      ...ROW,
      '@odata.etag': 'W/"1"',
      'ownerid@odata.bind': BIND,
      'leadsourcecode@OData.Community.Display.V1.FormattedValue': 'Web',
      _parentaccountid_value: 'a1',
      '_parentaccountid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'account',
      new_region: { code: 'EMEA', '@odata.etag': 'W/"2"' },
    }
    const lead = fromDataverse(row, 'lead')
    expect(lead.extra).toEqual({ _parentaccountid_value: 'a1', new_region: { code: 'EMEA' } })
    expect(JSON.stringify(toDataverse(lead, 'lead'))).not.toContain('@')
  })

  it('fromDataverse refuses a column that is not a plain column name, such as a linked table alias', () => {
    expect(
      catchLeadkitError(() => fromDataverse({ ...ROW, 'account1.name': 'Contoso' }, 'lead')),
    ).toMatchObject({ code: 'forbidden_key', path: ['account1.name'] })
    expect(
      catchLeadkitError(() => fromDataverse({ ...ROW, FullName: 'Ada' }, 'lead')),
    ).toMatchObject({ code: 'invalid_value', path: ['FullName'] })
  })
})
