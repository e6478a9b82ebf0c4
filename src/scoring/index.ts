// Predictive lead scoring: readiness, training, scoring, grades, model selection, rescoring and retraining.
export { checkScoringReadiness } from './checkScoringReadiness.js'
export { compileScoringModel } from './compileScoringModel.js'
export { gradeModelAccuracy, MODEL_ACCURACY_BANDS } from './gradeModelAccuracy.js'
export { gradeScore } from './gradeScore.js'
export { isRescoreDue } from './isRescoreDue.js'
export type { RescoreDueOptions } from './isRescoreDue.js'
export { moveGradeBoundary } from './moveGradeBoundary.js'
export { DEFAULT_GRADE_BANDS, parseGradeBands, safeParseGradeBands } from './parseGradeBands.js'
export { parseScoringModel, safeParseScoringModel } from './parseScoringModel.js'
export { SCORING_ATTRIBUTES } from './scoringAttributes.js'
export { scoreLead } from './scoreLead.js'
export { MAX_PUBLISHED_SCORING_MODELS, selectScoringModel } from './selectScoringModel.js'
export { shouldReplaceModel } from './shouldReplaceModel.js'
export { trainScoringModel } from './trainScoringModel.js'
export type {
  CompiledScoringModel,
  CompileScoringModelOptions,
  Grade,
  GradeBand,
  GradeBands,
  LeadNotScored,
  LeadScore,
  ModelReplacementDecision,
  NotScoredReason,
  RescoreDecision,
  ScoreFactor,
  ScoreLeadOptions,
  ScoreLeadResult,
  ScoreTrend,
  ScoringAttributeChoice,
  ScoringAttributeKind,
  ScoringCalibration,
  ScoringCondition,
  ScoringConditionOperator,
  ScoringConditionValue,
  ScoringExclusionReason,
  ScoringInteraction,
  ScoringMinimum,
  ScoringModel,
  ScoringModelAttribute,
  ScoringReadiness,
  ScoringReadinessOptions,
  ScoringValueStatistics,
  TrainingWindow,
  TrainScoringModelOptions,
} from './types.js'
