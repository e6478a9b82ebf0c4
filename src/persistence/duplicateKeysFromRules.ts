import { duplicateBlockingKeys } from '../duplicates/blockingKeys.js'
import type { DuplicateRuleRegistry } from '../duplicates/createDuplicateRuleRegistry.js'
import { compileRules, type CompiledRule } from '../duplicates/internal/compileRules.js'
import { emailDomain } from '../duplicates/normalizeEmail.js'
import { builtInDuplicateRules, resolveDuplicateRules } from '../duplicates/resolveDuplicateRules.js'
import type { AnyDuplicateRule } from '../duplicates/types.js'
import { LeadkitError } from '../errors.js'
import { isFreeMailDomain } from '../internal/freeMailDomains.js'
import { stableHash, stableStringify } from '../internal/stableHash.js'
import { guarded } from '../internal/guarded.js'
import { asLeadkitError } from '../internal/validate.js'
import { mapLead } from '../mapping/mapLead.js'
import type { MappingSet } from '../mapping/types.js'
import type { Lead } from '../records/types.js'
import { DEFAULT_QUALIFICATION_SETTINGS } from '../settings/defaults.js'
import { checkParsedSettings } from '../settings/internal/parsedSettings.js'
import { isStorableText } from '../internal/storableText.js'
import type { DuplicateKeyedEntity, DuplicateKeyedRecords, DuplicateKeyRules, DuplicateKeysFunction } from './types.js'

/**
 * Options of {@link duplicateKeysFromRules}.
 *
 * @example
 * duplicateKeysFromRules(settings, { registry, mappingSet })
 */
export interface DuplicateKeysFromRulesOptions {
  /** Where the rules' normaliser and comparator names come from (as given to `parseQualificationSettings`). */
  readonly registry?: DuplicateRuleRegistry
  /** The field maps that make the account and contact a lead would become (for rules on accounts and contacts). */
  readonly mappingSet?: MappingSet
}

/**
 * The keys to look up, per record type, to find every stored record the rules could match with one record.
 *
 * @example
 * const lookup: CandidateKeys = keys.candidateKeys('lead', lead)
 * await repositories.accounts.findCandidates(lookup.account) //=> [contoso]
 */
export interface CandidateKeys {
  /** Keys to pass to `repositories.leads.findCandidates`. */
  readonly lead: readonly string[]
  /** Keys to pass to `repositories.accounts.findCandidates`. */
  readonly account: readonly string[]
  /** Keys to pass to `repositories.contacts.findCandidates`. */
  readonly contact: readonly string[]
}

/**
 * Duplicate keys derived from duplicate rules: called as a {@link DuplicateKeysFunction} it gives the keys a stored
 * lead, account or contact is filed under; `candidateKeys` gives the keys to look up for a record being checked.
 *
 * @example
 * const keys: RuleDuplicateKeys = duplicateKeysFromRules(settings)
 * keys('lead', lead) //=> ['r1f0c…:ada@example.com', 'b:c|analytic|AT', …]
 */
export interface RuleDuplicateKeys extends DuplicateKeysFunction<DuplicateKeyedRecords> {
  /**
   * The keys to look up to find, among stored leads, accounts and contacts, every record the rules could match with
   * `record` (a record of type `entity` being created, or a lead being qualified: the account and contact it would
   * become are looked up too, as `findQualificationDuplicates` compares them).
   */
  candidateKeys<E extends DuplicateKeyedEntity>(entity: E, record: DuplicateKeyedRecords[E]): CandidateKeys
}

const KEYED: readonly DuplicateKeyedEntity[] = ['lead', 'account', 'contact']
/** A code longer than this is filed by its hash: an index entry stays small whatever a field holds. */
const MAX_CODE_LENGTH = 200

/** What one record type's candidates are filed and looked up by. */
interface MatchingPlan {
  /** Exact rules whose matching records are of this type. */
  readonly exact: readonly TaggedRule[]
  /** Whether its records are also filed under the fuzzy blocking keys (a fuzzy rule, or the built-in checks). */
  readonly blocking: boolean
  /** Whether `findQualificationDuplicates` runs its built-in checks for it (the settings have no rule for it). */
  readonly builtIn: boolean
  /** Base record types that a fuzzy rule compares with records of this type. */
  readonly fuzzyFrom: ReadonlySet<string>
}

interface TaggedRule {
  readonly compiled: CompiledRule
  /** The stable prefix of the rule's keys: a hash of what decides its codes (not its name or switches). */
  readonly tag: string
}

/**
 * The duplicate keys the rules imply, one helper for every store: each exact rule (matchcode or keyed) files a
 * record under each of its matchcodes, and record types that a fuzzy rule (or `findQualificationDuplicates`'s
 * built-in checks) compares are also filed under the fuzzy blocking keys of `duplicateBlockingKeys` — the
 * same keys a duplicate index blocks by. Any pair an exact rule matches shares a key; a fuzzy pair shares one
 * whenever a duplicate index would compare it. The rules' own semantics decide: an unpublished rule gives no keys,
 * a blank value in a condition that ignores blanks gives no code, a rule that is not case-sensitive folds case.
 *
 * Keys are stable across processes (a store may keep them): `<tag>:<code>`, the tag a hash of what decides the
 * rule's codes, or `<tag>#<hash>` for a code too long (or not storable) to file as it is; `b:<key>` for a blocking
 * key. Change the rules and stored records keep their old keys until they are written again.
 *
 * @param rules - parsed settings (their published rules; the built-in rules of a record type that has none; none
 *   when detection is off) or a list of rules (JSON rules are parsed); default: the built-in rules
 * @param options - `registry` for rules that name a host's normalisers, `mappingSet` for the account and contact a
 *   lead would become
 * @returns a key function typed per record type, with `candidateKeys` for lookups
 * @throws LeadkitError `invalid_type` for settings the parser did not make, `invalid_rule` for a rule that cannot run
 * @example
 * const keys = duplicateKeysFromRules(settings)
 * const repositories = createInMemoryRepositories({ duplicateKeys: keys }) // what duplicateRules: settings does
 * const lookup = keys.candidateKeys('lead', lead)
 * const duplicateSources = { leads: await repositories.leads.findCandidates(lookup.lead) }
 * planQualification(lead, settings, {}, { now, duplicateSources }).status //=> 'blocked' (a duplicate lead)
 */
export function duplicateKeysFromRules(
  rules?: DuplicateKeyRules,
  options: DuplicateKeysFromRulesOptions = {},
): RuleDuplicateKeys {
  try {
    return duplicateKeysFromRulesUnguarded(rules, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function duplicateKeysFromRulesUnguarded(
  source: DuplicateKeyRules | undefined,
  options: DuplicateKeysFromRulesOptions,
): RuleDuplicateKeys {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    const message = 'options must be an object, e.g. { registry }'
    throw new LeadkitError({ code: 'invalid_type', path: ['options'], message })
  }
  const { rules, builtIn } = rulesOf(source)
  const compiled = compileRules(rules, options.registry, ['rules']).rules.filter(
    ({ rule }) => rule.published && isKeyed(rule.baseEntity) && isKeyed(rule.matchingEntity),
  )
  const plans = new Map<DuplicateKeyedEntity, MatchingPlan>()
  for (const matching of KEYED) {
    const own = compiled.filter(({ rule }) => rule.matchingEntity === matching)
    const fuzzy = own.filter((c) => c.matchKind === 'fuzzy')
    const isBuiltIn = builtIn.has(matching)
    plans.set(matching, {
      exact: own.filter((c) => c.matchKind === 'matchcode').map((c) => ({ compiled: c, tag: tagOf(c.rule) })),
      blocking: fuzzy.length > 0 || isBuiltIn,
      builtIn: isBuiltIn,
      fuzzyFrom: new Set(fuzzy.map((c) => c.rule.baseEntity)),
    })
  }
  const mappingSet = options.mappingSet

  const storedKeys = (entity: DuplicateKeyedEntity, record: object): readonly string[] => {
    checkArguments(entity, record)
    const plan = plans.get(entity) as MatchingPlan
    const keys = new Set<string>()
    for (const { compiled: rule, tag } of plan.exact) {
      rule.eachCode(record, 'matching', (code) => keys.add(keyOf(tag, code)))
    }
    if (plan.blocking) for (const key of duplicateBlockingKeys(record)) keys.add(keyOf('b', key))
    return Object.freeze([...keys])
  }

  const candidateKeys = (entity: DuplicateKeyedEntity, record: object): CandidateKeys => {
    checkArguments(entity, record)
    // A lead being qualified is compared as itself, and, by rules on accounts and contacts, as the account and
    // contact it would become (findQualificationDuplicates maps it): each view is looked up with its rules.
    const views: [object, DuplicateKeyedEntity][] = [[record, entity]]
    if (entity === 'lead') {
      const lead = record as Lead
      for (const target of ['account', 'contact'] as const) {
        views.push([{ id: lead.id, ...mapLead(lead, target, mappingSet).fields }, target])
      }
    }
    const found: Record<DuplicateKeyedEntity, readonly string[]> = { lead: [], account: [], contact: [] }
    for (const matching of KEYED) {
      const plan = plans.get(matching) as MatchingPlan
      const keys = new Set<string>()
      const add = (base: object, baseEntity: DuplicateKeyedEntity): void => {
        for (const { compiled: rule, tag } of plan.exact) {
          if (rule.rule.baseEntity === baseEntity) rule.eachCode(base, 'base', (code) => keys.add(keyOf(tag, code)))
        }
        if (plan.blocking && (baseEntity === matching || plan.fuzzyFrom.has(baseEntity))) {
          for (const key of duplicateBlockingKeys(base)) keys.add(keyOf('b', key))
        }
      }
      for (const [view, base] of views) add(view, base)
      // The built-in checks compare the lead's own fields with an account's or contact's.
      if (entity === 'lead' && matching !== 'lead' && plan.builtIn) {
        for (const target of builtInTargets(record as Lead, matching)) add(target, matching)
      }
      found[matching] = Object.freeze([...keys])
    }
    return Object.freeze(found)
  }

  // Both faces let only LeadkitErrors out (a getter that throws, input too deep to read).
  const keysFunction = ((entity: DuplicateKeyedEntity, record: object) =>
    guarded(() => storedKeys(entity, record))) as RuleDuplicateKeys
  keysFunction.candidateKeys = ((entity: DuplicateKeyedEntity, record: object) =>
    guarded(() => candidateKeys(entity, record))) as RuleDuplicateKeys['candidateKeys']
  return Object.freeze(keysFunction)
}

function checkArguments(entity: unknown, record: unknown): void {
  if (!isKeyed(entity)) {
    const message = 'entity must be "lead", "account" or "contact"'
    throw new LeadkitError({ code: 'invalid_value', path: ['entity'], message })
  }
  if (record === null || typeof record !== 'object') {
    throw new LeadkitError({ code: 'invalid_type', path: ['record'], message: `a ${entity} record must be an object` })
  }
}

function isKeyed(entity: unknown): entity is DuplicateKeyedEntity {
  return entity === 'lead' || entity === 'account' || entity === 'contact'
}

/** The rules to key by, and the record types whose qualification checks are the built-in ones. */
function rulesOf(source: DuplicateKeyRules | undefined): {
  rules: readonly unknown[]
  builtIn: ReadonlySet<DuplicateKeyedEntity>
} {
  if (Array.isArray(source)) return { rules: source, builtIn: new Set() }
  const settings = source === undefined ? DEFAULT_QUALIFICATION_SETTINGS : checkParsedSettings(source, ['rules'])
  if (!settings.duplicateDetection.enabled) return { rules: [], builtIn: new Set() }
  const own = settings.duplicateDetection.rules
  // Two readers, two views, both keyed: a create or update check runs the rules of the record's base type
  // (resolveDuplicateRules), qualification the rules that match each record type, or its built-in checks for a type
  // no settings rule matches (findQualificationDuplicates). Extra keys only add candidates; a missing one loses one.
  const rules: AnyDuplicateRule[] = []
  for (const entity of KEYED) rules.push(...resolveDuplicateRules(settings, entity))
  const builtIn = new Set<DuplicateKeyedEntity>()
  for (const entity of KEYED) {
    if (own.some((rule) => rule.matchingEntity === entity)) continue
    rules.push(...builtInDuplicateRules(entity, settings.defaultPhoneRegion))
    if (entity !== 'lead') builtIn.add(entity)
  }
  return { rules, builtIn }
}

/**
 * The lead's own fields under the names of an account or contact, as the built-in checks compare them: company
 * name, website, either phone, the email domain (unless free mail) as a website; email and both phones.
 */
function builtInTargets(lead: Lead, entity: 'account' | 'contact'): object[] {
  if (entity === 'contact') {
    const { id, firstName, lastName, email, businessPhone, mobilePhone } = lead
    return [{ id, firstName, lastName, email, businessPhone, mobilePhone }]
  }
  const domain = typeof lead.email === 'string' ? emailDomain(lead.email) : undefined
  const business = domain !== undefined && !isFreeMailDomain(domain) ? domain : undefined
  return [
    { id: lead.id, name: lead.companyName, website: lead.website, phone: lead.businessPhone },
    { id: lead.id, name: lead.companyName, website: business, phone: lead.mobilePhone },
  ]
}

/** What a rule's keys do not depend on: its name and switches, and which equal codes match (not which exist). */
const NOT_IN_TAG = new Set(['name', 'published', 'excludeInactiveMatchingRecords', 'maxSharedBy', 'confirm'])

/** A rule's stable key prefix: a hash of what decides its codes, so renaming it or changing a switch keeps its keys. */
function tagOf(rule: AnyDuplicateRule): string {
  const codes = Object.fromEntries(Object.entries(rule).filter(([key]) => !NOT_IN_TAG.has(key)))
  return `r${stableHash(stableStringify(codes)).slice(0, 10)}`
}

function keyOf(tag: string, code: string): string {
  if (code.length <= MAX_CODE_LENGTH && isStorableText(code)) return `${tag}:${code}`
  return `${tag}#${stableHash(code)}`
}
