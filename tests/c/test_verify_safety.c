/* Verification is safe by default (issue 13), through the C API. Each test here
 * failed before the fix:
 * - a realm pair in the query or a form body is signed, so changing it is refused;
 * - a request without oauth_token needs the lookup to allow two-legged requests for
 *   its consumer, even with a lookup that answers without looking at the token;
 * - PLAINTEXT is accepted only when named, and then only over https unless allowed;
 * - oauth_timestamp and oauth_nonce are required for every method unless relaxed;
 * - a nonce flood from one consumer does not refuse another consumer's fresh request,
 *   and timestamp_refused never offers an inverted window;
 * - a body hash can be required, and the result says whether one was checked;
 * - unknown keys and tokens can be hidden behind signature_invalid;
 * - refused parameters are named, and a rejection's base string is bounded. */
#include "check.h"

#define NOW INT64_C(1700000000)
#define URL "https://api.example.com/x?a=1"
#define FORM "application/x-www-form-urlencoded"

/* ---------------------------------------------------------------- helpers */

static oauth1_signer *make_signer(const char *key, const char *token, const char *method) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    CHECK_OK(oauth1_signer_builder_new(key, "app-secret", &b));
    if (token) CHECK_OK(oauth1_signer_builder_set_token(b, token, "access-token-secret"));
    CHECK_OK(oauth1_signer_builder_set_signature_method(b, method));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signer_builder_free(b);
    return s;
}

/* The Authorization header for a request signed at NOW with `nonce`. */
static char *sign_header(const oauth1_signer *s, const char *method, const char *url, const char *body,
                         const char *content_type, const char *nonce) {
    oauth1_signed *sig = NULL;
    char *auth = NULL;
    CHECK_OK(oauth1_signer_sign_with(s, method, url, (const uint8_t *)body, body ? strlen(body) : 0, content_type,
                                     nonce, NOW, &sig));
    if (sig) CHECK_OK(oauth1_signed_authorization(sig, &auth));
    oauth1_signed_free(sig);
    return auth;
}

/* A copy of a header without the parameter `name`. */
static char *without(const char *auth, const char *name) {
    char *copy = strdup(auth);
    char pattern[64];
    snprintf(pattern, sizeof pattern, ", %s=\"", name);
    char *at = strstr(copy, pattern);
    CHECK(at != NULL);
    if (at) {
        char *end = strchr(at + strlen(pattern), '"');
        memmove(at, end + 1, strlen(end + 1) + 1);
    }
    return copy;
}

/* The server's lookup, one of the shapes a server may write. */
typedef enum {
    /* Sets the consumer secret for every question, never looking at the token: the
     * shape that used to let token-less requests through. */
    ANSWER_IGNORING_TOKEN,
    /* Consumer secret and token secret, each for its own question. */
    ANSWER_BY_QUESTION,
    /* As ANSWER_BY_QUESTION, and the consumer may sign without a token. */
    ANSWER_TWO_LEGGED,
} answer;

typedef struct {
    answer how;
    int consumer_questions, token_questions;
    oauth1_result allow_on_token_question; /* what allow_two_legged said there */
} server;

static void server_lookup(void *user_data, const char *consumer_key, const char *token, oauth1_secret_sink *sink) {
    server *s = user_data;
    if (token == NULL) s->consumer_questions++;
    else s->token_questions++;
    if (strcmp(consumer_key, "app-key") != 0 && strcmp(consumer_key, "flooder") != 0) return;
    if (s->how == ANSWER_IGNORING_TOKEN) {
        CHECK_OK(oauth1_secret_sink_set(sink, "app-secret"));
        return;
    }
    if (token == NULL) {
        CHECK_OK(oauth1_secret_sink_set(sink, "app-secret"));
        if (s->how == ANSWER_TWO_LEGGED) CHECK_OK(oauth1_secret_sink_allow_two_legged(sink));
    } else if (strcmp(token, "access-token") == 0) {
        CHECK_OK(oauth1_secret_sink_set(sink, "access-token-secret"));
        s->allow_on_token_question = oauth1_secret_sink_allow_two_legged(sink);
    }
}

static oauth1_verify_options *options_at_now(void) {
    oauth1_verify_options *o = NULL;
    CHECK_OK(oauth1_verify_options_new(&o));
    CHECK_OK(oauth1_verify_options_set_now(o, NOW));
    return o;
}

/* Verifies and returns the code; `*rejection` (if asked for) is the caller's to free. */
static oauth1_result check(const char *method, const char *url, const char *auth, const char *body,
                           const char *content_type, server *srv, const oauth1_verify_options *o,
                           oauth1_rejection **rejection) {
    oauth1_verified *v = NULL;
    oauth1_rejection *r = NULL;
    oauth1_result rc = oauth1_verify_with_rejection(method, url, auth, (const uint8_t *)body, body ? strlen(body) : 0,
                                                    content_type, server_lookup, srv, o, &v, &r);
    CHECK((rc == OAUTH1_OK) == (v != NULL));
    oauth1_verified_free(v);
    if (rejection) *rejection = r;
    else oauth1_rejection_free(r);
    return rc;
}

/* Checks a names accessor of a rejection. */
static void check_names(const oauth1_rejection *r, oauth1_result (*get)(const oauth1_rejection *, char **),
                        const char *want) {
    char *got = NULL;
    CHECK(r != NULL);
    if (!r) return;
    CHECK_OK(get(r, &got));
    CHECK_STR(got, want);
    oauth1_string_free(got);
}

/* ---------------------------------------------------------------- the tests */

static void realm_in_query_and_body_is_signed(void) {
    oauth1_signer *s = make_signer("app-key", "access-token", "HMAC-SHA1");
    server srv = {ANSWER_BY_QUESTION, 0, 0, OAUTH1_OK};
    oauth1_verify_options *o = options_at_now();

    const char *signed_url = "https://api.example.com/x?realm=alice&a=1";
    char *auth = sign_header(s, "GET", signed_url, NULL, NULL, "n-realm-q");
    CHECK_OK(check("GET", signed_url, auth, NULL, NULL, &srv, o, NULL));
    CHECK_RC(check("GET", "https://api.example.com/x?realm=mallory&a=1", auth, NULL, NULL, &srv, o, NULL),
             OAUTH1_ERR_SIGNATURE_INVALID);
    CHECK_RC(check("GET", "https://api.example.com/x?a=1", auth, NULL, NULL, &srv, o, NULL),
             OAUTH1_ERR_SIGNATURE_INVALID);
    oauth1_string_free(auth);

    auth = sign_header(s, "POST", "https://api.example.com/x", "realm=alice&b=2", FORM, "n-realm-b");
    CHECK_OK(check("POST", "https://api.example.com/x", auth, "realm=alice&b=2", FORM, &srv, o, NULL));
    CHECK_RC(check("POST", "https://api.example.com/x", auth, "realm=mallory&b=2", FORM, &srv, o, NULL),
             OAUTH1_ERR_SIGNATURE_INVALID);
    oauth1_string_free(auth);

    /* The header's realm stays unsigned. */
    oauth1_signer_builder *b = NULL;
    oauth1_signer *with_realm = NULL;
    CHECK_OK(oauth1_signer_builder_new("app-key", "app-secret", &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, "access-token", "access-token-secret"));
    CHECK_OK(oauth1_signer_builder_set_realm(b, "Photos"));
    CHECK_OK(oauth1_signer_builder_build(b, &with_realm));
    oauth1_signer_builder_free(b);
    auth = sign_header(with_realm, "GET", URL, NULL, NULL, "n-realm-h");
    char *no_realm = auth ? strdup(auth) : NULL;
    if (no_realm) memcpy(no_realm + strlen("OAuth realm=\""), "Albums", 6); /* same length */
    CHECK_OK(check("GET", URL, no_realm, NULL, NULL, &srv, o, NULL));
    free(no_realm);
    oauth1_string_free(auth);
    oauth1_signer_free(with_realm);

    oauth1_verify_options_free(o);
    oauth1_signer_free(s);
}

static void token_less_requests_need_two_legged_consumers(void) {
    oauth1_signer *consumer_only = make_signer("app-key", NULL, "HMAC-SHA1");
    oauth1_verify_options *o = options_at_now();
    char *auth = sign_header(consumer_only, "GET", URL, NULL, NULL, "n-two-legged");

    /* A lookup that answers the consumer question without looking at the token. */
    server ignoring = {ANSWER_IGNORING_TOKEN, 0, 0, OAUTH1_OK};
    oauth1_rejection *r = NULL;
    CHECK_RC(check("GET", URL, auth, NULL, NULL, &ignoring, o, &r), OAUTH1_ERR_PARAMETER_ABSENT);
    check_names(r, oauth1_rejection_parameters_absent, "oauth_token");
    char *answer = NULL;
    if (r) CHECK_OK(oauth1_rejection_www_authenticate(r, NULL, &answer));
    CHECK_STR(answer, "OAuth oauth_problem=\"parameter_absent\", oauth_parameters_absent=\"oauth_token\"");
    oauth1_string_free(answer);
    oauth1_rejection_free(r);
    CHECK(ignoring.consumer_questions == 1 && ignoring.token_questions == 0);

    /* One that answers each question on its own, without allowing two-legged requests. */
    server by_question = {ANSWER_BY_QUESTION, 0, 0, OAUTH1_OK};
    CHECK_RC(check("GET", URL, auth, NULL, NULL, &by_question, o, NULL), OAUTH1_ERR_PARAMETER_ABSENT);

    /* Allowed for this consumer: accepted, without a token. */
    server two_legged = {ANSWER_TWO_LEGGED, 0, 0, OAUTH1_OK};
    oauth1_verified *v = NULL;
    CHECK_OK(oauth1_verify("GET", URL, auth, NULL, 0, NULL, server_lookup, &two_legged, o, &v));
    char *token = (char *)"untouched";
    CHECK_RC(oauth1_verified_token(v, &token), OAUTH1_ERR_NOT_AVAILABLE);
    oauth1_verified_free(v);

    /* Only a holder of the consumer secret learns that a token is needed: a wrong
     * signature is answered as one. */
    char *tampered = strdup(auth);
    char *at = strstr(tampered, "oauth_signature=\"") + strlen("oauth_signature=\"");
    *at = *at == 'A' ? 'B' : 'A';
    CHECK_RC(check("GET", URL, tampered, NULL, NULL, &by_question, o, NULL), OAUTH1_ERR_SIGNATURE_INVALID);
    free(tampered);
    oauth1_string_free(auth);

    /* Allowing two-legged requests belongs to the consumer question only. */
    oauth1_signer *with_token = make_signer("app-key", "access-token", "HMAC-SHA1");
    auth = sign_header(with_token, "GET", URL, NULL, NULL, "n-with-token");
    CHECK_OK(check("GET", URL, auth, NULL, NULL, &two_legged, o, NULL));
    CHECK(two_legged.token_questions == 1 && two_legged.allow_on_token_question == OAUTH1_ERR_NOT_AVAILABLE);
    /* The lookup that ignores the token hands back the consumer secret as the token
     * secret: the signature does not hold. */
    CHECK_RC(check("GET", URL, auth, NULL, NULL, &ignoring, o, NULL), OAUTH1_ERR_SIGNATURE_INVALID);
    oauth1_string_free(auth);

    oauth1_signer_free(with_token);
    oauth1_verify_options_free(o);
    oauth1_signer_free(consumer_only);
}

static void plaintext_is_opt_in_and_needs_https(void) {
    oauth1_signer *s = make_signer("app-key", "access-token", "PLAINTEXT");
    server srv = {ANSWER_BY_QUESTION, 0, 0, OAUTH1_OK};
    const char *http = "http://api.example.com/x?a=1";
    char *https_auth = sign_header(s, "GET", URL, NULL, NULL, "n-pt-1");
    char *http_auth = sign_header(s, "GET", http, NULL, NULL, "n-pt-2");
    oauth1_verify_options *o = options_at_now();

    /* Not named: refused, over https too. */
    CHECK_RC(check("GET", URL, https_auth, NULL, NULL, &srv, o, NULL), OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);
    CHECK_RC(check("GET", http, http_auth, NULL, NULL, &srv, NULL, NULL), OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);
    /* Named: accepted over https, still refused over http. */
    CHECK_OK(oauth1_verify_options_set_signature_methods(o, "HMAC-SHA1, PLAINTEXT"));
    CHECK_OK(check("GET", URL, https_auth, NULL, NULL, &srv, o, NULL));
    CHECK_RC(check("GET", http, http_auth, NULL, NULL, &srv, o, NULL), OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);
    /* And over http when that is allowed too. */
    CHECK_OK(oauth1_verify_options_set_allow_plaintext_over_http(o, true));
    CHECK_OK(check("GET", http, http_auth, NULL, NULL, &srv, o, NULL));
    CHECK_OK(oauth1_verify_options_set_allow_plaintext_over_http(o, false));
    CHECK_RC(check("GET", http, http_auth, NULL, NULL, &srv, o, NULL), OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);

    /* A refused change leaves the options as they were: PLAINTEXT still accepted. */
    CHECK_RC(oauth1_verify_options_set_signature_methods(o, ""), OAUTH1_ERR_INVALID_OPTION);
    CHECK_RC(oauth1_verify_options_set_signature_methods(o, "HMAC-SHA1,RSA-MD5"), OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD);
    CHECK_OK(check("GET", URL, https_auth, NULL, NULL, &srv, o, NULL));

    oauth1_verify_options_free(o);
    oauth1_string_free(https_auth);
    oauth1_string_free(http_auth);
    oauth1_signer_free(s);
}

static void timestamp_and_nonce_are_required(void) {
    server srv = {ANSWER_BY_QUESTION, 0, 0, OAUTH1_OK};
    oauth1_verify_options *o = options_at_now();
    oauth1_rejection *r = NULL;

    /* PLAINTEXT without either, named and over https. */
    const char *bare = "OAuth oauth_consumer_key=\"app-key\", oauth_signature=\"app-secret%26access-token-secret\", "
                       "oauth_signature_method=\"PLAINTEXT\", oauth_token=\"access-token\"";
    CHECK_OK(oauth1_verify_options_set_signature_methods(o, "PLAINTEXT"));
    CHECK_RC(check("GET", URL, bare, NULL, NULL, &srv, o, &r), OAUTH1_ERR_PARAMETER_ABSENT);
    check_names(r, oauth1_rejection_parameters_absent, "oauth_timestamp&oauth_nonce");
    oauth1_rejection_free(r);
    /* Relaxed on purpose: accepted, with neither in the result. */
    CHECK_OK(oauth1_verify_options_set_require_timestamp(o, false));
    oauth1_verified *v = NULL;
    CHECK_OK(oauth1_verify("GET", URL, bare, NULL, 0, NULL, server_lookup, &srv, o, &v));
    uint64_t ts = 7;
    char *nonce = (char *)"untouched";
    CHECK_RC(oauth1_verified_timestamp(v, &ts), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK_RC(oauth1_verified_nonce(v, &nonce), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(ts == 7);
    oauth1_verified_free(v);

    /* HMAC needs both, relaxed or not. */
    oauth1_signer *s = make_signer("app-key", "access-token", "HMAC-SHA1");
    char *auth = sign_header(s, "GET", URL, NULL, NULL, "n-required");
    char *no_timestamp = without(auth, "oauth_timestamp");
    char *no_nonce = without(auth, "oauth_nonce");
    CHECK_OK(oauth1_verify_options_set_signature_methods(o, "HMAC-SHA1,PLAINTEXT"));
    for (int relaxed = 0; relaxed < 2; relaxed++) {
        CHECK_OK(oauth1_verify_options_set_require_timestamp(o, relaxed == 0));
        CHECK_RC(check("GET", URL, no_timestamp, NULL, NULL, &srv, o, &r), OAUTH1_ERR_PARAMETER_ABSENT);
        check_names(r, oauth1_rejection_parameters_absent, "oauth_timestamp");
        oauth1_rejection_free(r);
        CHECK_RC(check("GET", URL, no_nonce, NULL, NULL, &srv, o, &r), OAUTH1_ERR_PARAMETER_ABSENT);
        check_names(r, oauth1_rejection_parameters_absent, "oauth_nonce");
        oauth1_rejection_free(r);
    }
    CHECK_OK(check("GET", URL, auth, NULL, NULL, &srv, o, NULL));
    free(no_timestamp);
    free(no_nonce);
    oauth1_string_free(auth);
    oauth1_signer_free(s);
    oauth1_verify_options_free(o);
}

/* Checks that a timestamp_refused rejection offers no inverted window; returns 1 when
 * it offers none at all. */
static int window_is_sane(const oauth1_rejection *r) {
    uint64_t min = 0, max = 0;
    oauth1_result rc = oauth1_rejection_acceptable_timestamps(r, &min, &max);
    CHECK(rc == OAUTH1_OK || rc == OAUTH1_ERR_NOT_AVAILABLE);
    if (rc == OAUTH1_OK) CHECK(min <= max);
    char *answer = NULL;
    CHECK_OK(oauth1_rejection_www_authenticate(r, NULL, &answer));
    if (rc == OAUTH1_ERR_NOT_AVAILABLE) CHECK(answer && strstr(answer, "oauth_acceptable_timestamps") == NULL);
    oauth1_string_free(answer);
    return rc == OAUTH1_ERR_NOT_AVAILABLE;
}

static void a_nonce_flood_costs_only_the_flooder(void) {
    enum { CAPACITY = 100, FLOOD = 1000 };
    oauth1_nonce_store *store = NULL;
    CHECK_OK(oauth1_nonce_store_new(CAPACITY, 300, &store));
    oauth1_verify_options *o = options_at_now();
    CHECK_OK(oauth1_verify_options_set_nonce_store(o, store));
    server srv = {ANSWER_BY_QUESTION, 0, 0, OAUTH1_OK};
    oauth1_signer *flooder = make_signer("flooder", "access-token", "HMAC-SHA1");
    oauth1_signer *honest = make_signer("app-key", "access-token", "HMAC-SHA1");

    /* The flooder signs at the edge of the allowed skew, NOW + 300: once its own
     * entries are evicted, its later requests are refused, and the window that could
     * be offered (from one past the evicted timestamp to NOW + 300) would be empty. */
    int accepted = 0, refused = 0, no_window = 0;
    for (int i = 0; i < FLOOD; i++) {
        char nonce[32];
        snprintf(nonce, sizeof nonce, "flood-%d", i);
        oauth1_signed *sig = NULL;
        char *auth = NULL;
        CHECK_OK(oauth1_signer_sign_with(flooder, "GET", URL, NULL, 0, NULL, nonce, NOW + 300, &sig));
        if (sig) CHECK_OK(oauth1_signed_authorization(sig, &auth));
        oauth1_signed_free(sig);
        oauth1_rejection *r = NULL;
        oauth1_result rc = check("GET", URL, auth, NULL, NULL, &srv, o, &r);
        if (rc == OAUTH1_OK) accepted++;
        else if (rc == OAUTH1_ERR_TIMESTAMP_REFUSED) {
            refused++;
            no_window += window_is_sane(r);
        } else {
            CHECK_RC(rc, OAUTH1_ERR_TIMESTAMP_REFUSED);
        }
        oauth1_rejection_free(r);
        oauth1_string_free(auth);
    }
    CHECK(accepted >= CAPACITY && refused > 0 && accepted + refused == FLOOD);
    CHECK(no_window == refused);

    size_t len = 0, capacity = 0;
    uint64_t evicted = 0;
    CHECK_OK(oauth1_nonce_store_len(store, &len));
    CHECK_OK(oauth1_nonce_store_capacity(store, &capacity));
    CHECK_OK(oauth1_nonce_store_evicted(store, &evicted));
    CHECK(len <= CAPACITY && capacity == CAPACITY && evicted > 0);

    /* Another consumer's fresh request is accepted, and its replay still caught. */
    char *auth = sign_header(honest, "GET", URL, NULL, NULL, "honest-1");
    CHECK_OK(check("GET", URL, auth, NULL, NULL, &srv, o, NULL));
    CHECK_RC(check("GET", URL, auth, NULL, NULL, &srv, o, NULL), OAUTH1_ERR_NONCE_USED);
    oauth1_string_free(auth);

    /* A timestamp refused for being older than the store can vouch for offers a
     * window that holds the current time. */
    oauth1_signed *sig = NULL;
    CHECK_OK(oauth1_signer_sign_with(flooder, "GET", URL, NULL, 0, NULL, "late", NOW, &sig));
    auth = NULL;
    if (sig) CHECK_OK(oauth1_signed_authorization(sig, &auth));
    oauth1_signed_free(sig);
    oauth1_rejection *r = NULL;
    CHECK_RC(check("GET", URL, auth, NULL, NULL, &srv, o, &r), OAUTH1_ERR_TIMESTAMP_REFUSED);
    uint64_t min = 0, max = 0;
    if (r) CHECK_OK(oauth1_rejection_acceptable_timestamps(r, &min, &max));
    CHECK(min <= max && max == (uint64_t)NOW + 300);
    oauth1_rejection_free(r);
    oauth1_string_free(auth);

    oauth1_signer_free(flooder);
    oauth1_signer_free(honest);
    oauth1_verify_options_free(o);
    oauth1_nonce_store_free(store);
}

static void body_hash_can_be_required(void) {
    const char *json = "{\"a\":1}";
    server srv = {ANSWER_BY_QUESTION, 0, 0, OAUTH1_OK};
    oauth1_signer *plain = make_signer("app-key", "access-token", "HMAC-SHA1");
    oauth1_signer_builder *b = NULL;
    oauth1_signer *hashing = NULL;
    CHECK_OK(oauth1_signer_builder_new("app-key", "app-secret", &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, "access-token", "access-token-secret"));
    CHECK_OK(oauth1_signer_builder_set_body_hash(b, true));
    CHECK_OK(oauth1_signer_builder_build(b, &hashing));
    oauth1_signer_builder_free(b);
    char *without_hash = sign_header(plain, "POST", URL, json, "application/json", "n-bh-1");
    char *with_hash = sign_header(hashing, "POST", URL, json, "application/json", "n-bh-2");
    oauth1_verify_options *o = options_at_now();

    /* Not required by default; the result says whether a hash was checked. */
    oauth1_verified *v = NULL;
    bool checked = true;
    CHECK_OK(oauth1_verify("POST", URL, without_hash, (const uint8_t *)json, strlen(json), "application/json",
                           server_lookup, &srv, o, &v));
    CHECK_OK(oauth1_verified_body_hash_checked(v, &checked));
    CHECK(!checked);
    oauth1_verified_free(v);
    v = NULL;
    CHECK_OK(oauth1_verify("POST", URL, with_hash, (const uint8_t *)json, strlen(json), "application/json",
                           server_lookup, &srv, o, &v));
    checked = false;
    CHECK_OK(oauth1_verified_body_hash_checked(v, &checked));
    CHECK(checked);
    oauth1_verified_free(v);

    /* Required: a non-form body without one is refused, naming it. */
    CHECK_OK(oauth1_verify_options_set_require_body_hash(o, true));
    oauth1_rejection *r = NULL;
    CHECK_RC(check("POST", URL, without_hash, json, "application/json", &srv, o, &r), OAUTH1_ERR_PARAMETER_ABSENT);
    check_names(r, oauth1_rejection_parameters_absent, "oauth_body_hash");
    oauth1_rejection_free(r);
    CHECK_OK(check("POST", URL, with_hash, json, "application/json", &srv, o, NULL));
    /* A wrong body fails the hash. */
    CHECK_RC(check("POST", URL, with_hash, "{\"a\":2}", "application/json", &srv, o, NULL),
             OAUTH1_ERR_SIGNATURE_INVALID);
    /* Form bodies are signed pair by pair and need none. */
    char *form_auth = sign_header(plain, "POST", URL, "b=2", FORM, "n-bh-3");
    CHECK_OK(check("POST", URL, form_auth, "b=2", FORM, &srv, o, NULL));

    oauth1_string_free(form_auth);
    oauth1_string_free(without_hash);
    oauth1_string_free(with_hash);
    oauth1_verify_options_free(o);
    oauth1_signer_free(plain);
    oauth1_signer_free(hashing);
}

static void unknown_keys_can_be_hidden(void) {
    server srv = {ANSWER_BY_QUESTION, 0, 0, OAUTH1_OK};
    oauth1_signer *stranger = make_signer("nobody", "access-token", "HMAC-SHA1");
    oauth1_signer *other_token = make_signer("app-key", "other-token", "HMAC-SHA1");
    char *unknown_key = sign_header(stranger, "GET", URL, NULL, NULL, "n-hide-1");
    char *unknown_token = sign_header(other_token, "GET", URL, NULL, NULL, "n-hide-2");
    oauth1_verify_options *o = options_at_now();

    CHECK_RC(check("GET", URL, unknown_key, NULL, NULL, &srv, o, NULL), OAUTH1_ERR_CONSUMER_KEY_UNKNOWN);
    CHECK_RC(check("GET", URL, unknown_token, NULL, NULL, &srv, o, NULL), OAUTH1_ERR_TOKEN_REJECTED);
    CHECK_OK(oauth1_verify_options_set_hide_unknown_keys(o, true));
    oauth1_rejection *r = NULL;
    CHECK_RC(check("GET", URL, unknown_key, NULL, NULL, &srv, o, &r), OAUTH1_ERR_SIGNATURE_INVALID);
    char *answer = NULL;
    if (r) CHECK_OK(oauth1_rejection_www_authenticate(r, NULL, &answer));
    CHECK_STR(answer, "OAuth oauth_problem=\"signature_invalid\"");
    oauth1_string_free(answer);
    oauth1_rejection_free(r);
    CHECK_RC(check("GET", URL, unknown_token, NULL, NULL, &srv, o, NULL), OAUTH1_ERR_SIGNATURE_INVALID);
    /* Known credentials still verify. */
    oauth1_signer *known = make_signer("app-key", "access-token", "HMAC-SHA1");
    char *auth = sign_header(known, "GET", URL, NULL, NULL, "n-hide-3");
    CHECK_OK(check("GET", URL, auth, NULL, NULL, &srv, o, NULL));

    oauth1_string_free(auth);
    oauth1_signer_free(known);
    oauth1_string_free(unknown_key);
    oauth1_string_free(unknown_token);
    oauth1_verify_options_free(o);
    oauth1_signer_free(stranger);
    oauth1_signer_free(other_token);
}

static void refused_parameters_are_named_and_base_strings_bounded(void) {
    server srv = {ANSWER_BY_QUESTION, 0, 0, OAUTH1_OK};
    oauth1_verify_options *o = options_at_now();
    oauth1_rejection *r = NULL;

    /* A protocol parameter in the query that is not UTF-8 once decoded. */
    const char *bad = URL "&oauth_consumer_key=app-key&oauth_nonce=%FF&oauth_signature=x"
                          "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000&oauth_token=access-token";
    CHECK_RC(check("GET", bad, NULL, NULL, NULL, &srv, o, &r), OAUTH1_ERR_PARAMETER_REJECTED);
    check_names(r, oauth1_rejection_parameters_rejected, "oauth_nonce");
    char *answer = NULL;
    if (r) CHECK_OK(oauth1_rejection_www_authenticate(r, NULL, &answer));
    CHECK(answer && strstr(answer, "oauth_parameters_rejected=\"oauth_nonce\"") != NULL);
    oauth1_string_free(answer);
    char *text = (char *)"untouched";
    CHECK_RC(oauth1_rejection_parameters_absent(r, &text), OAUTH1_ERR_NOT_AVAILABLE);
    oauth1_rejection_free(r);

    /* A timestamp that is not a number. */
    oauth1_signer *s = make_signer("app-key", "access-token", "HMAC-SHA1");
    char *auth = sign_header(s, "GET", URL, NULL, NULL, "n-ts");
    char *at = strstr(auth, "oauth_timestamp=\"1700000000\"");
    CHECK(at != NULL);
    if (at) memcpy(at + strlen("oauth_timestamp=\""), "17e8", 4);
    CHECK_RC(check("GET", URL, auth, NULL, NULL, &srv, o, &r), OAUTH1_ERR_PARAMETER_REJECTED);
    check_names(r, oauth1_rejection_parameters_rejected, "oauth_timestamp");
    oauth1_rejection_free(r);
    oauth1_string_free(auth);

    /* A long request's base string is cut for the log, and says so. */
    enum { LONG = 20000 };
    char *url = malloc(LONG + 64);
    strcpy(url, "https://api.example.com/x?q=");
    size_t n = strlen(url);
    memset(url + n, 'a', LONG);
    url[n + LONG] = 0;
    auth = sign_header(s, "GET", url, NULL, NULL, "n-long");
    url[n] = 'b';
    CHECK_RC(check("GET", url, auth, NULL, NULL, &srv, o, &r), OAUTH1_ERR_SIGNATURE_INVALID);
    text = NULL;
    if (r) CHECK_OK(oauth1_rejection_base_string(r, &text));
    CHECK(text && strlen(text) == 8192 && strcmp(text + 8192 - strlen("...[cut]"), "...[cut]") == 0);
    oauth1_string_free(text);
    oauth1_rejection_free(r);
    oauth1_string_free(auth);
    free(url);

    oauth1_signer_free(s);
    oauth1_verify_options_free(o);
}

int main(void) {
    realm_in_query_and_body_is_signed();
    token_less_requests_need_two_legged_consumers();
    plaintext_is_opt_in_and_needs_https();
    timestamp_and_nonce_are_required();
    a_nonce_flood_costs_only_the_flooder();
    body_hash_can_be_required();
    unknown_keys_can_be_hidden();
    refused_parameters_are_named_and_base_strings_bounded();
    return check_finish("test_verify_safety");
}
