// The Node example the top-level README shows runs and prints a header that verifies.
'use strict'

const { test } = require('node:test')
const assert = require('node:assert/strict')
const { execFileSync } = require('node:child_process')
const path = require('node:path')
const { Signer, verify } = require('..')

const ROOT = path.resolve(__dirname, '../../..')

test('examples/node/liveperson.js prints a verifiable header', () => {
  const out = execFileSync(process.execPath, ['examples/node/liveperson.js'], { cwd: ROOT, encoding: 'utf8' })
  assert.match(out, /^Authorization: OAuth oauth_consumer_key="/)
  const authorization = out.replace(/^Authorization: /, '').trim()
  const signer = Signer.fromFile(path.join(ROOT, 'examples/credentials.example.json'))
  const url = 'https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all'
  const verified = verify({ method: 'GET', url, authorization, secrets: signer })
  assert.equal(verified.token, '8c1f4e7a2d5b4c9e8f3a6d1b7e2c5f90')
})
