import { LeadkitError } from '../errors.js'
import { describe, asLeadkitError } from '../internal/validate.js'
import type { Lead } from '../records/types.js'
import { checkOverrideResult, compiledSetOf, frozenCopy, withCompiledSlot } from './internal/compile.js'
import { OUT_OF_THE_BOX_MAPS } from './outOfTheBoxMaps.js'
import type { MappedRecord, MappingSet, MappingTarget } from './types.js'
import { isBlank } from '../internal/isBlank.js'

// The out-of-the-box lists themselves, no copy: what `createMappingSet()` returns, but built without validating or
// compiling anything at import; mapLead compiles it on first use.
/**
 * The mapping set with only the out-of-the-box maps and no override; what {@link mapLead} uses by default.
 *
 * @example
 * DEFAULT_MAPPING_SET.contact.length //=> 13
 */
export const DEFAULT_MAPPING_SET: MappingSet = Object.freeze(
  withCompiledSlot({
    account: OUT_OF_THE_BOX_MAPS.account,
    contact: OUT_OF_THE_BOX_MAPS.contact,
    opportunity: OUT_OF_THE_BOX_MAPS.opportunity,
  }),
)

/**
 * Maps a lead's fields onto a new account, contact or opportunity, as qualification does: every map of the target
 * copies the lead's value unless it is blank (`undefined`, `null`, `''` or only whitespace), address paths build a
 * nested `address`, custom `extra.<key>` targets go under `extra`, and `originatingLeadId` links the record to the
 * lead. Then the set's override, if any, may change the fields (it must keep `originatingLeadId`). The lead is not
 * changed; the result is frozen.
 *
 * @param lead - the lead being qualified
 * @param target - which record to map to
 * @param mappingSet - maps to apply (see {@link createMappingSet}); the out-of-the-box maps by default
 * @returns the target record's fields and the originating lead's id
 * @throws LeadkitError `invalid_mapping` when a hand-built set is invalid or the override's result is unusable
 * @example
 * const lead = parseLead({ id: 'lead-1', companyName: 'Contoso', website: ' ', address: { city: 'Oslo' }, … })
 * mapLead(lead, 'account').fields
 * //=> { name: 'Contoso', address: { city: 'Oslo' }, originatingLeadId: 'lead-1' }
 */
export function mapLead(lead: Lead, target: MappingTarget, mappingSet?: MappingSet): MappedRecord {
  try {
    return mapLeadUnguarded(lead, target, mappingSet)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to copy, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function mapLeadUnguarded(lead: Lead, target: MappingTarget, mappingSet?: MappingSet): MappedRecord {
  const set = compiledSetOf(mappingSet === undefined ? DEFAULT_MAPPING_SET : mappingSet)
  if (lead === null || typeof lead !== 'object' || typeof lead.id !== 'string' || lead.id === '') {
    throw new LeadkitError({
      code: 'required',
      path: ['lead', 'id'],
      message: 'lead.id is required: mapLead links every new record to its originating lead (parse the lead with parseLead first)',
    })
  }
  if (target !== 'account' && target !== 'contact' && target !== 'opportunity') {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['target'],
      message: `target must be "account", "contact" or "opportunity" (got ${describe(target)})`,
    })
  }
  const fields: Record<string, unknown> = {}
  let address: Record<string, unknown> | undefined
  let extra: Record<string, unknown> | undefined
  for (const step of set[target].steps) {
    const value = step.read(lead)
    if (isBlank(value)) continue
    const copy = frozenCopy(value)
    if (step.slot === 'top') fields[step.key] = copy
    else if (step.slot === 'address') (address ??= {})[step.key] = copy
    else (extra ??= {})[step.key] = copy
  }
  if (address !== undefined) fields.address = Object.freeze(address)
  if (extra !== undefined) fields.extra = Object.freeze(extra)
  fields.originatingLeadId = lead.id
  Object.freeze(fields)
  const result = set.override === undefined ? fields : checkOverrideResult(set.override(target, fields, lead), lead.id)
  return Object.freeze({ target, fields: result, originatingLeadId: lead.id })
}
