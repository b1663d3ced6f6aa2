/* A misuse fuzzer for the C API: a fixed number of random calls (seeded PRNG, so every
 * run is the same) with NULLs in random pointer positions, random and invalid-UTF-8
 * strings, random body lengths, buffer capacities, indices, placements, timestamps
 * and secret-lookup behaviours, on a pool of live handles.
 *
 * For every call it checks that
 * - the result is a documented code, never OAUTH1_ERR_PANIC nor an "unknown" code;
 * - a NULL required pointer is OAUTH1_ERR_NULL_PARAMETER, invalid UTF-8 is
 *   OAUTH1_ERR_INVALID_UTF8, a length above SSIZE_MAX is OAUTH1_ERR_INVALID_ARGUMENT
 *   (whichever argument is checked first); with none of those, a negative timestamp
 *   or `now` is OAUTH1_ERR_INVALID_TIMESTAMP and an unknown placement
 *   OAUTH1_ERR_INVALID_OPTION;
 * - out-parameters are untouched on error (and `*needed` / the caller's buffer follow
 *   the oauth1_signer_sign_into() contract);
 * - a request signed by a known signer and received unchanged verifies;
 * - an RSA key loader given an unknown flag and no other misuse is
 *   OAUTH1_ERR_INVALID_OPTION (keys come from random bytes, or now and then the
 *   2048-bit test key, so that RSA signers join the pool);
 * - the token flow's steps, taken in any order with random answers, redirects and
 *   name/value lists (odd ones included), keep the same rules.
 * Valgrind and ASan/UBSan (bindings/c/test.sh) catch crashes, bad reads and leaks:
 * every string handed in is allocated at its exact size.
 *
 * Usage: test_fuzz_misuse [iterations [seed]] (defaults: 10000, 0x0a17f1). Reads
 * tests/vectors/keys/rsa-2048.pem (run from the repository's root) or the file
 * OAUTH1_TEST_KEY names.
 */
#include <stdint.h>

#include "check.h"

static uint64_t rng;

static uint64_t rnd(void) {
    /* xorshift64* */
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * UINT64_C(2685821657736338717);
}

static unsigned pick(unsigned n) { return (unsigned)(rnd() % n); }
static int chance(unsigned one_in) { return pick(one_in) == 0; }

/* ---------------------------------------------------------------- strings */

/* Every string generated in an iteration, freed at its end. */
#define MAX_TMP 64
static void *tmp[MAX_TMP];
static int ntmp;

static void *tmp_keep(void *p) {
    if (ntmp == MAX_TMP) abort();
    tmp[ntmp++] = p;
    return p;
}

static void tmp_free(void) {
    while (ntmp) free(tmp[--ntmp]);
}

static const char *FRAGMENTS[] = {
    "GET", "post", "PUT", "g e t", "DELETE", "",
    "https://api.example.com/x?a=1&b=%20c", "http://API.Example.com:80/p/%7E?q=a+b",
    "https://[::1]:8443/r?oauth_nonce=n", "ftp://example.com/", "https://", "//nohost",
    "https://api.example.com/a b?c=d e", "https://u:p@h.example/?&&=&x",
    "OAuth ", "OAuth realm=\"r\", ", "oauth_consumer_key=\"fz-key\"", "oauth_nonce=\"n\"",
    "oauth_signature=\"%2B%2F%3D\"", "oauth_timestamp=\"1700000000\"",
    "oauth_signature_method=\"PLAINTEXT\"", ", ", "\"", "=", "%", "%zz", "%00", "&&",
    "application/x-www-form-urlencoded", "Application/X-WWW-Form-URLEncoded; charset=utf-8",
    "text/plain", "application/json", "a=1&b=2&oauth_token=t",
    "HMAC-SHA1", "hmac-sha256", "HMAC-SHA512", "PLAINTEXT", "RSA-SHA1", "HMAC-SHA1,PLAINTEXT",
    "oob", "https://cb.example/\xc3\xa9", "\xe2\x82\xac", "\t", "\r\n",
    "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1700000000-1700000600",
    "OAuth oauth_problem=\"timestamp_refused\", oauth_acceptable_timestamps=\"1-9\"",
    "{\"consumer_key\":\"k\",\"consumer_secret\":\"s\"}",
    "{\"appKey\":\"k\",\"secret\":\"s\",\"accessToken\":\"t\",\"accessTokenSecret\":\"u\"}",
    "{\"appKey\":\"k\",\"secret\":12}", "{", "null", "[]",
    "18446744073709551615", "-1", "0",
    "oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true", "oauth_token=t&oauth_verifier=v",
    "oauth_problem=permission_denied", "<html>", "netsuite", "trello", "account", "1234567_SB1", "perms",
};
#define NFRAGMENTS (sizeof FRAGMENTS / sizeof FRAGMENTS[0])

/* Bytes that make UTF-8 invalid on their own or in a bad sequence. */
static const unsigned char BAD_BYTES[] = {0x80, 0xbf, 0xc0, 0xc1, 0xc3, 0xe2, 0xed, 0xf0, 0xf5, 0xff};

/* Whether s is valid UTF-8 (the rules of Rust's str::from_utf8). */
static int is_utf8(const unsigned char *s) {
    while (*s) {
        unsigned c = *s, n, min;
        uint32_t cp;
        if (c < 0x80) { s++; continue; }
        if (c >= 0xc2 && c <= 0xdf) { n = 1; cp = c & 0x1f; min = 0x80; }
        else if (c >= 0xe0 && c <= 0xef) { n = 2; cp = c & 0x0f; min = 0x800; }
        else if (c >= 0xf0 && c <= 0xf4) { n = 3; cp = c & 0x07; min = 0x10000; }
        else return 0;
        s++;
        for (unsigned i = 0; i < n; i++, s++) {
            if ((*s & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (*s & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
    }
    return 1;
}

/* What the arguments of one call were: decides which codes may come back. */
struct args {
    int null_required; /* a required pointer was NULL */
    int bad_utf8;      /* a string argument was not UTF-8 */
    int too_long;      /* a length above SSIZE_MAX */
    int negative_time; /* a negative timestamp or now */
};

/* A random string, exactly allocated: NULL about one time in `null_one_in` (0: never),
 * otherwise fragments, printable garbage, or invalid UTF-8. */
static const char *rstr_ex(struct args *a, unsigned null_one_in, int required) {
    if (null_one_in && chance(null_one_in)) {
        if (required) a->null_required = 1;
        return NULL;
    }
    char buf[512];
    size_t len = 0;
    unsigned parts = 1 + pick(4);
    for (unsigned p = 0; p < parts; p++) {
        unsigned how = pick(10);
        if (how < 6) {
            const char *f = FRAGMENTS[pick(NFRAGMENTS)];
            size_t n = strlen(f);
            if (len + n < sizeof buf - 1) { memcpy(buf + len, f, n); len += n; }
        } else if (how < 8) {
            unsigned n = pick(12);
            for (unsigned i = 0; i < n && len < sizeof buf - 1; i++) buf[len++] = (char)(0x20 + pick(0x5f));
        } else if (how < 9) {
            if (len < sizeof buf - 1) buf[len++] = (char)BAD_BYTES[pick(sizeof BAD_BYTES)];
        } else {
            unsigned n = pick(8);
            for (unsigned i = 0; i < n && len < sizeof buf - 1; i++) buf[len++] = (char)(1 + pick(255));
        }
    }
    char *s = tmp_keep(malloc(len + 1));
    memcpy(s, buf, len);
    s[len] = 0;
    if (!is_utf8((const unsigned char *)s)) a->bad_utf8 = 1;
    return s;
}

static const char *rstr(struct args *a) { return rstr_ex(a, 8, 1); }
static const char *ropt(struct args *a) { return rstr_ex(a, 3, 0); }

/* A random body: NULL with 0 or a non-zero length, exact-size bytes, or a huge length. */
static const uint8_t *rbody(struct args *a, size_t *len) {
    unsigned how = pick(12);
    if (how == 0) { *len = 0; return NULL; }
    if (how == 1) { *len = 1 + pick(100); a->null_required = 1; return NULL; }
    size_t n = pick(64);
    uint8_t *b = tmp_keep(malloc(n ? n : 1));
    const char *form = "a=1&b=%20&c&&d=+";
    for (size_t i = 0; i < n; i++) b[i] = chance(2) ? (uint8_t)form[i % 16] : (uint8_t)pick(256);
    *len = n;
    if (how == 2) { *len = SIZE_MAX - pick(4); a->too_long = 1; } /* never read: refused first */
    return b;
}

/* A random out-parameter: the address of `slot`, or NULL (a required pointer). */
#define ROUT(a, slot) (chance(10) ? ((a)->null_required = 1, NULL) : &(slot))

/* A random NULL-terminated list of strings (NULL: none). With `pairs`, names and
 * values alternate, and an odd count (a name without its value) is a NULL required
 * pointer. */
static const char *const *rlist(struct args *a, int pairs) {
    if (chance(3)) return NULL;
    unsigned n = pick(4);
    if (pairs) {
        n *= 2;
        if (chance(6)) {
            n++;
            a->null_required = 1;
        }
    }
    const char **list = tmp_keep(malloc((n + 1) * sizeof *list));
    for (unsigned i = 0; i < n; i++) list[i] = rstr_ex(a, 0, 1);
    list[n] = NULL;
    return list;
}

/* ---------------------------------------------------------------- checks */

static const oauth1_result DOCUMENTED[] = {
    OAUTH1_OK, OAUTH1_ERR_NULL_PARAMETER, OAUTH1_ERR_INVALID_UTF8, OAUTH1_ERR_BUFFER_TOO_SMALL,
    OAUTH1_ERR_OUT_OF_MEMORY, OAUTH1_ERR_INVALID_ARGUMENT, OAUTH1_ERR_INDEX_OUT_OF_RANGE,
    OAUTH1_ERR_NOT_AVAILABLE, OAUTH1_ERR_INVALID_URL, OAUTH1_ERR_UNSUPPORTED_SCHEME,
    OAUTH1_ERR_INVALID_METHOD, OAUTH1_ERR_INVALID_CREDENTIALS, OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD,
    OAUTH1_ERR_INVALID_TIMESTAMP, OAUTH1_ERR_INVALID_NONCE, OAUTH1_ERR_INVALID_OPTION,
    OAUTH1_ERR_DUPLICATE_PARAMETER, OAUTH1_ERR_MALFORMED_HEADER, OAUTH1_ERR_CREDENTIALS_SOURCE,
    OAUTH1_ERR_KEY_PASSWORD, OAUTH1_ERR_KEY_TYPE, OAUTH1_ERR_KEY_UNREADABLE, OAUTH1_ERR_KEY_TOO_SHORT,
    OAUTH1_ERR_VERSION_REJECTED, OAUTH1_ERR_PARAMETER_ABSENT, OAUTH1_ERR_PARAMETER_REJECTED,
    OAUTH1_ERR_TIMESTAMP_REFUSED, OAUTH1_ERR_NONCE_USED, OAUTH1_ERR_SIGNATURE_METHOD_REJECTED,
    OAUTH1_ERR_SIGNATURE_INVALID, OAUTH1_ERR_CONSUMER_KEY_UNKNOWN, OAUTH1_ERR_TOKEN_REJECTED,
    OAUTH1_ERR_PROVIDER_ERROR, OAUTH1_ERR_RESPONSE_INVALID, OAUTH1_ERR_CALLBACK_UNCONFIRMED,
    OAUTH1_ERR_TOKEN_MISMATCH, OAUTH1_ERR_UNKNOWN_PROVIDER,
};

static unsigned iteration;
static unsigned calls, errors_seen, keys_made, rsa_signed;

/* Checks one result against the arguments it was called with. `line` names the call. */
static void check_result(oauth1_result rc, const struct args *a, int line) {
    calls++;
    int documented = 0;
    for (size_t i = 0; i < sizeof DOCUMENTED / sizeof DOCUMENTED[0]; i++) documented |= rc == DOCUMENTED[i];
    check_count++;
    if (!documented) {
        check_failures++;
        fprintf(stderr, "iteration %u, line %d: undocumented or internal result %u (%s)\n", iteration, line,
                (unsigned)rc, oauth1_result_name(rc));
        return;
    }
    if (rc != OAUTH1_OK) errors_seen++;
    if (!a->null_required && !a->bad_utf8 && !a->too_long && a->negative_time) {
        check_count++;
        if (rc != OAUTH1_ERR_INVALID_TIMESTAMP) {
            check_failures++;
            fprintf(stderr, "iteration %u, line %d: a negative time gave %s\n", iteration, line,
                    oauth1_result_name(rc));
        }
    }
    if (a->null_required || a->bad_utf8 || a->too_long) {
        int ok = (a->null_required && rc == OAUTH1_ERR_NULL_PARAMETER) ||
                 (a->bad_utf8 && rc == OAUTH1_ERR_INVALID_UTF8) ||
                 (a->too_long && rc == OAUTH1_ERR_INVALID_ARGUMENT);
        check_count++;
        if (!ok) {
            check_failures++;
            fprintf(stderr, "iteration %u, line %d: result %s with null=%d bad_utf8=%d too_long=%d\n", iteration,
                    line, oauth1_result_name(rc), a->null_required, a->bad_utf8, a->too_long);
        }
    }
}

#define RESULT(rc, a) check_result((rc), (a), __LINE__)

static char SENTINEL_BYTES[] = "untouched";
#define SENTINEL ((void *)SENTINEL_BYTES)
#define SIZE_SENTINEL ((size_t)0x5e5e5e5e)
#define U64_SENTINEL UINT64_C(0x5e5e5e5e5e5e5e5e)

/* After a call with pointer out-parameter `p` (initialised to SENTINEL): untouched on
 * error, a live non-NULL value on success. */
#define CHECK_OUT(rc, p)                                                       \
    do {                                                                       \
        if ((rc) == OAUTH1_OK) CHECK((void *)(p) != SENTINEL && (p) != NULL);  \
        else CHECK((void *)(p) == SENTINEL);                                   \
    } while (0)

static void free_str_out(oauth1_result rc, char *s) {
    if (rc == OAUTH1_OK && s != SENTINEL) {
        CHECK(strlen(s) < ((size_t)1 << 24));
        oauth1_string_free(s);
    }
}

/* ---------------------------------------------------------------- handle pools */

#define POOL 4
static oauth1_signer_builder *builders[POOL];
static oauth1_signer *signers[POOL];
static oauth1_signed *signeds[POOL];
static oauth1_verified *verifieds[POOL];
static oauth1_header_params *header_params[POOL];
static oauth1_nonce_store *stores[POOL];
static oauth1_verify_options *options[POOL];
static oauth1_rsa_private_key *private_keys[POOL];
static oauth1_rsa_public_key *public_keys[POOL];
static oauth1_flow *flows[POOL];

/* A live handle from a pool or NULL (which counts as a NULL required pointer when the
 * pool slot is empty or NULL was picked). */
#define RHANDLE(a, pool) rhandle_((a), (void **)(pool))
static void *rhandle_(struct args *a, void **pool) {
    void *h = chance(8) ? NULL : pool[pick(POOL)];
    if (h == NULL) a->null_required = 1;
    return h;
}

/* Stores a new handle in a random slot of its pool, freeing what was there. */
#define STASH(pool, h, free_fn)                   \
    do {                                          \
        unsigned slot_ = pick(POOL);              \
        free_fn((pool)[slot_]);                   \
        (pool)[slot_] = (h);                      \
    } while (0)

/* The known signers (HMAC, and RSA with the 2048-bit test key) and their secrets, for
 * requests that must verify; the key's PEM text and its public half. */
static oauth1_signer *known, *known_rsa;
static uint8_t *key_pem;
static size_t key_pem_len;
static oauth1_rsa_public_key *known_public;
static const char *KNOWN_KEY = "fz-key", *KNOWN_SECRET = "fz-secret";
static const char *KNOWN_TOKEN = "fz-token", *KNOWN_TOKEN_SECRET = "fz-token-secret";

/* The secret lookup: what it does is chosen per call through user_data. */
enum lookup_mode {
    LOOKUP_RIGHT, LOOKUP_TWO_LEGGED, LOOKUP_WRONG, LOOKUP_NONE, LOOKUP_NULL, LOOKUP_BAD_UTF8, LOOKUP_TWICE,
    LOOKUP_RSA, LOOKUP_MODES
};

static void lookup(void *user_data, const char *consumer_key, const char *token, oauth1_secret_sink *sink) {
    enum lookup_mode mode = *(enum lookup_mode *)user_data;
    CHECK(consumer_key != NULL);
    static const char BAD[] = {'s', (char)0xc3, 0};
    switch (mode) {
    case LOOKUP_RIGHT:
        CHECK_OK(oauth1_secret_sink_set(sink, token ? KNOWN_TOKEN_SECRET : KNOWN_SECRET));
        break;
    case LOOKUP_TWO_LEGGED:
        /* Allowed for the consumer question only. */
        CHECK_OK(oauth1_secret_sink_set(sink, token ? KNOWN_TOKEN_SECRET : KNOWN_SECRET));
        CHECK_RC(oauth1_secret_sink_allow_two_legged(sink), token ? OAUTH1_ERR_NOT_AVAILABLE : OAUTH1_OK);
        break;
    case LOOKUP_WRONG:
        CHECK_OK(oauth1_secret_sink_set(sink, "wrong"));
        break;
    case LOOKUP_NONE:
        break;
    case LOOKUP_NULL:
        CHECK_RC(oauth1_secret_sink_set(sink, NULL), OAUTH1_ERR_NULL_PARAMETER);
        CHECK_RC(oauth1_secret_sink_set(NULL, "x"), OAUTH1_ERR_NULL_PARAMETER);
        CHECK_RC(oauth1_secret_sink_set_rsa_public_key(sink, NULL), OAUTH1_ERR_NULL_PARAMETER);
        CHECK_RC(oauth1_secret_sink_set_rsa_public_key(NULL, known_public), OAUTH1_ERR_NULL_PARAMETER);
        break;
    case LOOKUP_RSA:
        /* The secret and a public key: the known signer's HMAC requests still verify;
         * a key is an answer to the consumer question only. */
        CHECK_OK(oauth1_secret_sink_set(sink, token ? KNOWN_TOKEN_SECRET : KNOWN_SECRET));
        CHECK_RC(oauth1_secret_sink_set_rsa_public_key(sink, known_public), token ? OAUTH1_ERR_NOT_AVAILABLE : OAUTH1_OK);
        break;
    case LOOKUP_BAD_UTF8:
        CHECK_RC(oauth1_secret_sink_set(sink, BAD), OAUTH1_ERR_INVALID_UTF8);
        break;
    case LOOKUP_TWICE:
        CHECK_OK(oauth1_secret_sink_set(sink, "first"));
        CHECK_OK(oauth1_secret_sink_set(sink, token ? KNOWN_TOKEN_SECRET : KNOWN_SECRET));
        break;
    default:
        abort();
    }
}

/* ---------------------------------------------------------------- the calls */

static void call_builder_new(void) {
    struct args a = {0};
    oauth1_signer_builder *b = SENTINEL;
    unsigned how = pick(3);
    oauth1_result rc;
    if (how == 0) {
        /* The consumer secret may be NULL (none, for RSA). */
        const char *k = rstr(&a), *s = rstr_ex(&a, 8, 0);
        rc = oauth1_signer_builder_new(k, s, ROUT(&a, b));
    } else if (how == 1) {
        const char *json = rstr(&a);
        rc = oauth1_signer_builder_from_json(json, ROUT(&a, b));
    } else {
        /* Never an existing file: only the error paths of reading. */
        struct args ignored = {0};
        const char *name = rstr_ex(&ignored, 0, 1);
        char *path = tmp_keep(malloc(strlen(name) + 32));
        if (chance(4)) {
            path = NULL;
            a.null_required = 1;
        } else {
            strcpy(path, "/nonexistent-oauth1-fuzz/");
            strcat(path, name);
            if (ignored.bad_utf8) a.bad_utf8 = 1;
        }
        rc = oauth1_signer_builder_from_json_file(path, ROUT(&a, b));
        if (a.bad_utf8 && rc == OAUTH1_ERR_CREDENTIALS_SOURCE) a.bad_utf8 = 0; /* a path is bytes: either is fine */
    }
    RESULT(rc, &a);
    CHECK_OUT(rc, b);
    if (rc == OAUTH1_OK) STASH(builders, b, oauth1_signer_builder_free);
}

static void call_builder_set(void) {
    struct args a = {0};
    oauth1_signer_builder *b = RHANDLE(&a, builders);
    oauth1_result rc;
    switch (pick(11)) {
    case 9: {
        const char *name = rstr(&a);
        const char *const *values = rlist(&a, 1);
        rc = oauth1_signer_builder_set_provider(b, name, values);
        break;
    }
    case 8: rc = oauth1_signer_builder_set_private_key(b, RHANDLE(&a, private_keys)); break;
    case 0: {
        const char *t = rstr(&a), *ts = rstr(&a);
        rc = oauth1_signer_builder_set_token(b, t, ts);
        break;
    }
    case 1: rc = oauth1_signer_builder_set_signature_method(b, rstr(&a)); break;
    case 2: rc = oauth1_signer_builder_set_realm(b, ropt(&a)); break;
    case 3: rc = oauth1_signer_builder_set_version(b, chance(2)); break;
    case 4: rc = oauth1_signer_builder_set_body_hash(b, chance(2)); break;
    case 5: rc = oauth1_signer_builder_set_clock_offset(b, (int64_t)rnd() >> pick(64)); break;
    case 6: rc = oauth1_signer_builder_set_callback(b, ropt(&a)); break;
    case 7: rc = oauth1_signer_builder_set_verifier(b, ropt(&a)); break;
    default: {
        oauth1_placement p = chance(2) ? pick(4) : (oauth1_placement)rnd();
        rc = oauth1_signer_builder_set_placement(b, p);
        if (p > 2) {
            check_count++;
            if (b && rc != OAUTH1_ERR_INVALID_OPTION) {
                check_failures++;
                fprintf(stderr, "iteration %u: placement %u accepted\n", iteration, (unsigned)p);
            }
        }
        break;
    }
    }
    RESULT(rc, &a);
}

static void call_build(void) {
    struct args a = {0};
    oauth1_signer *s = SENTINEL;
    oauth1_result rc;
    if (chance(3)) {
        const oauth1_signer *from = RHANDLE(&a, signers);
        rc = oauth1_signer_with_clock_offset(from, (int64_t)rnd() >> pick(64), ROUT(&a, s));
    } else {
        const oauth1_signer_builder *b = RHANDLE(&a, builders);
        rc = oauth1_signer_builder_build(b, ROUT(&a, s));
    }
    RESULT(rc, &a);
    CHECK_OUT(rc, s);
    if (rc == OAUTH1_OK) STASH(signers, s, oauth1_signer_free);
}

/* A timestamp or `now`: 0, extremes, negative ones (recorded in `a`), random ones. */
static int64_t rtimestamp(struct args *a) {
    int64_t t;
    switch (pick(6)) {
    case 0: t = 0; break;
    case 1: t = INT64_MAX - (int64_t)pick(2); break;
    case 2: t = chance(2) ? -1 : INT64_MIN + (int64_t)pick(2); break;
    case 3: t = (int64_t)rnd(); break;
    default: t = INT64_C(1700000000) + (int64_t)pick(1000); break;
    }
    if (t < 0) a->negative_time = 1;
    return t;
}

static void call_sign(void) {
    struct args a = {0};
    const oauth1_signer *s = chance(3) ? (chance(4) ? known_rsa : known) : RHANDLE(&a, signers);
    const char *method = rstr(&a), *url = rstr(&a);
    size_t len;
    const uint8_t *body = rbody(&a, &len);
    const char *ct = ropt(&a);
    oauth1_signed *out = SENTINEL;
    oauth1_result rc;
    if (chance(2)) {
        rc = oauth1_signer_sign(s, method, url, body, len, ct, ROUT(&a, out));
    } else {
        const char *nonce = rstr(&a);
        rc = oauth1_signer_sign_with(s, method, url, body, len, ct, nonce, rtimestamp(&a), ROUT(&a, out));
    }
    RESULT(rc, &a);
    CHECK_OUT(rc, out);
    if (rc == OAUTH1_OK) {
        char *sig = NULL;
        CHECK_OK(oauth1_signed_signature(out, &sig));
        if (sig && strlen(sig) == 344) rsa_signed++; /* 256 bytes: a 2048-bit RSA signature */
        oauth1_string_free(sig);
        STASH(signeds, out, oauth1_signed_free);
    }
}

static void call_sign_into(void) {
    struct args a = {0};
    const oauth1_signer *s = chance(3) ? (chance(4) ? known_rsa : known) : RHANDLE(&a, signers);
    const char *method = rstr(&a), *url = rstr(&a);
    size_t len;
    const uint8_t *body = rbody(&a, &len);
    const char *ct = ropt(&a);
    size_t cap;
    switch (pick(4)) {
    case 0: cap = 0; break;
    case 1: cap = pick(64); break;
    case 2: cap = 200 + pick(200); break;
    default: cap = 1024 + pick(1024); break;
    }
    char *buf = NULL;
    if (cap > 0 || chance(2)) {
        buf = tmp_keep(malloc(cap ? cap : 1));
        memset(buf, 0xa5, cap ? cap : 1);
    }
    if (buf == NULL && cap > 0) a.null_required = 1;
    if (chance(16) && cap > 0) { buf = NULL; a.null_required = 1; }
    size_t needed = SIZE_SENTINEL;
    size_t *needed_p = ROUT(&a, needed);
    oauth1_result rc;
    if (chance(2)) {
        rc = oauth1_signer_sign_into(s, method, url, body, len, ct, buf, cap, needed_p);
    } else {
        const char *nonce = rstr(&a);
        rc = oauth1_signer_sign_with_into(s, method, url, body, len, ct, nonce, rtimestamp(&a), buf, cap, needed_p);
    }
    RESULT(rc, &a);
    if (rc == OAUTH1_OK) {
        CHECK(needed != SIZE_SENTINEL && needed >= 1 && needed <= cap);
        if (buf && needed >= 1 && needed <= cap) CHECK(buf[needed - 1] == 0);
        for (size_t i = needed; buf && i < cap; i++) CHECK((unsigned char)buf[i] == 0xa5);
    } else {
        if (rc == OAUTH1_ERR_BUFFER_TOO_SMALL) CHECK(needed > cap && needed != SIZE_SENTINEL);
        else CHECK(needed == SIZE_SENTINEL);
        int untouched = 1;
        for (size_t i = 0; buf && i < cap; i++) untouched &= (unsigned char)buf[i] == 0xa5;
        CHECK(untouched);
    }
}

static void call_signed_accessor(void) {
    struct args a = {0};
    const oauth1_signed *sd = RHANDLE(&a, signeds);
    char *s = SENTINEL, *v = SENTINEL;
    uint64_t ts = U64_SENTINEL;
    size_t n = SIZE_SENTINEL;
    oauth1_result rc;
    switch (pick(9)) {
    case 0: rc = oauth1_signed_authorization(sd, ROUT(&a, s)); break;
    case 1: rc = oauth1_signed_signature(sd, ROUT(&a, s)); break;
    case 2: rc = oauth1_signed_base_string(sd, ROUT(&a, s)); break;
    case 3: rc = oauth1_signed_nonce(sd, ROUT(&a, s)); break;
    case 4: rc = oauth1_signed_url(sd, ROUT(&a, s)); break;
    case 5: {
        char **sp = ROUT(&a, s);
        size_t *np = ROUT(&a, n);
        rc = oauth1_signed_body(sd, sp, np);
        if (rc == OAUTH1_OK) CHECK(n != SIZE_SENTINEL && s != SENTINEL && s[n] == 0);
        else CHECK(n == SIZE_SENTINEL);
        break;
    }
    case 6:
        rc = oauth1_signed_timestamp(sd, ROUT(&a, ts));
        if (rc == OAUTH1_OK) CHECK(ts != U64_SENTINEL && ts > 0);
        else CHECK(ts == U64_SENTINEL);
        break;
    case 7:
        rc = oauth1_signed_param_count(sd, ROUT(&a, n));
        if (rc == OAUTH1_OK) CHECK(n >= 4 && n <= 10);
        else CHECK(n == SIZE_SENTINEL);
        break;
    default: {
        size_t index = chance(2) ? pick(12) : (size_t)rnd();
        char **np = ROUT(&a, s);
        char **vp = ROUT(&a, v);
        rc = oauth1_signed_param(sd, index, np, vp);
        CHECK_OUT(rc, v);
        free_str_out(rc, v);
        if (rc == OAUTH1_OK) CHECK(strncmp(s, "oauth_", 6) == 0);
        break;
    }
    }
    RESULT(rc, &a);
    if (rc != OAUTH1_OK) CHECK(s == SENTINEL);
    free_str_out(rc, s);
}

static void call_header(void) {
    struct args a = {0};
    oauth1_result rc;
    switch (pick(4)) {
    case 0: {
        /* A real header, maybe cut or changed, or garbage. */
        const char *value;
        if (chance(2) && signeds[0]) {
            char *auth = NULL;
            CHECK_OK(oauth1_signed_authorization(signeds[0], &auth));
            size_t n = strlen(auth);
            char *copy = tmp_keep(malloc(n + 1));
            memcpy(copy, auth, n + 1);
            oauth1_string_free(auth);
            if (chance(2)) copy[pick((unsigned)n + 1)] = 0;
            if (chance(2)) copy[pick((unsigned)n)] = (char)(1 + pick(255));
            if (!is_utf8((unsigned char *)copy)) a.bad_utf8 = 1;
            value = copy;
        } else {
            value = rstr(&a);
        }
        oauth1_header_params *p = SENTINEL;
        rc = oauth1_parse_authorization_header(value, ROUT(&a, p));
        CHECK_OUT(rc, p);
        if (rc == OAUTH1_OK) STASH(header_params, p, oauth1_header_params_free);
        break;
    }
    case 1: {
        size_t n = SIZE_SENTINEL;
        rc = oauth1_header_params_count(RHANDLE(&a, header_params), ROUT(&a, n));
        if (rc != OAUTH1_OK) CHECK(n == SIZE_SENTINEL);
        break;
    }
    case 2: {
        const oauth1_header_params *p = RHANDLE(&a, header_params);
        char *n = SENTINEL, *v = SENTINEL;
        size_t index = chance(2) ? pick(10) : (size_t)rnd();
        char **np = ROUT(&a, n);
        char **vp = ROUT(&a, v);
        rc = oauth1_header_params_get(p, index, np, vp);
        CHECK_OUT(rc, n);
        CHECK_OUT(rc, v);
        free_str_out(rc, n);
        free_str_out(rc, v);
        break;
    }
    default: {
        int64_t off = (int64_t)U64_SENTINEL;
        const char *answer = rstr(&a);
        rc = oauth1_clock_offset_from_problem(answer, rtimestamp(&a), ROUT(&a, off));
        if (rc != OAUTH1_OK) CHECK(off == (int64_t)U64_SENTINEL);
        break;
    }
    }
    RESULT(rc, &a);
}

/* Key bytes: the test key now and then, else random bytes (NULL with 0 is misuse). */
static const uint8_t *rkey(struct args *a, size_t *len) {
    if (chance(4)) {
        *len = key_pem_len;
        return key_pem;
    }
    const uint8_t *data = rbody(a, len);
    if (data == NULL) a->null_required = 1;
    return data;
}

static void call_key(void) {
    struct args a = {0};
    oauth1_result rc;
    oauth1_rsa_private_key *key = SENTINEL;
    oauth1_rsa_public_key *pub = SENTINEL;
    /* Mostly 0 or OAUTH1_KEY_ALLOW_SHORT, sometimes any number. */
    uint32_t flags = chance(4) ? (uint32_t)rnd() : (uint32_t)pick(2);
    int checks_flags = 1;
    enum { MAKES_NOTHING, MAKES_PRIVATE, MAKES_PUBLIC } makes = MAKES_NOTHING;
    switch (pick(6)) {
    case 0: {
        size_t len, pw_len = 0;
        const uint8_t *data = rkey(&a, &len);
        const uint8_t *password = chance(2) ? rbody(&a, &pw_len) : NULL;
        rc = oauth1_rsa_private_key_new(data, len, password, pw_len, flags, ROUT(&a, key));
        makes = MAKES_PRIVATE;
        break;
    }
    case 1: {
        size_t len;
        const uint8_t *data = rkey(&a, &len);
        rc = oauth1_rsa_public_key_new(data, len, flags, ROUT(&a, pub));
        makes = MAKES_PUBLIC;
        break;
    }
    case 2: {
        /* Never an existing file: only the error paths of reading. */
        struct args ignored = {0};
        const char *name = rstr_ex(&ignored, 0, 1);
        char *path = tmp_keep(malloc(strlen(name) + 32));
        strcpy(path, "/nonexistent-oauth1-fuzz/");
        strcat(path, name);
        if (chance(4)) { path = NULL; a.null_required = 1; }
        makes = chance(2) ? MAKES_PRIVATE : MAKES_PUBLIC;
        if (makes == MAKES_PRIVATE) rc = oauth1_rsa_private_key_from_file(path, NULL, 0, flags, ROUT(&a, key));
        else rc = oauth1_rsa_public_key_from_file(path, flags, ROUT(&a, pub));
        break;
    }
    case 3: {
        uint32_t bits = 0x5e5e;
        if (chance(2)) rc = oauth1_rsa_private_key_bits(RHANDLE(&a, private_keys), ROUT(&a, bits));
        else rc = oauth1_rsa_public_key_bits(RHANDLE(&a, public_keys), ROUT(&a, bits));
        if (rc == OAUTH1_OK) CHECK(bits >= 512 && bits <= 16384);
        else CHECK(bits == 0x5e5e);
        checks_flags = 0;
        break;
    }
    default:
        rc = oauth1_rsa_private_key_public_key(RHANDLE(&a, private_keys), ROUT(&a, pub));
        makes = MAKES_PUBLIC;
        checks_flags = 0;
        break;
    }
    RESULT(rc, &a);
    if (checks_flags && (flags & ~(uint32_t)OAUTH1_KEY_ALLOW_SHORT) && !a.null_required && !a.too_long) {
        check_count++;
        if (rc != OAUTH1_ERR_INVALID_OPTION) {
            check_failures++;
            fprintf(stderr, "iteration %u: key flags %#x gave %s\n", iteration, (unsigned)flags,
                    oauth1_result_name(rc));
        }
    }
    if (makes == MAKES_PRIVATE) {
        CHECK_OUT(rc, key);
        CHECK(pub == SENTINEL);
        if (rc == OAUTH1_OK) keys_made++;
        if (rc == OAUTH1_OK) STASH(private_keys, key, oauth1_rsa_private_key_free);
    } else if (makes == MAKES_PUBLIC) {
        CHECK_OUT(rc, pub);
        CHECK(key == SENTINEL);
        if (rc == OAUTH1_OK) STASH(public_keys, pub, oauth1_rsa_public_key_free);
    }
}

static void call_verify_setup(void) {
    struct args a = {0};
    oauth1_result rc;
    switch (pick(10)) {
    case 0: {
        oauth1_nonce_store *s = SENTINEL;
        size_t capacity = chance(2) ? pick(4) : (size_t)pick(100000);
        rc = oauth1_nonce_store_new(capacity, chance(2) ? 300 : rnd(), ROUT(&a, s));
        CHECK_OUT(rc, s);
        if (rc == OAUTH1_OK) STASH(stores, s, oauth1_nonce_store_free);
        break;
    }
    case 1: {
        size_t n = SIZE_SENTINEL, cap = SIZE_SENTINEL;
        uint64_t evicted = U64_SENTINEL;
        const oauth1_nonce_store *store = RHANDLE(&a, stores);
        switch (pick(3)) {
        case 0: rc = oauth1_nonce_store_len(store, ROUT(&a, n)); break;
        case 1: rc = oauth1_nonce_store_capacity(store, ROUT(&a, cap)); break;
        default: rc = oauth1_nonce_store_evicted(store, ROUT(&a, evicted)); break;
        }
        if (rc == OAUTH1_OK) CHECK(n == SIZE_SENTINEL || cap == SIZE_SENTINEL || evicted == U64_SENTINEL);
        else CHECK(n == SIZE_SENTINEL && cap == SIZE_SENTINEL && evicted == U64_SENTINEL);
        if (rc == OAUTH1_OK && cap != SIZE_SENTINEL) CHECK(cap >= 1);
        break;
    }
    case 2: {
        oauth1_verify_options *o = SENTINEL;
        rc = oauth1_verify_options_new(ROUT(&a, o));
        CHECK_OUT(rc, o);
        if (rc == OAUTH1_OK) STASH(options, o, oauth1_verify_options_free);
        break;
    }
    case 3: {
        oauth1_verify_options *o = RHANDLE(&a, options);
        rc = oauth1_verify_options_set_now(o, rtimestamp(&a));
        break;
    }
    case 7: {
        oauth1_verify_options *o = RHANDLE(&a, options);
        bool on = chance(2);
        switch (pick(4)) {
        case 0: rc = oauth1_verify_options_set_allow_plaintext_over_http(o, on); break;
        case 1: rc = oauth1_verify_options_set_require_timestamp(o, on); break;
        case 2: rc = oauth1_verify_options_set_require_body_hash(o, on); break;
        default: rc = oauth1_verify_options_set_hide_unknown_keys(o, on); break;
        }
        break;
    }
    case 4: rc = oauth1_verify_options_set_max_skew(RHANDLE(&a, options), chance(2) ? pick(600) : rnd()); break;
    case 5: {
        oauth1_verify_options *o = RHANDLE(&a, options);
        rc = oauth1_verify_options_set_nonce_store(o, chance(3) ? NULL : stores[pick(POOL)]);
        break;
    }
    default: rc = oauth1_verify_options_set_signature_methods(RHANDLE(&a, options), rstr(&a)); break;
    }
    RESULT(rc, &a);
}

static void call_verify(void) {
    struct args a = {0};
    enum lookup_mode mode = (enum lookup_mode)pick(LOOKUP_MODES);
    oauth1_verified *out = SENTINEL;
    oauth1_result rc;
    if (chance(2)) {
        /* A request the known signer signed, maybe changed in one place. */
        static const char *URLS[] = {"https://api.example.com/r?a=1&b=%20", "http://h.example:8080/p?x",
                                     "https://[::1]/"};
        static const char *CTS[] = {NULL, "application/x-www-form-urlencoded", "application/json"};
        const char *method = chance(2) ? "GET" : "POST";
        const char *url = URLS[pick(3)];
        const char *ct = CTS[pick(3)];
        const char *body_text = ct ? "c=3&d=%204" : NULL;
        int64_t ts = INT64_C(1700000000) + (int64_t)pick(100);
        int rsa = chance(4);
        rsa_signed += rsa;
        oauth1_signed *sd = NULL;
        CHECK_OK(oauth1_signer_sign_with(rsa ? known_rsa : known, method, url, (const uint8_t *)body_text,
                                         body_text ? strlen(body_text) : 0, ct, "fuzz-nonce", ts, &sd));
        char *auth = NULL;
        CHECK_OK(oauth1_signed_authorization(sd, &auth));
        oauth1_signed_free(sd);
        int changed = 0;
        if (auth && chance(3)) {
            size_t n = strlen(auth);
            size_t at = pick((unsigned)n);
            char c = (char)(0x21 + pick(0x5e));
            changed = auth[at] != c;
            auth[at] = c;
        }
        const char *verify_url = url;
        if (chance(6)) { verify_url = "https://api.example.com/r?a=1&b=%21"; changed = 1; }
        oauth1_verify_options *o = NULL;
        CHECK_OK(oauth1_verify_options_new(&o));
        CHECK_OK(oauth1_verify_options_set_now(o, ts + pick(2)));
        rc = oauth1_verify(method, verify_url, auth, (const uint8_t *)body_text, body_text ? strlen(body_text) : 0,
                           ct, lookup, &mode, o, ROUT(&a, out));
        oauth1_verify_options_free(o);
        oauth1_string_free(auth);
        /* An RSA request verifies only with the public key, an HMAC one with the secret. */
        int answered = rsa ? mode == LOOKUP_RSA : (mode == LOOKUP_RIGHT || mode == LOOKUP_TWO_LEGGED || mode == LOOKUP_RSA);
        if (!changed && answered && !a.null_required) CHECK_OK(rc);
        if (rsa && !answered) CHECK(rc != OAUTH1_OK);
        if (changed || mode == LOOKUP_WRONG) {
            check_count++;
            if (rc == OAUTH1_OK && mode == LOOKUP_WRONG) {
                check_failures++;
                fprintf(stderr, "iteration %u: verified with the wrong secret\n", iteration);
            }
        }
        if (mode == LOOKUP_NONE || mode == LOOKUP_NULL || mode == LOOKUP_BAD_UTF8) CHECK(rc != OAUTH1_OK);
    } else {
        const char *method = rstr(&a), *url = rstr(&a), *auth = ropt(&a);
        size_t len;
        const uint8_t *body = rbody(&a, &len);
        const char *ct = ropt(&a);
        oauth1_secret_lookup_fn fn = lookup;
        if (chance(8)) { fn = NULL; a.null_required = 1; }
        const oauth1_verify_options *o = chance(3) ? NULL : options[pick(POOL)];
        if (chance(2)) {
            /* A rejection exactly when the code is one (the 200 range), else NULL. */
            oauth1_rejection *rejection = SENTINEL;
            rc = oauth1_verify_with_rejection(method, url, auth, body, len, ct, fn, &mode, o, ROUT(&a, out),
                                              &rejection);
            CHECK((rc >= 200 && rc < 300) == (rejection != NULL) && rejection != SENTINEL);
            if (rejection && rejection != SENTINEL) {
                char *answer = NULL;
                CHECK_OK(oauth1_rejection_www_authenticate(rejection, NULL, &answer));
                CHECK(answer && strncmp(answer, "OAuth oauth_problem=\"", 21) == 0);
                oauth1_string_free(answer);
                /* Names of refused parameters exactly for parameter_rejected; a
                 * timestamp window, when offered, is never inverted. */
                char *names = SENTINEL;
                oauth1_result names_rc = oauth1_rejection_parameters_rejected(rejection, &names);
                CHECK(names_rc == OAUTH1_OK || names_rc == OAUTH1_ERR_NOT_AVAILABLE);
                if (names_rc == OAUTH1_OK) {
                    CHECK(rc == OAUTH1_ERR_PARAMETER_REJECTED && names != SENTINEL);
                    oauth1_string_free(names);
                } else {
                    CHECK(names == SENTINEL);
                }
                uint64_t min = 0, max = 0;
                if (oauth1_rejection_acceptable_timestamps(rejection, &min, &max) == OAUTH1_OK) CHECK(min <= max);
                oauth1_rejection_free(rejection);
            }
        } else {
            rc = oauth1_verify(method, url, auth, body, len, ct, fn, &mode, o, ROUT(&a, out));
        }
    }
    RESULT(rc, &a);
    CHECK_OUT(rc, out);
    if (rc == OAUTH1_OK) STASH(verifieds, out, oauth1_verified_free);
}

static void call_verified_accessor(void) {
    struct args a = {0};
    const oauth1_verified *v = RHANDLE(&a, verifieds);
    char *s = SENTINEL;
    uint64_t ts = U64_SENTINEL;
    oauth1_placement p = 0x5e5e;
    oauth1_result rc;
    bool checked = true;
    switch (pick(9)) {
    case 7:
        rc = oauth1_verified_body_hash_checked(v, ROUT(&a, checked));
        if (rc != OAUTH1_OK) CHECK(checked);
        break;
    case 0: rc = oauth1_verified_consumer_key(v, ROUT(&a, s)); break;
    case 1: rc = oauth1_verified_token(v, ROUT(&a, s)); break;
    case 2: rc = oauth1_verified_signature_method(v, ROUT(&a, s)); break;
    case 3: rc = oauth1_verified_nonce(v, ROUT(&a, s)); break;
    case 4: rc = oauth1_verified_realm(v, ROUT(&a, s)); break;
    case 5: rc = oauth1_verified_base_string(v, ROUT(&a, s)); break;
    case 6:
        rc = oauth1_verified_timestamp(v, ROUT(&a, ts));
        if (rc != OAUTH1_OK) CHECK(ts == U64_SENTINEL);
        break;
    default:
        rc = oauth1_verified_placement(v, ROUT(&a, p));
        if (rc == OAUTH1_OK) CHECK(p <= OAUTH1_PLACEMENT_BODY);
        else CHECK(p == 0x5e5e);
        break;
    }
    RESULT(rc, &a);
    if (rc != OAUTH1_OK) CHECK(s == SENTINEL);
    free_str_out(rc, s);
}

/* A caller buffer of random capacity (NULL with a capacity now and then), filled with
 * 0xa5 to show what the call wrote. */
static char *rbuffer(struct args *a, size_t *cap) {
    *cap = chance(3) ? pick(8) : 64 + pick(512);
    char *buf = NULL;
    if (*cap > 0 || chance(2)) {
        buf = tmp_keep(malloc(*cap ? *cap : 1));
        memset(buf, 0xa5, *cap ? *cap : 1);
    }
    if (chance(16) && *cap > 0) buf = NULL;
    if (buf == NULL && *cap > 0) a->null_required = 1;
    return buf;
}

/* The caller-buffer contract of oauth1_signer_sign_into(), after a call. */
static void check_buffer(oauth1_result rc, const char *buf, size_t cap, size_t needed) {
    if (rc == OAUTH1_OK) {
        CHECK(needed != SIZE_SENTINEL && needed >= 1 && needed <= cap);
        if (buf && needed >= 1 && needed <= cap) CHECK(buf[needed - 1] == 0);
    } else {
        if (rc == OAUTH1_ERR_BUFFER_TOO_SMALL) CHECK(needed > cap && needed != SIZE_SENTINEL);
        else CHECK(needed == SIZE_SENTINEL);
        int untouched = 1;
        for (size_t i = 0; buf && i < cap; i++) untouched &= (unsigned char)buf[i] == 0xa5;
        CHECK(untouched);
    }
}

static const uint16_t STATUSES[] = {0, 200, 201, 204, 301, 302, 303, 307, 308, 400, 401, 500, 65535};

/* A random step of a random flow, or a new flow. */
static void call_flow(void) {
    struct args a = {0};
    oauth1_result rc;
    unsigned step = pick(12);
    if (step == 0) {
        oauth1_flow *f = SENTINEL;
        const oauth1_signer_builder *b = RHANDLE(&a, builders);
        rc = oauth1_flow_new(b, ROUT(&a, f));
        RESULT(rc, &a);
        CHECK_OUT(rc, f);
        if (rc == OAUTH1_OK) STASH(flows, f, oauth1_flow_free);
        return;
    }
    oauth1_flow *f = RHANDLE(&a, flows);
    switch (step) {
    case 1: rc = oauth1_flow_set_callback(f, rstr(&a)); break;
    case 2: {
        const char *name = rstr(&a);
        const char *const *values = rlist(&a, 1);
        rc = oauth1_flow_set_provider(f, name, values);
        break;
    }
    case 3: {
        oauth1_signer *s = SENTINEL;
        oauth1_signer **out = ROUT(&a, s);
        unsigned which = pick(3);
        rc = which == 0   ? oauth1_flow_request_token_signer(f, out)
             : which == 1 ? oauth1_flow_access_token_signer(f, out)
                          : oauth1_flow_signer(f, out);
        RESULT(rc, &a);
        CHECK_OUT(rc, s);
        if (rc == OAUTH1_OK) STASH(signers, s, oauth1_signer_free);
        return;
    }
    case 4: {
        uint16_t status = chance(2) ? 200 : STATUSES[pick(sizeof STATUSES / sizeof STATUSES[0])];
        const char *ct = ropt(&a), *www = ropt(&a);
        size_t len;
        const uint8_t *body = rbody(&a, &len);
        rc = chance(2) ? oauth1_flow_accept_request_token(f, status, ct, www, body, len)
                       : oauth1_flow_accept_access_token(f, status, ct, www, body, len);
        break;
    }
    case 5: {
        const char *t = rstr(&a), *ts = rstr(&a);
        rc = oauth1_flow_set_request_token(f, t, ts);
        break;
    }
    case 6: {
        char *s = SENTINEL;
        char **out = ROUT(&a, s);
        const oauth1_flow *cf = f;
        switch (pick(6)) {
        case 0: rc = oauth1_flow_request_token(cf, out); break;
        case 1: rc = oauth1_flow_access_token(cf, out); break;
        case 2: rc = oauth1_flow_request_token_url(cf, out); break;
        case 3: rc = oauth1_flow_authorize_url(cf, out); break;
        case 4: rc = oauth1_flow_access_token_url(cf, out); break;
        default: {
            const char *name = rstr(&a);
            rc = oauth1_flow_response_param(cf, name, out);
            break;
        }
        }
        RESULT(rc, &a);
        CHECK_OUT(rc, s);
        free_str_out(rc, s);
        return;
    }
    case 7: {
        size_t cap, needed = SIZE_SENTINEL;
        char *buf = rbuffer(&a, &cap);
        size_t *needed_p = ROUT(&a, needed);
        if (chance(2)) {
            const char *url = ropt(&a);
            const char *const *extra = rlist(&a, 1);
            rc = oauth1_flow_authorization_url(f, url, extra, buf, cap, needed_p);
        } else {
            rc = oauth1_flow_access_token_secret(f, buf, cap, needed_p);
        }
        RESULT(rc, &a);
        check_buffer(rc, buf, cap, needed);
        return;
    }
    case 8: {
        char *v = SENTINEL;
        const char *url = rstr(&a);
        rc = oauth1_flow_accept_authorization_response(f, url, ROUT(&a, v));
        RESULT(rc, &a);
        CHECK_OUT(rc, v);
        free_str_out(rc, v);
        return;
    }
    case 9: rc = oauth1_flow_set_verifier(f, rstr(&a)); break;
    default: {
        a = (struct args){0};
        uint16_t status = STATUSES[pick(sizeof STATUSES / sizeof STATUSES[0])];
        const char *method = rstr(&a), *url = rstr(&a), *location = rstr(&a);
        const char *const *trusted = rlist(&a, 0);
        char *m = SENTINEL, *u = SENTINEL;
        bool keep = false, sign = false;
        char **m_p = ROUT(&a, m), **u_p = ROUT(&a, u);
        bool *keep_p = ROUT(&a, keep), *sign_p = ROUT(&a, sign);
        rc = oauth1_redirect_hop(status, method, url, location, trusted, m_p, u_p, keep_p, sign_p);
        RESULT(rc, &a);
        CHECK_OUT(rc, m);
        CHECK_OUT(rc, u);
        free_str_out(rc, m);
        free_str_out(rc, u);
        return;
    }
    }
    RESULT(rc, &a);
}

static void call_static(void) {
    uint32_t code = chance(2) ? (uint32_t)pick(300) : (uint32_t)rnd();
    const char *m = oauth1_result_message(code), *n = oauth1_result_name(code);
    CHECK(m != NULL && n != NULL && *m && *n);
    CHECK(oauth1_version() != NULL);
    /* Freeing NULL does nothing. */
    oauth1_string_free(NULL);
    oauth1_signer_builder_free(NULL);
    oauth1_signer_free(NULL);
    oauth1_signed_free(NULL);
    oauth1_verified_free(NULL);
    oauth1_header_params_free(NULL);
    oauth1_nonce_store_free(NULL);
    oauth1_verify_options_free(NULL);
    oauth1_rsa_private_key_free(NULL);
    oauth1_rsa_public_key_free(NULL);
    CHECK_RC(oauth1_secret_sink_set(NULL, "x"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_secret_sink_set_rsa_public_key(NULL, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_secret_sink_allow_two_legged(NULL), OAUTH1_ERR_NULL_PARAMETER);
}

int main(int argc, char **argv) {
    unsigned iterations = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 10000;
    rng = argc > 2 ? strtoull(argv[2], NULL, 0) : UINT64_C(0x0a17f1);
    if (rng == 0) rng = 1;

    const char *key_file = getenv("OAUTH1_TEST_KEY");
    FILE *f = fopen(key_file ? key_file : "tests/vectors/keys/rsa-2048.pem", "rb");
    static uint8_t pem[8192];
    key_pem_len = f ? fread(pem, 1, sizeof pem, f) : 0;
    if (f) fclose(f);
    key_pem = malloc(key_pem_len ? key_pem_len : 1); /* exactly sized, for ASan */
    if (!key_pem) abort();
    memcpy(key_pem, pem, key_pem_len);
    oauth1_rsa_private_key *known_key = NULL;
    CHECK_OK(oauth1_rsa_private_key_new(key_pem, key_pem_len, NULL, 0, 0, &known_key));
    CHECK_OK(oauth1_rsa_private_key_public_key(known_key, &known_public));
    private_keys[0] = known_key;

    oauth1_signer_builder *b = NULL;
    CHECK_OK(oauth1_signer_builder_new(KNOWN_KEY, KNOWN_SECRET, &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, KNOWN_TOKEN, KNOWN_TOKEN_SECRET));
    CHECK_OK(oauth1_signer_builder_build(b, &known));
    builders[0] = b;
    CHECK_OK(oauth1_signer_builder_new(KNOWN_KEY, NULL, &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, KNOWN_TOKEN, ""));
    CHECK_OK(oauth1_signer_builder_set_private_key(b, known_key));
    CHECK_OK(oauth1_signer_builder_build(b, &known_rsa));
    builders[1] = b;

    static void (*const CALLS[])(void) = {
        call_builder_new, call_builder_set, call_builder_set, call_build, call_sign, call_sign,
        call_sign_into, call_signed_accessor, call_signed_accessor, call_header, call_verify_setup,
        call_verify, call_verify, call_verified_accessor, call_static, call_key, call_flow, call_flow,
        call_flow,
    };
    for (iteration = 0; iteration < iterations; iteration++) {
        CALLS[pick(sizeof CALLS / sizeof CALLS[0])]();
        tmp_free();
    }

    for (int i = 0; i < POOL; i++) {
        oauth1_signer_builder_free(builders[i]);
        oauth1_signer_free(signers[i]);
        oauth1_signed_free(signeds[i]);
        oauth1_verified_free(verifieds[i]);
        oauth1_header_params_free(header_params[i]);
        oauth1_nonce_store_free(stores[i]);
        oauth1_verify_options_free(options[i]);
        oauth1_rsa_private_key_free(private_keys[i]);
        oauth1_rsa_public_key_free(public_keys[i]);
        oauth1_flow_free(flows[i]);
    }
    oauth1_signer_free(known);
    oauth1_signer_free(known_rsa);
    oauth1_rsa_public_key_free(known_public);
    free(key_pem);
    /* The run must have reached both sides: successes and every kind of failure. */
    CHECK(errors_seen > calls / 10 && errors_seen < calls);
    /* ... and RSA: keys read and used to sign. */
    CHECK(keys_made > 0 && rsa_signed > 0);
    printf("test_fuzz_misuse: %u iterations, %u calls, %u errors, %u private keys read, %u RSA signatures\n",
           iterations, calls, errors_seen, keys_made, rsa_signed);
    return check_finish("test_fuzz_misuse");
}
