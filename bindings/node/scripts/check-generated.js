'use strict'
// Fails when the committed index.js / index.d.ts differ from what napi-rs
// generates now from src/ (and inputs.d.ts, the head of index.d.ts), or the
// committed npm/<platform>/ package files from what scripts/npm-dirs.js writes now
// from package.json: regenerates them into a temporary directory with the same
// commands as `npm run generate` and compares.

const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const here = path.resolve(__dirname, '..')
const napi = path.join(here, 'node_modules', '@napi-rs', 'cli', 'dist', 'cli.js')
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'oauth1-generated-'))
try {
  // The same flags as `npm run generate` (package.json).
  const args = ['build', '--platform', '--release', '--no-const-enum', '--output-dir', out]
  try {
    execFileSync(process.execPath, [napi, ...args], { cwd: here, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  } catch (error) {
    console.error(error.stderr || error.message)
    console.error('check-generated: `napi build` failed')
    process.exit(1)
  }
  let stale = false
  for (const name of ['index.js', 'index.d.ts']) {
    const fresh = fs.readFileSync(path.join(out, name), 'utf8')
    const committed = fs.readFileSync(path.join(here, name), 'utf8')
    if (fresh !== committed) {
      stale = true
      console.error(`bindings/node/${name} is stale: run \`npm run generate\` in bindings/node and commit the result`)
    }
  }
  // npm/<platform>/: the same directories, each with the same files.
  const freshNpm = path.join(out, 'npm')
  try {
    execFileSync(process.execPath, [path.join(here, 'scripts', 'npm-dirs.js'), freshNpm], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' })
  } catch (error) {
    console.error(error.stderr || error.message)
    console.error('check-generated: scripts/npm-dirs.js failed')
    process.exit(1)
  }
  const listing = (dir) => fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, f)).isFile() && !f.endsWith('.node')).sort()
    : []
  const fresh = listing(freshNpm)
  const committed = listing(path.join(here, 'npm'))
  if (fresh.length === 0) throw new Error('check-generated: scripts/npm-dirs.js wrote nothing')
  for (const name of new Set([...fresh, ...committed])) {
    const a = path.join(freshNpm, name)
    const b = path.join(here, 'npm', name)
    if (!fs.existsSync(a) || !fs.existsSync(b) || fs.readFileSync(a, 'utf8') !== fs.readFileSync(b, 'utf8')) {
      stale = true
      console.error(`bindings/node/npm/${name} is stale: run \`npm run generate\` in bindings/node and commit the result`)
    }
  }
  if (stale) process.exit(1)
  console.log(`index.js and index.d.ts match src/ and inputs.d.ts; npm/ matches package.json (${fresh.length} files)`)
} finally {
  fs.rmSync(out, { recursive: true, force: true })
}
