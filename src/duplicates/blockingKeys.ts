import { businessDomain, soundsOf, type BlockingKeyOptions } from './internal/blockingHasher.js'
import { nicknameLookup, type Lookup } from './nicknames.js'
import { normalizeCompanyName } from './normalizeCompanyName.js'
import { normalizeWebsite } from './normalizeWebsite.js'
import { asLeadkitError } from '../internal/validate.js'

export type { BlockingKeyOptions }

/**
 * The fuzzy blocking keys of a lead, contact or account: the keys under which a duplicate index files it so that
 * the fuzzy rules ("similar name and similar company", "similar name and same email domain") only compare records
 * that share a key, never all pairs.
 *
 * Each person name part (first and last, in either order) becomes a sound key: the Metaphone key of its formal
 * name (`Bob` → `robert` → `RBRT`), so nicknames, names that sound alike and swapped first and last names share
 * keys. Each sound key is combined with the first characters of the normalised company name (`c|…`) and with the
 * email domain when it is not a free-mail domain, or else the website domain (`d|…`). A typo in one name part still
 * leaves the other part's key. A record without person names (an account) gets the company and the domain alone.
 * Exact keys (email, phone) come from the rules themselves, not from here.
 *
 * @param record - a lead, contact or account (reads `firstName`, `lastName`, `companyName` or `name`, `email`, `website`)
 * @param options - nickname table and company prefix length
 * @returns distinct keys, possibly none
 * @example
 * duplicateBlockingKeys({ firstName: 'Bob', lastName: 'Smith', companyName: 'Contoso Ltd', email: 'bob@contoso.com' })
 * //=> ['c|contoso|RBRT', 'c|contoso|SM0', 'd|contoso.com|RBRT', 'd|contoso.com|SM0']
 */
export function duplicateBlockingKeys(record: object, options?: BlockingKeyOptions): string[] {
  try {
    return duplicateBlockingKeysUnguarded(record, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function duplicateBlockingKeysUnguarded(record: object, options?: BlockingKeyOptions): string[] {
  const fields = record as Readonly<Record<string, unknown>>
  const nicknames = nicknameLookup(options)
  const sounds: string[] = []
  addSounds(sounds, fields.firstName, nicknames)
  addSounds(sounds, fields.lastName, nicknames)
  const companyText = typeof fields.companyName === 'string' ? fields.companyName : typeof fields.name === 'string' ? fields.name : undefined
  const company = companyText === undefined ? '' : normalizeCompanyName(companyText).replaceAll(' ', '').slice(0, options?.companyPrefixLength ?? 8)
  const domain = domainOf(fields)
  const keys: string[] = []
  if (sounds.length === 0) {
    if (company !== '') keys.push(`c|${company}`)
    if (domain !== undefined) keys.push(`d|${domain}`)
    return keys
  }
  if (company !== '') for (const sound of sounds) keys.push(`c|${company}|${sound}`)
  if (domain !== undefined) for (const sound of sounds) keys.push(`d|${domain}|${sound}`)
  return keys
}

function addSounds(into: string[], value: unknown, nicknames: Lookup): void {
  if (typeof value !== 'string' || value === '') return
  for (const sound of soundsOf(value, nicknames)) if (!into.includes(sound)) into.push(sound)
}

function domainOf(fields: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof fields.email === 'string') {
    const domain = businessDomain(fields.email)
    if (domain !== undefined) return domain
  }
  if (typeof fields.website === 'string') return normalizeWebsite(fields.website)
  return undefined
}
