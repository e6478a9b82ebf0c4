// Scoring quality on the public data sets of ../shared/data/scoring (see its README): leadkit against scikit-learn's
// logistic regression (one-hot + scaled) and HistGradientBoosting, on the same stratified 70/30 split (seed 1),
// every column but the outcome passed as a custom attribute, as a host would. Prints AUC on the 30%, leadkit's
// expected calibration error there (10 equal-mass bins, with a bootstrap interval and the error a perfectly
// calibrated model would show on as many leads), and training time. Skips with a message when the data or
// scikit-learn is absent.
// Run: npx tsx test/bench/scoring-quality.bench.ts [seed]
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compileScoringModel, trainScoringModel } from '../../src/scoring/index.js'
import { createPrng } from '../../src/internal/prng.js'
import { auc } from '../support/auc.js'
import {
  datasetLeads,
  hasScoringData,
  SCORING_DATA_DIR,
  SCORING_DATASETS,
  stratifiedSplit,
} from '../support/scoringDatasets.js'

const NOW = '2026-06-15T12:00:00.000Z'
const SEED = Number(process.argv[2] ?? 1)
const TEST_SHARE = 0.3

/**
 * Expected calibration error over 10 equal-mass bins of predicted probability (each holds a tenth of the leads, by
 * rank): Σ over bins of (bin share) × |mean predicted − observed rate|. `rows` picks (and may repeat) the leads.
 */
function calibrationError(predicted: readonly number[], labels: readonly boolean[], rows?: readonly number[]): number {
  const order = [...(rows ?? predicted.map((_, i) => i))].sort((a, b) => (predicted[a] as number) - (predicted[b] as number))
  let error = 0
  for (let bin = 0; bin < 10; bin++) {
    const slice = order.slice(Math.floor((bin * order.length) / 10), Math.floor(((bin + 1) * order.length) / 10))
    let predictedSum = 0
    let observed = 0
    for (const i of slice) {
      predictedSum += predicted[i] as number
      if (labels[i]) observed += 1
    }
    error += Math.abs(predictedSum - observed) / order.length
  }
  return error
}

/**
 * How noisy the ECE of `predicted` is on this many leads: a 95% bootstrap interval (test leads resampled with
 * replacement), and the mean ECE a perfectly calibrated model would show here (labels drawn from the predicted
 * probabilities themselves), both over 400 seeded draws. An ECE near that floor is all the test set can resolve.
 */
function calibrationNoise(predicted: readonly number[], labels: readonly boolean[]): { low: number; high: number; floor: number } {
  const random = createPrng(2026)
  const draws: number[] = []
  let floor = 0
  const rounds = 400
  for (let draw = 0; draw < rounds; draw++) {
    draws.push(calibrationError(predicted, labels, predicted.map(() => Math.floor(random() * predicted.length))))
    floor += calibrationError(predicted, predicted.map((p) => random() < p)) / rounds
  }
  draws.sort((a, b) => a - b)
  return { low: draws[Math.floor(rounds * 0.025)] as number, high: draws[Math.ceil(rounds * 0.975) - 1] as number, floor }
}

// scikit-learn on the same rows and split: numbers scaled (median-imputed, with a missing flag) and categories
// one-hot for the logistic regression; numbers as they are and categories as native categories for the boosting.
const PYTHON = String.raw`
import json, sys, warnings
warnings.filterwarnings('ignore')
import numpy as np, pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler
path, outcome, positive, split_file = sys.argv[1:5]
frame = pd.read_csv(path)
y = (frame[outcome].astype(str) == positive).astype(int).to_numpy()
X = frame.drop(columns=[outcome])
is_test = np.array(json.load(open(split_file)))
numeric = [c for c in X.columns if pd.api.types.is_numeric_dtype(X[c])]
categorical = [c for c in X.columns if c not in numeric]
X[categorical] = X[categorical].astype(str)
linear = make_pipeline(ColumnTransformer([
  ('n', make_pipeline(SimpleImputer(strategy='median', add_indicator=True), StandardScaler()), numeric),
  ('c', OneHotEncoder(handle_unknown='ignore', min_frequency=5), categorical)]), LogisticRegression(max_iter=2000))
trees = make_pipeline(ColumnTransformer([
  ('n', 'passthrough', numeric),
  ('c', OrdinalEncoder(handle_unknown='use_encoded_value', unknown_value=-1, encoded_missing_value=-1), categorical)]),
  HistGradientBoostingClassifier(categorical_features=list(range(len(numeric), len(numeric) + len(categorical))), random_state=0))
out = {}
for name, model in [('logistic', linear), ('hgb', trees)]:
  model.fit(X[~is_test], y[~is_test])
  out[name] = roc_auc_score(y[is_test], model.predict_proba(X[is_test])[:, 1])
print(json.dumps(out))
`

if (!hasScoringData()) {
  console.log(`skipped: no data sets at ${SCORING_DATA_DIR} (a fresh clone has no ../shared)`)
  process.exit(0)
}
// The first Python that has scikit-learn: a version manager's python3 may shadow the system one apt installs into.
const python = ['python3', '/usr/bin/python3'].find(
  (candidate) => spawnSync(candidate, ['-c', 'import sklearn, pandas'], { encoding: 'utf8' }).status === 0,
)
const hasSklearn = python !== undefined
if (!hasSklearn) console.log('scikit-learn not found (apt-get install python3-sklearn python3-pandas): leadkit only')
const scratch = mkdtempSync(join(tmpdir(), 'leadkit-quality-'))
const table: string[] = [
  `| data set | rows (test) | leadkit AUC | logistic regression | HistGradientBoosting | leadkit ECE [95% bootstrap] | ECE of a calibrated model | leadkit train ms (cpu) | terms |`,
  `| --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
]
try {
  for (const dataset of SCORING_DATASETS) {
    const { leads, labels } = datasetLeads(dataset, NOW)
    const isTest = stratifiedSplit(labels, TEST_SHARE, SEED)
    const training = leads.filter((_, i) => !isTest[i])
    const test = leads.filter((_, i) => isTest[i])
    const testLabels = labels.filter((_, i) => isTest[i])
    // Warm the JIT once on this data, then time a second run.
    trainScoringModel(training, { now: NOW, seed: SEED })
    const start = performance.now()
    const cpu = process.cpuUsage()
    const model = trainScoringModel(training, { now: NOW, seed: SEED })
    const trainMs = performance.now() - start
    const used = process.cpuUsage(cpu)
    // CPU time next to wall time: on a shared machine the wall time also counts waiting for a core.
    const trainCpuMs = (used.user + used.system) / 1000
    const scorer = compileScoringModel(model, { now: NOW })
    const predicted = test.map((lead) => scorer.probability(lead))
    const leadkitAuc = auc(predicted, testLabels)
    const ece = calibrationError(predicted, testLabels)
    const noise = calibrationNoise(predicted, testLabels)
    let logistic = 'n/a'
    let hgb = 'n/a'
    if (hasSklearn) {
      const splitFile = join(scratch, `${dataset.name}.json`)
      writeFileSync(splitFile, JSON.stringify(isTest))
      const run = spawnSync(
        python as string,
        ['-c', PYTHON, `${SCORING_DATA_DIR}${dataset.file}`, dataset.outcome, dataset.positive, splitFile],
        { encoding: 'utf8' },
      )
      if (run.status === 0) {
        const result = JSON.parse(run.stdout) as { logistic: number; hgb: number }
        logistic = result.logistic.toFixed(3)
        hgb = result.hgb.toFixed(3)
      } else {
        console.log(`scikit-learn failed on ${dataset.name}: ${run.stderr.slice(-400)}`)
      }
    }
    const terms = `${model.attributes.length} shapes, ${model.interactions.length} pairs, ${model.rounds.main}+${model.rounds.interactions} rounds`
    table.push(
      `| ${dataset.name} | ${leads.length} (${test.length}) | ${leadkitAuc.toFixed(3)} | ${logistic} | ${hgb} | ${ece.toFixed(3)} [${noise.low.toFixed(3)}, ${noise.high.toFixed(3)}] | ${noise.floor.toFixed(3)} | ${trainMs.toFixed(0)} (${trainCpuMs.toFixed(0)}) | ${terms} |`,
    )
    console.log(`${dataset.name}: done`)
  }
} finally {
  rmSync(scratch, { recursive: true, force: true })
}
console.log(
  `\nstratified ${100 - TEST_SHARE * 100}/${TEST_SHARE * 100} split, seed ${SEED}, AUC and ECE (10 equal-mass bins) on the ${TEST_SHARE * 100}%\n`,
)
console.log(table.join('\n'))
