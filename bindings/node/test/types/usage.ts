// Compiled (not run) by test/types.test.js with `tsc --strict --noEmit`: the
// package's typings must accept documented usage and reject misuse.
import { Signer, NonceStore, RsaPrivateKey, RsaPublicKey, verify, clockOffsetFromProblem, signedFetch, axiosInterceptor, bodyHash, type SignResult, type ErrorCode, type OAuth1Error, type SecretLookup, type Consumer } from '../../oauth1'
import oauth1 from '../../oauth1'
import { verifyAsync, nonceStoreKey, RedisNonceStore, oauth1Middleware, verifyRequest, type NonceStoreLike, type NonceCheck, type Verified } from '../../oauth1'
import { createServer } from 'node:http'
import { createClient } from 'redis'
import IORedis from 'ioredis'

const signer = new Signer({ consumerKey: 'k', consumerSecret: 's', token: 't', tokenSecret: 'ts', signatureMethod: 'HMAC-SHA256', placement: 'query' })
const signed: SignResult = signer.sign({ method: 'GET', url: 'https://x/', body: Buffer.from('a=1'), contentType: 'application/x-www-form-urlencoded', nonce: 'n', timestamp: 1 })
const header: string = signed.authorization
const pairs: Array<[string, string]> = signed.params
const url: string | undefined = signed.signedUrl ?? undefined
const again: string = signer.authorization({ method: 'POST', url: 'https://x/', body: new Uint8Array(2) })
const env: Signer = Signer.fromEnv({ realm: 'r' })
const file: Signer = Signer.fromFile('c.json')
const store = new NonceStore({ capacity: 10, window: 300 })
const size: number = store.size + store.capacity + store.evicted
const lookup: SecretLookup = {
  consumer: (consumerKey: string): Consumer | null => consumerKey === 'k' ? { secret: 's', twoLegged: false } : null,
  tokenSecret: (consumerKey: string, token: string) => token === 't' ? 'ts' : null
}
class Registry {
  consumer (consumerKey: string) { return consumerKey === 'k' ? { secret: 's' } : undefined }
  tokenSecret (consumerKey: string, token: string) { return undefined }
}
const ok = verify({ method: 'GET', url: 'https://x/', authorization: header, secrets: lookup, nonceStore: store, now: 1, maxSkew: 60,
  signatureMethods: ['HMAC-SHA256', 'PLAINTEXT'], allowPlaintextOverHttp: false, requireTimestamp: true, requireBodyHash: true, hideUnknownKeys: true })
const key: string = ok.consumerKey
const checked: boolean = ok.bodyHashChecked
const viaClass = verify({ method: 'GET', url: 'https://x/', secrets: new Registry() })
const hash: string = bodyHash('{}', 'HMAC-SHA256') + bodyHash(Buffer.from('{}'))
const viaSigner = verify({ method: 'GET', url: 'https://x/', secrets: signer })
const offset: number = clockOffsetFromProblem('oauth_acceptable_timestamps="1-2"', 3)
const f: (input: string | URL | Request, init?: RequestInit) => Promise<Response> = signedFetch(signer)
const code: ErrorCode = 'signature_invalid'
function handle (e: unknown): string | undefined {
  const error = e as OAuth1Error
  if (error.code === 'parameter_rejected') return error.parametersRejected?.join()
  return error.code === 'timestamp_refused' ? String(error.acceptableTimestamps?.[0]) : error.wwwAuthenticate
}
const explanation = signer.explain({ method: 'GET', url: 'https://x/' })
const warnings: string[] = explanation.warnings
oauth1.Signer === Signer

const rsaKey = new RsaPrivateKey(Buffer.from('-----BEGIN ENCRYPTED PRIVATE KEY-----'), { password: 'pw', allowShortKey: true })
const p12: RsaPrivateKey = RsaPrivateKey.fromFile('consumer.p12', { password: Buffer.from('keystore password') })
const bits: number = rsaKey.bits + rsaKey.publicKey().bits + p12.toJSON().bits + new RsaPublicKey('pem', { allowShortKey: false }).bits
const rsaSigner = new Signer({ consumerKey: 'k', privateKey: rsaKey, signatureMethod: 'RSA-SHA256', token: 't' })
const pemSigner = new Signer({ consumerKey: 'k', privateKey: '-----BEGIN PRIVATE KEY-----', consumerSecret: 'unused' })
const rsaMethod: 'RSA-SHA512' extends Signer['signatureMethod'] ? true : never = true
const rsaLookup: SecretLookup = {
  consumer: (consumerKey: string): Consumer => ({ rsaPublicKey: RsaPublicKey.fromFile('consumer.pem'), twoLegged: true }),
  tokenSecret: () => null
}
const rsaOk = verify({ method: 'GET', url: 'https://x/', secrets: rsaLookup, signatureMethods: ['RSA-SHA1', 'RSA-SHA256'] })
verify({ method: 'GET', url: 'https://x/', secrets: { consumer: () => ({ secret: 's', rsaPublicKey: Buffer.from('pem') }), tokenSecret: () => null } })
const keyCode: ErrorCode = 'key_too_short'

// @ts-expect-error consumerSecret is required unless a privateKey is given
new Signer({ consumerKey: 'k' })
// @ts-expect-error placement is one of header, query, body
new Signer({ consumerKey: 'k', consumerSecret: 's', placement: 'cookie' })
// @ts-expect-error url is required
signer.sign({ method: 'GET' })
// @ts-expect-error not an error code
const wrong: ErrorCode = 'not_a_code'
// @ts-expect-error the function form of `secrets` was removed
verify({ method: 'GET', url: 'https://x/', secrets: (key: string, token: string | null) => ({ consumerSecret: 's' }) })
// @ts-expect-error a consumer answers { secret, twoLegged? }
verify({ method: 'GET', url: 'https://x/', secrets: { consumer: () => ({ consumerSecret: 's' }), tokenSecret: () => null } })
// @ts-expect-error a public key has no password
new RsaPublicKey('pem', { password: 'x' })
// @ts-expect-error fromEnv and fromFile take no privateKey
Signer.fromEnv({ privateKey: rsaKey })
// @ts-expect-error a privateKey is a key, its text or its bytes
new Signer({ consumerKey: 'k', privateKey: 5 })
// @ts-expect-error the body comes first
bodyHash('HMAC-SHA1', Buffer.from('{}'))

// Nonce stores of one's own, Redis, and the middleware (issue 17).
const syncStore: NonceStoreLike = { checkAndInsert: (consumerKey, token, nonce, timestamp, now): NonceCheck => (token === null ? 'fresh' : 'replayed') }
const asyncStore: NonceStoreLike = { checkAndInsert: async (): Promise<NonceCheck> => 'too_old' }
const syncVerified: Verified = verify({ method: 'GET', url: 'https://x/', secrets: signer, nonceStore: syncStore })
const at: number = syncVerified.verifiedAt
const pending: Promise<Verified> = verifyAsync({ method: 'GET', url: 'https://x/', secrets: signer, nonceStore: asyncStore })
const sharedKey: string = nonceStoreKey('k', null, 'n', 1_700_000_000)
const redisStore = new RedisNonceStore(createClient({ url: 'redis://127.0.0.1:6379' }), { window: 600, timeout: 500 })
const ioStore = new RedisNonceStore(new IORedis('redis://127.0.0.1:6379'))
const middleware = oauth1Middleware({ secrets: signer, origin: 'https://api.example.com', realm: 'Photos', nonceStore: redisStore, maxSkew: 300 })
createServer((req, res) => middleware(req, res, () => res.end(req.oauth1?.consumerKey)))
createServer(async (req, res) => { const v = await verifyRequest(req, { secrets: signer, origin: 'https://api.example.com', nonceStore: ioStore }); res.end(v.consumerKey) })
// @ts-expect-error a store answers one of the three words
const badStore: NonceStoreLike = { checkAndInsert: () => 'ok' }
// @ts-expect-error the origin is required
oauth1Middleware({ secrets: signer })
// @ts-expect-error the URL comes from the origin and the request
oauth1Middleware({ secrets: signer, origin: 'https://x', url: 'https://x/' })

// The three-legged flow, presets and redirects (issue 16).
import { OAuth1Flow, provider, providerNames, redirectHop, useOAuth1, type TokenCredentials, type Provider, type RedirectHop, type OAuth1FlowOptions } from '../../oauth1'
import axios from 'axios'
async function login (): Promise<Signer> {
  const options: OAuth1FlowOptions = { consumerKey: 'k', consumerSecret: 's', callback: 'https://app/back', provider: 'netsuite', providerValues: { account: '1' }, fetch: (input, init) => fetch(input, init) }
  const flow = new OAuth1Flow(options)
  const temporary: TokenCredentials = await flow.fetchRequestToken()
  const confirmed: string = temporary.oauth_callback_confirmed
  const there: string = flow.authorizationUrl('https://p/authorize', { scope: 'read', expiration: 30 }) + flow.authorizationUrl({ perms: 'read' }) + flow.authorizationUrl()
  const back: { token: string, verifier: string } = flow.parseAuthorizationResponse(new URL('https://app/back?oauth_token=t&oauth_verifier=v'))
  const result = await flow.fetchAccessToken(undefined, back.verifier)
  const userId: string = result.user_id
  const pending: string | undefined = flow.requestToken
  flow.setRequestToken(temporary.token, temporary.tokenSecret)
  const fromFlow: Signer = flow.signer()
  return new Signer({ consumerKey: 'k', consumerSecret: 's', ...result })
}
const netsuite: Provider = provider('netsuite', { account: '1234567_SB1' })
const realm: string | undefined = netsuite.realm
const presetParams: Array<[string, string]> = netsuite.authorizeParams
const names: string[] = providerNames()
const presetSigner = new Signer({ consumerKey: 'k', consumerSecret: 's', provider: 'netsuite', providerValues: { account: '1' } })
const hop: RedirectHop | null = redirectHop(307, 'POST', 'https://x/a', '/b', ['https://y'])
const keep: boolean | undefined = hop?.keepBody
const trustingFetch = signedFetch(signer, { trustedOrigins: ['https://cdn.example.net'] })
const trustingFetch2 = signedFetch(signer, fetch, { trustedOrigins: ['https://cdn.example.net'] })
const axiosClient = axios.create()
const interceptorId: number = useOAuth1(axiosClient, signer, { trustedOrigins: ['https://cdn.example.net'] })
axiosClient.interceptors.request.use(axiosInterceptor(signer, axiosClient, { trustedOrigins: [] }))
function flowError (e: unknown): number | undefined {
  const error = e as OAuth1Error
  return error.code === 'provider_error' || error.code === 'token_mismatch' ? error.status : undefined
}
// @ts-expect-error the flow needs a consumer key
new OAuth1Flow({ consumerSecret: 's' })
// @ts-expect-error the flow has no token option: it gets one
new OAuth1Flow({ consumerKey: 'k', consumerSecret: 's', token: 't' })
// @ts-expect-error preset values are strings
new Signer({ consumerKey: 'k', consumerSecret: 's', provider: 'netsuite', providerValues: { account: 1 } })
// @ts-expect-error trusted origins are a list
signedFetch(signer, { trustedOrigins: 'https://x' })

export { login, realm, presetParams, names, presetSigner, keep, trustingFetch, trustingFetch2, interceptorId, flowError }
export { syncVerified, at, pending, sharedKey, badStore, bits, rsaSigner, pemSigner, rsaMethod, rsaOk, keyCode, again, env, file, size, viaSigner, viaClass, checked, hash, offset, f, code, handle, warnings, pairs, url, axiosInterceptor, wrong }
