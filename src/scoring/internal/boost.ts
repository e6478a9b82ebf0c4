// The learner: an Explainable Boosting Machine (Lou, Caruana et al., "Accurate intelligible models with pairwise
// interactions", KDD 2013, as InterpretML implements it) reduced to what a lead scoring model needs. Each attribute
// has a shape function, one weight per bin, learnt by cyclic gradient boosting: round after round, every attribute
// in turn takes a small Newton step (learning rate × gradient / curvature, per bin) on the logistic loss of what the
// others already explain. A few pairs of attributes, ranked by FAST, then get a small two-dimensional table each,
// boosted the same way on what the shapes leave. Rounds stop when the validation loss has not improved for a while;
// the caller then refits on every lead with the chosen number of rounds (below 50,000 training leads, see training).
//
// Cost: one pass over the training leads per attribute per round (the update of one attribute is fused with the
// gradient of the next, one division per lead), so training is O(rounds × attributes × leads), plus one pass per
// candidate pair for FAST over at most FAST_SAMPLE leads, O(attributes² × min(leads, 20,000)).

import { sigmoid } from './learn.js'

/** Binned leads, column by column: `columns[j][i]` is lead i's bin of attribute j, or -1 (contributes nothing). */
export interface BinnedColumns {
  readonly columns: readonly Int32Array[]
  /** How many bins each attribute has. */
  readonly sizes: readonly number[]
  readonly labels: Uint8Array
}

/** A pair's table: `weights[groupsA[binA] * cols + groupsB[binB]]`. */
export interface PairTerm {
  readonly a: number
  readonly b: number
  readonly groupsA: Int32Array
  readonly groupsB: Int32Array
  readonly rows: number
  readonly cols: number
  readonly weights: Float64Array
}

/** What the learner made: an intercept, one shape per attribute, the pair tables, and the rounds it took. */
export interface BoostedTerms {
  readonly intercept: number
  readonly shapes: readonly Float64Array[]
  readonly pairs: readonly PairTerm[]
  readonly mainRounds: number
  readonly pairRounds: number
}

/** The learner's work, counted for tests: lead × term visits. */
export interface BoostWork {
  visits: number
}

/** Settings of one fit. */
export interface BoostSettings {
  readonly learningRate: number
  readonly maxRounds: number
  /** Rounds without a better validation loss before stopping. */
  readonly patience: number
  /** L2 penalty added to each bin's curvature: bins seen on few leads move little. */
  readonly l2: number
  readonly maxPairs: number
  /** Where to count the work done, for tests that assert how cost grows. */
  readonly work?: BoostWork
}

/** How an attribute's bins are grouped for pairs: ordered (numbers: neighbours merge) or by shape (categories). */
export interface PairBinning {
  /** Whether the bins have a natural order (number bins); otherwise they are ordered by their shape weight. */
  readonly ordered: readonly boolean[]
  /** The bin of missing values (kept in a group of its own), or -1. */
  readonly emptyBins: readonly number[]
  /** Most groups per attribute in a pair. */
  readonly maxGroups: number
}

/** Keeps only the listed leads of every column, so the hot loops read contiguous memory. */
export function selectRows(data: BinnedColumns, rows: Int32Array): BinnedColumns {
  const columns = data.columns.map((column) => {
    const out = new Int32Array(rows.length)
    for (let r = 0; r < rows.length; r++) out[r] = column[rows[r] as number] as number
    return out
  })
  const labels = new Uint8Array(rows.length)
  for (let r = 0; r < rows.length; r++) labels[r] = data.labels[rows[r] as number] as number
  return { columns, sizes: data.sizes, labels }
}

function baseLogOdds(labels: Uint8Array): number {
  let positives = 0
  for (let i = 0; i < labels.length; i++) positives += labels[i] as number
  return Math.log((positives + 0.5) / (labels.length - positives + 0.5))
}

// Odds stay inside what a double holds, whatever the steps: e^±700 is about 10^±304.
function clampLogOdds(z: number): number {
  return z > 700 ? 700 : z < -700 ? -700 : z
}

function logLoss(scores: Float64Array, labels: Uint8Array): number {
  let loss = 0
  for (let i = 0; i < scores.length; i++) {
    const z = scores[i] as number
    // log(1 + e^z) − y·z, computed without overflow.
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))
    loss += softplus - (labels[i] as number) * z
  }
  return loss / Math.max(1, scores.length)
}

/**
 * A term the cyclic booster updates: its bin for each lead (training and validation), its weights, and how one
 * boosting step is shaped: `order` lists the bins in the order a main step may split them (at most 3 leaves), or
 * `rows` × `cols` is the table a pair step splits into 4 quadrants by one cut on each side.
 */
interface Term {
  readonly bins: Int32Array
  readonly validationBins: Int32Array | undefined
  readonly weights: Float64Array
  readonly order?: Int32Array
  /** Whether `order` is re-sorted by each step's gradient (categories, as LightGBM splits them). */
  readonly sortsByGradient?: boolean
  readonly rows?: number
  readonly cols?: number
}

// A leaf of a boosting step holds at least this much curvature (about 20 leads at p = 0.5), so a step never fits
// a handful of leads.
const MIN_LEAF_CURVATURE = 5
// Chosen on the shared data sets (attrition, lending club, stack overflow: docs/scoring.md); 0 lost 0.008 AUC on the
// noisiest of them, 10 lost 0.02 on the smallest.
const MIN_SPLIT_GAIN = 3.5

// The hot loops are plain functions of their arguments: V8 keeps locals in registers, while variables a closure
// captures are loaded from its context on every use (the booster's sort comparator made the loop 15 times slower).

/**
 * A term's bins for the hot loop: bin k of lead i as `slots[i]`, and a lead the term ignores (bin -1) in the extra
 * slot `size`, whose factor is always 1 and whose gradient is never read, so the loop has no branch. A term has at
 * most 258 bins (256 categories, other, empty) or 64 cells, so 16 bits hold a slot and the column is half as large.
 */
function slotsOf(bins: Int32Array, size: number): Uint16Array {
  const slots = new Uint16Array(bins.length)
  for (let i = 0; i < bins.length; i++) {
    const bin = bins[i] as number
    slots[i] = bin < 0 ? size : bin
  }
  return slots
}

/**
 * Applies the previous term's step to the odds (`factor[previous[i]]`), then adds each lead's gradient and curvature
 * to its slot k: four copies of (gradient, curvature) at `gh[8k + 2c]` and `gh[8k + 2c + 1]` for c = i mod 4, side by
 * side so one cache line holds a slot; the caller adds the copies up.
 */
function applyAndAccumulate(
  previous: Uint16Array,
  factor: Float64Array,
  slots: Uint16Array,
  odds: Float64Array,
  labels: Uint8Array,
  gh: Float64Array,
): void {
  const n = slots.length
  for (let i = 0; i < n; i++) {
    const o = (odds[i] as number) * (factor[previous[i] as number] as number)
    odds[i] = o
    const q = 1 / (1 + o)
    const p = o * q
    // Four copies of each slot's sums, by lead number: consecutive leads of the same bin (most leads share a few
    // bins) add to different memory, so an add does not wait for the previous lead's store.
    const k = ((slots[i] as number) << 3) | ((i & 3) << 1)
    gh[k] = (gh[k] as number) + (labels[i] as number) - p
    gh[k + 1] = (gh[k + 1] as number) + p * q
  }
}

/** Orders category bins by their Newton value, ties by bin, so a step's cuts separate low from high. */
function sortByGradient(order: Int32Array, g: Float64Array, h: Float64Array, l2: number): void {
  const keyed = Array.from(order, (bin) => ({ bin, value: (g[bin] as number) / ((h[bin] as number) + l2) }))
  keyed.sort((x, y) => x.value - y.value || x.bin - y.bin)
  keyed.forEach((entry, k) => (order[k] = entry.bin))
}

/**
 * One main step: the bins in `order` split into at most 3 runs (the best cut, then the best cut of either side),
 * each run moved by its Newton value; as InterpretML's EBM grows a 3-leaf tree per attribute per round.
 */
function mainStep(
  order: Int32Array,
  g: Float64Array,
  h: Float64Array,
  l2: number,
  rate: number,
  delta: Float64Array,
): void {
  const m = order.length
  const cg = new Float64Array(m + 1)
  const ch = new Float64Array(m + 1)
  for (let k = 0; k < m; k++) {
    const bin = order[k] as number
    cg[k + 1] = (cg[k] as number) + (g[bin] as number)
    ch[k + 1] = (ch[k] as number) + (h[bin] as number)
  }
  const score = (from: number, to: number): number => {
    const gs = (cg[to] as number) - (cg[from] as number)
    return (gs * gs) / ((ch[to] as number) - (ch[from] as number) + l2)
  }
  const bestCut = (from: number, to: number): { cut: number; gain: number } => {
    let cut = -1
    let gain = 0
    const whole = score(from, to)
    for (let c = from + 1; c < to; c++) {
      const left = (ch[c] as number) - (ch[from] as number)
      const right = (ch[to] as number) - (ch[c] as number)
      if (left < MIN_LEAF_CURVATURE || right < MIN_LEAF_CURVATURE) continue
      const split = score(from, c) + score(c, to) - whole
      if (split > gain) {
        gain = split
        cut = c
      }
    }
    return { cut, gain }
  }
  const cuts: number[] = [0, m]
  const first = bestCut(0, m)
  // A split no better than noise moves nothing: an attribute without signal keeps a flat shape instead of fitting
  // the noise of every round (gain is twice the drop in loss, about a chi-square statistic under no signal).
  if (first.gain < MIN_SPLIT_GAIN) {
    delta.fill(0)
    return
  }
  if (first.cut > 0) {
    const left = bestCut(0, first.cut)
    const right = bestCut(first.cut, m)
    cuts.push(first.cut)
    if (left.gain > right.gain && left.cut > 0) cuts.push(left.cut)
    else if (right.cut > 0) cuts.push(right.cut)
  }
  cuts.sort((x, y) => x - y)
  delta.fill(0)
  for (let r = 0; r + 1 < cuts.length; r++) {
    const from = cuts[r] as number
    const to = cuts[r + 1] as number
    const gradient = (cg[to] as number) - (cg[from] as number)
    const value = (rate * gradient) / ((ch[to] as number) - (ch[from] as number) + l2)
    for (let k = from; k < to; k++) delta[order[k] as number] = value
  }
}

/** One pair step: the table split into 4 quadrants by the best cut on each side, each moved by its Newton value. */
function pairStep(
  rows: number,
  cols: number,
  g: Float64Array,
  h: Float64Array,
  l2: number,
  rate: number,
  delta: Float64Array,
): void {
  const { row, col } = bestQuadrants(g, h, rows, cols, l2)
  const sums = new Float64Array(8)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const q = (r < row ? 0 : 2) + (c < col ? 0 : 1)
      sums[q] = (sums[q] as number) + (g[r * cols + c] as number)
      sums[q + 4] = (sums[q + 4] as number) + (h[r * cols + c] as number)
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const q = (r < row ? 0 : 2) + (c < col ? 0 : 1)
      delta[r * cols + c] = (rate * (sums[q] as number)) / ((sums[q + 4] as number) + l2)
    }
  }
}

/**
 * Cyclic boosting of `terms` from the scores `train` (and `validation`), in place. Without validation leads it
 * runs exactly `rounds` rounds; with them, up to `rounds`, and returns the round of the lowest validation loss with
 * the weights as they were then (0 rounds: the terms stay at 0).
 */
function boostTerms(
  terms: readonly Term[],
  labels: Uint8Array,
  train: Float64Array,
  validation: { readonly labels: Uint8Array; readonly scores: Float64Array } | undefined,
  rounds: number,
  settings: BoostSettings,
): number {
  const { learningRate, l2, patience } = settings
  const n = labels.length
  const sizes = terms.map((term) => term.weights.length)
  const gradients = sizes.map((size) => new Float64Array(size))
  const curvatures = sizes.map((size) => new Float64Array(size))
  const sums = sizes.map((size) => new Float64Array(8 * (size + 1)))
  const deltas = sizes.map((size) => new Float64Array(size))
  const slots = terms.map((term, t) => slotsOf(term.bins, sizes[t] as number))
  let best = validation === undefined ? Number.NaN : logLoss(validation.scores, validation.labels)
  let bestRound = 0
  let bestWeights = terms.map((term) => Float64Array.from(term.weights))
  // The hot loop keeps each lead's odds e^z rather than z: a step multiplies them by e^delta of the lead's bin (one
  // exp per bin, not per lead), and p = odds / (1 + odds) needs no exp at all.
  const odds = new Float64Array(n)
  for (let i = 0; i < n; i++) odds[i] = Math.exp(clampLogOdds(train[i] as number))
  // Each factor has the extra slot of ignored leads, fixed at 1; before the first step nothing is pending.
  const factors = sizes.map((size) => new Float64Array(size + 1).fill(1))
  let pendingSlots: Uint16Array = new Uint16Array(n)
  let pendingFactor: Float64Array = new Float64Array(1).fill(1)
  let round = 0
  for (round = 1; round <= rounds; round++) {
    for (let t = 0; t < terms.length; t++) {
      const term = terms[t] as Term
      const size = sizes[t] as number
      const gh = sums[t] as Float64Array
      gh.fill(0)
      // The previous term's update is applied in the same pass that reads this term's gradient: one pass, one
      // division per lead, instead of two passes.
      applyAndAccumulate(pendingSlots, pendingFactor, slots[t] as Uint16Array, odds, labels, gh)
      if (settings.work !== undefined) settings.work.visits += n
      const g = gradients[t] as Float64Array
      const h = curvatures[t] as Float64Array
      for (let k = 0; k < size; k++) {
        const at = 8 * k
        g[k] = (gh[at] as number) + (gh[at + 2] as number) + ((gh[at + 4] as number) + (gh[at + 6] as number))
        h[k] = (gh[at + 1] as number) + (gh[at + 3] as number) + ((gh[at + 5] as number) + (gh[at + 7] as number))
      }
      const delta = deltas[t] as Float64Array
      const weights = term.weights
      if (term.order !== undefined) {
        const order = term.order
        if (term.sortsByGradient === true) sortByGradient(order, g, h, l2 * 10)
        mainStep(order, g, h, l2, learningRate, delta)
      } else pairStep(term.rows as number, term.cols as number, g, h, l2, learningRate, delta)
      const factor = factors[t] as Float64Array
      for (let k = 0; k < size; k++) {
        weights[k] = (weights[k] as number) + (delta[k] as number)
        factor[k] = Math.exp(delta[k] as number)
      }
      pendingSlots = slots[t] as Uint16Array
      pendingFactor = factor
      if (validation !== undefined && term.validationBins !== undefined) {
        const vb = term.validationBins
        const scores = validation.scores
        for (let i = 0; i < vb.length; i++) {
          const bin = vb[i] as number
          if (bin >= 0) scores[i] = (scores[i] as number) + (delta[bin] as number)
        }
      }
    }
    if (validation !== undefined) {
      const loss = logLoss(validation.scores, validation.labels)
      if (loss < best - 1e-9) {
        best = loss
        bestRound = round
        bestWeights = terms.map((term) => Float64Array.from(term.weights))
      } else if (round - bestRound >= patience) {
        break
      }
    }
  }
  for (let i = 0; i < n; i++) {
    odds[i] = (odds[i] as number) * (pendingFactor[pendingSlots[i] as number] as number)
    train[i] = Math.log(odds[i] as number)
  }
  if (validation === undefined) return Math.min(round, rounds)
  terms.forEach((term, t) => term.weights.set(bestWeights[t] as Float64Array))
  return bestRound
}

/** Each lead's log-odds under an intercept, shapes and pairs. */
export function scoreRows(
  data: BinnedColumns,
  intercept: number,
  shapes: readonly Float64Array[],
  pairs: readonly PairTerm[],
): Float64Array {
  const n = data.labels.length
  const scores = new Float64Array(n).fill(intercept)
  data.columns.forEach((column, j) => {
    const shape = shapes[j] as Float64Array
    for (let i = 0; i < n; i++) {
      const bin = column[i] as number
      if (bin >= 0) scores[i] = (scores[i] as number) + (shape[bin] as number)
    }
  })
  for (const pair of pairs) {
    const cells = pairCells(data, pair)
    for (let i = 0; i < n; i++) {
      const cell = cells[i] as number
      if (cell >= 0) scores[i] = (scores[i] as number) + (pair.weights[cell] as number)
    }
  }
  return scores
}

/** Each lead's cell of a pair's table, or -1 when either attribute contributes nothing. */
export function pairCells(
  data: BinnedColumns,
  pair: Pick<PairTerm, 'a' | 'b' | 'groupsA' | 'groupsB' | 'cols'>,
): Int32Array {
  const a = data.columns[pair.a] as Int32Array
  const b = data.columns[pair.b] as Int32Array
  const cells = new Int32Array(a.length)
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number
    const y = b[i] as number
    cells[i] = x < 0 || y < 0 ? -1 : (pair.groupsA[x] as number) * pair.cols + (pair.groupsB[y] as number)
  }
  return cells
}

/**
 * Groups an attribute's bins into at most `maxGroups` for pairs: bins in order (numbers) or by their shape weight
 * (categories), cut into groups of about equal training counts; the missing bin keeps a group of its own.
 */
export function groupBins(
  counts: Float64Array,
  shape: Float64Array,
  ordered: boolean,
  emptyBin: number,
  maxGroups: number,
): { readonly groups: Int32Array; readonly size: number } {
  const bins = Array.from({ length: counts.length }, (_, k) => k).filter((k) => k !== emptyBin)
  if (!ordered) bins.sort((x, y) => (shape[x] as number) - (shape[y] as number) || x - y)
  const slots = emptyBin >= 0 ? maxGroups - 1 : maxGroups
  let total = 0
  for (const k of bins) total += counts[k] as number
  const groups = new Int32Array(counts.length)
  let group = 0
  let seen = 0
  for (const k of bins) {
    const target = ((group + 1) * total) / slots
    if (seen >= target && group < slots - 1) group += 1
    groups[k] = group
    seen += counts[k] as number
  }
  let size = bins.length === 0 ? 0 : group + 1
  if (emptyBin >= 0) groups[emptyBin] = size++
  return { groups, size }
}

/**
 * FAST (Lou et al. 2013): for every pair, the best split into four quadrants by one cut on each attribute, scored
 * by how much a Newton step per quadrant would lower the loss of what the shapes leave. Returns pairs best first.
 */
export function rankPairs(
  data: BinnedColumns,
  scores: Float64Array,
  grouping: readonly { readonly groups: Int32Array; readonly size: number }[],
  l2: number,
  work?: BoostWork,
): { readonly a: number; readonly b: number; readonly gain: number }[] {
  const n = data.labels.length
  const g = new Float64Array(n)
  const h = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const p = sigmoid(scores[i] as number)
    g[i] = (data.labels[i] as number) - p
    h[i] = p * (1 - p)
  }
  const ranked: { a: number; b: number; gain: number }[] = []
  const width = data.columns.length
  for (let a = 0; a < width; a++) {
    const ga = grouping[a] as { groups: Int32Array; size: number }
    if (ga.size < 2) continue
    for (let b = a + 1; b < width; b++) {
      const gb = grouping[b] as { groups: Int32Array; size: number }
      if (gb.size < 2) continue
      const cols = gb.size
      const G = new Float64Array(ga.size * cols)
      const H = new Float64Array(ga.size * cols)
      const ca = data.columns[a] as Int32Array
      const cb = data.columns[b] as Int32Array
      for (let i = 0; i < n; i++) {
        const x = ca[i] as number
        const y = cb[i] as number
        if (x < 0 || y < 0) continue
        const cell = (ga.groups[x] as number) * cols + (gb.groups[y] as number)
        G[cell] = (G[cell] as number) + (g[i] as number)
        H[cell] = (H[cell] as number) + (h[i] as number)
      }
      if (work !== undefined) work.visits += n
      ranked.push({ a, b, gain: bestQuadrants(G, H, ga.size, cols, l2).gain })
    }
  }
  return ranked.sort((x, y) => y.gain - x.gain || x.a - y.a || x.b - y.b)
}

/** The cut (`row`, `col`: first row and column of the lower quadrants) that gains most, and its gain. */
function bestQuadrants(
  G: Float64Array,
  H: Float64Array,
  rows: number,
  cols: number,
  l2: number,
): { row: number; col: number; gain: number } {
  // Prefix sums: PG[r][c] = Σ over cells with row < r and col < c.
  const stride = cols + 1
  const PG = new Float64Array((rows + 1) * stride)
  const PH = new Float64Array((rows + 1) * stride)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const at = (r + 1) * stride + c + 1
      const above = r * stride + c + 1
      const corner = r * stride + c
      PG[at] = (G[r * cols + c] as number) + (PG[above] as number) + (PG[at - 1] as number) - (PG[corner] as number)
      PH[at] = (H[r * cols + c] as number) + (PH[above] as number) + (PH[at - 1] as number) - (PH[corner] as number)
    }
  }
  const totalG = PG[rows * stride + cols] as number
  const totalH = PH[rows * stride + cols] as number
  const part = (gs: number, hs: number): number => (gs * gs) / (hs + l2)
  let best = 0
  let bestRow = 0
  let bestCol = 0
  for (let r = 1; r < rows; r++) {
    for (let c = 1; c < cols; c++) {
      const g00 = PG[r * stride + c] as number
      const h00 = PH[r * stride + c] as number
      const g0 = PG[r * stride + cols] as number
      const h0 = PH[r * stride + cols] as number
      const gc = PG[rows * stride + c] as number
      const hc = PH[rows * stride + c] as number
      const gain =
        part(g00, h00) +
        part(g0 - g00, h0 - h00) +
        part(gc - g00, hc - h00) +
        part(totalG - g0 - gc + g00, totalH - h0 - hc + h00) -
        part(totalG, totalH)
      if (gain > best) {
        best = gain
        bestRow = r
        bestCol = c
      }
    }
  }
  return { row: bestRow, col: bestCol, gain: best }
}

/**
 * Stage one: shapes, then pairs, boosted on `train` and early-stopped on `validation`. Returns the terms and the
 * validation leads' log-odds under them.
 */
export function boostWithValidation(
  train: BinnedColumns,
  validation: BinnedColumns,
  binning: PairBinning,
  settings: BoostSettings,
): { readonly terms: BoostedTerms; readonly validationScores: Float64Array } {
  const intercept = baseLogOdds(train.labels)
  const shapes = train.sizes.map((size) => new Float64Array(size))
  const trainScores = new Float64Array(train.labels.length).fill(intercept)
  const validationScores = new Float64Array(validation.labels.length).fill(intercept)
  const mainTerms: Term[] = shapes.map((weights, j) => ({
    bins: train.columns[j] as Int32Array,
    validationBins: validation.columns[j] as Int32Array,
    weights,
    ...stepShape(binning, j, weights.length),
  }))
  const mainRounds = boostTerms(
    mainTerms,
    train.labels,
    trainScores,
    { labels: validation.labels, scores: validationScores },
    settings.maxRounds,
    settings,
  )
  // The scores as of the best round, which the booster's early stop restored the shapes to.
  const mainTrain = scoreRows(train, intercept, shapes, [])
  const mainValidation = scoreRows(validation, intercept, shapes, [])
  const candidates = choosePairs(train, mainTrain, shapes, binning, settings)
  if (candidates.length === 0) {
    return { terms: { intercept, shapes, pairs: [], mainRounds, pairRounds: 0 }, validationScores: mainValidation }
  }
  const pairTerms: Term[] = candidates.map((pair) => ({
    bins: pairCells(train, pair),
    validationBins: pairCells(validation, pair),
    weights: pair.weights,
    rows: pair.rows,
    cols: pair.cols,
  }))
  const pairRounds = boostTerms(
    pairTerms,
    train.labels,
    mainTrain,
    { labels: validation.labels, scores: mainValidation },
    settings.maxRounds,
    settings,
  )
  const pairs = pairRounds === 0 ? [] : candidates
  return {
    terms: { intercept, shapes, pairs, mainRounds, pairRounds },
    validationScores: scoreRows(validation, intercept, shapes, pairs),
  }
}

// Most leads FAST ranks pairs on; above it, a systematic sample of every k-th lead.
const FAST_SAMPLE = 20_000

function choosePairs(
  data: BinnedColumns,
  scores: Float64Array,
  shapes: readonly Float64Array[],
  binning: PairBinning,
  settings: BoostSettings,
): PairTerm[] {
  if (settings.maxPairs === 0 || data.columns.length < 2) return []
  const grouping = data.columns.map((column, j) => {
    const counts = new Float64Array(data.sizes[j] as number)
    for (let i = 0; i < column.length; i++) {
      const bin = column[i] as number
      if (bin >= 0) counts[bin] = (counts[bin] as number) + 1
    }
    const ordered = binning.ordered[j] as boolean
    return groupBins(counts, shapes[j] as Float64Array, ordered, binning.emptyBins[j] as number, binning.maxGroups)
  })
  // Ranking needs only each pair's order, which a sample of every k-th lead keeps: FAST visits at most
  // FAST_SAMPLE leads per pair, so its cost stops growing with the history (190 pairs of 20 attributes).
  const stride = Math.ceil(data.labels.length / FAST_SAMPLE)
  let ranked: { readonly a: number; readonly b: number; readonly gain: number }[]
  if (stride <= 1) ranked = rankPairs(data, scores, grouping, settings.l2, settings.work)
  else {
    const rows = new Int32Array(Math.ceil(data.labels.length / stride))
    for (let r = 0; r < rows.length; r++) rows[r] = r * stride
    const sampleScores = new Float64Array(rows.length)
    for (let r = 0; r < rows.length; r++) sampleScores[r] = scores[rows[r] as number] as number
    ranked = rankPairs(selectRows(data, rows), sampleScores, grouping, settings.l2, settings.work)
  }
  return ranked
    .filter((pair) => pair.gain > 0)
    .slice(0, settings.maxPairs)
    .map(({ a, b }) => {
      const ga = grouping[a] as { groups: Int32Array; size: number }
      const gb = grouping[b] as { groups: Int32Array; size: number }
      const weights = new Float64Array(ga.size * gb.size)
      return { a, b, groupsA: ga.groups, groupsB: gb.groups, rows: ga.size, cols: gb.size, weights }
    })
}

/** How attribute j's steps split its bins: numbers in order with the missing bin first, others by gradient. */
function stepShape(binning: PairBinning, j: number, size: number): Pick<Term, 'order' | 'sortsByGradient'> {
  const empty = binning.emptyBins[j] as number
  const bins = Array.from({ length: size }, (_, k) => k).filter((k) => k !== empty)
  if (empty >= 0) bins.unshift(empty)
  return { order: Int32Array.from(bins), sortsByGradient: binning.ordered[j] !== true }
}

/** Stage two: the same terms refitted from zero on every lead, with the rounds stage one chose. */
export function refit(
  data: BinnedColumns,
  chosen: BoostedTerms,
  binning: PairBinning,
  settings: BoostSettings,
): BoostedTerms {
  const intercept = baseLogOdds(data.labels)
  const shapes = data.sizes.map((size) => new Float64Array(size))
  const scores = new Float64Array(data.labels.length).fill(intercept)
  const noValidation = undefined
  const mainTerms: Term[] = shapes.map((weights, j) => ({
    bins: data.columns[j] as Int32Array,
    validationBins: noValidation,
    weights,
    ...stepShape(binning, j, weights.length),
  }))
  boostTerms(mainTerms, data.labels, scores, noValidation, chosen.mainRounds, settings)
  const pairs = chosen.pairs.map((pair) => ({ ...pair, weights: new Float64Array(pair.weights.length) }))
  if (pairs.length > 0) {
    const pairTerms: Term[] = pairs.map((pair) => ({
      bins: pairCells(data, pair),
      validationBins: noValidation,
      weights: pair.weights,
      rows: pair.rows,
      cols: pair.cols,
    }))
    boostTerms(pairTerms, data.labels, scores, noValidation, chosen.pairRounds, settings)
  }
  return { intercept, shapes, pairs, mainRounds: chosen.mainRounds, pairRounds: chosen.pairRounds }
}

/**
 * Centres every term so its mean over `data` is 0 and moves the means into the intercept: the same scores, and each
 * term now says how a lead differs from the average one.
 */
export function centre(data: BinnedColumns, terms: BoostedTerms): BoostedTerms {
  const n = data.labels.length
  let intercept = terms.intercept
  const shapes = terms.shapes.map((shape, j) => {
    const column = data.columns[j] as Int32Array
    let sum = 0
    let counted = 0
    for (let i = 0; i < column.length; i++) {
      const bin = column[i] as number
      if (bin >= 0) {
        sum += shape[bin] as number
        counted += 1
      }
    }
    // An attribute that ignores some leads' empty values adds exactly 0 to them, so it cannot be shifted: moving
    // its mean into the intercept would change those leads' scores.
    if (counted !== n) return shape
    const mean = sum / counted
    intercept += mean
    return shape.map((w) => w - mean)
  })
  const pairs = terms.pairs.map((pair) => {
    const cells = pairCells(data, pair)
    let sum = 0
    let counted = 0
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as number
      if (cell >= 0) {
        sum += pair.weights[cell] as number
        counted += 1
      }
    }
    if (counted !== n) return pair
    const mean = sum / counted
    intercept += mean
    return { ...pair, weights: pair.weights.map((w) => w - mean) }
  })
  return { ...terms, intercept, shapes, pairs }
}
