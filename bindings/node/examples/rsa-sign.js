'use strict'
// Signs a Jira request-token request with RSA-SHA1 (RFC 5849 section 3.4.3): the
// README's "RSA" example, run by test/readme.test.js, which checks that the header
// it prints verifies with the public key. Run: node examples/rsa-sign.js
// (the key file in OAUTH1_PRIVATE_KEY_FILE, or the repository's test key).
const path = require('node:path')
const { RsaPrivateKey, Signer } = require('..')

const keyFile = process.env.OAUTH1_PRIVATE_KEY_FILE ?? path.join(__dirname, '../../../tests/vectors/keys/rsa-2048.pem')

// The consumer's private key: PEM or DER, PKCS#8 or PKCS#1, or a PKCS#12 file. An
// encrypted key or a .p12 file needs its password:
//   RsaPrivateKey.fromFile('consumer.p12', { password: process.env.KEY_PASSWORD })
const privateKey = RsaPrivateKey.fromFile(keyFile)

// Jira application links sign with RSA-SHA1 (the default with a key) and have no
// consumer secret; `signatureMethod: 'RSA-SHA256'` for Mastercard and others.
const signer = new Signer({ consumerKey: 'jira-consumer', privateKey, callback: 'oob' })

const url = 'https://jira.example.com/plugins/servlet/oauth/request-token'
const { authorization } = signer.sign({ method: 'POST', url })
console.log(`Authorization: ${authorization}`)
