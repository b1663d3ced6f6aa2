'use strict'
// The three-legged flow (RFC 5849 section 2) end to end: OAuth1Flow against a real
// local provider built on our own `verify` (temporary credentials, an authorization
// approved at once, token credentials, a protected resource), with a callback and
// out of band, then the resource called with the Signer the flow's result makes.
// And the provider answers a client must refuse clearly: no
// oauth_callback_confirmed, a 401 with oauth_problem, an HTML page, a redirect back
// with another token.

const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const { inspect } = require('node:util')
const { OAuth1Flow, Signer, NonceStore, verify, signedFetch, percentEncode } = require('../oauth1.js')

const CONSUMER = { consumerKey: 'app-key', consumerSecret: 'app-secret' }

/** Starts `handler` on a loopback port; resolves { base, close }. */
async function serve (handler) {
  const server = http.createServer(handler)
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${server.address().port}`
  return { base, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve) }) }
}

/** The protocol parameters of an `Authorization: OAuth …` header (the provider's own reading). */
function oauthParams (header) {
  const params = {}
  for (const [, name, value] of (header ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)) params[name] = decodeURIComponent(value)
  return params
}

function reply (res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/x-www-form-urlencoded', ...headers })
  res.end(body)
}

/**
 * A provider: /request_token, /authorize (approves at once), /access_token and
 * /resource, each request checked with `verify`. `quirk` makes it misbehave in
 * one way: 'unconfirmed', 'permission_denied', 'html', 'wrong_token'.
 */
async function startProvider (quirk) {
  const temporary = new Map() // token -> { secret, callback, verifier }
  const issued = new Map() // token -> secret
  const nonces = new NonceStore()
  let counter = 0
  const provider = await serve((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url, provider.base)
      const request = {
        method: req.method,
        url: provider.base + req.url,
        authorization: req.headers.authorization,
        body: Buffer.concat(chunks),
        contentType: req.headers['content-type'],
        nonceStore: nonces
      }
      const refuse = (error) => reply(res, error.problem ? 401 : 400, `oauth_problem=${error.problem ?? 'parameter_rejected'}`,
        { 'www-authenticate': error.wwwAuthenticate ?? 'OAuth' })
      try {
        if (url.pathname === '/request_token') {
          if (quirk === 'permission_denied') return reply(res, 401, 'oauth_problem=permission_denied&oauth_problem_advice=this%20app%20is%20suspended')
          if (quirk === 'html') return reply(res, 200, '<!doctype html><html><body>Please sign in</body></html>', { 'content-type': 'text/html' })
          verify({ ...request, secrets: { consumer: (key) => key === 'app-key' ? { secret: 'app-secret', twoLegged: true } : null, tokenSecret: () => null } })
          const { oauth_callback: callback, oauth_token: token } = oauthParams(req.headers.authorization)
          if (callback === undefined || token !== undefined) return reply(res, 400, 'oauth_problem=parameter_absent&oauth_parameters_absent=oauth_callback')
          const tokenIssued = `temp-${++counter}`
          temporary.set(tokenIssued, { secret: `temp-secret-${counter}`, callback, verifier: `verifier-${counter}` })
          const confirmed = quirk === 'unconfirmed' ? '' : '&oauth_callback_confirmed=true'
          return reply(res, 200, `oauth_token=${tokenIssued}&oauth_token_secret=temp-secret-${counter}${confirmed}`)
        }
        if (url.pathname === '/authorize') {
          // The resource owner approves at once.
          const token = url.searchParams.get('oauth_token')
          const pending = temporary.get(token)
          if (pending === undefined) return reply(res, 400, 'unknown token', { 'content-type': 'text/plain' })
          if (pending.callback === 'oob') {
            return reply(res, 200, `<html><body>Your verifier: <code>${pending.verifier}</code></body></html>`, { 'content-type': 'text/html' })
          }
          const back = new URL(pending.callback)
          back.searchParams.set('oauth_token', quirk === 'wrong_token' ? 'someone-else' : token)
          back.searchParams.set('oauth_verifier', pending.verifier)
          back.searchParams.set('scope_seen', url.searchParams.get('scope') ?? '')
          res.writeHead(302, { location: back.href })
          return res.end()
        }
        if (url.pathname === '/access_token') {
          verify({ ...request, secrets: { consumer: (key) => key === 'app-key' ? { secret: 'app-secret' } : null, tokenSecret: (key, token) => temporary.get(token)?.secret } })
          const { oauth_token: token, oauth_verifier: verifier } = oauthParams(req.headers.authorization)
          const pending = temporary.get(token)
          if (verifier !== pending.verifier) return reply(res, 401, 'oauth_problem=verifier_invalid', { 'www-authenticate': 'OAuth oauth_problem="verifier_invalid"' })
          temporary.delete(token)
          issued.set(`access-${counter}`, `access-secret-${counter}`)
          return reply(res, 200, `oauth_token=access-${counter}&oauth_token_secret=access-secret-${counter}&user_id=42&screen_name=${percentEncode('Zoë')}`)
        }
        if (url.pathname === '/resource') {
          const ok = verify({ ...request, secrets: { consumer: (key) => key === 'app-key' ? { secret: 'app-secret' } : null, tokenSecret: (key, token) => issued.get(token) } })
          res.writeHead(200, { 'content-type': 'application/json' })
          return res.end(JSON.stringify({ token: ok.token, q: url.searchParams.get('q') }))
        }
        reply(res, 404, 'not found', { 'content-type': 'text/plain' })
      } catch (error) {
        refuse(error)
      }
    })
  })
  return provider
}

/** The application's callback endpoint: hands each redirect back to `onBack(url)`. */
async function startApp (onBack) {
  return serve((req, res) => {
    try {
      const back = onBack(req.url)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(back))
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ code: error.code, message: error.message }))
    }
  })
}

test('OAuth1Flow with a callback: request token, authorization, access token, then the resource', async (t) => {
  const provider = await startProvider()
  let flow
  const app = await startApp((path) => flow.parseAuthorizationResponse(path))
  t.after(() => Promise.all([provider.close(), app.close()]))
  const requests = []
  flow = new OAuth1Flow({
    ...CONSUMER,
    callback: `${app.base}/callback`,
    fetch: (url, init) => { requests.push([init.method, String(url)]); return fetch(url, init) }
  })
  assert.equal(flow.callback, `${app.base}/callback`)
  const temporary = await flow.fetchRequestToken(`${provider.base}/request_token`)
  assert.match(temporary.token, /^temp-\d+$/)
  assert.match(temporary.tokenSecret, /^temp-secret-\d+$/)
  assert.equal(temporary.oauth_callback_confirmed, 'true')
  assert.equal(flow.requestToken, temporary.token)

  const authorize = flow.authorizationUrl(`${provider.base}/authorize`, { scope: 'read,write' })
  assert.equal(authorize, `${provider.base}/authorize?oauth_token=${temporary.token}&scope=read%2Cwrite`)
  // The "browser": follows the provider's redirect to the application's callback.
  const landed = await fetch(authorize)
  const back = await landed.json()
  assert.equal(landed.status, 200, JSON.stringify(back))
  assert.deepEqual(back, { token: temporary.token, verifier: temporary.token.replace('temp', 'verifier') })

  const result = await flow.fetchAccessToken(`${provider.base}/access_token`)
  assert.deepEqual({ ...result }, { token: result.token, tokenSecret: result.tokenSecret })
  assert.match(result.token, /^access-\d+$/)
  assert.equal(result.user_id, '42')
  assert.equal(result.screen_name, 'Zoë')
  assert.deepEqual(Object.keys(result), ['token', 'tokenSecret'])
  assert.doesNotMatch(inspect(result), /access-secret/)
  assert.match(inspect(result), /user_id: '42'/)
  assert.deepEqual(requests, [['POST', `${provider.base}/request_token`], ['POST', `${provider.base}/access_token`]])

  // The result is what new Signer takes, as it is.
  const signer = new Signer({ ...CONSUMER, ...result })
  const resource = await signedFetch(signer)(`${provider.base}/resource?q=1`)
  assert.deepEqual(await resource.json(), { token: result.token, q: '1' })
  const viaFlow = await signedFetch(flow.signer())(`${provider.base}/resource?q=2`)
  assert.deepEqual(await viaFlow.json(), { token: result.token, q: '2' })
  // A token credential is used once: a second exchange has no temporary token left.
  await assert.rejects(flow.fetchAccessToken(`${provider.base}/access_token`), { code: 'token_rejected' })
})

test('OAuth1Flow out of band: the verifier typed in', async (t) => {
  const provider = await startProvider()
  t.after(() => provider.close())
  const flow = new OAuth1Flow(CONSUMER)
  assert.equal(flow.callback, 'oob')
  const temporary = await flow.fetchRequestToken(new URL(`${provider.base}/request_token`))
  const page = await (await fetch(flow.authorizationUrl(`${provider.base}/authorize`))).text()
  const verifier = /<code>([^<]+)<\/code>/.exec(page)[1]
  await assert.rejects(flow.fetchAccessToken(`${provider.base}/access_token`), { code: 'invalid_option', message: /no verifier yet/ })
  await assert.rejects(flow.fetchAccessToken(`${provider.base}/access_token`, 'wrong'), { code: 'provider_error', status: 401, problem: 'verifier_invalid' })
  const result = await flow.fetchAccessToken(`${provider.base}/access_token`, ` ${verifier}\n`)
  assert.ok(result.token.startsWith('access-'), result.token)
  const response = await signedFetch(new Signer({ ...CONSUMER, ...result }))(`${provider.base}/resource`)
  assert.equal(response.status, 200)
  assert.notEqual(temporary.token, result.token)
})

test('OAuth1Flow resumes with temporary credentials kept elsewhere (a web application)', async (t) => {
  const provider = await startProvider()
  t.after(() => provider.close())
  const first = new OAuth1Flow({ ...CONSUMER, callback: 'https://app.example/back' })
  const temporary = await first.fetchRequestToken(`${provider.base}/request_token`)
  const location = (await fetch(first.authorizationUrl(`${provider.base}/authorize`), { redirect: 'manual' })).headers.get('location')
  // Another process: a new flow from what the first one stored.
  const second = new OAuth1Flow({ ...CONSUMER, callback: 'https://app.example/back' })
  assert.throws(() => second.parseAuthorizationResponse(location), { code: 'invalid_option' })
  second.setRequestToken(temporary.token, temporary.tokenSecret)
  assert.deepEqual(second.parseAuthorizationResponse(new URL(location).search), { token: temporary.token, verifier: temporary.token.replace('temp', 'verifier') })
  const result = await second.fetchAccessToken(`${provider.base}/access_token`)
  assert.equal((await signedFetch(new Signer({ ...CONSUMER, ...result }))(`${provider.base}/resource`)).status, 200)
})

test('bad provider answers are clear errors', async (t) => {
  const providers = {}
  for (const quirk of ['unconfirmed', 'permission_denied', 'html', 'wrong_token']) providers[quirk] = await startProvider(quirk)
  const good = await startProvider()
  t.after(() => Promise.all([good, ...Object.values(providers)].map((p) => p.close())))

  const flow = () => new OAuth1Flow({ ...CONSUMER, callback: 'https://app.example/back' })
  await assert.rejects(flow().fetchRequestToken(`${providers.unconfirmed.base}/request_token`), { code: 'callback_unconfirmed', message: /oauth_callback_confirmed/ })
  await assert.rejects(flow().fetchRequestToken(`${providers.permission_denied.base}/request_token`),
    { code: 'provider_error', status: 401, problem: 'permission_denied', message: /this app is suspended/ })
  await assert.rejects(flow().fetchRequestToken(`${providers.html.base}/request_token`), { code: 'response_invalid', message: /HTML.*Please sign in/ })
  // A wrong consumer secret: the provider's 401 names signature_invalid, which is its code here.
  const wrongSecret = new OAuth1Flow({ ...CONSUMER, consumerSecret: 'not-the-secret' })
  await assert.rejects(wrongSecret.fetchRequestToken(`${good.base}/request_token`), (error) => {
    assert.equal(error.code, 'signature_invalid', error.message)
    assert.equal(error.problem, 'signature_invalid')
    return true
  })
  const stale = new OAuth1Flow({ ...CONSUMER, clockOffset: -3600 })
  await assert.rejects(stale.fetchRequestToken(`${good.base}/request_token`), (error) => {
    assert.equal(error.code, 'timestamp_refused', error.message)
    assert.equal(error.acceptableTimestamps.length, 2)
    return true
  })

  // The redirect back carries another token than the one issued.
  const mismatched = flow()
  await mismatched.fetchRequestToken(`${providers.wrong_token.base}/request_token`)
  const location = (await fetch(mismatched.authorizationUrl(`${providers.wrong_token.base}/authorize`), { redirect: 'manual' })).headers.get('location')
  assert.throws(() => mismatched.parseAuthorizationResponse(location), { code: 'token_mismatch' })
  assert.throws(() => mismatched.parseAuthorizationResponse('https://app.example/back?oauth_verifier=v'), { code: 'token_mismatch' })
  assert.throws(() => mismatched.parseAuthorizationResponse('https://app.example/back?denied=x'), { code: 'provider_error', problem: 'user_refused' })
  assert.throws(() => mismatched.parseAuthorizationResponse(`https://app.example/back?oauth_token=${mismatched.requestToken}`), { code: 'response_invalid' })
  // And no exchange happens without a verifier from the right redirect.
  await assert.rejects(mismatched.fetchAccessToken(`${providers.wrong_token.base}/access_token`), { code: 'invalid_option' })
})

test('OAuth1Flow: URLs default to the provider preset\'s, with its signing settings', async () => {
  const sent = []
  // The preset's hosts are not reachable here: this fetch answers as NetSuite would
  // and keeps what was sent, which `verify` then checks for the URL it went to.
  const flow = new OAuth1Flow({
    ...CONSUMER,
    provider: 'netsuite',
    providerValues: { account: '1234567_SB1' },
    fetch: async (url, init) => {
      sent.push({ url, init })
      const body = sent.length === 1
        ? 'oauth_token=t1&oauth_token_secret=s1&oauth_callback_confirmed=true'
        : 'oauth_token=a1&oauth_token_secret=as1'
      return new Response(body, { status: 200, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    }
  })
  await flow.fetchRequestToken()
  assert.equal(sent[0].url, 'https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken')
  const authorization = sent[0].init.headers.get('authorization')
  assert.match(authorization, /^OAuth realm="1234567_SB1", /)
  assert.match(authorization, /oauth_signature_method="HMAC-SHA256"/)
  const checked = verify({ method: 'POST', url: sent[0].url, authorization, secrets: { consumer: () => ({ secret: 'app-secret', twoLegged: true }), tokenSecret: () => null } })
  assert.equal(checked.realm, '1234567_SB1')
  assert.equal(flow.authorizationUrl({ extra: 1 }), 'https://1234567-sb1.app.netsuite.com/app/login/secure/authorizetoken.nl?oauth_token=t1&extra=1')
  flow.parseAuthorizationResponse('oauth_token=t1&oauth_verifier=v1')
  const result = await flow.fetchAccessToken()
  assert.equal(sent[1].url, 'https://1234567-sb1.restlets.api.netsuite.com/rest/accesstoken')
  assert.match(sent[1].init.headers.get('authorization'), /oauth_verifier="v1"/)
  assert.deepEqual({ ...result }, { token: 'a1', tokenSecret: 'as1' })
  assert.equal(flow.signer().realm, '1234567_SB1')

  // Without a preset a URL is required, and the error says which one.
  const bare = new OAuth1Flow(CONSUMER)
  await assert.rejects(bare.fetchRequestToken(), { code: 'invalid_option', message: /request token URL/ })
  assert.throws(() => bare.authorizationUrl('https://p.example/authorize'), { code: 'invalid_option', message: /fetch the request token first/ })
})

test('Signer with a provider preset: NetSuite\'s realm and method, the caller\'s options winning', () => {
  const values = { account: '1234567_SB1' }
  const signer = new Signer({ ...CONSUMER, token: 't', tokenSecret: 'ts', provider: 'netsuite', providerValues: values })
  assert.equal(signer.signatureMethod, 'HMAC-SHA256')
  assert.equal(signer.realm, '1234567_SB1')
  const url = 'https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer/1'
  const signed = signer.sign({ method: 'GET', url })
  assert.match(signed.authorization, /^OAuth realm="1234567_SB1", /)
  const ok = verify({ method: 'GET', url, authorization: signed.authorization, signatureMethods: ['HMAC-SHA256'], secrets: { consumer: () => ({ secret: 'app-secret' }), tokenSecret: () => 'ts' } })
  assert.equal(ok.signatureMethod, 'HMAC-SHA256')
  const mine = new Signer({ ...CONSUMER, provider: 'NetSuite', providerValues: values, realm: 'MINE', signatureMethod: 'HMAC-SHA512' })
  assert.deepEqual([mine.realm, mine.signatureMethod], ['MINE', 'HMAC-SHA512'])
  const fromFile = Signer.fromFile(require('node:path').join(__dirname, '../../../examples/credentials.example.json'), { provider: 'netsuite', providerValues: values })
  assert.deepEqual([fromFile.realm, fromFile.signatureMethod], ['1234567_SB1', 'HMAC-SHA256'])
  assert.throws(() => new Signer({ ...CONSUMER, provider: 'netsuite' }), { code: 'invalid_option', message: /account/ })
  assert.throws(() => new Signer({ ...CONSUMER, provider: 'nope' }), { code: 'unknown_provider', message: /netsuite/ })
  assert.throws(() => new Signer({ ...CONSUMER, providerValues: values }), { code: 'invalid_option', message: /without `provider`/ })
  assert.throws(() => new Signer({ ...CONSUMER, provider: 'netsuite', providerValues: { account: 5 } }), { code: 'invalid_argument' })
  assert.throws(() => new Signer({ ...CONSUMER, provider: 'netsuite', providerValues: ['1'] }), { code: 'invalid_argument' })
  assert.throws(() => new Signer({ ...CONSUMER, provider: 'netsuite', providerValues: { account: '1', region: 'x' } }), { code: 'invalid_option', message: /region/ })
})

test('OAuth1Flow: bad arguments are invalid_argument, never a crash', () => {
  for (const options of [undefined, null, 'k', [], {}, { consumerKey: 1 }, { ...CONSUMER, fetch: 'fetch' }, { ...CONSUMER, verifier: 'v' }, { ...CONSUMER, token: 't' }]) {
    assert.throws(() => new OAuth1Flow(options), { code: 'invalid_argument' }, JSON.stringify(options))
  }
  assert.throws(() => new OAuth1Flow({ consumerKey: 'k' }), { code: 'invalid_credentials' })
  assert.throws(() => new OAuth1Flow({ ...CONSUMER, callback: '' }), { code: 'invalid_option' })
  assert.throws(() => new OAuth1Flow({ ...CONSUMER, provider: 'nope' }), { code: 'unknown_provider' })
  const flow = new OAuth1Flow(CONSUMER)
  flow.setRequestToken('t', 's')
  assert.throws(() => flow.authorizationUrl('https://p.example/a', 'scope=x'), { code: 'invalid_argument' })
  assert.throws(() => flow.authorizationUrl('https://p.example/a', [['scope']]), { code: 'invalid_argument' })
  assert.equal(flow.authorizationUrl('https://p.example/a', new URLSearchParams({ perms: 'read' })), 'https://p.example/a?oauth_token=t&perms=read')
  assert.throws(() => flow.authorizationUrl(5), { code: 'invalid_argument' })
  assert.throws(() => flow.parseAuthorizationResponse(), { code: 'invalid_argument' })
  assert.throws(() => flow.setRequestToken('', 's'), { code: 'invalid_argument' })
  assert.throws(() => flow.signer(), { code: 'invalid_option', message: /no token credentials/ })
  return assert.rejects(flow.fetchAccessToken('https://p.example/x', 5), { code: 'invalid_argument' })
})

test('examples/login.js (the README\'s) signs in through a one-shot callback server', async (t) => {
  const provider = await startProvider()
  t.after(() => provider.close())
  const { login } = require('../examples/login.js')
  const printed = []
  t.mock.method(console, 'log', (line) => printed.push(line))
  const signer = await login({
    ...CONSUMER,
    requestTokenUrl: `${provider.base}/request_token`,
    authorizeUrl: `${provider.base}/authorize`,
    accessTokenUrl: `${provider.base}/access_token`,
    // The "browser": approves, and follows the provider's redirect to the callback.
    open: async (url) => {
      const landed = await fetch(url)
      assert.equal(await landed.text(), 'Done: you can close this window.')
    }
  })
  assert.deepEqual(printed, ['Signed in as Zoë'])
  const response = await signedFetch(signer)(`${provider.base}/resource?q=readme`)
  assert.deepEqual(await response.json(), { token: signer.token, q: 'readme' })
})

test('OAuth1Flow applies a preset\'s quirks: required headers, callback, authorization parameters', async () => {
  const sent = []
  const answering = async (url, init) => {
    sent.push({ url, headers: init.headers })
    return new Response('oauth_token=t%201&oauth_token_secret=s&oauth_callback_confirmed=true', { headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  }
  const discogs = new OAuth1Flow({ ...CONSUMER, provider: 'discogs', fetch: answering })
  await discogs.fetchRequestToken()
  assert.equal(sent[0].headers.get('user-agent'), 'oauth1-core')
  const etrade = new OAuth1Flow({ ...CONSUMER, provider: 'etrade', fetch: answering })
  assert.equal(etrade.callback, 'oob')
  await etrade.fetchRequestToken()
  assert.match(sent[1].headers.get('authorization'), /oauth_callback="oob"/)
  const url = new URL(etrade.authorizationUrl())
  assert.equal(url.searchParams.get('token'), 't 1')
  assert.equal(url.searchParams.get('key'), 'app-key')
})
