'use strict'
// Redirects (RFC 5849 section 3.4.1: a signature covers one method and one URL):
// signedFetch and the axios interceptor sign every hop anew. A real server on
// 127.0.0.1 verifies every request it gets (with a nonce store, so a signature
// sent twice is refused too) before it redirects; 301/302/303/307/308 chains end
// where they should with the method and body they should. A hop to a second
// server (another origin) carries no Authorization unless that origin is trusted,
// and then it is signed for that server's URL.

const test = require('node:test')
const assert = require('node:assert/strict')
const http = require('node:http')
const axios = require('axios')
const { Signer, NonceStore, verify, signedFetch, useOAuth1, axiosInterceptor, redirectHop } = require('../oauth1.js')

const credentials = { consumerKey: 'app-key', consumerSecret: 'app-secret', token: 'access-token', tokenSecret: 'access-token-secret' }
const signer = new Signer(credentials)
const secrets = {
  consumer: (key) => key === 'app-key' ? { secret: 'app-secret' } : null,
  tokenSecret: (key, token) => token === 'access-token' ? 'access-token-secret' : null
}
const FORM = 'application/x-www-form-urlencoded'

/**
 * A server that verifies every signed request, then answers by its path:
 * /hop?status=S&left=N redirects with S to /hop (N-1 left), then to /final?x=1;
 * /to?status=S&target=URL redirects to URL; /loop redirects to itself; anything
 * else answers 200 with what it received and whether it was signed (in the
 * header, the query or a form body). Each request is kept in `seen`.
 */
async function startServer () {
  const nonces = new NonceStore()
  const seen = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString()
      const url = new URL(req.url, state.base)
      const entry = { method: req.method, path: req.url, body, authorization: req.headers.authorization }
      seen.push(entry)
      entry.signed = req.headers.authorization !== undefined || url.searchParams.has('oauth_signature') ||
        new URLSearchParams(body).has('oauth_signature')
      if (entry.signed) {
        try {
          verify({ method: req.method, url: state.base + req.url, authorization: req.headers.authorization, body, contentType: req.headers['content-type'], secrets, nonceStore: nonces })
          entry.verified = true
        } catch (error) {
          res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': error.wwwAuthenticate ?? 'OAuth' })
          return res.end(JSON.stringify({ code: error.code, at: url.pathname }))
        }
      }
      const status = Number(url.searchParams.get('status'))
      if (url.pathname === '/hop') {
        const left = Number(url.searchParams.get('left'))
        res.writeHead(status, { location: left > 1 ? `/hop?status=${status}&left=${left - 1}` : 'final?x=1' })
        return res.end('moved')
      }
      if (url.pathname === '/to') {
        const target = url.searchParams.get('target')
        res.writeHead(status, target === null ? {} : { location: target })
        return res.end()
      }
      if (url.pathname === '/loop') {
        res.writeHead(302, { location: '/loop' })
        return res.end()
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(entry))
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const state = {
    base: `http://127.0.0.1:${server.address().port}`,
    seen,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve) })
  }
  return state
}

let api
let other
test.before(async () => {
  api = await startServer()
  // Another origin: same host, another port.
  other = await startServer()
})
test.after(() => Promise.all([api.close(), other.close()]))

/** What each status does to a POST with a body (RFC 9110 section 15.4, as fetch and follow-redirects do). */
const AFTER_POST = { 301: ['GET', ''], 302: ['GET', ''], 303: ['GET', ''], 307: ['POST', 'a=1&b=two+words'], 308: ['POST', 'a=1&b=two+words'] }

test('redirectHop: the core\'s answer, typed', () => {
  assert.deepEqual(redirectHop(307, 'POST', 'https://api.example.com/a', '/b?x=1'), { method: 'POST', url: 'https://api.example.com/b?x=1', keepBody: true, sign: true })
  assert.equal(redirectHop(200, 'GET', 'https://api.example.com/a', '/b'), null)
  assert.equal(redirectHop(307, 'GET', 'https://api.example.com/a', 'https://cdn.example.net/b').sign, false)
  assert.equal(redirectHop(307, 'GET', 'https://api.example.com/a', 'https://cdn.example.net/b', ['https://cdn.example.net']).sign, true)
  assert.throws(() => redirectHop(307, 'GET', 'https://api.example.com/a', 'ftp://x/'), { code: 'unsupported_scheme' })
  assert.throws(() => redirectHop(307, 'GET', 'https://api.example.com/a', '/b', 'https://x'), { code: 'invalid_argument' })
  assert.throws(() => redirectHop(1000, 'GET', 'https://api.example.com/a', '/b'), { code: 'invalid_argument' })
})

for (const status of [301, 302, 303, 307, 308]) {
  test(`signedFetch follows a ${status} chain, each hop verified`, async () => {
    const f = signedFetch(signer)
    const start = api.seen.length
    const get = await f(`${api.base}/hop?status=${status}&left=2`)
    const got = await get.json()
    assert.equal(get.status, 200, JSON.stringify(got))
    assert.deepEqual([got.method, got.path, got.signed], ['GET', '/final?x=1', true])
    assert.equal(api.seen.length - start, 3)
    assert.ok(api.seen.slice(start).every((e) => e.verified), 'every hop verified')

    const post = await f(`${api.base}/hop?status=${status}&left=2`, { method: 'POST', body: new URLSearchParams({ a: '1', b: 'two words' }) })
    const posted = await post.json()
    assert.equal(post.status, 200, JSON.stringify(posted))
    assert.deepEqual([posted.method, posted.body], AFTER_POST[status])
  })

  test(`axios interceptor follows a ${status} chain, each hop verified`, async () => {
    const client = axios.create({ baseURL: api.base })
    useOAuth1(client, signer)
    const start = api.seen.length
    const get = await client.get('/hop', { params: { status, left: 2 } })
    assert.deepEqual([get.status, get.data.method, get.data.path, get.data.signed], [200, 'GET', '/final?x=1', true])
    assert.equal(api.seen.length - start, 3)
    assert.ok(api.seen.slice(start).every((e) => e.verified), 'every hop verified')
    const post = await client.post(`/hop?status=${status}&left=2`, new URLSearchParams({ a: '1', b: 'two words' }))
    assert.equal(post.status, 200, JSON.stringify(post.data))
    assert.deepEqual([post.data.method, post.data.body], AFTER_POST[status])
  })
}

test('axios\'s fetch adapter: a 307 then 303 chain, each hop verified', async () => {
  const client = axios.create({ baseURL: api.base, adapter: 'fetch' })
  useOAuth1(client, signer)
  const start = api.seen.length
  const target = encodeURIComponent('/to?status=303&target=%2Fend%3Fz%3D3')
  const response = await client.post(`/to?status=307&target=${target}`, new URLSearchParams({ a: '1' }))
  assert.deepEqual([response.status, response.data.method, response.data.path, response.data.verified], [200, 'GET', '/end?z=3', true])
  assert.deepEqual(api.seen.slice(start).map((e) => [e.method, e.verified]), [['POST', true], ['POST', true], ['GET', true]])
})

test('the reported case: a 307 from /a to /b?x=1 is signed for /b?x=1 (header, query and body placement)', async () => {
  for (const placement of ['header', 'query', 'body']) {
    const s = new Signer({ ...credentials, placement })
    const init = placement === 'body' ? { method: 'POST', body: new URLSearchParams({ n: '1' }) } : {}
    const response = await signedFetch(s)(`${api.base}/to?status=307&target=${encodeURIComponent('/b?x=1')}`, init)
    const got = await response.json()
    assert.equal(response.status, 200, `${placement}: ${JSON.stringify(got)}`)
    assert.equal(got.signed, true, placement)
    assert.match(got.path, /^\/b\?x=1/, placement)
    const client = axios.create()
    useOAuth1(client, s)
    const viaAxios = await client.request({ url: `${api.base}/to?status=307&target=${encodeURIComponent('/b?x=1')}`, method: init.method ?? 'get', data: init.body })
    assert.equal(viaAxios.data.signed, true, `axios ${placement}`)
    assert.match(viaAxios.data.path, /^\/b\?x=1/, `axios ${placement}`)
  }
})

test('a hop to another origin carries no Authorization, unless the origin is trusted', async () => {
  const away = `${api.base}/to?status=302&target=${encodeURIComponent(`${other.base}/landing?y=2`)}`
  const plain = await (await signedFetch(signer)(away)).json()
  assert.deepEqual([plain.path, plain.signed, plain.authorization], ['/landing?y=2', false, undefined])
  // Onwards on that origin, still unsigned; and back on the first origin too: an
  // untrusted origin must not steer the client into a signed request of its choosing.
  const onwards = `${api.base}/to?status=302&target=${encodeURIComponent(`${other.base}/to?status=307&target=%2Fdeeper`)}`
  const deeper = await (await signedFetch(signer)(onwards)).json()
  assert.deepEqual([deeper.path, deeper.signed], ['/deeper', false])
  const back = `${api.base}/to?status=302&target=${encodeURIComponent(`${other.base}/to?status=302&target=${encodeURIComponent(`${api.base}/home`)}`)}`
  const home = await (await signedFetch(signer)(back)).json()
  assert.deepEqual([home.path, home.signed], ['/home', false])

  const trusted = await (await signedFetch(signer, { trustedOrigins: [other.base] })(away)).json()
  assert.deepEqual([trusted.path, trusted.signed, trusted.verified], ['/landing?y=2', true, true])
  const trustedToo = await (await signedFetch(signer, fetch, { trustedOrigins: [other.base] })(away)).json()
  assert.equal(trustedToo.verified, true)

  const client = axios.create()
  useOAuth1(client, signer)
  const viaAxios = await client.get(away)
  assert.deepEqual([viaAxios.data.path, viaAxios.data.signed, viaAxios.data.authorization], ['/landing?y=2', false, undefined])
  const deeperAxios = await client.get(onwards)
  assert.deepEqual([deeperAxios.data.path, deeperAxios.data.signed], ['/deeper', false])
  const homeAxios = await client.get(back)
  assert.deepEqual([homeAxios.data.path, homeAxios.data.signed], ['/home', false])
  const trustedClient = axios.create()
  trustedClient.interceptors.request.use(axiosInterceptor(signer, trustedClient, { trustedOrigins: [other.base] }))
  const trustedAxios = await trustedClient.get(away)
  assert.deepEqual([trustedAxios.data.signed, trustedAxios.data.verified], [true, true])
})

test('redirect modes and limits: manual, error, too many', async () => {
  const f = signedFetch(signer)
  const manual = await f(`${api.base}/hop?status=307&left=1`, { redirect: 'manual' })
  assert.deepEqual([manual.status, manual.headers.get('location')], [307, 'final?x=1'])
  await assert.rejects(f(`${api.base}/hop?status=307&left=1`, { redirect: 'error' }), TypeError)
  await assert.rejects(f(`${api.base}/hop?status=307&left=1`, { redirect: 'sideways' }), { code: 'invalid_argument' })
  const start = api.seen.length
  await assert.rejects(f(`${api.base}/loop`), { name: 'TypeError', message: /more than 20 redirects/ })
  assert.equal(api.seen.length - start, 21)
  assert.ok(api.seen.slice(start).every((e) => e.verified))
  // A redirect without a Location is the answer itself, as fetch has it.
  const bare = await f(`${api.base}/to?status=302`)
  assert.equal(bare.status, 302)
  assert.throws(() => signedFetch(signer, { trustedOrigins: 'x' }), { code: 'invalid_argument' })
  assert.throws(() => signedFetch(signer, { trustedOrigins: ['not an origin'] }), { code: 'invalid_option' })
  assert.throws(() => signedFetch(signer, { trustedOrigins: ['api.example.com:443'] }), { code: 'invalid_option' })
  assert.throws(() => signedFetch(signer, { trusted: [] }), { code: 'invalid_argument' })

  const client = axios.create({ baseURL: api.base, validateStatus: () => true })
  useOAuth1(client, signer)
  const kept = await client.get('/hop', { params: { status: 307, left: 1 }, maxRedirects: 0 })
  assert.deepEqual([kept.status, kept.headers.location], [307, 'final?x=1'])
  const loopStart = api.seen.length
  await assert.rejects(client.get('/loop', { maxRedirects: 3 }), { code: 'ERR_FR_TOO_MANY_REDIRECTS' })
  assert.equal(api.seen.length - loopStart, 4)
  // The default limit is axios's (follow-redirects': 21).
  await assert.rejects(client.get('/loop'), { code: 'ERR_FR_TOO_MANY_REDIRECTS' })
  // A 3xx that validateStatus refuses, unfollowed, is still axios's error.
  const strict = axios.create({ baseURL: api.base })
  useOAuth1(strict, signer)
  await assert.rejects(strict.get('/to', { params: { status: 302 } }), (error) => error.response?.status === 302)
  // Another signer's interceptor leaves this one's requests alone, and unsigned requests pass.
  const unsigned = await axios.create().get(`${api.base}/hop?status=307&left=1`)
  assert.deepEqual([unsigned.data.path, unsigned.data.signed], ['/final?x=1', false])
})
