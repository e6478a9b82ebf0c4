import { trustedRule } from '../../duplicates/internal/parsedRule.js'
import { asRuleIssues, overPublished } from '../../duplicates/internal/ruleIssues.js'
import { MATCHCODE_KIND } from '../../duplicates/internal/ruleKinds/matchcodeKind.js'
import { readHead, type Definitions } from '../../duplicates/internal/ruleKinds/shared.js'
import { DUPLICATE_ENTITIES, MAX_PUBLISHED_RULES_PER_ENTITY } from '../../duplicates/ruleVocabulary.js'
import type { DuplicateEntity, DuplicateRule } from '../../duplicates/types.js'
import { LeadkitError } from '../../errors.js'
import { asLeadkitError, describe, InputReader } from '../../internal/validate.js'
import { fieldPathOf, operatorOf } from './internal/ruleColumns.js'

type Row = Readonly<Record<string, unknown>>

/** Matchcode rules name no normaliser or comparator: the reader never looks at definitions. */
const NO_DEFINITIONS = undefined as unknown as Definitions

/** `statuscode` of a published duplicate rule (Unpublished 0, Publishing 1, Published 2). */
const PUBLISHED = 2
const RULE_REFERENCE = /^\/?duplicaterules\(([^)]+)\)$/
/** Far more than an organisation defines (Dataverse publishes at most 5 per table): refuse before reading. */
const MAX_ROWS = 10_000

function rowsOf(value: unknown, name: string): readonly Row[] {
  if (!Array.isArray(value) || value.length > MAX_ROWS) {
    throw new LeadkitError({
      code: 'invalid_type',
      path: [name],
      message:
        `${name} must be a list of at most ${MAX_ROWS} Web API rows (the value of GET ${name}) ` +
        `(got ${describe(value)})`,
    })
  }
  value.forEach((row, index) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      const message = `${name}[${index}] must be a row object`
      throw new LeadkitError({ code: 'invalid_type', path: [name, index], message })
    }
  })
  return value as readonly Row[]
}

/** A row's id or name for a message: short strings in full, anything else described. */
function quote(value: unknown): string {
  return typeof value === 'string' ? `"${value.slice(0, 100)}${value.length > 100 ? '…' : ''}"` : describe(value)
}

function ruleIdOf(condition: Row): unknown {
  const bound = condition['regardingobjectid@odata.bind']
  if (typeof bound === 'string') return RULE_REFERENCE.exec(bound)?.[1]
  return condition._regardingobjectid_value
}

function sameId(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase()
}

/**
 * Reads an organisation's duplicate detection rules — `duplicaterule` rows and their `duplicaterulecondition` rows,
 * as `GET duplicaterules` and `GET duplicateruleconditions` return them — into leadkit matchcode rules, so a plugin
 * evaluates exactly the rules the admin published:
 *
 * - `baseentityname` / `matchingentityname` → `baseEntity` / `matchingEntity` (lead, account, contact, opportunity);
 * - `iscasesensitive` → `caseSensitive`, `excludeinactiverecords` → `excludeInactiveMatchingRecords`,
 *   `statuscode` 2 (Published) → `published`;
 * - each condition (linked by `_regardingobjectid_value`) with its `operatorcode` — 0 Exact Match, 1 Same First
 *   Characters and 2 Same Last Characters (with `operatorparam`), 3 Same Date, 4 Same Date and Time, 5 and 6 Exact
 *   Match (Pick List Label / Value) — and `ignoreblankvalues`; attribute names become field paths
 *   (`emailaddress1` → `email`, `address1_city` → `address.city`, a custom column → `extra.<column>`).
 *
 * The rules are then checked as `parseDuplicateRules` checks them, at most 5 published per base table included.
 *
 * @param rules - the `duplicaterule` rows
 * @param conditions - the `duplicaterulecondition` rows of those rules
 * @returns the frozen rules, in the order of `rules`
 * @throws LeadkitError `invalid_rule` naming the row (its path, id and rule name) for a table or operator leadkit
 * does not run, a rule without conditions or a condition of no listed rule; `invalid_type` for a list that is not
 * one
 * @example
 * fromDuplicateRuleRows(
 *   [{ duplicateruleid: 'r1', name: 'Leads with the same e-mail', baseentityname: 'lead', matchingentityname: 'lead',
 *      iscasesensitive: false, excludeinactiverecords: true, statecode: 1, statuscode: 2 }],
 *   [{ _regardingobjectid_value: 'r1', baseattributename: 'emailaddress1', matchingattributename: 'emailaddress1',
 *      operatorcode: 0, ignoreblankvalues: true }],
 * )[0]
 * //=> { kind: 'matchcode', name: 'Leads with the same e-mail', baseEntity: 'lead', matchingEntity: 'lead',
 * //     conditions: [{ baseField: 'email', matchingField: 'email', operator: 'exact', ignoreBlankValues: true }],
 * //     caseSensitive: false, excludeInactiveMatchingRecords: true, published: true }
 */
export function fromDuplicateRuleRows(
  rules: readonly unknown[],
  conditions: readonly unknown[],
): readonly DuplicateRule[] {
  try {
    return fromDuplicateRuleRowsUnguarded(rules, conditions)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function fromDuplicateRuleRowsUnguarded(
  rules: readonly unknown[],
  conditions: readonly unknown[],
): readonly DuplicateRule[] {
  const ruleRows = rowsOf(rules, 'duplicaterules')
  const conditionRows = rowsOf(conditions, 'duplicateruleconditions')
  const used = new Set<number>()
  const inputs = ruleRows.map((row, index) => {
    const id = row.duplicateruleid
    const what = `duplicaterules[${index}] (${quote(id)}, ${quote(row.name)})`
    const baseEntity = entityOf(row.baseentityname, ['duplicaterules', index, 'baseentityname'], what)
    const matchingPath = ['duplicaterules', index, 'matchingentityname']
    const matchingEntity = entityOf(row.matchingentityname ?? row.baseentityname, matchingPath, what)
    const own: unknown[] = []
    conditionRows.forEach((condition, at) => {
      if (!sameId(ruleIdOf(condition), id)) return
      used.add(at)
      own.push(conditionOf(condition, at, baseEntity, matchingEntity, what))
    })
    if (own.length === 0) {
      throw new LeadkitError({
        code: 'invalid_rule',
        path: ['duplicaterules', index],
        message: `${what} has no conditions: pass its duplicaterulecondition rows (_regardingobjectid_value = its id)`,
      })
    }
    return {
      name: row.name,
      baseEntity,
      matchingEntity,
      conditions: own,
      caseSensitive: row.iscasesensitive ?? false,
      excludeInactiveMatchingRecords: row.excludeinactiverecords ?? false,
      // Without a statuscode (not selected), an Active rule (statecode 1) is a published one.
      published: row.statuscode === undefined || row.statuscode === null
        ? row.statecode === 1
        : row.statuscode === PUBLISHED,
    }
  })
  const orphan = conditionRows.findIndex((_condition, at) => !used.has(at))
  if (orphan !== -1) {
    throw new LeadkitError({
      code: 'invalid_rule',
      path: ['duplicateruleconditions', orphan],
      message:
        `duplicateruleconditions[${orphan}] (${quote(conditionRows[orphan]?.duplicateruleconditionid)}) belongs to ` +
        `no listed rule (${quote(ruleIdOf(conditionRows[orphan] as Row))}): pass its duplicaterule row too`,
    })
  }
  return parseMatchcodeRules(inputs)
}

/**
 * The rules checked as `parseDuplicateRules` checks matchcode rules, at most 5 published per base table included.
 * It runs the matchcode reader itself rather than `parseDuplicateRules`, whose registry of normalisers would load
 * libphonenumber-js's metadata (2.5 MB of heap) into every plugin that imports this adapter.
 */
function parseMatchcodeRules(inputs: readonly Readonly<Record<string, unknown>>[]): readonly DuplicateRule[] {
  const reader = new InputReader()
  const rules: DuplicateRule[] = []
  const published = new Map<DuplicateEntity, number>()
  inputs.forEach((raw, index) => {
    const root = ['duplicaterules', index]
    const before = reader.issues.length
    const rule = MATCHCODE_KIND.read(reader, raw, root, readHead(reader, raw, root), NO_DEFINITIONS)
    if (rule === undefined || reader.issues.length > before) return
    const count = rule.published ? overPublished(published, rule.baseEntity) : undefined
    if (count !== undefined) {
      reader.add(
        'invalid_rule',
        root,
        `duplicaterules[${index}] "${rule.name}" would be published rule number ${count} for ${rule.baseEntity}; ` +
          `Dataverse publishes at most ${MAX_PUBLISHED_RULES_PER_ENTITY} rules per table`,
      )
      return
    }
    rules.push(trustedRule(rule))
  })
  if (!reader.ok) {
    // Every problem of a rule is "a rule that cannot run", as parseDuplicateRules reports it.
    throw new LeadkitError(asRuleIssues(reader.issues))
  }
  return Object.freeze(rules)
}

function entityOf(value: unknown, path: readonly (string | number)[], what: string): DuplicateEntity {
  if (typeof value === 'string' && (DUPLICATE_ENTITIES as readonly string[]).includes(value)) {
    return value as DuplicateEntity
  }
  throw new LeadkitError({
    code: 'invalid_rule',
    path,
    message: `${what} compares ${quote(value)} records; leadkit runs rules on ${DUPLICATE_ENTITIES.join(', ')} only`,
  })
}

function conditionOf(row: Row, at: number, base: DuplicateEntity, matching: DuplicateEntity, rule: string): unknown {
  const what = `duplicateruleconditions[${at}] (${quote(row.duplicateruleconditionid)}) of ${rule}`
  const operator = operatorOf(row.operatorcode)
  if (operator === undefined) {
    throw new LeadkitError({
      code: 'invalid_rule',
      path: ['duplicateruleconditions', at, 'operatorcode'],
      message: `${what} has operatorcode ${describe(row.operatorcode)}, which leadkit does not run (it runs 0 to 6)`,
    })
  }
  const attribute = (name: string, entity: DuplicateEntity, value: unknown): string => {
    const path = typeof value === 'string' ? fieldPathOf(entity, value) : undefined
    if (path === undefined) {
      throw new LeadkitError({
        code: 'invalid_rule',
        path: ['duplicateruleconditions', at, name],
        message: `${what} compares ${quote(value)}, which is not a ${entity} column`,
      })
    }
    return path
  }
  const needsCharacters = operator === 'same-first-characters' || operator === 'same-last-characters'
  return {
    baseField: attribute('baseattributename', base, row.baseattributename),
    matchingField: attribute('matchingattributename', matching, row.matchingattributename ?? row.baseattributename),
    operator,
    ...(needsCharacters ? { characters: row.operatorparam } : {}),
    ignoreBlankValues: row.ignoreblankvalues ?? false,
  }
}
