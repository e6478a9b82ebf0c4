// Internal: step 1 of qualification planning, checking the seller's request. Not exported from the package.
import { InputReader, formatPath } from '../../internal/validate.js'
import { DEFAULT_OPPORTUNITY_FORM_FIELDS } from '../../settings/opportunityFormFields.js'
import type { QualificationSettings, QualifyRecordType, RecordCreation } from '../../settings/types.js'
import type { QualificationRequest, RecordChoice } from '../types.js'
import { RECORD_TYPES } from './resolveRecords.js'

const TIMEFRAMES = ['immediate', 'this-quarter', 'next-quarter', 'this-year', 'unknown'] as const
const PROCESSES = ['individual', 'committee', 'unknown'] as const

/** Checks the request's shape and what the settings let the seller change; throws every issue at once. */
export function checkRequest(
  request: QualificationRequest,
  settings: QualificationSettings,
  creation: Readonly<Record<QualifyRecordType, RecordCreation>>,
): void {
  // Nothing to check in the empty request bulk planning uses for most leads.
  if (
    request !== null &&
    typeof request === 'object' &&
    Object.getPrototypeOf(request) === Object.prototype &&
    Object.keys(request).length === 0
  ) {
    return
  }
  const reader = new InputReader()
  const value = reader.object(request, ['request'])
  if (value === undefined) return reader.throwIfAny()
  for (const type of RECORD_TYPES) {
    const choice = reader.object(value[type], [type], false)
    if (choice === undefined) continue
    const action = reader.enumeration(choice.action, [type, 'action'], ['create', 'existing', 'none'], true)
    if (action === 'existing') reader.string(choice.id, [type, 'id'], { required: true })
    if (creation[type] === 'automatic' && action !== undefined && action !== 'create') {
      reader.add(
        'invalid_combination',
        [type, 'action'],
        `${type} is created automatically by the organisation's settings, so the seller cannot choose "${action}"; ` +
          `edit the lead instead, or ask the admin to set ${type} creation to Seller`,
      )
    }
  }
  reader.string(value.currency, ['currency'], { format: 'currency' })
  const drafts = reader.array(value.opportunities, ['opportunities'])
  if (drafts !== undefined) {
    const opportunityAction = (value.opportunity as RecordChoice | undefined)?.action
    if (drafts.length === 0) {
      const message = 'opportunities must list at least one opportunity; leave it out to create one from the lead'
      reader.add('invalid_value', ['opportunities'], message)
    }
    if (creation.opportunity === 'automatic') {
      reader.add(
        'invalid_combination',
        ['opportunities'],
        "opportunities are created automatically by the organisation's settings and cannot be edited; " +
          'leave opportunities out',
      )
    } else if (opportunityAction === 'existing' || opportunityAction === 'none') {
      const message = `opportunities cannot be given when opportunity.action is "${opportunityAction}"`
      reader.add('invalid_combination', ['opportunities'], message)
    }
    const formFields = settings.opportunityFormFields
    const allowed = new Set(formFields.length > 0 ? formFields : DEFAULT_OPPORTUNITY_FORM_FIELDS)
    drafts.forEach((draft, i) => checkDraft(reader, draft, ['opportunities', i], allowed))
  }
  const resolution = reader.object(value.duplicateResolution, ['duplicateResolution'], false)
  if (resolution !== undefined) {
    for (const type of ['account', 'contact'] as const) {
      const choice = resolution[type]
      if (choice === undefined || choice === 'create-new') continue
      const picked = reader.object(choice, ['duplicateResolution', type])
      if (picked !== undefined) reader.string(picked.useId, ['duplicateResolution', type, 'useId'], { required: true })
    }
  }
  reader.throwIfAny()
}

function checkDraft(
  reader: InputReader,
  input: unknown,
  path: readonly (string | number)[],
  allowed: ReadonlySet<string>,
): void {
  const draft = reader.object(input, path)
  if (draft === undefined) return
  for (const field of Object.keys(draft)) {
    const at = [...path, field]
    if (field === 'extra') {
      // A host's own form fields are configured as `extra.<name>` and drafted under `extra`.
      const extra = reader.object(draft.extra, at)
      for (const key of Object.keys(extra ?? {})) {
        if (!allowed.has(`extra.${key}`)) {
          reader.add(
            'invalid_value',
            [...at, key],
            `${formatPath([...at, key])} is not on the opportunity form your admin configured; ` +
              `remove it or ask the admin to add extra.${key}`,
          )
        }
      }
      continue
    }
    if (!allowed.has(field)) {
      reader.add(
        'invalid_value',
        at,
        `${formatPath(at)} is not on the opportunity form your admin configured ` +
          `(fields: ${[...allowed].join(', ')}); remove it or ask the admin to add it`,
      )
      continue
    }
    const value = draft[field]
    switch (field) {
      case 'topic':
      case 'description':
        reader.string(value, at, { max: field === 'topic' ? 300 : 2000 })
        break
      case 'estimatedRevenue':
      case 'budgetAmount':
        reader.number(value, at, { min: 0 })
        break
      case 'estimatedCloseDate':
        reader.string(value, at, { format: 'iso-date' })
        break
      case 'currency':
        reader.string(value, at, { format: 'currency' })
        break
      case 'purchaseTimeframe':
        reader.enumeration(value, at, TIMEFRAMES)
        break
      case 'purchaseProcess':
        reader.enumeration(value, at, PROCESSES)
        break
      case 'decisionMaker':
        reader.boolean(value, at)
        break
      default:
        if (value !== null && typeof value === 'object') {
          reader.add('invalid_type', at, `${formatPath(at)} must be a string, number or boolean`)
        }
    }
  }
}
