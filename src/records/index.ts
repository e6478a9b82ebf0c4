// Records: lead, account, contact, opportunity, note and timeline types; lead states and status reasons; parsers
// for untrusted input; intake (create and edit from a form); the Dataverse bridge.
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
export { createAccount } from './createAccount.js'
export { createContact } from './createContact.js'
export { createIntakeSchema } from './createIntakeSchema.js'
export type { IntakeOutputs } from './createIntakeSchema.js'
export { createLead } from './createLead.js'
export type {
  AccountPatch,
  AddressPatch,
  ContactPatch,
  CreateRecordOptions,
  EditableAccountField,
  EditableContactField,
  EditableLeadField,
  IntakeOptions,
  IntakeParser,
  IntakeResult,
  IntakeSchema,
  LeadPatch,
  NewAccount,
  NewContact,
  NewLead,
  Clearable,
  IntakeMode,
  RecordPatchOf,
  WithExtra,
  StandardSchemaIssue,
  StandardSchemaProps,
  UnknownKeys,
  UpdateRecordOptions,
} from './intakeTypes.js'
export { parseAccountPatch, safeParseAccountPatch } from './parseAccountPatch.js'
export { parseContactPatch, safeParseContactPatch } from './parseContactPatch.js'
export { parseLeadPatch, safeParseLeadPatch } from './parseLeadPatch.js'
export { parseNewAccount, safeParseNewAccount } from './parseNewAccount.js'
export { parseNewContact, safeParseNewContact } from './parseNewContact.js'
export { parseNewLead, safeParseNewLead } from './parseNewLead.js'
export { updateAccount } from './updateAccount.js'
export { updateContact } from './updateContact.js'
export { updateLead } from './updateLead.js'
export { fromDataverse } from './fromDataverse.js'
export { toDataverse } from './toDataverse.js'
