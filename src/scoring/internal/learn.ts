// The learner: L2-regularised logistic regression on one-hot binned attributes, fitted by Newton's method (each step
// solved densely or by conjugate gradients, whichever is cheaper), then Platt scaling on held-out leads. Logistic
// regression is calibrated on the data it fits and each one-hot weight reads directly as "this value adds w to the
// log-odds", which is the explanation a seller sees.

/** One-hot training rows: `rows[i * width + j]` is the feature index of attribute j of lead i, or -1 (ignored). */
export interface FeatureMatrix {
  readonly rows: Int32Array
  readonly count: number
  readonly width: number
  readonly features: number
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))
}

/** Solves `a x = b` for a symmetric positive-definite `a` (n×n, row-major) by Cholesky; overwrites nothing. */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j] as number
      for (let k = 0; k < j; k++) sum -= (l[i * n + k] as number) * (l[j * n + k] as number)
      if (i === j) l[i * n + i] = Math.sqrt(Math.max(sum, 1e-12))
      else l[i * n + j] = sum / (l[j * n + j] as number)
    }
  }
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number
    for (let k = 0; k < i; k++) sum -= (l[i * n + k] as number) * (y[k] as number)
    y[i] = sum / (l[i * n + i] as number)
  }
  const x = new Float64Array(n)
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number
    for (let k = i + 1; k < n; k++) sum -= (l[k * n + i] as number) * (x[k] as number)
    x[i] = sum / (l[i * n + i] as number)
  }
  return x
}

/**
 * How {@link fitLogistic} finds each Newton step. `dense` accumulates the full Hessian and solves it by Cholesky:
 * cheapest for a few attributes, but its cost grows as attributes² per lead and features³ per step.
 * `conjugate-gradient` never forms the Hessian: it solves the same system by conjugate gradients preconditioned by
 * the Hessian's diagonal, each step a pass over the rows, so its cost grows linearly with attributes × leads.
 */
export type NewtonSolver = 'dense' | 'conjugate-gradient'

/** The learner's work, counted for tests: operations are row × attribute visits plus the solver's own arithmetic. */
export interface LearnerWork {
  operations: number
  newtonSteps: number
  conjugateGradientSteps: number
  solver: NewtonSolver | undefined
}

/** Options of {@link fitLogistic}. */
export interface FitOptions {
  /** The solver; chosen by {@link chooseSolver} when absent. */
  readonly solver?: NewtonSolver
  /** Where to count the work done, for tests that assert how cost grows. */
  readonly work?: LearnerWork
}

// Newton's method on this strictly convex objective converges in well under this many steps; it is the cap.
const MAX_NEWTON_STEPS = 30
const STEP_TOLERANCE = 1e-6
// Conjugate-gradient steps per Newton step: what one typically takes (for the cost estimate), and the cap that
// keeps the worst case linear in attributes × leads. A capped step is still a descent direction.
const TYPICAL_CG_STEPS = 16
const MAX_CG_STEPS = 100
// A dense operation (contiguous, in cache) takes about half the time of a conjugate-gradient one (a gather or a
// scatter over the rows), as measured on this learner; without it 25 attributes chose the slower solver.
const DENSE_ADVANTAGE = 2

/**
 * The cheaper solver for a matrix, by the estimated work of one Newton step: the dense Hessian costs about
 * (attributes + 1)² / 2 per lead plus features³ / 6 for the Cholesky factor, conjugate gradients about
 * 2 × attributes per lead for each of some 16 steps, each of those operations about twice a dense one.
 */
export function chooseSolver(matrix: FeatureMatrix): NewtonSolver {
  const { count, width, features } = matrix
  const n = features + 1
  const dense = (count * (width + 1) * (width + 2)) / 2 + (n * n * n) / 6
  const iterative = count * width * 2 * TYPICAL_CG_STEPS * DENSE_ADVANTAGE
  return dense <= iterative ? 'dense' : 'conjugate-gradient'
}

/**
 * Fits weights per feature plus an intercept by Newton's method; the L2 penalty keeps rare values near 0 and the
 * one-hot system solvable. Both solvers take the same Newton steps to the same optimum (the objective is strictly
 * convex), so the choice changes the cost, not the model.
 */
export function fitLogistic(
  matrix: FeatureMatrix,
  labels: Uint8Array,
  lambda: number,
  options: FitOptions = {},
): { readonly weights: Float64Array; readonly intercept: number } {
  const solver = options.solver ?? chooseSolver(matrix)
  const work = options.work ?? { operations: 0, newtonSteps: 0, conjugateGradientSteps: 0, solver }
  work.solver = solver
  const { count, features } = matrix
  const w = new Float64Array(features + 1)
  let positives = 0
  for (let i = 0; i < count; i++) positives += labels[i] as number
  // Starting at the base rate saves Newton steps.
  w[features] = Math.log((positives + 0.5) / (count - positives + 0.5))
  const scratch = solver === 'dense' ? undefined : conjugateGradientScratch(matrix)
  for (let iteration = 0; iteration < MAX_NEWTON_STEPS; iteration++) {
    work.newtonSteps += 1
    const delta =
      scratch === undefined
        ? denseStep(matrix, labels, lambda, w, work)
        : conjugateGradientStep(matrix, labels, lambda, w, scratch, work)
    let largest = 0
    for (let f = 0; f <= features; f++) {
      w[f] = (w[f] as number) - (delta[f] as number)
      largest = Math.max(largest, Math.abs(delta[f] as number))
    }
    if (largest < STEP_TOLERANCE) break
  }
  return { weights: w.subarray(0, features), intercept: w[features] as number }
}

// Each step is a plain function reading the matrix into locals: V8 keeps locals in registers, while a closure's
// captured variables are loaded from its context on every use, which made the hot loops a third slower.

/** One dense Newton step from `w`: the solution of H·step = gradient at `w` (the bias is the last entry). */
function denseStep(
  matrix: FeatureMatrix,
  labels: Uint8Array,
  lambda: number,
  w: Float64Array,
  work: LearnerWork,
): Float64Array {
  const { rows, count, width, features } = matrix
  const n = features + 1
  const bias = features
  const active = new Int32Array(width + 1)
  const gradient = new Float64Array(n)
  const hessian = new Float64Array(n * n)
  for (let i = 0; i < count; i++) {
    let z = w[bias] as number
    let m = 0
    const base = i * width
    for (let j = 0; j < width; j++) {
      const f = rows[base + j] as number
      if (f >= 0) {
        z += w[f] as number
        active[m++] = f
      }
    }
    active[m++] = bias
    const p = sigmoid(z)
    const residual = p - (labels[i] as number)
    const curvature = p * (1 - p)
    // Only the upper triangle is accumulated (half the work); features of one row are distinct, and the
    // mirror below fills the rest.
    for (let a = 0; a < m; a++) {
      const fa = active[a] as number
      gradient[fa] = (gradient[fa] as number) + residual
      for (let b = 0; b < m; b++) {
        const fb = active[b] as number
        if (fb < fa) continue
        const index = fa * n + fb
        hessian[index] = (hessian[index] as number) + curvature
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) hessian[j * n + i] = hessian[i * n + j] as number
  for (let f = 0; f < features; f++) {
    gradient[f] = (gradient[f] as number) + lambda * (w[f] as number)
    hessian[f * n + f] = (hessian[f * n + f] as number) + lambda
  }
  hessian[bias * n + bias] = (hessian[bias * n + bias] as number) + 1e-9
  work.operations += count * width + (count * (width + 1) * (width + 2)) / 2 + n * n + (n * n * n) / 6 + 2 * n * n
  return solveSpd(hessian, gradient, n)
}

/** The vectors a conjugate-gradient fit reuses across its Newton steps: one per lead, six per feature. */
interface ConjugateGradientScratch {
  readonly curvature: Float64Array
  readonly gradient: Float64Array
  readonly diagonal: Float64Array
  readonly step: Float64Array
  readonly residual: Float64Array
  readonly direction: Float64Array
  readonly product: Float64Array
}

function conjugateGradientScratch(matrix: FeatureMatrix): ConjugateGradientScratch {
  const n = matrix.features + 1
  const vector = (): Float64Array => new Float64Array(n)
  return {
    curvature: new Float64Array(matrix.count),
    gradient: vector(),
    diagonal: vector(),
    step: vector(),
    residual: vector(),
    direction: vector(),
    product: vector(),
  }
}

/** `product` = H·v = Xᵀ(c ∘ X·v) + λv: two passes over the rows, never the n × n matrix. */
function hessianTimes(
  matrix: FeatureMatrix,
  curvature: Float64Array,
  lambda: number,
  v: Float64Array,
  product: Float64Array,
): void {
  const { rows, count, width, features } = matrix
  const bias = features
  product.fill(0)
  for (let i = 0; i < count; i++) {
    const base = i * width
    let sum = v[bias] as number
    for (let j = 0; j < width; j++) {
      const f = rows[base + j] as number
      if (f >= 0) sum += v[f] as number
    }
    const scaled = sum * (curvature[i] as number)
    for (let j = 0; j < width; j++) {
      const f = rows[base + j] as number
      if (f >= 0) product[f] = (product[f] as number) + scaled
    }
    product[bias] = (product[bias] as number) + scaled
  }
  for (let f = 0; f < features; f++) product[f] = (product[f] as number) + lambda * (v[f] as number)
  product[bias] = (product[bias] as number) + 1e-9 * (v[bias] as number)
}

/** One Newton step from `w` solved by preconditioned conjugate gradients, into `scratch.step`. */
function conjugateGradientStep(
  matrix: FeatureMatrix,
  labels: Uint8Array,
  lambda: number,
  w: Float64Array,
  scratch: ConjugateGradientScratch,
  work: LearnerWork,
): Float64Array {
  const { rows, count, width, features } = matrix
  const { curvature, gradient, diagonal, step, residual, direction, product } = scratch
  const n = features + 1
  const bias = features
  gradient.fill(0)
  diagonal.fill(0)
  for (let i = 0; i < count; i++) {
    const base = i * width
    let z = w[bias] as number
    for (let j = 0; j < width; j++) {
      const f = rows[base + j] as number
      if (f >= 0) z += w[f] as number
    }
    const p = sigmoid(z)
    const r = p - (labels[i] as number)
    const c = p * (1 - p)
    curvature[i] = c
    for (let j = 0; j < width; j++) {
      const f = rows[base + j] as number
      if (f >= 0) {
        gradient[f] = (gradient[f] as number) + r
        diagonal[f] = (diagonal[f] as number) + c
      }
    }
    gradient[bias] = (gradient[bias] as number) + r
    diagonal[bias] = (diagonal[bias] as number) + c
  }
  for (let f = 0; f < features; f++) {
    gradient[f] = (gradient[f] as number) + lambda * (w[f] as number)
    diagonal[f] = (diagonal[f] as number) + lambda
  }
  diagonal[bias] = (diagonal[bias] as number) + 1e-9
  work.operations += 2 * count * width + 2 * n
  let norm = 0
  for (let f = 0; f < n; f++) norm += (gradient[f] as number) ** 2
  norm = Math.sqrt(norm)
  // Far from the optimum a rough step does (Eisenstat–Walker forcing); near it the solve tightens with the
  // gradient, so Newton keeps converging fast and the last steps are as exact as the dense solver's.
  const tolerance = Math.min(0.1, Math.sqrt(norm)) * norm
  step.fill(0)
  residual.set(gradient)
  let rho = 0
  for (let f = 0; f < n; f++) {
    const u = (residual[f] as number) / (diagonal[f] as number)
    direction[f] = u
    rho += u * (residual[f] as number)
  }
  for (let k = 0; k < MAX_CG_STEPS && rho > 0; k++) {
    work.conjugateGradientSteps += 1
    hessianTimes(matrix, curvature, lambda, direction, product)
    work.operations += 2 * count * width + 8 * n
    let curvatureAlong = 0
    for (let f = 0; f < n; f++) curvatureAlong += (direction[f] as number) * (product[f] as number)
    if (!(curvatureAlong > 0)) break
    const alpha = rho / curvatureAlong
    let left = 0
    for (let f = 0; f < n; f++) {
      step[f] = (step[f] as number) + alpha * (direction[f] as number)
      residual[f] = (residual[f] as number) - alpha * (product[f] as number)
      left += (residual[f] as number) ** 2
    }
    if (Math.sqrt(left) <= tolerance) break
    let next = 0
    for (let f = 0; f < n; f++) next += ((residual[f] as number) * (residual[f] as number)) / (diagonal[f] as number)
    const beta = next / rho
    rho = next
    for (let f = 0; f < n; f++) {
      direction[f] = (residual[f] as number) / (diagonal[f] as number) + beta * (direction[f] as number)
    }
  }
  return step
}

/**
 * Platt scaling: `a` and `b` so that `sigmoid(a * z + b)` matches the observed rates of held-out leads. Targets are
 * smoothed as Platt proposed, so a small holdout cannot push probabilities to 0 or 1.
 */
export function fitPlatt(scores: Float64Array, labels: Uint8Array): { readonly a: number; readonly b: number } {
  let positives = 0
  for (const label of labels) positives += label
  const negatives = labels.length - positives
  const high = (positives + 1) / (positives + 2)
  const low = 1 / (negatives + 2)
  let a = 1
  let b = 0
  for (let iteration = 0; iteration < 50; iteration++) {
    let ga = 0
    let gb = 0
    let haa = 1e-9
    let hab = 0
    let hbb = 1e-9
    for (let i = 0; i < scores.length; i++) {
      const z = scores[i] as number
      const p = sigmoid(a * z + b)
      const r = p - (labels[i] === 1 ? high : low)
      const c = p * (1 - p)
      ga += r * z
      gb += r
      haa += c * z * z
      hab += c * z
      hbb += c
    }
    const det = haa * hbb - hab * hab
    if (!(det > 0)) break
    const da = (hbb * ga - hab * gb) / det
    const db = (haa * gb - hab * ga) / det
    a -= da
    b -= db
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break
  }
  // A non-positive slope would invert the ranking; keep the model's own probabilities instead.
  return a > 0 && Number.isFinite(a) && Number.isFinite(b) ? { a, b } : { a: 1, b: 0 }
}

/** Area under the ROC curve (Mann–Whitney, ties counted half). */
export function areaUnderCurve(scores: Float64Array, labels: Uint8Array): number {
  const order = Array.from(scores.keys()).sort((x, y) => (scores[x] as number) - (scores[y] as number))
  let positives = 0
  let rankSum = 0
  let i = 0
  while (i < order.length) {
    let j = i
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number]) j += 1
    const averageRank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        positives += 1
        rankSum += averageRank
      }
    }
    i = j + 1
  }
  const negatives = order.length - positives
  if (positives === 0 || negatives === 0) return 0.5
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}
