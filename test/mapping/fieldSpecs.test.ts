import { describe, expect, it } from 'vitest'
import { LeadkitError } from '../../src/errors.js'
import { LEAD_FIELD_SPECS, mapLead, TARGET_FIELD_SPECS, type MappingTarget } from '../../src/mapping/index.js'
import { parseAccount, parseContact, parseLead, parseOpportunity } from '../../src/records/index.js'
import { makeLead } from './fixtures.js'

const base = { id: 'r-1', createdOn: '2026-03-01T09:30:00.000Z', modifiedOn: '2026-03-01T09:30:00.000Z', version: 1 }
const parsers: Record<'lead' | MappingTarget, { parse: (input: unknown) => unknown; minimal: Record<string, unknown> }> = {
  lead: { parse: parseLead, minimal: { ...base, state: 'open', statusReason: 'new' } },
  account: { parse: parseAccount, minimal: { ...base, name: 'Contoso', state: 'active' } },
  contact: { parse: parseContact, minimal: { ...base, lastName: 'Lee', state: 'active' } },
  opportunity: { parse: parseOpportunity, minimal: { ...base, topic: 'Chairs', state: 'open' } },
}

function withValue(minimal: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const [head, key] = path.split('.') as [string, string | undefined]
  return key === undefined ? { ...minimal, [head]: value } : { ...minimal, [head]: { [key]: value } }
}

/** A value of exactly `length` characters that is valid in every other respect (an email must look like one). */
function valueOf(path: string, length: number): string {
  return path === 'email' ? `${'x'.repeat(length - '@contoso.com'.length)}@contoso.com` : 'x'.repeat(length)
}

function tooLong(parse: (input: unknown) => unknown, input: unknown): boolean {
  try {
    parse(input)
    return false
  } catch (error) {
    return error instanceof LeadkitError && error.issues.some((issue) => issue.code === 'too_long')
  }
}

const tables: ['lead' | MappingTarget, Readonly<Record<string, { type: string; maxLength?: number }>>][] = [
  ['lead', LEAD_FIELD_SPECS],
  ['account', TARGET_FIELD_SPECS.account],
  ['contact', TARGET_FIELD_SPECS.contact],
  ['opportunity', TARGET_FIELD_SPECS.opportunity],
]

describe('field length tables', () => {
  for (const [table, specs] of tables) {
    for (const [path, spec] of Object.entries(specs)) {
      if (spec.maxLength === undefined) continue
      it(`${table}.${path} holds ${spec.maxLength} characters, as the ${table} parser allows`, () => {
        const { parse, minimal } = parsers[table]
        expect(() => parse(withValue(minimal, path, valueOf(path, spec.maxLength as number)))).not.toThrow()
        expect(tooLong(parse, withValue(minimal, path, valueOf(path, (spec.maxLength as number) + 1)))).toBe(true)
      })
    }
  }
})

describe('mapLead output and the record parsers', () => {
  it('produces fields the target record parsers accept', () => {
    const lead = parseLead(JSON.parse(JSON.stringify(makeLead())))
    const account = mapLead(lead, 'account').fields
    const contact = mapLead(lead, 'contact').fields
    const opportunity = mapLead(lead, 'opportunity').fields
    expect(parseAccount({ ...parsers.account.minimal, ...account })).toMatchObject(account)
    expect(parseContact({ ...parsers.contact.minimal, ...contact })).toMatchObject(contact)
    expect(parseOpportunity({ ...parsers.opportunity.minimal, ...opportunity })).toMatchObject(opportunity)
  })
})
