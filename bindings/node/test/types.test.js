'use strict'
// The TypeScript typings (generated index.d.ts and the hand-written oauth1.d.ts and
// helpers.d.ts) accept documented usage and reject misuse under --strict.

const test = require('node:test')
const assert = require('node:assert/strict')
const { spawnSync } = require('node:child_process')
const path = require('node:path')

test('typings compile under tsc --strict', () => {
  const tsc = require.resolve('typescript/bin/tsc')
  const usage = path.join(__dirname, 'types', 'usage.ts')
  const result = spawnSync(process.execPath, [tsc, '--strict', '--noEmit', '--esModuleInterop', '--skipLibCheck', 'false',
    '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', usage], { encoding: 'utf8' })
  assert.equal(result.status, 0, result.stdout + result.stderr)
})
