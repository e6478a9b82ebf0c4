import { describe, expect, it } from 'vitest'
import { buildLeadSummary } from '../../src/summary/buildLeadSummary.js'
import { templateSummarizer } from '../../src/summary/templateSummarizer.js'
import { makeLead } from '../support/qualification.js'

describe('buildLeadSummary', () => {
  it("carries the lead's name, company, email, phone, address and links", () => {
    const links = [
      { entity: 'account', id: 'a1', label: 'Account: Contoso Coffee' },
      { entity: 'opportunity', id: 'o1', label: 'Primary opportunity: o1' },
    ] as const
    expect(buildLeadSummary(makeLead(), links)).toEqual({
      title: 'Lead summary: Ana Ruiz',
      name: 'Ana Ruiz',
      company: 'Contoso Coffee',
      email: 'ana@contoso.example',
      phone: '+1 425 555 0100',
      address: '1 Main St, Seattle, WA 98101, United States',
      links: [
        { entity: 'account', id: 'a1', label: 'Account: Contoso Coffee' },
        { entity: 'opportunity', id: 'o1', label: 'Primary opportunity: o1' },
      ],
      text:
        'Ana Ruiz from Contoso Coffee. Email ana@contoso.example. Phone +1 425 555 0100. ' +
        'Address 1 Main St, Seattle, WA 98101, United States. Qualified into Account: Contoso Coffee, Primary opportunity: o1.',
    })
  })

  it('leaves blank fields out and falls back to the mobile phone and the company', () => {
    const lead = makeLead({ firstName: ' ', lastName: undefined, email: '', businessPhone: undefined, mobilePhone: '+44 7700 900000', address: {} })
    const card = buildLeadSummary(lead, [])
    expect(card).toEqual({
      title: 'Lead summary: Contoso Coffee',
      company: 'Contoso Coffee',
      phone: '+44 7700 900000',
      links: [],
      text: 'Contoso Coffee. Phone +44 7700 900000.',
    })
    expect(JSON.parse(JSON.stringify(card))).toEqual(card)
  })

  it('names a lead with nothing else by its id', () => {
    const lead = makeLead({ firstName: undefined, lastName: undefined, companyName: undefined, topic: undefined })
    expect(buildLeadSummary(lead, []).title).toBe('Lead summary: Lead lead-1')
  })

  it('returns a frozen card and does not keep the caller array', () => {
    const links = [{ entity: 'contact' as const, id: 'c1', label: 'Contact: Ana' }]
    const card = buildLeadSummary(makeLead(), links)
    expect(Object.isFrozen(card)).toBe(true)
    expect(Object.isFrozen(card.links[0])).toBe(true)
    expect(card.links).not.toBe(links)
    expect(Object.isFrozen(links[0])).toBe(false)
  })
})

describe('templateSummarizer', () => {
  it('is the template card', () => {
    const input = { lead: makeLead(), links: [] }
    expect(templateSummarizer.summarize(input)).toEqual(buildLeadSummary(input.lead, input.links))
  })
})
