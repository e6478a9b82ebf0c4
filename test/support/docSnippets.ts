/**
 * Extracts the TypeScript blocks of README.md and docs/*.md and type-checks each one as a module of its own against
 * the public package paths (`leadkit` → src/index.ts, `leadkit/<domain>` → src/<domain>/index.ts), the way an app
 * that installed leadkit compiles it. The blocks are served to the compiler from memory, as if they were files in
 * the repository, so their other imports (`vitest`, `hono`, `pg`) resolve from its node_modules.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import ts from 'typescript'

/** One ```ts block: where it is and what it says. */
export interface Snippet {
  readonly file: string
  /** 1-based line of the opening fence. */
  readonly line: number
  readonly code: string
}

/** A compiler diagnostic of one snippet, at its line in the Markdown file. */
export interface SnippetProblem {
  readonly snippet: Snippet
  readonly line: number
  readonly message: string
}

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..')
const FENCE = /^```(\S*)\s*$/

/** The Markdown files whose blocks are checked: README.md and every docs/*.md. */
export function documentFiles(root: string = ROOT): string[] {
  const docs = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'))
  return ['README.md', ...docs.sort().map((name) => `docs/${name}`)]
}

/** Every ```ts (or ```typescript) block of `text`, with the line of its opening fence. */
export function extractSnippets(file: string, text: string): Snippet[] {
  const lines = text.split('\n')
  const snippets: Snippet[] = []
  let start = -1
  let language = ''
  for (let index = 0; index < lines.length; index++) {
    const match = FENCE.exec(lines[index] as string)
    if (match === null) continue
    if (start < 0) {
      start = index
      language = match[1] ?? ''
    } else {
      if (language === 'ts' || language === 'typescript') {
        snippets.push({ file, line: start + 1, code: lines.slice(start + 1, index).join('\n') })
      }
      start = -1
    }
  }
  return snippets
}

/** Every TypeScript block of the documentation, in file order. */
export function readSnippets(root: string = ROOT): Snippet[] {
  return documentFiles(root).flatMap((file) => extractSnippets(file, readFileSync(join(root, file), 'utf8')))
}

/** Type-checks the snippets in one program, each a module of its own, and returns what the compiler reports. */
export function checkSnippets(snippets: readonly Snippet[], root: string = ROOT): SnippetProblem[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ['node'],
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    isolatedModules: true,
    esModuleInterop: true,
    baseUrl: root,
    paths: { leadkit: ['./src/index.ts'], 'leadkit/*': ['./src/*/index.ts'] },
  }
  // `export {}` makes each block a module, so two blocks may declare the same name and top-level await works.
  const files = new Map(
    snippets.map((snippet, index) => [join(root, `__snippet${index}__.ts`), `${snippet.code}\nexport {}\n`]),
  )
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  const fileExists = host.fileExists.bind(host)
  const readFile = host.readFile.bind(host)
  host.getSourceFile = (name, language, onError, fresh) => {
    const text = files.get(name)
    if (text === undefined) return getSourceFile(name, language, onError, fresh)
    return ts.createSourceFile(name, text, language)
  }
  host.fileExists = (name) => files.has(name) || fileExists(name)
  host.readFile = (name) => files.get(name) ?? readFile(name)
  const program = ts.createProgram([...files.keys()], options, host)
  const problems: SnippetProblem[] = []
  for (const [index, name] of [...files.keys()].entries()) {
    const source = program.getSourceFile(name)
    const snippet = snippets[index] as Snippet
    for (const diagnostic of ts.getPreEmitDiagnostics(program, source)) {
      if (diagnostic.file !== undefined && diagnostic.file.fileName !== name) continue
      const start = diagnostic.start ?? 0
      const at = diagnostic.file === undefined ? 0 : diagnostic.file.getLineAndCharacterOfPosition(start).line
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
      problems.push({ snippet, line: snippet.line + 1 + at, message })
    }
  }
  return problems
}

/** The module specifiers a TypeScript file imports (static imports, re-exports and `import()` of literals). */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName)
}
