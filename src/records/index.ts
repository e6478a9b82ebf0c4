// Records: lead, account, contact, opportunity, note and timeline types; lead states and status reasons; parsers
// for untrusted input; the Dataverse bridge.
export type {
  Account,
  ActiveState,
  Address,
  Attachment,
  BudgetStatus,
  Contact,
  EntityName,
  EntityRef,
  Industry,
  Lead,
  LeadSource,
  LeadState,
  LeadStatusReason,
  Note,
  Opportunity,
  OpportunityState,
  PreferredContactMethod,
  ProcessStatus,
  PurchaseProcess,
  PurchaseTimeframe,
  RecordBase,
  RecordsByEntity,
  TimelineEntry,
} from './types.js'
export type { DataverseRow, DataverseTable, ParseRecordOptions } from './bridgeTypes.js'
export {
  LEAD_STATE_CODES,
  LEAD_STATUS_REASON_CODES,
  LEAD_STATUS_REASONS,
  isClosedLead,
  isOpenLead,
  isStatusReasonOf,
  leadStateOf,
} from './leadState.js'
export { parseAccount, safeParseAccount } from './parseAccount.js'
export { parseContact, safeParseContact } from './parseContact.js'
export { parseLead, safeParseLead } from './parseLead.js'
export { parseNote, safeParseNote } from './parseNote.js'
export { parseOpportunity, safeParseOpportunity } from './parseOpportunity.js'
export { parseTimelineEntry, safeParseTimelineEntry } from './parseTimelineEntry.js'
export { fromDataverse } from './fromDataverse.js'
export { toDataverse } from './toDataverse.js'
