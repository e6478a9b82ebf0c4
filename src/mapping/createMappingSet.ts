import { InputReader, formatPath, asLeadkitError } from '../internal/validate.js'
import { checkCustomMap, MAPPING_TARGETS, oobTargets, withCompiledSlot } from './internal/compile.js'
import { OUT_OF_THE_BOX_MAPS } from './outOfTheBoxMaps.js'
import type { FieldMap, MappingSet, MappingSetOptions, MappingTarget } from './types.js'

const MAP_KEYS = new Set(['source', 'target', 'targetType'])
const OPTION_KEYS = new Set(['custom', 'override'])

function build(options: unknown): MappingSet {
  const reader = new InputReader()
  const object = reader.object(options, [], false) ?? {}
  for (const key of Object.keys(object)) {
    if (!OPTION_KEYS.has(key)) reader.add('invalid_value', [key], `${key} is not an option of createMappingSet; use custom or override`)
  }
  const override = object.override
  if (override !== undefined && typeof override !== 'function') {
    reader.add('invalid_type', ['override'], `override must be a function (target, mapped, lead) => fields`)
  }
  const maps: Record<MappingTarget, FieldMap[]> = {
    account: [...OUT_OF_THE_BOX_MAPS.account],
    contact: [...OUT_OF_THE_BOX_MAPS.contact],
    opportunity: [...OUT_OF_THE_BOX_MAPS.opportunity],
  }
  const taken: Record<MappingTarget, Map<string, boolean>> = {
    account: oobTargets('account'),
    contact: oobTargets('contact'),
    opportunity: oobTargets('opportunity'),
  }
  const custom = reader.array(object.custom, ['custom'])
  custom?.forEach((item, index) => {
    const path = ['custom', index]
    const map = reader.object(item, path)
    if (map === undefined) return
    let shapeOk = true
    for (const key of Object.keys(map)) {
      if (!MAP_KEYS.has(key)) {
        shapeOk = false
        reader.add('invalid_value', [...path, key], `${formatPath([...path, key])} is not part of a field map; a map has source, target and targetType`)
      }
    }
    const source = reader.string(map.source, [...path, 'source'], { required: true })
    const target = reader.string(map.target, [...path, 'target'], { required: true })
    const targetType = reader.enumeration(map.targetType, [...path, 'targetType'], MAPPING_TARGETS, true)
    if (!shapeOk || source === undefined || target === undefined || targetType === undefined) return
    if (checkCustomMap(reader, { source, target }, targetType, taken[targetType], path)) {
      taken[targetType].set(target, false)
      maps[targetType].push(Object.freeze({ source, target, outOfTheBox: false }))
    }
  })
  reader.throwIfAny()

  const set: MappingSet = {
    account: Object.freeze(maps.account),
    contact: Object.freeze(maps.contact),
    opportunity: Object.freeze(maps.opportunity),
    ...(override === undefined ? {} : { override: override as MappingSet['override'] }),
  }
  // Compiled by mapLead on first use, into the set's own slot.
  return Object.freeze(withCompiledSlot(set))
}

/**
 * Builds a mapping set: the out-of-the-box maps plus the host's custom maps, validated before anything runs and
 * compiled the first time {@link mapLead} uses the set, once, so mapping many leads is fast. The out-of-the-box maps are always included and cannot be removed or
 * changed; to change what one produces, pass an `override`.
 *
 * Each custom map must read a lead field that exists (or a custom `extra.<key>`), write a field the target record
 * type has (or a custom `extra.<key>`), hold the same kind of value (text → text no shorter than the source, number
 * → number, the same option set, a lookup to the same table; an untyped `extra.*` source only → `extra.*`), and
 * not write a field an out-of-the-box map or another custom map already fills.
 *
 * @param options - `custom`: a flat list of `{ source, target, targetType }`; `override`: the post-operation hook
 * @returns a frozen mapping set
 * @throws LeadkitError `invalid_mapping` at e.g. `['custom', 2, 'target']` for a map that cannot be applied;
 *   `invalid_type` / `invalid_value` / `required` / `forbidden_key` for a malformed map
 * @example
 * const set = createMappingSet({ custom: [{ source: 'industry', target: 'industry', targetType: 'account' }] })
 * set.account.at(-1) //=> { source: 'industry', target: 'industry', outOfTheBox: false }
 * createMappingSet({ custom: [{ source: 'lastName', target: 'name', targetType: 'account' }] })
 * //=> throws LeadkitError, code 'invalid_mapping', path ['custom', 0, 'target']
 */
export function createMappingSet(options?: MappingSetOptions): MappingSet {
  try {
    return createMappingSetUnguarded(options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function createMappingSetUnguarded(options?: MappingSetOptions): MappingSet {
  return build(options)
}
