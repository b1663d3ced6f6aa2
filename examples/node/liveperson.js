// Sign a LivePerson API request.
// Run: node examples/node/liveperson.js [credentials.json]   (after npm ci && npm run build in bindings/node)
const { Signer } = require('../../bindings/node')

// App key, Secret, Access token, Access token secret, as the LivePerson console shows them.
const signer = Signer.fromFile(process.argv[2] ?? 'examples/credentials.example.json')

const url = 'https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all'
const signed = signer.sign({ method: 'GET', url })
console.log('Authorization:', signed.authorization)

// With fetch, signedFetch(signer) returns a fetch that signs exactly what it sends:
//   const response = await signedFetch(signer)(url)
