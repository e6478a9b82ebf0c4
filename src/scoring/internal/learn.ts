// What the learner (see boost.ts) shares with scoring: the logistic function, Platt scaling of the model's log-odds
// on held-out leads, and the area under the ROC curve those leads give.

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z))
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
