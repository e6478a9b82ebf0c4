/**
 * Types of predictive lead scoring: readiness reports, models (plain JSON a host stores and ships), scores,
 * grades and the rescoring and retraining decisions.
 */
import type { Lead } from '../records/types.js'

/**
 * The fewest qualified, and the fewest disqualified, leads a scoring model can be trained on.
 *
 * @example
 * const minimum: ScoringMinimum = 40
 */
export type ScoringMinimum = 40

/** How a {@link ScoringCondition} compares a lead's field. String comparisons ignore case, as Dataverse's do. */
export type ScoringConditionOperator = 'equals' | 'not-equals' | 'in' | 'not-in' | 'contains-data' | 'does-not-contain-data'

/** A value a condition compares with. */
export type ScoringConditionValue = string | number | boolean

/**
 * A simple attribute condition a model applies to the leads it trains on and scores, e.g. one line of business.
 *
 * @example
 * const retail: ScoringCondition = { field: 'extra.lineOfBusiness', operator: 'equals', value: 'Retail' }
 */
export interface ScoringCondition {
  /** A lead field, dotted for nested ones: `industry`, `address.country`, `extra.lineOfBusiness`. */
  readonly field: string
  readonly operator: ScoringConditionOperator
  /** The value for `equals` and `not-equals`. */
  readonly value?: ScoringConditionValue
  /** The values for `in` and `not-in`. */
  readonly values?: readonly ScoringConditionValue[]
}

/**
 * Why a lead was left out of a model's training history.
 *
 * @example
 * checkScoringReadiness([openLead], { now }).excluded['not-closed'] //=> 1
 */
export type ScoringExclusionReason =
  | 'not-closed'
  | 'created-before-previous-year'
  | 'outside-window'
  | 'condition-mismatch'
  | 'process-flow-mismatch'
  | 'process-aborted'

/** Options of {@link checkScoringReadiness}. */
export interface ScoringReadinessOptions {
  /** The current instant (ISO-8601); every date rule is measured from it. */
  readonly now: string
  /** How far back leads must have been created and closed: 3 to 24 months; 24 when absent. */
  readonly trainingWindowMonths?: number
  /** Conditions a lead must meet to be used, e.g. one line of business. */
  readonly conditions?: readonly ScoringCondition[]
  /** The business process flow leads must run in, e.g. `lead-to-opportunity`. */
  readonly processFlow?: string
}

/** The training window: leads created and closed from `from` up to `to` (both ISO instants, inclusive). */
export interface TrainingWindow {
  readonly months: number
  readonly from: string
  readonly to: string
}

/**
 * Whether there is enough history to train a model, and why leads were left out.
 *
 * @example
 * checkScoringReadiness(leads, { now }).missing //=> { qualified: 1, disqualified: 0 }
 */
export interface ScoringReadiness {
  /** Whether both minimums are met. */
  readonly ready: boolean
  readonly minimum: ScoringMinimum
  /** Usable qualified leads. */
  readonly qualified: number
  /** Usable disqualified leads. */
  readonly disqualified: number
  /** Every lead given. */
  readonly total: number
  /** How many more qualified and disqualified leads are needed (0 when the minimum is met). */
  readonly missing: { readonly qualified: number; readonly disqualified: number }
  /** Leads left out, by the first rule each one broke. */
  readonly excluded: Readonly<Record<ScoringExclusionReason, number>>
  readonly trainingWindow: TrainingWindow
}

/**
 * An attribute a host picks for training, by name, with its own treatment of empty values.
 *
 * @example
 * const choice: ScoringAttributeChoice = { name: 'industry', ignoreEmptyValues: true }
 */
export interface ScoringAttributeChoice {
  /** A built-in attribute (see `SCORING_ATTRIBUTES`) or `extra.<key>` for a custom one. */
  readonly name: string
  /** When true, a lead without a value for this attribute is neither helped nor hurt by it. */
  readonly ignoreEmptyValues?: boolean
  /**
   * How to read a custom attribute: `number`, `date` (its age in days), `category`, `boolean` or `presence`;
   * inferred from the training values when absent. A built-in attribute has its own kind; naming another is refused.
   */
  readonly kind?: ScoringAttributeKind
}

/** Options of {@link trainScoringModel}. */
export interface TrainScoringModelOptions extends ScoringReadinessOptions {
  /** Seed of the holdout split; the same leads, options and seed give the same model. 1 when absent. */
  readonly seed?: number
  /** The model's id; when absent, the name-based (version-5) GUID of its training inputs. */
  readonly id?: string
  readonly name?: string
  /** Whether the model scores leads at once; false (a draft an admin publishes) when absent. */
  readonly published?: boolean
  /**
   * Attributes to learn from. When absent, every built-in attribute and every custom field (`extra.<key>`) found on
   * at least 1% of the training leads is considered, and those with an information value of at least 0.02 are kept.
   */
  readonly attributes?: readonly (string | ScoringAttributeChoice)[]
  /** Share of leads held out to measure accuracy, stop boosting and calibrate: 0.1 to 0.5; 0.2 when absent. */
  readonly holdoutFraction?: number
  /**
   * Whether to return a model whose holdout AUC is below 0.55 (no better than a constant score) instead of refusing
   * with `not_enough_data`; false when absent.
   */
  readonly acceptWeakModel?: boolean
  /** Most pairwise interaction terms to learn (0 for a purely additive model): 0 to 20; 10 when absent. */
  readonly maxInteractions?: number
}

/**
 * How an attribute's values are read and binned: `date` is a custom ISO date read as its age in whole days at the
 * instant of scoring (at `now` in {@link scoreLead}), binned like a number.
 */
export type ScoringAttributeKind = 'category' | 'number' | 'date' | 'boolean' | 'presence'

/** What a model learnt about one value (or bin) of an attribute. */
export interface ScoringValueStatistics {
  /** The value: a category in lower case, `yes`/`no`, `present`/`absent`, a bin label such as `10–<50`, `(empty)` or `(other)`. */
  readonly value: string
  /** Training leads with this value that were qualified. */
  readonly qualified: number
  /** Training leads with this value that were disqualified. */
  readonly disqualified: number
  /** Its weight in log-odds (before calibration); positive values make qualification more likely. */
  readonly weight: number
}

/** One attribute of a model. */
export interface ScoringModelAttribute {
  readonly name: string
  readonly kind: ScoringAttributeKind
  readonly ignoreEmptyValues: boolean
  /** Information value on the training leads: how well the attribute alone tells qualified from disqualified. */
  readonly informationValue: number
  /** For `number` and `date` attributes: ascending bin boundaries; bin `i` holds values `>= cuts[i-1]`, `< cuts[i]`. */
  readonly cuts?: readonly number[]
  /**
   * The index of the first attribute of this attribute's group of near-duplicates (its own index when it has none):
   * attributes whose contributions correlate at 0.8 or more share one factor slot in explanations.
   */
  readonly group: number
  /** Each value's weight is centred: its mean over the training leads is 0 (unless empty values are ignored). */
  readonly values: readonly ScoringValueStatistics[]
}

/**
 * A pairwise interaction: a table of weights over groups of two attributes' values.
 *
 * @example
 * const pair: ScoringInteraction = {
 *   attributes: ['extra.int_rate', 'extra.term'],
 *   groups: [[0, 0, 1], [0, 1]],
 *   weights: [[0.1, -0.1], [-0.2, 0.2]],
 * }
 */
export interface ScoringInteraction {
  /** The names of the two attributes, both in the model's `attributes`. */
  readonly attributes: readonly [string, string]
  /** For each of the two attributes, the group of each of its values (in the order of its `values`). */
  readonly groups: readonly [readonly number[], readonly number[]]
  /** `weights[g1][g2]`: the log-odds the pair adds for a lead in group g1 of the first and g2 of the second. */
  readonly weights: readonly (readonly number[])[]
}

/** Platt scaling of the model's log-odds: `p = 1 / (1 + exp(-(a * z + b)))`. */
export interface ScoringCalibration {
  readonly method: 'platt'
  readonly a: number
  readonly b: number
}

/**
 * A trained scoring model: plain JSON a host stores, ships and reads back with {@link parseScoringModel}.
 *
 * @example
 * const model: ScoringModel = parseScoringModel(JSON.parse(stored))
 * model.calibration //=> { method: 'platt', a: 0.99, b: -0.004 }
 */
export interface ScoringModel {
  readonly formatVersion: 2
  readonly id: string
  readonly name: string
  readonly published: boolean
  /** When it was trained (ISO instant). */
  readonly trainedOn: string
  readonly seed: number
  readonly trainingWindow: TrainingWindow
  readonly conditions: readonly ScoringCondition[]
  readonly processFlow?: string
  readonly attributes: readonly ScoringModelAttribute[]
  /** Pairwise interactions, strongest (by FAST ranking) first; often empty. */
  readonly interactions: readonly ScoringInteraction[]
  /**
   * Boosting rounds of the shapes and of the interactions, chosen on the holdout and used to refit on all leads
   * (below 50,000 training leads) and to cross-fit the calibration of a small holdout.
   */
  readonly rounds: { readonly main: number; readonly interactions: number }
  /** Log-odds of the average lead: every term is centred, so a lead's factors say how it differs from it. */
  readonly intercept: number
  readonly calibration: ScoringCalibration
  /**
   * Area under the ROC curve on held-out leads (0.5 is chance), of the model chosen on them, before its refit on
   * every lead (below 50,000 training leads).
   */
  readonly holdoutAuc: number
  /**
   * The model's accuracy grade, from `holdoutAuc`: A from 0.80, B from 0.70, C from 0.60, D below (see
   * {@link gradeModelAccuracy}). A model stored before this field existed gets it when parsed.
   */
  readonly accuracyGrade: Grade
  readonly counts: {
    readonly qualified: number
    readonly disqualified: number
    readonly training: number
    readonly holdout: number
  }
}

/** A grade: a grouping of scores an admin configures. */
export type Grade = 'A' | 'B' | 'C' | 'D'

/**
 * One grade's scores, both bounds included.
 *
 * @example
 * const b: GradeBand = { grade: 'B', min: 50, max: 74 }
 */
export interface GradeBand {
  readonly grade: Grade
  readonly min: number
  readonly max: number
}

/** Four bands, A (highest scores) to D, covering 0–100 contiguously without overlap. */
export type GradeBands = readonly [GradeBand, GradeBand, GradeBand, GradeBand]

/**
 * One attribute's part in a score.
 *
 * @example
 * const factor: ScoreFactor = { attribute: 'emailDomainType', value: 'free-mail', weight: -0.6 }
 */
export interface ScoreFactor {
  readonly attribute: string
  readonly value: string
  /** Calibrated log-odds the value adds to (positive) or takes from (negative) the score. */
  readonly weight: number
}

/** How a score moved since the lead's previous score. */
export type ScoreTrend = 'improving' | 'declining' | 'steady' | 'not-enough-info'

/** Why a lead was not scored. */
export type NotScoredReason =
  | 'model-not-published'
  | 'lead-not-open'
  | 'created-over-2-years-ago'
  | 'condition-mismatch'
  | 'process-flow-mismatch'

/** A lead's score, grade, explanation and trend. */
export interface LeadScore {
  readonly scored: true
  readonly modelId: string
  /** 0 to 100: the calibrated chance, in percent, that the lead is qualified. */
  readonly score: number
  readonly grade: Grade
  readonly factors: {
    /** Up to 5 factors that raise the score, strongest first. */
    readonly positive: readonly ScoreFactor[]
    /** Up to 5 factors that lower the score, strongest first. */
    readonly negative: readonly ScoreFactor[]
  }
  readonly trend: ScoreTrend
}

/** A lead the model does not score, and why. */
export interface LeadNotScored {
  readonly scored: false
  readonly modelId: string
  readonly reason: NotScoredReason
  readonly message: string
}

/**
 * The outcome of {@link scoreLead}: a score, or why there is none.
 *
 * @example
 * const result: ScoreLeadResult = { scored: false, modelId: 'm1', reason: 'lead-not-open', message: 'Only open leads are scored; this lead is qualified.' }
 */
export type ScoreLeadResult = LeadScore | LeadNotScored

/** Options of {@link scoreLead}. */
export interface ScoreLeadOptions {
  /** The current instant (ISO-8601): the 2-year rule is checked against it every time. */
  readonly now: string
  /** The lead's previous score, for the trend. */
  readonly previousScore?: number
  /** Grade bands; `DEFAULT_GRADE_BANDS` when absent. */
  readonly bands?: GradeBands
}

/**
 * Options of {@link compileScoringModel}.
 *
 * @example
 * const options: CompileScoringModelOptions = { now: '2026-06-01T00:00:00Z' }
 */
export interface CompileScoringModelOptions {
  /** The instant (ISO-8601) date attributes' ages are measured at; the model's `trainedOn` when absent. */
  readonly now?: string
}

/** A model compiled into lookup tables, for scoring many leads fast. */
export interface CompiledScoringModel {
  readonly model: ScoringModel
  /** The lead's score 0–100 (integer), without eligibility checks. */
  score(lead: Lead): number
  /** The calibrated probability that the lead is qualified. */
  probability(lead: Lead): number
  /**
   * Each term's part in the lead's score (calibrated log-odds), attributes in model order then interactions (named
   * `first × second`, valued `a & b`); attributes that ignore the lead's empty value are left out.
   */
  factors(lead: Lead): ScoreFactor[]
}

/**
 * Whether a lead is due for (re)scoring, and why.
 *
 * @example
 * const decision: RescoreDecision = { due: true, reason: 'new-lead' }
 */
export interface RescoreDecision {
  readonly due: boolean
  readonly reason: 'new-lead' | 'updated' | 'updated-within-24-hours' | 'not-updated'
}

/**
 * Whether a retrained model should replace the current one, and why.
 *
 * @example
 * const decision: ModelReplacementDecision = { replace: true, reason: 'current-model-over-3-months-old' }
 */
export interface ModelReplacementDecision {
  readonly replace: boolean
  readonly reason: 'accurate-enough' | 'current-model-over-3-months-old' | 'less-accurate'
}
