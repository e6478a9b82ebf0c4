// Duplicate detection: normalisers, matchcode and fuzzy rules, explainable matches, the blocking index, merge.
export type {
  AnyDuplicateRule,
  ComparisonMethod,
  ConditionOperator,
  DuplicateEntity,
  DuplicateMatch,
  DuplicateRule,
  DuplicateRuleCondition,
  FieldComparison,
  FuzzyComparisonResult,
  FuzzyDuplicateRule,
  IdentifiedRecord,
  JsonValue,
  KeyedDuplicateRule,
  PotentialDuplicate,
  QualificationDuplicates,
  RecordSide,
  RuleOptions,
} from './types.js'
export { normalizePersonName } from './normalizePersonName.js'
export type { NormalizePersonNameOptions } from './normalizePersonName.js'
export { canonicalGivenName, isNicknameOf } from './nicknames.js'
export type { NicknameOptions, NicknameTable } from './nicknames.js'
export { normalizeCompanyName } from './normalizeCompanyName.js'
export { emailDomain, normalizeEmail } from './normalizeEmail.js'
export type { NormalizeEmailOptions } from './normalizeEmail.js'
export { normalizePhone } from './normalizePhone.js'
export type { NormalizePhoneOptions } from './normalizePhone.js'
export { normalizeWebsite } from './normalizeWebsite.js'
export { FREE_MAIL_DOMAINS, isFreeMailDomain } from '../internal/freeMailDomains.js'
export { phoneticKey } from './phonetic.js'
export { MAX_COMPARED_LENGTH, jaroWinkler, levenshteinSimilarity, tokenSetSimilarity } from './similarity.js'
export { compareCompanyNames, compareGivenNames, compareSurnames } from './compareNames.js'
export type { NamePartSimilarity, NameSimilarityOptions } from './compareNames.js'
export {
  CONDITION_OPERATORS,
  DUPLICATE_ENTITIES,
  MAX_PUBLISHED_RULES_PER_ENTITY,
  parseDuplicateRule,
  parseDuplicateRules,
  safeParseDuplicateRule,
} from './parseDuplicateRule.js'
export type { ParseDuplicateRuleOptions } from './parseDuplicateRule.js'
export { createDuplicateRuleRegistry } from './createDuplicateRuleRegistry.js'
export type {
  CustomComparator,
  CustomNormalizer,
  DuplicateRuleRegistry,
  DuplicateRuleRegistryInput,
} from './createDuplicateRuleRegistry.js'
export { matchcode } from './matchcode.js'
export { ruleMatchcodes } from './ruleMatchcodes.js'
export { isInactiveRecord } from './isInactiveRecord.js'
export {
  DEFAULT_LEAD_DUPLICATE_RULES,
  DEFAULT_LEAD_RULE_NAMES,
  DEFAULT_LEAD_RULE_OPTIONS,
  createDefaultLeadRules,
} from './defaultLeadRules.js'
export type { DefaultLeadRuleOptions } from './defaultLeadRules.js'
export { findDuplicates } from './findDuplicates.js'
export { compareRecords } from './compareRecords.js'
export type { FindDuplicatesOptions } from './findDuplicates.js'
export { createScoredMatcher } from './createScoredMatcher.js'
export type {
  ScoredComparator,
  ScoredField,
  ScoredMatch,
  ScoredMatcher,
  ScoredMatcherOptions,
  ScoredRuleOptions,
} from './createScoredMatcher.js'
export { duplicateBlockingKeys } from './blockingKeys.js'
export type { BlockingKeyOptions } from './blockingKeys.js'
export { createDuplicateIndex } from './createDuplicateIndex.js'
export type {
  DuplicateCluster,
  DuplicateClusterPair,
  DuplicateIndex,
  DuplicateIndexOptions,
  DuplicateIndexStats,
  DuplicateMatchDetails,
} from './createDuplicateIndex.js'
export { planMerge } from './planMerge.js'
export type { MergeableRecord, MergeFieldDecision, MergeOptions, MergePlan, MergeSurvivorRule } from './planMerge.js'
export { QUALIFICATION_DUPLICATE_RULES, findQualificationDuplicates } from './findQualificationDuplicates.js'
export { BUILT_IN_RULE_NAMES, resolveDuplicateRules } from './resolveDuplicateRules.js'
export type { ResolveDuplicateRulesOptions } from './resolveDuplicateRules.js'
export type { QualificationDuplicateOptions, QualificationDuplicateSources } from './findQualificationDuplicates.js'
