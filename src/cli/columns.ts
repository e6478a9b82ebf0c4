// How the CSV's columns become lead fields. Everything here is learnt from the public parsers (parseLead and the
// Dataverse bridge fromDataverse) by probing them once per header, so the CLI holds no second copy of the field
// list: a field the records folder adds is accepted here the day it is added.
import { fromDataverse, safeParseLead } from '../records/index.js'
import { CliFailure, EXIT_INPUT, EXIT_USAGE } from './failure.js'

/** What one CSV column becomes. */
export type ColumnTarget =
  /** A lead field (`email`, `address.city`, `extra.dateOfBirth`), read by parseLead with `coerce`. */
  | { readonly kind: 'field'; readonly path: readonly string[] }
  /** A Dataverse column that is not plain text (`statecode`, `leadsourcecode`): converted by fromDataverse. */
  | { readonly kind: 'dataverse'; readonly column: string }
  /** A column no lead can hold (a key parseLead refuses under `extra`): left out, and said so in the summary. */
  | { readonly kind: 'ignored'; readonly reason: string }

/** The columns of a file, resolved. */
export interface ColumnPlan {
  readonly headers: readonly string[]
  readonly targets: readonly ColumnTarget[]
  /** The index of the id column. */
  readonly idIndex: number
  /** Lead field path (dotted) → the column it is read from, for the fields read from a column. */
  readonly fieldColumns: ReadonlyMap<string, string>
  readonly ignored: readonly { readonly column: string; readonly reason: string }[]
}

// A value every text field accepts (short enough for the 20-character mobile phone, shaped as an email address).
const PROBE = 'probe@leadkit.example'
const EPOCH = '2000-01-01T00:00:00Z'
const SYSTEM = { id: 'leadkit-probe', createdOn: EPOCH, modifiedOn: EPOCH, version: 1 }
const DATAVERSE_SYSTEM = { leadid: 'leadkit-probe', createdon: EPOCH, modifiedon: EPOCH, versionnumber: 1 }

/**
 * Resolves each header: an explicit `--map column=field` first, then a leadkit field name (`firstName`,
 * `address.city`), then a Dataverse logical name (`emailaddress1`, `address1_city`, `statecode`), else the column is
 * kept under `extra.<header>` as parseLead keeps unknown keys.
 */
export function planColumns(
  headers: readonly string[],
  maps: ReadonlyMap<string, string>,
  idColumn: string | undefined,
): ColumnPlan {
  const seen = new Set<string>()
  for (const header of headers) {
    if (seen.has(header)) throw new CliFailure(EXIT_INPUT, `the header names the column "${header}" twice; give each column its own name`)
    seen.add(header)
  }
  for (const column of maps.keys()) {
    if (!seen.has(column)) {
      throw new CliFailure(EXIT_USAGE, `--map names the column "${column}", which the file does not have (it has ${list(headers)})`)
    }
  }
  if (idColumn !== undefined && !seen.has(idColumn)) {
    throw new CliFailure(EXIT_INPUT, `the file has no id column "${idColumn}" (it has ${list(headers)}); name one with --id-column`)
  }
  const targets = headers.map((header): ColumnTarget => {
    if (header === idColumn) return { kind: 'field', path: ['id'] }
    const mapped = maps.get(header)
    if (mapped !== undefined) return mappedTarget(header, mapped)
    const target = leadkitField(header.split('.')) ?? dataverseColumn(header) ?? extraKey(header)
    // --id-column names the id: an "id" or "leadid" column beside it is data like any other, kept under extra.
    return idColumn !== undefined && isId(target) ? extraKey(header) : target
  })
  const idIndex = targets.findIndex((target) => target.kind === 'field' && target.path.length === 1 && target.path[0] === 'id')
  if (idIndex < 0) {
    throw new CliFailure(
      EXIT_INPUT,
      `the file has no id column: expected "id" or "leadid" (it has ${list(headers)}); name one with --id-column`,
    )
  }
  const ids = targets.filter((target) => target.kind === 'field' && target.path.join('.') === 'id').length
  if (ids > 1) {
    throw new CliFailure(EXIT_USAGE, `more than one column is the id (${list(headers.filter((_, i) => isId(targets[i])))}); keep one with --id-column`)
  }
  const fieldColumns = new Map<string, string>()
  const ignored: { column: string; reason: string }[] = []
  targets.forEach((target, index) => {
    const header = headers[index] as string
    if (target.kind === 'field') {
      const path = target.path.join('.')
      if (fieldColumns.has(path)) {
        throw new CliFailure(EXIT_USAGE, `the columns "${fieldColumns.get(path)}" and "${header}" are both read as ${path}; map one of them elsewhere with --map`)
      }
      fieldColumns.set(path, header)
    } else if (target.kind === 'ignored') {
      ignored.push({ column: header, reason: target.reason })
    }
  })
  return { headers, targets, idIndex, fieldColumns, ignored }
}

function isId(target: ColumnTarget | undefined): boolean {
  return target?.kind === 'field' && target.path.join('.') === 'id'
}

function mappedTarget(header: string, field: string): ColumnTarget {
  const path = field.split('.')
  if (path[0] === 'extra' && path.length === 2) return extraKey(path[1] as string, header)
  const target = leadkitField(path)
  if (target === undefined) {
    throw new CliFailure(
      EXIT_USAGE,
      `--map ${header}=${field}: "${field}" is not a lead field (fields are firstName, lastName, companyName, email, businessPhone, mobilePhone, website, address.city, …, or extra.<name> for your own)`,
    )
  }
  return target
}

/** The lead field at `path`, if parseLead reads one there. */
function leadkitField(path: readonly string[]): ColumnTarget | undefined {
  const probe: Record<string, unknown> = { ...SYSTEM }
  setPath(probe, path, PROBE)
  const result = safeParseLead(probe, { coerce: true })
  if (result.success) {
    const found = findValue(result.value, PROBE, [])
    return found === undefined || found[0] === 'extra' ? undefined : { kind: 'field', path: found }
  }
  // A number, yes/no, option or instant field refuses the probe at its own path: it is a field all the same.
  const joined = path.join('.')
  return result.issues.some((issue) => issue.path.join('.') === joined) ? { kind: 'field', path } : undefined
}

/** The lead field a Dataverse logical column is read into, if the bridge knows the column. */
function dataverseColumn(header: string): ColumnTarget | undefined {
  // The bridge's own system columns: read straight into the fields parseLead checks.
  const system: Record<string, string> = { leadid: 'id', createdon: 'createdOn', modifiedon: 'modifiedOn', versionnumber: 'version' }
  if (system[header] !== undefined) return { kind: 'field', path: [system[header]] }
  if (header.includes('@') || header.includes('.')) return undefined
  try {
    const lead = fromDataverse({ ...DATAVERSE_SYSTEM, [header]: PROBE }, 'lead', { coerce: true })
    const found = findValue(lead, PROBE, [])
    return found === undefined || found[0] === 'extra' ? undefined : { kind: 'field', path: found }
  } catch (error) {
    const issues = (error as { issues?: readonly { path: readonly (string | number)[] }[] }).issues ?? []
    return issues.some((issue) => issue.path[0] === header) ? { kind: 'dataverse', column: header } : undefined
  }
}

function extraKey(key: string, header = key): ColumnTarget {
  const result = safeParseLead({ ...SYSTEM, extra: { [key]: PROBE } }, { coerce: true })
  if (result.success) return { kind: 'field', path: ['extra', key] }
  return {
    kind: 'ignored',
    reason: `"${header}" is not a lead field and cannot be kept under extra (${result.issues[0]?.message ?? 'refused'}); map it with --map ${header}=<field>`,
  }
}

function findValue(value: unknown, wanted: string, path: string[]): string[] | undefined {
  if (value === wanted) return path
  if (value === null || typeof value !== 'object') return undefined
  for (const [key, child] of Object.entries(value)) {
    const found = findValue(child, wanted, [...path, key])
    if (found !== undefined) return found
  }
  return undefined
}

/** Sets `value` at a dotted path in a plain object made here (never the caller's). */
export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target
  for (const key of path.slice(0, -1)) {
    const next = Object.hasOwn(node, key) ? node[key] : undefined
    if (next !== null && typeof next === 'object') node = next as Record<string, unknown>
    else {
      const created: Record<string, unknown> = {}
      define(node, key, created)
      node = created
    }
  }
  define(node, path[path.length - 1] as string, value)
}

// A header is untrusted text: `__proto__` must become a key (which parseLead then refuses), never a prototype.
function define(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true })
}

/** Up to 20 quoted names, for messages. */
export function list(names: readonly string[]): string {
  const shown = names.slice(0, 20).map((name) => `"${name.slice(0, 60)}"`)
  return names.length === 0 ? 'no columns' : `${shown.join(', ')}${names.length > 20 ? `, … (${names.length} in all)` : ''}`
}
