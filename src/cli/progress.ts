// The progress bar: cli-progress (MIT, 3.x maintained since 2015, a single dependency, renders at a fixed frame
// rate whatever the update rate, computes the ETA) on stderr, only when stderr is a terminal: a log file or a pipe
// gets no escape codes, only the summary.
import { SingleBar } from 'cli-progress'

/** What the command tells the bar; a no-op when stderr is not a terminal. */
export interface Progress {
  /** Bytes of the input read so far, rows read, rows refused. */
  update(bytes: number, rows: number, refused: number): void
  /** A line between stages (`grouping 1,000 records…`), then the bar is gone. */
  stop(note?: string): void
}

const NO_PROGRESS: Progress = { update: () => undefined, stop: () => undefined }

export function createProgress(stream: NodeJS.WriteStream, totalBytes: number, enabled: boolean): Progress {
  if (!enabled || stream.isTTY !== true) return NO_PROGRESS
  const bar = new SingleBar({
    stream,
    // Pairs are compared when the groups are made, after the last row: the summary gives their number.
    format: 'reading {bar} {percentage}% | {rows} rows | {refused} refused | {duration_formatted} elapsed | ETA {eta_formatted}',
    // Renders at most 5 times a second however often it is updated; hides the cursor while it runs.
    fps: 5,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  })
  bar.start(Math.max(totalBytes, 1), 0, { rows: 0, refused: 0 })
  let last = 0
  let lastBytes = 0
  const step = Math.max(totalBytes / 100, 1)
  return {
    update(bytes, rows, refused) {
      // Updating costs a little per call: every 1,000 rows (or 1% of the file, for a pass that counts no rows) is
      // often enough at 5 frames a second.
      if (rows - last < 1000 && bytes - lastBytes < step) return
      last = rows
      lastBytes = bytes
      bar.update(Math.min(bytes, totalBytes), { rows: rows.toLocaleString('en'), refused: refused.toLocaleString('en') })
    },
    stop(note) {
      bar.stop()
      if (note !== undefined) stream.write(`${note}\n`)
    },
  }
}
