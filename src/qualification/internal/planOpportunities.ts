// Internal: step 4 of qualification planning, which opportunities the plan creates or links. Not exported.
import type { QualificationDuplicates } from '../../duplicates/types.js'
import { PRODUCT_MAX_OPPORTUNITIES } from '../../internal/productLimits.js'
import { readJson } from '../../internal/readJson.js'
import { InputReader } from '../../internal/validate.js'
import type { BlockReason } from '../../plan.js'
import type { EntityName, Lead } from '../../records/types.js'
import type { QualificationSettings, QualifyRecordType, RecordCreation } from '../../settings/types.js'
import type { OpportunityDraft, QualificationRequest } from '../types.js'
import { MESSAGES, NONE, tooManyOpportunitiesMessage } from './common.js'
import type { Resolution } from './resolveRecords.js'

/** The one opportunity drafted from the lead alone when the request drafts none. */
const ONE_DRAFT: readonly OpportunityDraft[] = Object.freeze([Object.freeze({})])

/**
 * A copy of the seller's draft that the plan may freeze: the draft and its `extra` stay the caller's, unfrozen
 * (issue 13). `extra` is copied as JSON within readJson's limits; what is not JSON is refused at its path.
 */
function copyDraft(draft: OpportunityDraft, index: number): OpportunityDraft {
  if (draft.extra === undefined) return { ...draft }
  const reader = new InputReader()
  const extra = readJson(reader, draft.extra, ['opportunities', index, 'extra'])
  reader.throwIfAny()
  return { ...draft, extra: extra as OpportunityDraft['extra'] }
}

/** The opportunities of a plan: the drafts to create (none when one is linked), their ids and currencies. */
export interface PlannedOpportunities {
  readonly drafts: readonly OpportunityDraft[]
  /** The ids of the drafts, or the one existing opportunity linked; the first is the primary opportunity. */
  readonly ids: readonly string[]
  readonly currencies: readonly (string | undefined)[]
}

/**
 * Drafts the opportunities (the seller's, or one from the lead), gives them ids, and blocks what the settings or the
 * product do not allow: several opportunities where only one may be created, more than the limit, a duplicate
 * opportunity, an opportunity without a currency (neither the seller's, the lead's nor the organisation's).
 */
export function planOpportunities(
  opportunity: Resolution,
  lead: Lead,
  settings: QualificationSettings,
  creation: Readonly<Record<QualifyRecordType, RecordCreation>>,
  request: QualificationRequest,
  duplicates: QualificationDuplicates,
  newId: (entity: EntityName, index: number) => string,
  blockers: BlockReason[],
): PlannedOpportunities {
  const drafts: readonly OpportunityDraft[] =
    opportunity.action === 'create' ? (request.opportunities?.map(copyDraft) ?? ONE_DRAFT) : NONE
  const ids: string[] =
    opportunity.action === 'existing' && opportunity.id !== undefined
      ? [opportunity.id]
      : drafts.map((_, i) => newId('opportunity', i + 1))
  if (opportunity.action === 'create') opportunity.id = ids[0]
  if (drafts.length > 1) {
    const multipleAllowed =
      settings.experience === 'new' && creation.opportunity === 'seller' && settings.allowMultipleOpportunities
    const max = Math.min(settings.maxOpportunities, PRODUCT_MAX_OPPORTUNITIES)
    if (!multipleAllowed) {
      const message = MESSAGES.multiple_opportunities_not_allowed
      blockers.push({ code: 'multiple_opportunities_not_allowed', message, path: ['opportunities'] })
    } else if (drafts.length > max) {
      const message = tooManyOpportunitiesMessage(max, drafts.length)
      blockers.push({ code: 'too_many_opportunities', message, path: ['opportunities'] })
    }
  }
  if (drafts.length > 0 && (duplicates.opportunities ?? []).length > 0) {
    blockers.push({ code: 'duplicate_opportunity', message: MESSAGES.duplicate_opportunity })
  }
  // The seller's pick, else the lead's currency, else the organisation's base currency (as the product does).
  const currencies = drafts.map(
    (draft) => (draft.currency as string | undefined) ?? request.currency ?? lead.currency ?? settings.defaultCurrency,
  )
  currencies.forEach((currency, i) => {
    if (currency === undefined) {
      blockers.push({
        code: 'opportunity_currency_required',
        message: MESSAGES.opportunity_currency_required,
        path: request.opportunities === undefined ? ['currency'] : ['opportunities', i, 'currency'],
      })
    }
  })
  return { drafts, ids, currencies }
}
