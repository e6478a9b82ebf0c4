#!/usr/bin/env node
// The `leadkit` command: a thin shell over the public API (records' parsers, the duplicate index, leadkit/sql and
// leadkit/adapters/duckdb). No library entry imports this file, so importing leadkit never loads it or its
// dependencies. Arguments are read by Node's own util.parseArgs (built in since Node 18.3, stable in 20: no
// dependency for a command with one subcommand and a handful of options).
import { parseArgs } from 'node:util'
import { dedupe, type DedupeSummary } from './dedupe.js'
import { CliFailure, EXIT_INTERNAL, EXIT_USAGE } from './failure.js'
import { describeError } from './rules.js'

const USAGE = `Usage: leadkit dedupe <leads.csv> --out <groups.csv> [options]

Finds duplicate leads in a CSV file (UTF-8, a header row) and writes the groups.

Options:
  --out <file>            groups as CSV: group_id,record_id,rule (required)
  --errors <file>         rows that are not leads: line,id,column,code,reason (default: <out>.errors.csv)
  --engine memory|duckdb  memory (default): every rule, in this process; duckdb: files larger than memory,
                          the rules SQL can run (needs the optional package @duckdb/node-api)
  --rules <rules.json>    the admin's rules: a JSON array of rules, { "rules": [...] }, or qualification
                          settings with duplicateDetection (default: the default duplicate-lead rules)
  --id-column <column>    the column of record ids (default: "id" or "leadid")
  --map <column=field>    read a column as a lead field (firstName, address.city, extra.dob); repeatable
  --default-region <CC>   the country of phone numbers without "+" for the default rules (e.g. GB, US)
  --json                  print the summary as JSON on stdout (otherwise as text on stderr)
  --no-progress           no progress bar (it is only shown when stderr is a terminal)
  -h, --help              this help

Columns are read by leadkit name (firstName, email, address.city) or Dataverse logical name (firstname,
emailaddress1, telephone1, address1_city, statecode); other columns are kept under extra.<column>.

Exit codes: 0 no duplicates, 1 duplicates found, 2 usage error, 3 input error (missing file, bad UTF-8,
wrong columns, bad rules), 4 engine unavailable or internal error.
`

/** Runs the command line `args` (without `node` and the script); returns the exit code. */
export async function main(args: readonly string[], streams: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream }): Promise<number> {
  try {
    const command = readCommand(args)
    if (command === 'help') {
      streams.stdout.write(USAGE)
      return 0
    }
    const summary = await dedupe(command.dedupe, streams.stderr)
    if (command.json) streams.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
    else streams.stderr.write(formatSummary(summary))
    return summary.exitCode
  } catch (error) {
    if (error instanceof CliFailure) {
      streams.stderr.write(`leadkit: ${error.message}\n`)
      if (error.exitCode === EXIT_USAGE) streams.stderr.write('Run leadkit --help for usage.\n')
      return error.exitCode
    }
    streams.stderr.write(`leadkit: internal error: ${describeError(error)}\n${error instanceof Error ? (error.stack ?? '') : ''}\n`)
    return EXIT_INTERNAL
  }
}

type Command = 'help' | { readonly dedupe: Parameters<typeof dedupe>[0]; readonly json: boolean }

function readCommand(args: readonly string[]): Command {
  let parsed
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        errors: { type: 'string' },
        engine: { type: 'string' },
        rules: { type: 'string' },
        'id-column': { type: 'string' },
        map: { type: 'string', multiple: true },
        'default-region': { type: 'string' },
        json: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (error) {
    throw new CliFailure(EXIT_USAGE, error instanceof Error ? error.message : String(error))
  }
  const { values, positionals } = parsed
  if (values.help === true || positionals.length === 0) return 'help'
  const [subcommand, input, ...rest] = positionals
  if (subcommand !== 'dedupe') throw new CliFailure(EXIT_USAGE, `unknown command "${subcommand}": the command is dedupe`)
  if (input === undefined) throw new CliFailure(EXIT_USAGE, 'dedupe needs the CSV file to read: leadkit dedupe leads.csv --out groups.csv')
  if (rest.length > 0) throw new CliFailure(EXIT_USAGE, `one input file at a time (also given: ${rest.join(' ')})`)
  if (values.out === undefined || values.out === '') throw new CliFailure(EXIT_USAGE, 'dedupe needs --out <groups.csv>: where to write the groups')
  const engine = values.engine ?? 'memory'
  if (engine !== 'memory' && engine !== 'duckdb') throw new CliFailure(EXIT_USAGE, `--engine ${engine}: the engines are memory and duckdb`)
  const maps = new Map<string, string>()
  for (const entry of values.map ?? []) {
    const at = entry.indexOf('=')
    if (at <= 0 || at === entry.length - 1) throw new CliFailure(EXIT_USAGE, `--map ${entry}: write it as column=field, e.g. --map given_name=firstName`)
    const column = entry.slice(0, at)
    if (maps.has(column)) throw new CliFailure(EXIT_USAGE, `--map names the column "${column}" twice`)
    maps.set(column, entry.slice(at + 1))
  }
  return {
    json: values.json === true,
    dedupe: {
      input,
      out: values.out,
      errors: values.errors ?? `${values.out.replace(/\.csv$/i, '')}.errors.csv`,
      engine,
      rules: values.rules,
      idColumn: values['id-column'],
      maps,
      defaultRegion: values['default-region'],
      showProgress: values['no-progress'] !== true,
    },
  }
}

function formatSummary(summary: DedupeSummary): string {
  const n = (value: number): string => value.toLocaleString('en')
  const lines = [
    `leadkit dedupe ${summary.input} (${summary.engine} engine, ${summary.rules})`,
    `  rows read           ${n(summary.rowsRead)}`,
    `  rows refused        ${n(summary.rowsRefused)}${summary.rowsRefused > 0 ? ` (line and reason in ${summary.errors})` : ''}`,
    `  groups              ${n(summary.groups)} (written to ${summary.out})`,
    `  records in groups   ${n(summary.recordsInGroups)}`,
    `  pairs               ${n(summary.pairs)}${summary.engine === 'memory' ? ' (links that explain the groups)' : ''}`,
  ]
  if (summary.pairsCompared !== null) lines.push(`  pairs compared      ${n(summary.pairsCompared)}`)
  lines.push(`  elapsed             ${(summary.elapsedMs / 1000).toFixed(1)} s`)
  for (const column of summary.ignoredColumns) lines.push(`  column ignored: ${column.reason}`)
  for (const rule of summary.skippedRules) lines.push(`  rule not run in SQL: ${rule.rule}: ${rule.message}`)
  for (const rule of summary.ruleWarnings) lines.push(`  rule run in SQL with a difference: ${rule.rule}: ${rule.message}`)
  return `${lines.join('\n')}\n`
}

// This file is the command's entry (node dist/cli.js, npx leadkit, node --import tsx src/cli/main.ts); nothing
// imports it. The exit code is set rather than process.exit() called, so stdout and stderr are flushed first.
void main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then((code) => {
  process.exitCode = code
})
