import { deepFreeze } from '../internal/immer.js'
import type { Address, Lead } from '../records/types.js'
import type { SummaryCard, SummaryLink } from './types.js'
import { asLeadkitError } from '../internal/validate.js'

/**
 * Builds the lead summary card from the lead's own fields: name, company, email, phone and address, with links to
 * the records qualification created. Blank fields are left out, never shown as empty.
 *
 * @param lead - the lead being qualified
 * @param links - the records the qualification creates or uses, primary opportunity first among opportunities
 * @returns a frozen card
 * @example
 * const card = buildLeadSummary(
 *   { ...lead, firstName: 'Ana', lastName: 'Ruiz', companyName: 'Contoso', email: 'ana@contoso.com' },
 *   [{ entity: 'account', id: 'acc-1', label: 'Account: Contoso' }],
 * )
 * card.title //=> 'Lead summary: Ana Ruiz'
 * card.text //=> 'Ana Ruiz from Contoso. Email ana@contoso.com. Qualified into Account: Contoso.'
 */
export function buildLeadSummary(lead: Lead, links: readonly SummaryLink[]): SummaryCard {
  try {
    return buildLeadSummaryUnguarded(lead, links)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function buildLeadSummaryUnguarded(lead: Lead, links: readonly SummaryLink[]): SummaryCard {
  const name = fullName(lead)
  const company = nonBlank(lead.companyName)
  const email = nonBlank(lead.email)
  const phone = nonBlank(lead.businessPhone) ?? nonBlank(lead.mobilePhone)
  const address = formatAddress(lead.address)
  const who = name ?? company ?? nonBlank(lead.topic) ?? `Lead ${lead.id}`
  const sentences = [name !== undefined && company !== undefined ? `${name} from ${company}.` : `${who}.`]
  if (email !== undefined) sentences.push(`Email ${email}.`)
  if (phone !== undefined) sentences.push(`Phone ${phone}.`)
  if (address !== undefined) sentences.push(`Address ${address}.`)
  if (links.length > 0) sentences.push(`Qualified into ${links.map((link) => link.label).join(', ')}.`)
  const card: { -readonly [K in keyof SummaryCard]: SummaryCard[K] } = {
    title: `Lead summary: ${who}`,
    links: links.map((link) => ({ entity: link.entity, id: link.id, label: link.label })),
    text: sentences.join(' '),
  }
  // Keys only for values that exist, so the card round-trips through JSON unchanged.
  if (name !== undefined) card.name = name
  if (company !== undefined) card.company = company
  if (email !== undefined) card.email = email
  if (phone !== undefined) card.phone = phone
  if (address !== undefined) card.address = address
  return deepFreeze(card)
}

function nonBlank(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

function fullName(lead: Lead): string | undefined {
  return nonBlank([lead.firstName, lead.lastName].map((part) => nonBlank(part)).filter((part) => part !== undefined).join(' '))
}

function formatAddress(address: Address | undefined): string | undefined {
  if (address === undefined) return undefined
  const region = [nonBlank(address.stateOrProvince), nonBlank(address.postalCode)].filter((part) => part !== undefined).join(' ')
  const parts = [address.street1, address.street2, address.street3, address.city, region, address.country]
    .map((part) => nonBlank(part))
    .filter((part): part is string => part !== undefined)
  return parts.length === 0 ? undefined : parts.join(', ')
}
