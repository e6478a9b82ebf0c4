// Qualification: plans to qualify (one lead or many), disqualify and reactivate; process stages; sales roles.
export { DISQUALIFY_REASONS, planDisqualification } from './planDisqualification.js'
export { listClosedLeads } from './listClosedLeads.js'
export { planBulkQualification } from './planBulkQualification.js'
export { planQualification } from './planQualification.js'
export { planReactivation } from './planReactivation.js'
export { LEAD_TO_OPPORTUNITY_STAGES, nextProcessStage } from './processStages.js'
export { SALES_ROLES, hasSalesRole } from './salesRoles.js'
export type {
  BulkQualificationContext,
  BulkQualificationPlan,
  BulkQualificationResult,
  BusinessProcessOutcome,
  DisqualificationPlan,
  DisqualifyReason,
  DuplicateChoice,
  MatchedRecord,
  OpportunityDraft,
  PlannedRecord,
  QualificationContext,
  QualificationDecision,
  QualificationPlan,
  QualificationRequest,
  QualifiedEntities,
  ReactivationPlan,
  RecordChoice,
} from './types.js'
