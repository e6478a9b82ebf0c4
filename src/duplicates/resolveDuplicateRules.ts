import { LeadkitError } from '../errors.js'
import { asLeadkitError, requireObject } from '../internal/validate.js'
import { checkParsedSettings } from '../settings/internal/parsedSettings.js'
import type { QualificationSettings } from '../settings/types.js'
import { createDefaultLeadRules, DEFAULT_LEAD_DUPLICATE_RULES } from './defaultLeadRules.js'
import { parseDuplicateRules } from './parseDuplicateRule.js'
import type { AnyDuplicateRule, DuplicateEntity } from './types.js'

/**
 * Names of the built-in account and contact rules {@link resolveDuplicateRules} gives when the settings have none.
 *
 * @example
 * BUILT_IN_RULE_NAMES.accountName //=> 'Accounts with the same account name'
 */
export const BUILT_IN_RULE_NAMES = Object.freeze({
  accountName: 'Accounts with the same account name',
  accountWebsite: 'Accounts with the same website',
  accountPhone: 'Accounts with the same phone number',
  contactEmail: 'Contacts with the same email address',
  contactPhone: 'Contacts with the same phone number',
} as const)

/**
 * Explicit overrides of {@link resolveDuplicateRules}: each replaces what the settings say, for one call.
 *
 * @example
 * resolveDuplicateRules(settings, 'lead', { overrideExcludeInactiveMatchingRecords: false })
 */
export interface ResolveDuplicateRulesOptions {
  /** Skip (`true`) or keep (`false`) inactive matches whatever each rule says. Default: each rule decides. */
  readonly overrideExcludeInactiveMatchingRecords?: boolean
}

/**
 * The duplicate-detection rules that run for records of one type, as the organisation's settings say — the one
 * place lead create and update checks, imports, duplicate indexes and merges get their rules from:
 *
 * - detection off (`duplicateDetection.enabled: false`): none;
 * - the settings hold rules for this base record type: their published ones (an unpublished rule is off, so a
 *   record type whose rules are all unpublished checks nothing), each with its own "exclude inactive matching
 *   records", case sensitivity and "ignore blank values";
 * - else the built-in rules: for leads the default duplicate-lead rules, for accounts the same account name
 *   (normalised), website domain or phone, for contacts the same email address or phone; phone numbers without a
 *   country code are read in the organisation's `defaultPhoneRegion`. Opportunities have no built-in rules.
 *
 * @param settings - parsed settings (see `parseQualificationSettings`)
 * @param baseEntity - the record type being checked: `lead`, `account`, `contact` or `opportunity`
 * @param options - an explicit override of the rules' "exclude inactive matching records"
 * @returns frozen, parsed rules for `findDuplicates` or `createDuplicateIndex`
 * @throws LeadkitError `invalid_type` for settings the parser did not make, `invalid_value` for another record type
 * @example
 * const rules = resolveDuplicateRules(settings, 'lead')
 * const matches = findDuplicates(newLead, existingLeads, rules)
 * const index = createDuplicateIndex<Account>(resolveDuplicateRules(settings, 'account'))
 */
export function resolveDuplicateRules(
  settings: QualificationSettings,
  baseEntity: DuplicateEntity,
  options: ResolveDuplicateRulesOptions = {},
): readonly AnyDuplicateRule[] {
  try {
    return resolveDuplicateRulesUnguarded(settings, baseEntity, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function resolveDuplicateRulesUnguarded(
  settings: QualificationSettings,
  baseEntity: DuplicateEntity,
  options: ResolveDuplicateRulesOptions,
): readonly AnyDuplicateRule[] {
  const parsed = checkParsedSettings(settings)
  if (baseEntity !== 'lead' && baseEntity !== 'account' && baseEntity !== 'contact' && baseEntity !== 'opportunity') {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['baseEntity'],
      message: 'baseEntity must be "lead", "account", "contact" or "opportunity"',
    })
  }
  requireObject(options, ['options'], 'resolveDuplicateRules')
  const override = options.overrideExcludeInactiveMatchingRecords
  if (override !== undefined && typeof override !== 'boolean') {
    throw new LeadkitError({
      code: 'invalid_type',
      path: ['options', 'overrideExcludeInactiveMatchingRecords'],
      message: 'overrideExcludeInactiveMatchingRecords must be true or false (or left out: each rule decides)',
    })
  }
  if (!parsed.duplicateDetection.enabled) return NONE
  const own = parsed.duplicateDetection.rules.filter((rule) => rule.baseEntity === baseEntity)
  const region = parsed.defaultPhoneRegion
  let rules: readonly AnyDuplicateRule[]
  if (own.length > 0) rules = own.filter((rule) => rule.published)
  else if (baseEntity === 'opportunity') rules = NONE
  else rules = builtInDuplicateRules(baseEntity, region)
  if (override === undefined || rules.every((rule) => rule.excludeInactiveMatchingRecords === override)) {
    return Object.freeze(rules)
  }
  return parseDuplicateRules(rules.map((rule) => ({ ...rule, excludeInactiveMatchingRecords: override })))
}

const NONE: readonly AnyDuplicateRule[] = Object.freeze([])

/**
 * The built-in rules of a record type, parsed: the default duplicate-lead rules, or the account and contact rules
 * named in {@link BUILT_IN_RULE_NAMES}, with phone numbers read in `region`. Internal to leadkit (the repositories'
 * keys use it); not exported by the package.
 *
 * @example
 * builtInDuplicateRules('contact', 'US').map((rule) => rule.name) //=> ['Contacts with the same email address', …]
 */
export function builtInDuplicateRules(entity: 'lead' | 'account' | 'contact', region: string | undefined): readonly AnyDuplicateRule[] {
  if (entity === 'lead') return region === undefined ? DEFAULT_LEAD_DUPLICATE_RULES : createDefaultLeadRules({ defaultRegion: region })
  return parseDuplicateRules(builtInRules(entity, region))
}

/** The built-in account and contact rules as JSON, parsed per call (nothing is built at import). */
function builtInRules(entity: 'account' | 'contact', region: string | undefined): object[] {
  const head = { kind: 'keyed', baseEntity: entity, excludeInactiveMatchingRecords: true }
  const inRegion = region === undefined ? {} : { normalizerOptions: { defaultRegion: region } }
  const phone = { normalizer: 'phone', ...inRegion }
  if (entity === 'account') {
    return [
      { ...head, name: BUILT_IN_RULE_NAMES.accountName, baseFields: ['name'], normalizer: 'company-name' },
      { ...head, name: BUILT_IN_RULE_NAMES.accountWebsite, baseFields: ['website'], normalizer: 'website' },
      { ...head, name: BUILT_IN_RULE_NAMES.accountPhone, baseFields: ['phone'], ...phone },
    ]
  }
  return [
    { ...head, name: BUILT_IN_RULE_NAMES.contactEmail, baseFields: ['email'], normalizer: 'email' },
    { ...head, name: BUILT_IN_RULE_NAMES.contactPhone, baseFields: ['businessPhone', 'mobilePhone'], ...phone },
  ]
}
