// API reports: one api/<entry>.api.md per entry point of package.json `exports`, made by API Extractor from the built
// declarations (dist/**/index.d.ts), so a change to what users can import shows up in review as a change to a file.
//
//   node scripts/api-report.mjs           checks: fails, printing the difference, when an entry's public API is not
//                                         the one its committed report shows (npm run api:check)
//   node scripts/api-report.mjs --update  rewrites the reports from the current build (npm run api)
//
// Both need a build of the current sources (npm run build); a dist/ older than src/ is refused.
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ts from 'typescript'
import { entryPoints } from './entryPoints.mjs'

const update = process.argv.includes('--update')
const projectFolder = resolve(import.meta.dirname, '..')
const reportFolder = join(projectFolder, 'api')
const tempFolder = mkdtempSync(join(tmpdir(), 'leadkit-api-'))
const packageJsonFullPath = join(projectFolder, 'package.json')

/** `leadkit/persistence/testing` → `leadkit-persistence-testing`, the report's file name without `.api.md`. */
function reportNameOf(entry) {
  return entry.specifier.replaceAll('/', '-')
}

function newestMtime(folder) {
  let newest = 0
  for (const name of readdirSync(folder, { recursive: true })) {
    const stats = statSync(join(folder, name), { throwIfNoEntry: false })
    if (stats?.isFile() && stats.mtimeMs > newest) newest = stats.mtimeMs
  }
  return newest
}

/** The names an entry's built declarations export, read with the TypeScript compiler. */
function exportedNames(entry) {
  const file = join(projectFolder, entry.types)
  const program = ts.createProgram([file], { noEmit: true, skipLibCheck: true, types: [] })
  const checker = program.getTypeChecker()
  return checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file))).map((e) => e.name)
}

function configFor(entry) {
  return {
    projectFolder,
    mainEntryPointFilePath: join(projectFolder, entry.types),
    bundledPackages: [],
    newlineKind: 'lf',
    // The declarations are already built and checked by tsc; these options only let the compiler read them.
    compiler: {
      overrideTsconfig: {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022'],
          module: 'ESNext',
          moduleResolution: 'Bundler',
          types: ['node'],
          strict: true,
          skipLibCheck: true,
        },
        files: [join(projectFolder, entry.types)],
      },
    },
    apiReport: {
      enabled: true,
      reportFileName: reportNameOf(entry),
      reportFolder,
      reportTempFolder: tempFolder,
      includeForgottenExports: false,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: 'warning' } },
      extractorMessageReporting: {
        default: { logLevel: 'warning' },
        // leadkit has one release level, public: every export is public and none carries @public/@beta/@alpha.
        'ae-missing-release-tag': { logLevel: 'none' },
        // Every export has a doc comment (STYLE.md); fields whose name and type say it all need none.
        'ae-undocumented': { logLevel: 'none' },
        // A subpath's API names types of the domains below it (leadkit/qualification returns a Lead, which
        // leadkit/records exports). Such a type is a problem only when no entry point exports it; see below.
        'ae-forgotten-export': { logLevel: 'warning', addToApiReportFile: false },
      },
      tsdocMessageReporting: {
        default: { logLevel: 'warning' },
        // Examples here are plain text with results shown as `//=>` and object literals (STYLE.md, after date-fns),
        // not fenced code, so TSDoc's "this could be markup" hints fire on every `{`, `}`, `>` and e-mail address.
        // The other TSDoc checks (unknown tags, malformed @param, broken {@link}) stay on.
        'tsdoc-escape-right-brace': { logLevel: 'none' },
        'tsdoc-escape-greater-than': { logLevel: 'none' },
        'tsdoc-malformed-inline-tag': { logLevel: 'none' },
        'tsdoc-at-sign-in-word': { logLevel: 'none' },
      },
    },
  }
}

function diffOf(committed, generated) {
  try {
    const args = ['diff', '--no-index', '--no-color', '--', committed, generated]
    execFileSync('git', args, { cwd: projectFolder, encoding: 'utf8' })
    return ''
  } catch (error) {
    // git diff --no-index exits 1 when the files differ; its output is the difference.
    if (error.status === 1) return error.stdout
    throw error
  }
}

const entries = entryPoints(packageJsonFullPath)
const srcMtime = newestMtime(join(projectFolder, 'src'))
for (const entry of entries) {
  const built = join(projectFolder, entry.types)
  if (!existsSync(built)) {
    console.error(`api-report: ${entry.types} is missing; run npm run build first.`)
    process.exit(1)
  }
  if (statSync(built).mtimeMs < srcMtime) {
    console.error(`api-report: ${entry.types} is older than src/; run npm run build first.`)
    process.exit(1)
  }
}

// Every name some entry point exports: a type another entry's API mentions must be one of them.
const exportedSomewhere = new Set(entries.flatMap(exportedNames))
if (update) mkdirSync(reportFolder, { recursive: true })

const problems = []
const changed = []
for (const entry of entries) {
  const messages = []
  const result = Extractor.invoke(
    ExtractorConfig.prepare({
      configObject: configFor(entry),
      // The configuration is the object above; API Extractor names this file in its errors.
      configObjectFullPath: join(projectFolder, 'scripts', 'api-report.mjs'),
      packageJsonFullPath,
    }),
    {
      localBuild: update,
      // Each message is printed once below, with the entry it came from; API Extractor's own log is left quiet.
      messageCallback(message) {
        const forgotten = message.messageId === 'ae-forgotten-export' && /"([^"]+)"/.exec(message.text)?.[1]
        if (forgotten && exportedSomewhere.has(forgotten)) {
          message.handled = true
          return
        }
        // console-* messages narrate what API Extractor did with the report files; this script says it itself.
        if (message.category !== 'console' && (message.logLevel === 'warning' || message.logLevel === 'error')) {
          const where = message.sourceFilePath
            ? ` (${message.sourceFilePath.replace(`${projectFolder}/`, '')}:${message.sourceFileLine})`
            : ''
          messages.push(`${message.messageId}: ${message.text}${where}`)
        }
        message.handled = true
      },
    },
  )
  const report = `api/${reportNameOf(entry)}.api.md`
  for (const message of messages) problems.push(`${entry.specifier}: ${message}`)
  if (!update && result.apiReportChanged) {
    const generated = join(tempFolder, `${reportNameOf(entry)}.api.md`)
    changed.push(
      existsSync(join(projectFolder, report))
        ? `${entry.specifier}: the public API differs from ${report}:\n${diffOf(report, generated)}`
        : `${entry.specifier}: ${report} is missing`,
    )
  } else if (update && result.apiReportChanged) {
    console.log(`api-report: updated ${report}`)
  }
}

// A report whose entry point is gone would otherwise stay committed and describe nothing.
const expected = new Set(entries.map((entry) => `${reportNameOf(entry)}.api.md`))
for (const name of existsSync(reportFolder) ? readdirSync(reportFolder) : []) {
  if (expected.has(name)) continue
  if (update) {
    rmSync(join(reportFolder, name))
    console.log(`api-report: removed api/${name}, which no entry point of package.json exports makes`)
  } else {
    changed.push(`api/${name} belongs to no entry point of package.json exports`)
  }
}
rmSync(tempFolder, { recursive: true, force: true })

if (problems.length > 0) {
  console.error(`api-report: API Extractor reported ${problems.length} problem(s); fix them:\n${problems.join('\n')}`)
}
if (changed.length > 0) {
  console.error(changed.join('\n'))
  console.error(
    'api-report: the public API changed. If that is intended, run `npm run api` and commit the api/ files with ' +
      'the change (and a CHANGELOG entry); if not, undo the change to the exports.',
  )
}
if (problems.length > 0 || changed.length > 0) process.exit(1)
console.log(`api-report: ${entries.length} entry points ${update ? 'written to' : 'match'} api/`)
