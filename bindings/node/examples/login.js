'use strict'
// Gets token credentials through the three-legged flow (RFC 5849 section 2), the
// redirect back received by a one-shot server on 127.0.0.1: the README's "Getting a
// token" example, run by test/flow.test.js against a local provider. Run:
//   OAUTH1_CONSUMER_KEY=… OAUTH1_CONSUMER_SECRET=… node examples/login.js \
//     REQUEST_TOKEN_URL AUTHORIZE_URL ACCESS_TOKEN_URL
// and open the URL it prints.
const http = require('node:http')
const { OAuth1Flow, Signer } = require('..')

async function login ({ consumerKey, consumerSecret, requestTokenUrl, authorizeUrl, accessTokenUrl, open }) {
  // The provider sends the browser back to this server, once.
  let redirected
  const back = new Promise((resolve) => { redirected = resolve })
  const server = http.createServer((req, res) => {
    if (!req.url.startsWith('/callback?')) return res.writeHead(404).end()
    res.end('Done: you can close this window.')
    redirected(req.url)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const callback = `http://127.0.0.1:${server.address().port}/callback`
    const flow = new OAuth1Flow({ consumerKey, consumerSecret, callback })
    await flow.fetchRequestToken(requestTokenUrl)
    await open(flow.authorizationUrl(authorizeUrl))
    // Throws token_mismatch for a redirect that belongs to another authorization.
    flow.parseAuthorizationResponse(await back)
    const credentials = await flow.fetchAccessToken(accessTokenUrl)
    console.log(`Signed in as ${credentials.screen_name ?? credentials.user_id ?? credentials.token}`)
    // { token, tokenSecret }: save them (they do not expire at most providers).
    return new Signer({ consumerKey, consumerSecret, ...credentials })
  } finally {
    server.close()
  }
}

module.exports = { login }

if (require.main === module) {
  const [requestTokenUrl, authorizeUrl, accessTokenUrl] = process.argv.slice(2)
  login({
    consumerKey: process.env.OAUTH1_CONSUMER_KEY,
    consumerSecret: process.env.OAUTH1_CONSUMER_SECRET,
    requestTokenUrl,
    authorizeUrl,
    accessTokenUrl,
    open: (url) => console.log(`Open this URL to authorize: ${url}`)
  }).then((signer) => console.log(signer), (error) => {
    console.error(`login failed (${error.code}): ${error.message}`)
    process.exitCode = 1
  })
}
