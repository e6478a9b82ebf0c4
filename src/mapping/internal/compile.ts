// Internal: validation of field maps and their precompilation into accessor steps, shared by createMappingSet and
// mapLead. Not exported from the package.
import { LeadkitError, type Issue, type IssuePath } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { describe, formatPath, InputReader } from '../../internal/validate.js'
import type { Lead } from '../../records/types.js'
import { checkCustomFieldPath } from './customField.js'
import { LEAD_FIELD_SPECS, TARGET_FIELD_SPECS } from '../fieldSpecs.js'
import { OUT_OF_THE_BOX_MAPS } from '../outOfTheBoxMaps.js'
import type { FieldMap, FieldSpec, MappingOverride, MappingSet, MappingTarget } from '../types.js'
import { isForbiddenKey } from '../../internal/keys.js'

/**
 * The mapping targets, in the product's order.
 *
 * @example
 * MAPPING_TARGETS //=> ['account', 'contact', 'opportunity']
 */
export const MAPPING_TARGETS: readonly MappingTarget[] = ['account', 'contact', 'opportunity']


/**
 * A value safe to put into a frozen result without freezing anything the caller still owns.
 *
 * @example
 * const tags = ['a']
 * Object.isFrozen(frozenCopy(tags)) && !Object.isFrozen(tags) //=> true
 */
export function frozenCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  return deepFreeze(structuredClone(value))
}

type Slot = 'top' | 'address' | 'extra'

interface Step {
  readonly read: (lead: Lead) => unknown
  readonly slot: Slot
  readonly key: string
}

/** The precompiled maps of one target: read a lead value, write it into a slot of the new record. */
export interface CompiledTarget {
  readonly steps: readonly Step[]
}

/** A mapping set turned into accessor steps per target, plus its override. */
export interface CompiledSet {
  readonly account: CompiledTarget
  readonly contact: CompiledTarget
  readonly opportunity: CompiledTarget
  readonly override: MappingOverride | undefined
}

function readerOf(source: string): (lead: Lead) => unknown {
  const dot = source.indexOf('.')
  if (dot < 0) return (lead) => (lead as unknown as Record<string, unknown>)[source]
  const head = source.slice(0, dot)
  const key = source.slice(dot + 1)
  return (lead) => {
    const group = (lead as unknown as Record<string, unknown>)[head]
    return group !== null && typeof group === 'object' && Object.hasOwn(group, key) ? (group as Record<string, unknown>)[key] : undefined
  }
}

function stepOf(map: FieldMap): Step {
  const dot = map.target.indexOf('.')
  if (dot < 0) return { read: readerOf(map.source), slot: 'top', key: map.target }
  const head = map.target.slice(0, dot)
  return { read: readerOf(map.source), slot: head === 'address' ? 'address' : 'extra', key: map.target.slice(dot + 1) }
}

/**
 * Turns a set's maps into accessor steps, so applying them never re-parses a path.
 *
 * @example
 * compile(createMappingSet()).contact.steps.length //=> 13
 */
export function compile(set: MappingSet): CompiledSet {
  const target = (type: MappingTarget): CompiledTarget => ({ steps: set[type].map(stepOf) })
  return { account: target('account'), contact: target('contact'), opportunity: target('opportunity'), override: set.override }
}

function specOf(table: Readonly<Record<string, FieldSpec>>, path: string): FieldSpec | undefined {
  return Object.hasOwn(table, path) ? table[path] : undefined
}

function describeSpec(spec: FieldSpec): string {
  switch (spec.type) {
    case 'string':
      return `text (${spec.maxLength} characters)`
    case 'option':
      return `the ${spec.optionSet} option set`
    case 'lookup':
      return `a lookup to ${spec.lookup}`
    default:
      return spec.type
  }
}

/** Why a source spec cannot be written into a target spec, or `undefined` when it can. */
function incompatibility(source: FieldSpec, target: FieldSpec): string | undefined {
  if (source.type !== target.type) return `it holds ${describeSpec(source)} and the target holds ${describeSpec(target)}`
  if (source.type === 'option' && source.optionSet !== target.optionSet) {
    return `it uses ${describeSpec(source)} and the target uses ${describeSpec(target)}`
  }
  if (source.type === 'lookup' && source.lookup !== target.lookup) {
    return `it refers to ${source.lookup} and the target refers to ${target.lookup}`
  }
  if (source.type === 'string' && (target.maxLength ?? 0) < (source.maxLength ?? 0)) {
    return `the target holds at most ${target.maxLength} characters and the source up to ${source.maxLength}; pick a target at least as long`
  }
  return undefined
}

/**
 * Checks one custom map (already known to be strings) against the lead and target tables and the maps taken so
 * far; records `invalid_mapping` issues. Returns whether the map is valid.
 *
 * @example
 * checkCustomMap(reader, { source: 'lastName', target: 'name' }, 'account', oobTargets('account'), ['custom', 0])
 * //=> false, reader.issues[0].path is ['custom', 0, 'target']
 */
export function checkCustomMap(
  reader: InputReader,
  map: { readonly source: string; readonly target: string },
  type: MappingTarget,
  taken: ReadonlyMap<string, boolean>,
  path: IssuePath,
): boolean {
  const before = reader.issues.length
  const sourcePath = [...path, 'source']
  const targetPath = [...path, 'target']
  const sourceCustom = checkCustomFieldPath(map.source)
  const targetCustom = checkCustomFieldPath(map.target)
  const sourceSpec = specOf(LEAD_FIELD_SPECS, map.source)
  const targetSpec = specOf(TARGET_FIELD_SPECS[type], map.target)

  if (sourceCustom === 'forbidden-key') {
    reader.add('forbidden_key', sourcePath, `${formatPath(sourcePath)} "${map.source}" is not allowed as a field name`)
  } else if (sourceSpec === undefined && sourceCustom !== undefined) {
    reader.add(
      'invalid_mapping',
      sourcePath,
      `${formatPath(sourcePath)}: a lead has no field "${map.source}"; use a lead field (${Object.keys(LEAD_FIELD_SPECS).join(', ')}) or a custom field written extra.<name>`,
    )
  }
  if (targetCustom === 'forbidden-key') {
    reader.add('forbidden_key', targetPath, `${formatPath(targetPath)} "${map.target}" is not allowed as a field name`)
  } else if (targetSpec === undefined && targetCustom !== undefined) {
    reader.add(
      'invalid_mapping',
      targetPath,
      `${formatPath(targetPath)}: ${type} has no mappable field "${map.target}"; use one of ${Object.keys(TARGET_FIELD_SPECS[type]).join(', ')} or a custom field written extra.<name>`,
    )
  }
  if (reader.issues.length > before) return false

  if (sourceSpec === undefined && targetSpec !== undefined) {
    reader.add(
      'invalid_mapping',
      targetPath,
      `${formatPath(targetPath)}: the custom lead field "${map.source}" has no known type, so it can only be mapped to a custom ${type} field (extra.<name>), not to "${map.target}"`,
    )
    return false
  }
  if (sourceSpec !== undefined && targetSpec !== undefined) {
    const why = incompatibility(sourceSpec, targetSpec)
    if (why !== undefined) {
      reader.add('invalid_mapping', targetPath, `${formatPath(targetPath)}: lead.${map.source} cannot be mapped to ${type}.${map.target}: ${why}`)
      return false
    }
  }
  const owner = taken.get(map.target)
  if (owner !== undefined) {
    reader.add(
      'invalid_mapping',
      targetPath,
      owner
        ? `${formatPath(targetPath)}: ${type}.${map.target} is already filled by an out-of-the-box map, which cannot be replaced; use a mapping override to change its value`
        : `${formatPath(targetPath)}: ${type}.${map.target} is already the target of another custom map; map each target field once`,
    )
    return false
  }
  return true
}

/**
 * The target fields the out-of-the-box maps of `type` fill (value `true` = out of the box).
 *
 * @example
 * oobTargets('opportunity').has('topic') //=> true
 */
export function oobTargets(type: MappingTarget): Map<string, boolean> {
  return new Map(OUT_OF_THE_BOX_MAPS[type].map((map) => [map.target, true]))
}

/**
 * Throws `invalid_mapping` when the override's result is unusable; returns the frozen fields otherwise.
 *
 * @example
 * checkOverrideResult({ name: 'X', originatingLeadId: 'lead-1' }, 'lead-1') //=> { name: 'X', originatingLeadId: 'lead-1' }
 * checkOverrideResult({ name: 'X' }, 'lead-1') //=> throws, path ['override', 'originatingLeadId']
 */
export function checkOverrideResult(result: unknown, leadId: string): Readonly<Record<string, unknown>> {
  const fail = (path: IssuePath, message: string): never => {
    const issue: Issue = { code: 'invalid_mapping', path, message }
    throw new LeadkitError(issue)
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    return fail(['override'], `the mapping override must return an object of fields (got ${describe(result)})`)
  }
  const proto = Object.getPrototypeOf(result)
  if (proto !== Object.prototype && proto !== null) return fail(['override'], 'the mapping override must return a plain object')
  const record = result as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (isForbiddenKey(key)) {
      throw new LeadkitError({ code: 'forbidden_key', path: ['override', key], message: `the mapping override returned the forbidden key "${key}"` })
    }
  }
  if (record.originatingLeadId !== leadId) {
    return fail(
      ['override', 'originatingLeadId'],
      `the mapping override must keep originatingLeadId "${leadId}" (got ${describe(record.originatingLeadId)}); it links the new record to its lead`,
    )
  }
  if (Object.isFrozen(record)) return record
  const out: Record<string, unknown> = {}
  try {
    for (const key of Object.keys(record)) out[key] = frozenCopy(record[key])
  } catch (error) {
    return fail(['override'], `the mapping override returned a value that is not plain data (${String(error)})`)
  }
  return Object.freeze(out)
}

/**
 * Where a set leadkit made keeps its compiled form: a slot under a symbol only this module knows, defined (not
 * enumerable, so JSON, spreads and equality never see it) before the set is frozen, and filled the first time
 * `mapLead` uses the set. The compiled form lives and dies with its set; nothing is compiled at import.
 */
const COMPILED = Symbol('leadkit.compiledMappingSet')

interface CompiledSlot {
  compiled?: CompiledSet
}

/**
 * Gives a set that `createMappingSet` has validated its empty compiled slot; call it before freezing the set. Only
 * sets with the slot skip validation in `mapLead`, so the slot also marks a set leadkit checked.
 *
 * @example
 * const set = Object.freeze(withCompiledSlot({ ...maps }))
 * compiledSetOf(set).contact.steps.length //=> 13
 */
export function withCompiledSlot<T extends MappingSet>(set: T): T {
  Object.defineProperty(set, COMPILED, { value: {} satisfies CompiledSlot })
  return set
}

/**
 * The compiled form of a set: compiled on first use and kept in the set's own slot when leadkit made it, else
 * validated and compiled as a hand-built set ({@link compileForeignSet}).
 *
 * @example
 * compiledSetOf(createMappingSet()).account.steps.length //=> 10
 */
export function compiledSetOf(set: MappingSet): CompiledSet {
  if (Object.hasOwn(set, COMPILED)) {
    const slot = (set as MappingSet & { readonly [COMPILED]: CompiledSlot })[COMPILED]
    return (slot.compiled ??= compile(set))
  }
  return foreignCompiled?.get(set) ?? compileForeignSet(set)
}

/**
 * Compiled forms of hand-built sets, which are the caller's objects and may be frozen, so leadkit cannot give them
 * a slot. Keyed weakly by the set, an entry lives exactly as long as the caller keeps the set (its size is that of
 * the set's maps), and the map itself is made only when the first hand-built set arrives.
 */
let foreignCompiled: WeakMap<MappingSet, CompiledSet> | undefined

/**
 * Validates and compiles a mapping set that was not made by `createMappingSet` (built by hand or
 * deserialised): its first maps must be exactly `OUT_OF_THE_BOX_MAPS`, the rest are checked as custom maps.
 * Issue paths start at the target list, e.g. `['account', 10, 'target']`.
 *
 * @example
 * compileForeignSet({ ...OUT_OF_THE_BOX_MAPS, account: [] }) //=> throws invalid_mapping at ['account', 0]
 */
export function compileForeignSet(set: MappingSet): CompiledSet {
  const reader = new InputReader()
  for (const type of MAPPING_TARGETS) {
    const maps = reader.array(set[type], [type], true) ?? []
    const oob = OUT_OF_THE_BOX_MAPS[type]
    const taken = oobTargets(type)
    oob.forEach((expected, index) => {
      const actual = maps[index] as Partial<FieldMap> | null | undefined
      if (actual?.source !== expected.source || actual.target !== expected.target || actual.outOfTheBox !== true) {
        reader.add(
          'invalid_mapping',
          [type, index],
          `${type}[${index}] must be the out-of-the-box map ${expected.source} → ${expected.target}: out-of-the-box maps cannot be deleted or changed (build sets with createMappingSet)`,
        )
      }
    })
    for (let index = oob.length; index < maps.length; index += 1) {
      const path = [type, index]
      const map = reader.object(maps[index], path)
      if (map === undefined) continue
      const source = reader.string(map.source, [...path, 'source'], { required: true })
      const target = reader.string(map.target, [...path, 'target'], { required: true })
      if (map.outOfTheBox !== false) {
        reader.add('invalid_mapping', [...path, 'outOfTheBox'], `${formatPath([...path, 'outOfTheBox'])} must be false: only the product's maps are out of the box`)
        continue
      }
      if (source !== undefined && target !== undefined && checkCustomMap(reader, { source, target }, type, taken, path)) {
        taken.set(target, false)
      }
    }
  }
  if (set.override !== undefined && typeof set.override !== 'function') {
    reader.add('invalid_type', ['override'], 'override must be a function (target, mapped, lead) => fields')
  }
  reader.throwIfAny()
  const result = compile(set)
  ;(foreignCompiled ??= new WeakMap()).set(set, result)
  return result
}
