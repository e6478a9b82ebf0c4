/**
 * The area under the ROC curve of `scores` against `labels` (Mann–Whitney U, ties given their mean rank): what the
 * scoring benchmarks report, computed independently of leadkit's own holdout AUC.
 *
 * @example
 * auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]) //=> 0.75
 */
export function auc(scores: readonly number[], labels: readonly boolean[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number))
  let positives = 0
  let rankSum = 0
  for (let i = 0; i < order.length; ) {
    let j = i
    while (j + 1 < order.length && scores[order[j + 1] as number] === scores[order[i] as number]) j++
    for (let k = i; k <= j; k++) if (labels[order[k] as number]) (positives++, (rankSum += (i + j) / 2 + 1))
    i = j + 1
  }
  const negatives = order.length - positives
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives)
}
