import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkSnippets, extractSnippets, importsOf, readSnippets, ROOT } from '../support/docSnippets.js'

describe('documentation snippets', () => {
  it('finds the ts blocks of a Markdown text, and only those', () => {
    const fences = ['```ts', 'const a = 1', '```', '```sh', 'npm test', '```', '```text', 'x', '```']
    fences.push('```typescript', 'b')
    const text = ['# T', ...fences, '```'].join('\n')
    expect(extractSnippets('x.md', text)).toEqual([
      { file: 'x.md', line: 2, code: 'const a = 1' },
      { file: 'x.md', line: 11, code: 'b' },
    ])
  })

  // One program for every block (building it is the slow part), plus one broken block that must be the only one
  // reported: a checker that reported nothing at all would pass otherwise.
  it('every ts block of README.md and docs/*.md type-checks against the public package', () => {
    const snippets = readSnippets()
    expect(snippets.length).toBeGreaterThan(30)
    const code = "import { parseNewLead } from 'leadkit'\nparseNewLead({}).nope"
    const broken = { file: 'broken.md', line: 10, code }
    const problems = checkSnippets([...snippets, broken])
    const report = (list: typeof problems) =>
      list.map((problem) => `${problem.snippet.file}:${problem.line}: ${problem.message}`)
    expect(report(problems.filter((problem) => problem.snippet !== broken))).toEqual([])
    expect(report(problems.filter((problem) => problem.snippet === broken))).toEqual([
      "broken.md:12: Property 'nope' does not exist on type 'NewLead'.",
    ])
  }, 120_000)
})

describe('examples', () => {
  const examples = readdirSync(join(ROOT, 'examples')).filter((name) => name.endsWith('.ts'))

  it.each(examples)('%s imports only the public package (leadkit, leadkit/…) and other packages', (name) => {
    const imports = importsOf(readFileSync(join(ROOT, 'examples', name), 'utf8'))
    expect(imports.filter((specifier) => specifier.startsWith('.') || specifier.startsWith('/'))).toEqual([])
    expect(imports.some((specifier) => specifier === 'leadkit' || specifier.startsWith('leadkit/'))).toBe(true)
  })
})
