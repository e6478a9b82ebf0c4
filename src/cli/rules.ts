import { readFile } from 'node:fs/promises'
import { createDefaultLeadRules, parseDuplicateRules, resolveDuplicateRules, type AnyDuplicateRule } from '../duplicates/index.js'
import { isLeadkitError } from '../index.js'
import { parseQualificationSettings } from '../settings/index.js'
import { CliFailure, EXIT_INPUT } from './failure.js'

/** The rules a run uses, and where they came from (for messages and the summary). */
export interface LoadedRules {
  readonly rules: readonly AnyDuplicateRule[]
  readonly source: string
  readonly isDefault: boolean
}

// A rules file is an admin's JSON, small; anything larger is a mistake (or an attack) to refuse before parsing.
const MAX_RULES_FILE_BYTES = 4 * 1024 * 1024

/**
 * The admin's rules from `file` (a JSON array of rules, `{ "rules": [...] }`, or qualification settings whose
 * `duplicateDetection.rules` are resolved for leads as Dynamics 365 does), or the default duplicate-lead rules.
 */
export async function loadRules(file: string | undefined, defaultRegion: string | undefined): Promise<LoadedRules> {
  if (file === undefined) {
    try {
      return { rules: createDefaultLeadRules(defaultRegion === undefined ? {} : { defaultRegion }), source: 'the default duplicate-lead rules', isDefault: true }
    } catch (error) {
      throw new CliFailure(EXIT_INPUT, `--default-region ${defaultRegion}: ${messageOf(error)}`, { cause: error })
    }
  }
  let text: string
  try {
    const bytes = await readFile(file)
    if (bytes.length > MAX_RULES_FILE_BYTES) throw new CliFailure(EXIT_INPUT, `${file}: a rules file over 4 MB is not a rule set`)
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch (error) {
    if (error instanceof CliFailure) throw error
    throw new CliFailure(EXIT_INPUT, `cannot read the rules file ${file}: ${messageOf(error)}`, { cause: error })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CliFailure(EXIT_INPUT, `${file} is not JSON: ${messageOf(error)}`, { cause: error })
  }
  try {
    const isSettings = json !== null && typeof json === 'object' && !Array.isArray(json) && 'duplicateDetection' in json
    const list = json !== null && typeof json === 'object' && !Array.isArray(json) && 'rules' in json ? (json as { rules: unknown }).rules : json
    const rules = isSettings ? resolveDuplicateRules(parseQualificationSettings(json), 'lead') : parseDuplicateRules(list)
    // Settings with detection off resolve to no rules: refused like a list without a published rule, since a run
    // that compares nothing would exit 0, "no duplicates".
    if (rules.filter((rule) => rule.published).length === 0) {
      const why = isSettings ? 'settings whose duplicate detection checks no lead' : 'no published rule'
      throw new CliFailure(EXIT_INPUT, `${file} holds ${why}: nothing would be compared`)
    }
    return { rules, source: file, isDefault: false }
  } catch (error) {
    if (error instanceof CliFailure) throw error
    throw new CliFailure(EXIT_INPUT, `${file}: ${describeError(error)}`, { cause: error })
  }
}

/** A LeadkitError as one line per issue, each with its path (`rules[1].conditions[0].characters: …`). */
export function describeError(error: unknown): string {
  if (!isLeadkitError(error)) return messageOf(error)
  const issues = error.issues.slice(0, 10).map((issue) => {
    const path = formatPath(issue.path)
    // Most messages already start with the field's path; say it once.
    return issue.message.startsWith(path) ? issue.message : `${path}: ${issue.message}`
  })
  const more = error.issues.length > 10 ? `\n  … and ${error.issues.length - 10} more` : ''
  return issues.length === 1 ? (issues[0] as string) : `\n  ${issues.join('\n  ')}${more}`
}

export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return '(top)'
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('')
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

// The fields each built-in comparator reads (their documentation in docs/duplicates.md).
// The name rules also read the email (work addresses tell namesakes apart) and the phones (separateByPhone).
const COMPARATOR_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'lead-name-and-company': ['firstName', 'lastName', 'companyName', 'email', 'mobilePhone', 'businessPhone'],
  'lead-name-and-email-domain': ['firstName', 'lastName', 'email', 'website', 'mobilePhone', 'businessPhone'],
  'lead-name': ['firstName', 'lastName'],
}

/**
 * The fields the published rules read (dotted paths), from their JSON; `undefined` when a rule names a comparator
 * whose fields cannot be told (a host's own), so the column check is skipped rather than wrong.
 */
export function ruleFields(rules: readonly AnyDuplicateRule[]): readonly string[] | undefined {
  const fields = new Set<string>()
  for (const rule of rules as unknown as readonly Record<string, unknown>[]) {
    if (rule.published === false) continue
    for (const condition of (rule.conditions as readonly Record<string, unknown>[] | undefined) ?? []) {
      for (const key of ['baseField', 'matchingField']) if (typeof condition[key] === 'string') fields.add(condition[key] as string)
    }
    for (const key of ['baseFields', 'matchingFields']) {
      for (const field of (rule[key] as readonly unknown[] | undefined) ?? []) if (typeof field === 'string') fields.add(field)
    }
    const confirm = rule.confirm as { comparator?: unknown } | undefined
    if (confirm !== undefined) {
      const known = COMPARATOR_FIELDS[String(confirm.comparator)]
      if (known === undefined) return undefined
      for (const field of known) fields.add(field)
    }
    if (rule.kind === 'fuzzy') {
      const comparator = String(rule.comparator)
      if (comparator === 'scored') {
        const options = rule.options as { fields?: readonly { field?: unknown }[] } | undefined
        for (const field of options?.fields ?? []) if (typeof field.field === 'string') fields.add(field.field)
      } else {
        const known = COMPARATOR_FIELDS[comparator]
        if (known === undefined) return undefined
        for (const field of known) fields.add(field)
      }
    }
  }
  return [...fields]
}
