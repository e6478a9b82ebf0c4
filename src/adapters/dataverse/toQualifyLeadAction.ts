import { LeadkitError } from '../../errors.js'
import { deepFreeze } from '../../internal/immer.js'
import { asLeadkitError } from '../../internal/validate.js'
import type { QualificationPlan } from '../../qualification/types.js'
import { LEAD_STATUS_REASON_CODES } from '../../records/leadState.js'
import { bindByGuid } from './internal/columns.js'
import { requireReady } from './internal/planParts.js'
import { ENTITY_SET_OF, requireGuid } from './internal/tables.js'
import { ODATA_HEADERS, readBaseUrl, type BatchOptions } from './toBatchRequest.js'
import type { WebApiRequest } from './types.js'

const JSON_HEADERS = Object.freeze({ ...ODATA_HEADERS, 'Content-Type': 'application/json; charset=utf-8' })

/**
 * Options of {@link toQualifyLeadAction}.
 *
 * @example
 * toQualifyLeadAction(plan, { baseUrl, currencyIds: { USD: '…' }, suppressDuplicateDetection: true })
 */
export interface QualifyLeadActionOptions extends BatchOptions {
  /** Sent as `SuppressDuplicateDetection`: `true` when leadkit's duplicate check already ran (default `false`). */
  readonly suppressDuplicateDetection?: boolean
}

/**
 * Turns a ready qualification plan into a call of Dataverse's own `QualifyLead` action
 * (`POST leads(<id>)/Microsoft.Dynamics.CRM.QualifyLead`): which records to create (`CreateAccount`,
 * `CreateContact`, `CreateOpportunity`), the existing account or contact as `OpportunityCustomerId`, the currency
 * as `OpportunityCurrencyId` and the status reason as `Status`.
 *
 * Dataverse then creates the records by the organisation's own field mappings and runs its own plugins; leadkit's
 * planned field values, a second opportunity, the notes shown on the opportunity and an `If-Match` on the lead are
 * not part of the action. Use {@link toBatchRequest} when those matter (see docs/dataverse.md).
 *
 * @param plan - a ready qualification plan with at most one opportunity; the lead's and existing records' ids GUIDs
 * @param options - `baseUrl`, `currencyIds`, `suppressDuplicateDetection`
 * @returns the frozen request
 * @throws LeadkitError `plan_not_ready`, `invalid_combination` at `['entities', 'opportunityIds']` for more than one
 * opportunity, `invalid_format` for an id that is not a GUID
 * @example
 * toQualifyLeadAction(plan, { baseUrl: 'https://contoso.crm.dynamics.com/api/data/v9.2/' }).body
 * //=> '{"CreateAccount":true,"CreateContact":true,"CreateOpportunity":true,"Status":3,…}'
 */
export function toQualifyLeadAction(plan: QualificationPlan, options: QualifyLeadActionOptions): WebApiRequest {
  try {
    return toQualifyLeadActionUnguarded(plan, options)
  } catch (error) {
    // A getter or proxy that throws, or input too deep to read, leaves as a LeadkitError (issue 13).
    throw asLeadkitError(error)
  }
}

function toQualifyLeadActionUnguarded(plan: QualificationPlan, options: QualifyLeadActionOptions): WebApiRequest {
  requireReady(plan)
  const baseUrl = readBaseUrl(options?.baseUrl)
  if (plan.kind !== 'qualification') {
    throw new LeadkitError({
      code: 'invalid_value',
      path: ['kind'],
      message: `QualifyLead qualifies a lead; a ${String(plan.kind)} plan goes through toBatchRequest`,
    })
  }
  if (plan.entities.opportunityIds.length > 1) {
    throw new LeadkitError({
      code: 'invalid_combination',
      path: ['entities', 'opportunityIds'],
      message:
        `QualifyLead creates one opportunity; this plan creates ${plan.entities.opportunityIds.length}: ` +
        'send it with toBatchRequest',
    })
  }
  const leadId = requireGuid(plan.leadId, ['leadId'], 'the lead id')
  const action = (type: string) => plan.records.find((record) => record.recordType === type)
  const account = action('account')
  const contact = action('contact')
  const opportunity = action('opportunity')
  const body: Record<string, unknown> = {
    CreateAccount: account?.action === 'create',
    CreateContact: contact?.action === 'create',
    CreateOpportunity: opportunity?.action === 'create',
    Status: LEAD_STATUS_REASON_CODES.qualified,
  }
  if (opportunity?.action === 'create') {
    // A created account becomes the opportunity's customer by itself; an existing one must be named.
    if (account?.action === 'existing') {
      body['OpportunityCustomerId@odata.bind'] = bindByGuid('account', account.id ?? '', ['records', 0, 'id'])
    } else if (account?.action !== 'create' && contact?.action === 'existing') {
      body['OpportunityCustomerId@odata.bind'] = bindByGuid('contact', contact.id ?? '', ['records', 1, 'id'])
    }
    const create = plan.operations.find((operation) => operation.op === 'create' && operation.entity === 'opportunity')
    const currency = create?.op === 'create' ? create.record.currency : undefined
    if (typeof currency === 'string') {
      const id = options.currencyIds !== undefined && Object.hasOwn(options.currencyIds, currency)
        ? options.currencyIds[currency]
        : undefined
      if (id === undefined) {
        throw new LeadkitError({
          code: 'invalid_value',
          path: ['operations', plan.operations.indexOf(create as never), 'record', 'currency'],
          message: `no transactioncurrencyid for currency ${currency}: pass options.currencyIds.${currency}`,
        })
      }
      const currencyId = requireGuid(id, ['currencyIds', currency], `currencyIds.${currency}`)
      body['OpportunityCurrencyId@odata.bind'] = `/transactioncurrencies(${currencyId})`
    }
  }
  body.SuppressDuplicateDetection = options.suppressDuplicateDetection === true
  return deepFreeze({
    method: 'POST',
    url: `${baseUrl}${ENTITY_SET_OF.lead}(${leadId})/Microsoft.Dynamics.CRM.QualifyLead`,
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
  })
}
