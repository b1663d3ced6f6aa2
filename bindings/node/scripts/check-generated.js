'use strict'
// Fails when the committed index.js / index.d.ts differ from what napi-rs
// generates now from src/ (and inputs.d.ts, the head of index.d.ts): regenerates
// both into a temporary directory with the same command as `npm run generate` and
// compares.

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
  if (stale) process.exit(1)
  console.log('index.js and index.d.ts match src/ and inputs.d.ts')
} finally {
  fs.rmSync(out, { recursive: true, force: true })
}
