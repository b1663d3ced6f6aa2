// ESM entry point: the same module as the CommonJS one (oauth1.js).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const oauth1 = require('./oauth1.js')

export const {
  Signer,
  ErrorCode,
  NonceStore,
  RsaPrivateKey,
  RsaPublicKey,
  verify,
  verifyAsync,
  nonceStoreKey,
  RedisNonceStore,
  oauth1Middleware,
  verifyRequest,
  clockOffsetFromProblem,
  percentEncode,
  baseStringUri,
  normalizedParameters,
  hmacSignature,
  bodyHash,
  signedFetch,
  axiosInterceptor,
  useOAuth1,
  OAuth1Flow,
  provider,
  providerNames,
  redirectHop
} = oauth1
export default oauth1
