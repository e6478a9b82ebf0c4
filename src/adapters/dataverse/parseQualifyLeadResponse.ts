import { LeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { asLeadkitError } from '../../internal/validate.js'
import type { QualificationPlan } from '../../qualification/types.js'
import type { EntityName, EntityRef } from '../../records/types.js'
import { codeOf, errorOf, malformed, summarise } from './internal/batchResponse.js'
import { LOGICAL_NAME_OF, isGuid } from './internal/tables.js'
import type { BatchExecutionResult, WebApiResponse } from './types.js'

const ACTION_TABLES: readonly EntityName[] = ['account', 'contact', 'opportunity']

/**
 * Reads the response of a {@link toQualifyLeadAction} call — the records Dataverse created, as
 * `{ value: [{ "@odata.type": "#Microsoft.Dynamics.CRM.account", accountid }, …] }` — into the shape `executePlan`
 * returns: `created` with Dataverse's ids, the existing records the plan used in `linked`. The action does not
 * return the lead's new version, so `updated` is empty: read the lead again when you need it. `createdIds` is
 * empty too: the action numbers its records itself, so no leadkit id maps to them.
 *
 * @param plan - the plan the action was made from
 * @param response - the HTTP response: status, headers and body text
 * @returns the frozen outcome
 * @throws LeadkitError for an error answer — `conflict` (412), `not_found` (404), `write_failed` otherwise, with
 * Dataverse's code and message — and `invalid_format` for a body that is not the action's answer
 * @example
 * parseQualifyLeadResponse(plan, { status: 200, headers: {}, body: await res.text() }).created.account
 * //=> '7d5c3b9e-…'
 */
export function parseQualifyLeadResponse(plan: QualificationPlan, response: WebApiResponse): BatchExecutionResult {
  try {
    return parseQualifyLeadResponseUnguarded(plan, response)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function parseQualifyLeadResponseUnguarded(plan: QualificationPlan, response: WebApiResponse): BatchExecutionResult {
  if (response === null || typeof response !== 'object' || typeof response.body !== 'string') {
    throw malformed('expected { status, headers, body } with the body as text', [])
  }
  if (response.status >= 400) {
    const error = errorOf(response.body)
    throw new LeadkitError(
      {
        code: codeOf(response.status),
        path: [],
        message:
          `Dataverse refused QualifyLead for lead ${plan.leadId} with ${response.status}` +
          `${error.message === undefined ? '' : `: ${error.message}`}` +
          `${error.code === undefined ? '' : ` [${error.code}]`}`,
      },
      { details: { planId: plan.id, status: response.status, errorCode: error.code } },
    )
  }
  let value: unknown
  try {
    value = (JSON.parse(response.body) as { value?: unknown }).value
  } catch {
    throw malformed('the QualifyLead answer is not JSON')
  }
  if (!Array.isArray(value)) throw malformed('the QualifyLead answer has no "value" list of created records')
  const created: EntityRef[] = value.map((row: unknown, index) => {
    const type = (row as Record<string, unknown> | null)?.['@odata.type']
    const entity = ACTION_TABLES.find((table) => type === `#Microsoft.Dynamics.CRM.${LOGICAL_NAME_OF[table]}`)
    const id = entity === undefined ? undefined : (row as Record<string, unknown>)[`${LOGICAL_NAME_OF[entity]}id`]
    if (entity === undefined || !isGuid(id)) {
      throw malformed(`value[${index}] is not a created account, contact or opportunity with its id`, ['body', index])
    }
    return { entity, id: id.toLowerCase() }
  })
  const linked = plan.records.flatMap((record) =>
    record.action === 'existing' && record.id !== undefined ? [{ entity: record.recordType, id: record.id }] : [],
  )
  return deepFreeze({
    planId: plan.id,
    kind: plan.kind,
    created: summarise(created),
    updated: [],
    linked,
    alreadyExecuted: false,
    createdIds: {},
  })
}
