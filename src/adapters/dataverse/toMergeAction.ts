import type { MergePlan } from '../../duplicates/planMerge.js'
import { LeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { asLeadkitError } from '../../internal/validate.js'
import { toPayload, type Entry } from './internal/columns.js'
import { planWrites, requireReady } from './internal/planParts.js'
import { LOGICAL_NAME_OF, requireGuid, webApiTable } from './internal/tables.js'
import { ODATA_HEADERS, readBaseUrl, type BatchOptions } from './toBatchRequest.js'
import type { WebApiRequest } from './types.js'

const JSON_HEADERS = Object.freeze({ ...ODATA_HEADERS, 'Content-Type': 'application/json; charset=utf-8' })

/**
 * Turns a ready merge plan into a call of Dataverse's own `Merge` action (`POST Merge`): the master as `Target`,
 * the subordinate as `Subordinate`, the master's changed columns — the values the plan took from the subordinate —
 * as `UpdateContent`, and `PerformParentingChecks: false`. Dataverse deactivates the subordinate and moves its
 * child records (notes among them) to the master itself.
 *
 * The action takes no `If-Match`: it merges whatever the rows hold by then. Use {@link toBatchRequest} when the
 * merge must fail if either record changed since it was read (see docs/dataverse.md).
 *
 * @param plan - a ready merge plan of two leads, contacts or accounts with GUID ids
 * @param options - `baseUrl`, `currencyIds`, `ownerEntitySet`
 * @returns the frozen request
 * @throws LeadkitError `plan_not_ready`, `invalid_format` for an id that is not a GUID, and the errors of
 * {@link toBatchRequest} for a master patch that cannot become a column
 * @example
 * JSON.parse(toMergeAction(plan, { baseUrl }).body)
 * //=> { Target: { '@odata.type': 'Microsoft.Dynamics.CRM.lead', leadid: '9f0e…' }, Subordinate: { … },
 * //     UpdateContent: { '@odata.type': 'Microsoft.Dynamics.CRM.lead', jobtitle: 'Buyer' },
 * //     PerformParentingChecks: false }
 */
export function toMergeAction(plan: MergePlan, options: BatchOptions): WebApiRequest {
  try {
    return toMergeActionUnguarded(plan, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function toMergeActionUnguarded(plan: MergePlan, options: BatchOptions): WebApiRequest {
  requireReady(plan)
  const baseUrl = readBaseUrl(options?.baseUrl)
  if (plan.kind !== 'merge') {
    const message = `Merge takes a merge plan, not a ${String(plan.kind)} plan`
    throw new LeadkitError({ code: 'invalid_value', path: ['kind'], message })
  }
  const table = webApiTable(plan.entity, ['entity'])
  const type = `Microsoft.Dynamics.CRM.${LOGICAL_NAME_OF[plan.entity]}`
  const master = requireGuid(plan.masterId, ['masterId'], 'the master id')
  const subordinate = requireGuid(plan.subordinateId, ['subordinateId'], 'the subordinate id')
  // The master's own update, as $batch would send it; the subordinate's deactivation and the notes' move are what
  // the action does itself.
  const { writes } = planWrites(plan, options)
  const entries: Entry[] = []
  for (const write of writes) {
    const isMaster = write.kind === 'update' && write.entity === plan.entity && write.id.toLowerCase() === master
    if (isMaster) entries.push(...write.entries)
  }
  const body = {
    Target: { '@odata.type': type, [table.primaryKey]: master },
    Subordinate: { '@odata.type': type, [table.primaryKey]: subordinate },
    UpdateContent: { '@odata.type': type, ...toPayload(entries) },
    PerformParentingChecks: false,
  }
  return deepFreeze({ method: 'POST', url: `${baseUrl}Merge`, headers: JSON_HEADERS, body: JSON.stringify(body) })
}
