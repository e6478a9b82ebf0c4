/** The command ran and found no duplicates. */
export const EXIT_NO_DUPLICATES = 0
/** The command ran and found duplicates (as `diff` and `grep` say "found something" with 1). */
export const EXIT_DUPLICATES = 1
/** The command line is wrong: an unknown option, a missing argument, an output that would overwrite the input. */
export const EXIT_USAGE = 2
/** The input cannot be used: a missing or unreadable file, bad UTF-8, wrong columns, a bad rules file. */
export const EXIT_INPUT = 3
/** The engine could not run (DuckDB not installed or failing) or leadkit itself failed: a bug to report. */
export const EXIT_INTERNAL = 4

/** A failure the command reports as one message and an exit code (never a stack trace). */
export class CliFailure extends Error {
  readonly exitCode: number

  constructor(exitCode: number, message: string, options?: { readonly cause?: unknown }) {
    super(message, options)
    this.name = 'CliFailure'
    this.exitCode = exitCode
  }
}
