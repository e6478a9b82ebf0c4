// The learner: L2-regularised logistic regression on one-hot binned attributes, fitted by Newton's method, then
// Platt scaling on held-out leads. Logistic regression is calibrated on the data it fits and each one-hot weight
// reads directly as "this value adds w to the log-odds", which is the explanation a seller sees.

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

/** Fits weights per feature plus an intercept; the L2 penalty keeps rare values near 0 and the one-hot system solvable. */
export function fitLogistic(
  matrix: FeatureMatrix,
  labels: Uint8Array,
  lambda: number,
): { readonly weights: Float64Array; readonly intercept: number } {
  const { rows, count, width, features } = matrix
  const n = features + 1
  const bias = features
  const w = new Float64Array(n)
  let positives = 0
  for (let i = 0; i < count; i++) positives += labels[i] as number
  // Starting at the base rate saves Newton steps.
  w[bias] = Math.log((positives + 0.5) / (count - positives + 0.5))
  const active = new Int32Array(width + 1)
  for (let iteration = 0; iteration < 30; iteration++) {
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
    const step = solveSpd(hessian, gradient, n)
    let largest = 0
    for (let f = 0; f < n; f++) {
      w[f] = (w[f] as number) - (step[f] as number)
      largest = Math.max(largest, Math.abs(step[f] as number))
    }
    if (largest < 1e-6) break
  }
  return { weights: w.subarray(0, features), intercept: w[bias] as number }
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
