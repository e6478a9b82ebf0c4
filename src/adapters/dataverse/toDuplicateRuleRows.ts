import type { AnyDuplicateRule } from '../../duplicates/types.js'
import { LeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { asLeadkitError, describe } from '../../internal/validate.js'
import { attributeOf, OPERATOR_CODES } from './internal/ruleColumns.js'
import { requireGuid } from './internal/tables.js'
import type { WebApiPayload } from './types.js'

/**
 * Options of {@link toDuplicateRuleRows}.
 *
 * @example
 * toDuplicateRuleRows(rules, { newId: () => crypto.randomUUID() })
 */
export interface DuplicateRuleRowsOptions {
  /** Makes the GUID of each new row; `crypto.randomUUID()` by default. Tests pass a deterministic one. */
  readonly newId?: () => string
}

/**
 * The Web API create bodies of a set of duplicate rules, and which rules to publish.
 *
 * @example
 * const { rules, conditions, publish } = toDuplicateRuleRows(leadkitRules)
 */
export interface DuplicateRuleRows {
  /** `POST duplicaterules` bodies, one per rule, in order. */
  readonly rules: readonly WebApiPayload[]
  /** `POST duplicateruleconditions` bodies, each bound to its rule by `regardingobjectid@odata.bind`. */
  readonly conditions: readonly WebApiPayload[]
  /**
   * The bound actions that publish the rules marked `published`, relative to the Web API root
   * (`duplicaterules(<id>)/Microsoft.Dynamics.CRM.PublishDuplicateRule`): a rule is created unpublished and
   * published by the action.
   */
  readonly publish: readonly string[]
}

function defaultId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto
  if (crypto?.randomUUID === undefined) {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['newId'],
      message: 'this runtime has no crypto.randomUUID: pass options.newId, a function that returns a new GUID',
    })
  }
  return crypto.randomUUID()
}

/**
 * Writes leadkit matchcode rules as Dataverse `duplicaterule` and `duplicaterulecondition` rows — the inverse of
 * {@link fromDuplicateRuleRows} — so rules kept as JSON in a repository can be deployed to an organisation: tables by
 * logical name, `iscasesensitive`, `excludeinactiverecords`, each condition's attributes (`email` → `emailaddress1`,
 * `address.city` → `address1_city`, `extra.new_vat` → `new_vat`), `operatorcode`, `operatorparam` (Same First /
 * Last Characters only, as Dataverse requires) and `ignoreblankvalues`.
 *
 * @param rules - parsed rules (`parseDuplicateRule`); keyed and fuzzy rules have no Dataverse form
 * @param options - `newId`, the GUID factory of the new rows
 * @returns the frozen create bodies and the publish actions
 * @throws LeadkitError `invalid_rule` at `[i]` for a keyed or fuzzy rule, at `[i, 'conditions', j]` for a field with
 * no Dataverse column; `invalid_format` when `newId` returns something that is not a GUID
 * @example
 * toDuplicateRuleRows([sameEmail], { newId: () => 'b3c1…' })
 * //=> { rules: [{ duplicateruleid: 'b3c1…', name: 'Leads with the same e-mail', baseentityname: 'lead', … }],
 * //     conditions: [{ baseattributename: 'emailaddress1', operatorcode: 0, 'regardingobjectid@odata.bind':
 * //     '/duplicaterules(b3c1…)', … }],
 * //     publish: ['duplicaterules(b3c1…)/Microsoft.Dynamics.CRM.PublishDuplicateRule'] }
 */
export function toDuplicateRuleRows(
  rules: readonly AnyDuplicateRule[],
  options: DuplicateRuleRowsOptions = {},
): DuplicateRuleRows {
  try {
    return toDuplicateRuleRowsUnguarded(rules, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function toDuplicateRuleRowsUnguarded(
  rules: readonly AnyDuplicateRule[],
  options: DuplicateRuleRowsOptions,
): DuplicateRuleRows {
  if (!Array.isArray(rules)) {
    const message = `rules must be a list of parsed rules (got ${describe(rules)})`
    throw new LeadkitError({ code: 'invalid_type', path: [], message })
  }
  const newId = (path: readonly (string | number)[]): string =>
    requireGuid((options.newId ?? defaultId)(), path, 'the id newId made')
  const ruleRows: WebApiPayload[] = []
  const conditionRows: WebApiPayload[] = []
  const publish: string[] = []
  rules.forEach((rule: AnyDuplicateRule, index) => {
    if (rule === null || typeof rule !== 'object' || rule.kind !== 'matchcode') {
      const { name, kind } = (rule ?? {}) as { readonly name?: unknown; readonly kind?: unknown }
      throw new LeadkitError({
        code: 'invalid_rule',
        path: [index],
        message:
          `rule [${index}] ${describe(name)} is a ${describe(kind)} rule; Dataverse runs matchcode rules ` +
          'only: keep it in leadkit, or rewrite it with conditions',
      })
    }
    const id = newId([index, 'id'])
    ruleRows.push({
      duplicateruleid: id,
      name: rule.name,
      baseentityname: rule.baseEntity,
      matchingentityname: rule.matchingEntity,
      iscasesensitive: rule.caseSensitive,
      excludeinactiverecords: rule.excludeInactiveMatchingRecords,
    })
    rule.conditions.forEach((condition, at) => {
      const column = (entity: typeof rule.baseEntity, path: string, name: string): string => {
        const attribute = attributeOf(entity, path)
        if (attribute === undefined) {
          throw new LeadkitError({
            code: 'invalid_rule',
            path: [index, 'conditions', at, name],
            message: `rule [${index}] "${rule.name}" compares ${path}, which has no ${entity} column in Dataverse`,
          })
        }
        return attribute
      }
      conditionRows.push({
        duplicateruleconditionid: newId([index, 'conditions', at, 'id']),
        baseattributename: column(rule.baseEntity, condition.baseField, 'baseField'),
        matchingattributename: column(rule.matchingEntity, condition.matchingField, 'matchingField'),
        operatorcode: OPERATOR_CODES[condition.operator],
        ...(condition.characters === undefined ? {} : { operatorparam: condition.characters }),
        ignoreblankvalues: condition.ignoreBlankValues,
        'regardingobjectid@odata.bind': `/duplicaterules(${id})`,
      })
    })
    if (rule.published) publish.push(`duplicaterules(${id})/Microsoft.Dynamics.CRM.PublishDuplicateRule`)
  })
  return deepFreeze({ rules: ruleRows, conditions: conditionRows, publish })
}
