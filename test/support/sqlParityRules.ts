// The rule sets the SQL parity tests run on the public data sets and on generated leads (matchcode and keyed
// rules: what the compiler expresses).
import { parseDuplicateRules } from '../../src/duplicates/parseDuplicateRule.js'
import type { AnyDuplicateRule } from '../../src/duplicates/types.js'

export const FEBRL_RULES: readonly AnyDuplicateRule[] = parseDuplicateRules([
  {
    kind: 'matchcode', name: 'Same surname and postcode', baseEntity: 'lead', matchingEntity: 'lead',
    conditions: [{ baseField: 'lastName', operator: 'exact' }, { baseField: 'address.postalCode', operator: 'exact' }],
  },
  {
    kind: 'matchcode', name: 'Given name starts alike, surname ends alike, same state', baseEntity: 'lead', matchingEntity: 'lead',
    conditions: [
      { baseField: 'firstName', operator: 'same-first-characters', characters: 3, ignoreBlankValues: false },
      { baseField: 'lastName', operator: 'same-last-characters', characters: 4, ignoreBlankValues: true },
      { baseField: 'address.stateOrProvince', operator: 'picklist-exact', ignoreBlankValues: false },
    ],
  },
  {
    kind: 'keyed', name: 'Same social security id', baseEntity: 'lead', matchingEntity: 'lead',
    baseFields: ['socSecId'], normalizer: 'text', method: 'exact',
  },
  {
    kind: 'keyed', name: 'Same street (either line)', baseEntity: 'lead', matchingEntity: 'lead',
    baseFields: ['address.street1', 'address.street2'], normalizer: 'text', normalizerOptions: { caseSensitive: true },
    method: 'exact', maxSharedBy: 3,
  },
  {
    kind: 'matchcode', name: 'City of one is the second line of the other', baseEntity: 'lead', matchingEntity: 'lead',
    caseSensitive: true, conditions: [{ baseField: 'address.city', matchingField: 'address.street2', operator: 'exact' }],
  },
  {
    kind: 'keyed', name: 'Same surname, folded and joined', baseEntity: 'lead', matchingEntity: 'lead',
    baseFields: ['lastName'], normalizer: 'person-name', normalizerOptions: { joinParts: true }, maxSharedBy: 4,
  },
])

export const SPLINK_RULES: readonly AnyDuplicateRule[] = parseDuplicateRules([
  {
    kind: 'keyed', name: 'Same email', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['email'],
    normalizer: 'email', normalizerOptions: { stripPlusTag: true, gmailDots: true }, maxSharedBy: 6,
    excludeInactiveMatchingRecords: true,
  },
  {
    kind: 'matchcode', name: 'Same surname and date of birth', baseEntity: 'lead', matchingEntity: 'lead',
    conditions: [{ baseField: 'lastName', operator: 'exact' }, { baseField: 'dateOfBirth', operator: 'exact' }],
  },
  {
    kind: 'keyed', name: 'Same first name or city (open leads only)', baseEntity: 'lead', matchingEntity: 'lead',
    baseFields: ['firstName'], matchingFields: ['city'], normalizer: 'text', maxSharedBy: 40,
    excludeInactiveMatchingRecords: true,
  },
])

export const GENERATED_RULES: readonly AnyDuplicateRule[] = parseDuplicateRules([
  {
    kind: 'keyed', name: 'Same email', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['email'], normalizer: 'email',
    maxSharedBy: 10, excludeInactiveMatchingRecords: true,
  },
  { kind: 'keyed', name: 'Same website', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['website'], normalizer: 'website', maxSharedBy: 10 },
  {
    kind: 'matchcode', name: 'Same surname, initial and company', baseEntity: 'lead', matchingEntity: 'lead',
    conditions: [
      { baseField: 'lastName', operator: 'exact' }, { baseField: 'firstName', operator: 'same-first-characters', characters: 1 },
      { baseField: 'companyName', operator: 'exact' },
    ],
  },
  { kind: 'keyed', name: 'Same company name', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['companyName'], normalizer: 'company-name', maxSharedBy: 10 },
  {
    kind: 'keyed', name: 'Same person name', baseEntity: 'lead', matchingEntity: 'lead', baseFields: ['lastName', 'firstName'],
    matchingFields: ['lastName'], normalizer: 'person-name', maxSharedBy: 8,
  },
])
