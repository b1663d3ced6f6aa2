'use strict'
// Signing from worker_threads. A Signer is a Node-API object wrapping native state
// that belongs to the isolate (the JS thread) that made it: it cannot be shared with
// another worker, and structured clone (postMessage, workerData) copies none of that
// state. So each worker builds its own Signer from the same credentials, passed as
// plain data, and the results must be identical to the main thread's and verify.

const test = require('node:test')
const assert = require('node:assert/strict')
const { Worker, MessageChannel, receiveMessageOnPort } = require('node:worker_threads')
const { Signer, NonceStore, verify } = require('../oauth1.js')

const WORKERS = 4
const PER_WORKER = 300
const NOW = 1700000000
const FORM = 'application/x-www-form-urlencoded'
const credentials = { consumerKey: 'app-key', consumerSecret: 'app-secret', token: 'access-token', tokenSecret: 'access-token-secret' }

// The i-th request, the same in every thread.
const REQUEST = `(i) => {
  const form = i % 3 === 0
  return {
    method: form ? 'POST' : 'GET',
    url: 'https://api.example.com/v1/items/' + i + '?page=' + (i % 7) + '&q=caf%C3%A9+' + i,
    body: form ? 'n=' + i + '&text=hello+world' : undefined,
    contentType: form ? '${FORM}' : undefined,
    nonce: 'nonce' + String(i).padStart(6, '0'),
    timestamp: ${NOW} - (i % 100)
  }
}`
const request = eval(REQUEST) // eslint-disable-line no-eval

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { Signer } = require(workerData.module)
const request = ${REQUEST}
const received = workerData.received
const receivedInfo = {
  isSigner: received instanceof Signer,
  hasSign: typeof (received && received.sign) === 'function',
  keys: received && typeof received === 'object' ? Object.keys(received) : null
}
const results = {}
for (const method of workerData.methods) {
  const signer = new Signer({ ...workerData.credentials, signatureMethod: method })
  const out = []
  for (let i = workerData.first; i < workerData.total; i += workerData.step) {
    const s = signer.sign(request(i))
    out.push([i, s.authorization, s.signature, s.baseString])
  }
  // Random nonces too: they must not repeat across workers.
  const random = []
  for (let i = 0; i < 50; i++) random.push(signer.sign({ method: 'GET', url: 'https://api.example.com/r', timestamp: ${NOW} }).authorization)
  results[method] = { out, random }
}
parentPort.postMessage({ receivedInfo, results })
`

const METHODS = ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT']

function runWorker (workerData) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData })
    let message
    worker.once('message', (m) => { message = m })
    worker.once('error', reject)
    worker.once('exit', (code) => (code === 0 && message ? resolve(message) : reject(new Error(`worker exited with ${code}`))))
  })
}

test('a Signer does not cross threads: structured clone drops its native state', () => {
  const signer = new Signer(credentials)
  const copy = structuredClone(signer)
  assert.ok(!(copy instanceof Signer))
  assert.equal(typeof copy.sign, 'undefined')
  const { port1, port2 } = new MessageChannel()
  try {
    port1.postMessage(signer)
    const { message } = receiveMessageOnPort(port2)
    assert.ok(!(message instanceof Signer))
    assert.deepEqual(Object.keys(message), [])
  } finally {
    port1.close()
    port2.close()
  }
})

test('workers with signers built from the same credentials sign identically, and it verifies', async () => {
  const total = WORKERS * PER_WORKER
  const main = new Map(METHODS.map((method) => {
    const signer = new Signer({ ...credentials, signatureMethod: method })
    return [method, Array.from({ length: total }, (_, i) => {
      const s = signer.sign(request(i))
      return [i, s.authorization, s.signature, s.baseString]
    })]
  }))
  const replies = await Promise.all(Array.from({ length: WORKERS }, (_, w) => runWorker({
    module: require.resolve('../oauth1.js'),
    credentials,
    methods: METHODS,
    first: w,
    step: WORKERS,
    total,
    received: new Signer(credentials) // cloned as a plain object: see the test above
  })))
  for (const { receivedInfo } of replies) {
    assert.deepEqual(receivedInfo, { isSigner: false, hasSign: false, keys: [] })
  }
  for (const method of METHODS) {
    const verifier = new Signer({ ...credentials, signatureMethod: method })
    const got = replies.flatMap((r) => r.results[method].out).sort((a, b) => a[0] - b[0])
    assert.equal(got.length, total)
    assert.deepEqual(got, main.get(method), `${method}: workers differ from the main thread`)
    for (const [i, authorization, , baseString] of got) {
      const r = request(i)
      const verified = verify({ method: r.method, url: r.url, body: r.body, contentType: r.contentType, authorization, secrets: verifier, now: NOW, signatureMethods: METHODS })
      assert.equal(verified.baseString, baseString)
    }
    const random = replies.flatMap((r) => r.results[method].random)
    const store = new NonceStore({ capacity: random.length + 1 })
    for (const authorization of random) {
      verify({ method: 'GET', url: 'https://api.example.com/r', authorization, secrets: verifier, now: NOW, nonceStore: store, signatureMethods: METHODS })
    }
    assert.equal(store.size, random.length, `${method}: a random nonce repeated across workers`)
  }
})
