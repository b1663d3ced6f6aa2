/* Misuse of the C API: NULL in every pointer position, invalid UTF-8 in every
 * string, too-small buffers, bad option values, and outputs left untouched on
 * every error. */
#include "check.h"

#define URL "https://api.example.com/x?a=1"
#define NONCE "abcdef0123456789"
#define TS INT64_C(1700000000)

static const char BAD_UTF8[] = {'G', (char)0xff, 'T', 0};
/* A sentinel every out-parameter holds before a failing call; it must survive. */
static char SENTINEL_BYTES[] = "untouched";
#define SENTINEL ((void *)SENTINEL_BYTES)

static oauth1_signer *make_signer(void) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    CHECK_OK(oauth1_signer_builder_new("key", "secret", &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, "token", "token-secret"));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signer_builder_free(b);
    return s;
}

static void lookup(void *user_data, const char *consumer_key, const char *token,
                   oauth1_secret_sink *sink) {
    (void)user_data;
    (void)consumer_key;
    oauth1_secret_sink_set(sink, token ? "token-secret" : "secret");
}

static void builder_misuse(void) {
    oauth1_signer_builder *b = SENTINEL;
    CHECK_RC(oauth1_signer_builder_new(NULL, "s", &b), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_new("k", "s", NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_new(BAD_UTF8, "s", &b), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_builder_new("k", BAD_UTF8, &b), OAUTH1_ERR_INVALID_UTF8);
    CHECK(b == SENTINEL);
    /* A NULL consumer secret is "none" (for RSA): building without a private key fails. */
    CHECK_OK(oauth1_signer_builder_new("k", NULL, &b));
    oauth1_signer *none = SENTINEL;
    CHECK_RC(oauth1_signer_builder_build(b, &none), OAUTH1_ERR_INVALID_CREDENTIALS);
    CHECK(none == SENTINEL);
    oauth1_signer_builder_free(b);

    CHECK_OK(oauth1_signer_builder_new("k", "s", &b));
    CHECK_RC(oauth1_signer_builder_set_token(NULL, "t", "ts"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_token(b, NULL, "ts"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_token(b, "t", NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_token(b, BAD_UTF8, "ts"), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_builder_set_token(b, "t", BAD_UTF8), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_builder_set_signature_method(NULL, "HMAC-SHA1"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, BAD_UTF8), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, "RSA-MD5"), OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD);
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, ""), OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD);
    CHECK_OK(oauth1_signer_builder_set_signature_method(b, "hmac-sha256"));
    CHECK_RC(oauth1_signer_builder_set_realm(NULL, "r"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_realm(b, BAD_UTF8), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_builder_set_version(NULL, true), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_body_hash(NULL, true), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_clock_offset(NULL, 5), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_callback(NULL, "oob"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_callback(b, BAD_UTF8), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_builder_set_verifier(NULL, "v"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_verifier(b, BAD_UTF8), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_builder_set_placement(NULL, OAUTH1_PLACEMENT_QUERY), OAUTH1_ERR_NULL_PARAMETER);
    /* An unknown placement is the core's invalid_option, never a fallback to header. */
    CHECK_RC(oauth1_signer_builder_set_placement(b, 3), OAUTH1_ERR_INVALID_OPTION);
    CHECK_RC(oauth1_signer_builder_set_placement(b, 0xffffffffu), OAUTH1_ERR_INVALID_OPTION);

    oauth1_signer *s = SENTINEL;
    CHECK_RC(oauth1_signer_builder_build(NULL, &s), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_build(b, NULL), OAUTH1_ERR_NULL_PARAMETER);
    /* An empty callback is refused by the core when building. */
    CHECK_OK(oauth1_signer_builder_set_callback(b, ""));
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_ERR_INVALID_OPTION);
    CHECK(s == SENTINEL);
    CHECK_OK(oauth1_signer_builder_set_callback(b, NULL));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    CHECK(s != SENTINEL && s != NULL);
    if (s != SENTINEL) oauth1_signer_free(s);
    oauth1_signer_builder_free(b);

    /* Credentials the core refuses. */
    s = SENTINEL;
    CHECK_OK(oauth1_signer_builder_new("", "s", &b));
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_ERR_INVALID_CREDENTIALS);
    oauth1_signer_builder_free(b);
    CHECK_OK(oauth1_signer_builder_new("k", "s", &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, "", "a-secret-without-token"));
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_ERR_INVALID_CREDENTIALS);
    oauth1_signer_builder_free(b);
    CHECK(s == SENTINEL);

    CHECK_RC(oauth1_signer_builder_from_env(NULL), OAUTH1_ERR_NULL_PARAMETER);
    b = SENTINEL;
    CHECK_RC(oauth1_signer_builder_from_json(NULL, &b), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_from_json("{}", NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_from_json(BAD_UTF8, &b), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_builder_from_json("{", &b), OAUTH1_ERR_CREDENTIALS_SOURCE);
    CHECK_RC(oauth1_signer_builder_from_json("{\"appKey\": \"k\"}", &b), OAUTH1_ERR_CREDENTIALS_SOURCE);
    CHECK_RC(oauth1_signer_builder_from_json_file(NULL, &b), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_from_json_file("/nonexistent/oauth1.json", NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_from_json_file("/nonexistent/oauth1.json", &b), OAUTH1_ERR_CREDENTIALS_SOURCE);
    CHECK(b == SENTINEL);
}

static void sign_misuse(const oauth1_signer *s) {
    oauth1_signed *out = SENTINEL;
    const uint8_t body[] = "a=1";
    CHECK_RC(oauth1_signer_sign(NULL, "GET", URL, NULL, 0, NULL, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign(s, NULL, URL, NULL, 0, NULL, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign(s, "GET", NULL, NULL, 0, NULL, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign(s, "GET", URL, NULL, 3, NULL, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign(s, "GET", URL, NULL, 0, NULL, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign(s, BAD_UTF8, URL, NULL, 0, NULL, &out), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_sign(s, "GET", BAD_UTF8, NULL, 0, NULL, &out), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_sign(s, "POST", URL, body, 3, BAD_UTF8, &out), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_sign(s, "GET", "ftp://example.com/", NULL, 0, NULL, &out), OAUTH1_ERR_UNSUPPORTED_SCHEME);
    CHECK_RC(oauth1_signer_sign(s, "GET", "not a url", NULL, 0, NULL, &out), OAUTH1_ERR_INVALID_URL);
    CHECK_RC(oauth1_signer_sign(s, "GET", "https://example.com:99999/", NULL, 0, NULL, &out), OAUTH1_ERR_INVALID_URL);
    CHECK_RC(oauth1_signer_sign(s, "", URL, NULL, 0, NULL, &out), OAUTH1_ERR_INVALID_METHOD);
    CHECK_RC(oauth1_signer_sign(s, "GE T", URL, NULL, 0, NULL, &out), OAUTH1_ERR_INVALID_METHOD);
    CHECK_RC(oauth1_signer_sign(s, "GET", URL "&oauth_nonce=x", NULL, 0, NULL, &out), OAUTH1_ERR_DUPLICATE_PARAMETER);
    CHECK(out == SENTINEL);

    CHECK_RC(oauth1_signer_sign_with(NULL, "GET", URL, NULL, 0, NULL, NONCE, TS, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_with(s, NULL, URL, NULL, 0, NULL, NONCE, TS, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_with(s, "GET", NULL, NULL, 0, NULL, NONCE, TS, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_with(s, "GET", URL, NULL, 1, NULL, NONCE, TS, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, NULL, TS, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, NONCE, TS, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, BAD_UTF8, TS, &out), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, "", TS, &out), OAUTH1_ERR_INVALID_NONCE);
    CHECK_RC(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, "a\nb", TS, &out), OAUTH1_ERR_INVALID_NONCE);
    CHECK_RC(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, NONCE, 0, &out), OAUTH1_ERR_INVALID_TIMESTAMP);
    CHECK_RC(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, NONCE, -1, &out), OAUTH1_ERR_INVALID_TIMESTAMP);
    CHECK_RC(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, NONCE, INT64_MIN, &out), OAUTH1_ERR_INVALID_TIMESTAMP);
    CHECK(out == SENTINEL);

    char buf[512];
    size_t needed = 12345;
    memset(buf, 'x', sizeof buf);
    CHECK_RC(oauth1_signer_sign_into(NULL, "GET", URL, NULL, 0, NULL, buf, sizeof buf, &needed), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_into(s, NULL, URL, NULL, 0, NULL, buf, sizeof buf, &needed), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_into(s, "GET", NULL, NULL, 0, NULL, buf, sizeof buf, &needed), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_into(s, "GET", URL, NULL, 2, NULL, buf, sizeof buf, &needed), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_into(s, "GET", URL, NULL, 0, NULL, NULL, sizeof buf, &needed), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_into(s, "GET", URL, NULL, 0, NULL, buf, sizeof buf, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_into(s, BAD_UTF8, URL, NULL, 0, NULL, buf, sizeof buf, &needed), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_signer_sign_into(s, "GET", "mailto:x@y", NULL, 0, NULL, buf, sizeof buf, &needed), OAUTH1_ERR_UNSUPPORTED_SCHEME);
    CHECK_RC(oauth1_signer_sign_with_into(s, "GET", URL, NULL, 0, NULL, NULL, TS, buf, sizeof buf, &needed), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_sign_with_into(s, "GET", URL, NULL, 0, NULL, NONCE, 0, buf, sizeof buf, &needed), OAUTH1_ERR_INVALID_TIMESTAMP);
    CHECK_RC(oauth1_signer_sign_with_into(s, "GET", URL, NULL, 0, NULL, NONCE, -1, buf, sizeof buf, &needed), OAUTH1_ERR_INVALID_TIMESTAMP);
    CHECK_RC(oauth1_signer_sign_with_into(s, "GET", URL, NULL, 0, NULL, NONCE, INT64_MIN, buf, sizeof buf, &needed), OAUTH1_ERR_INVALID_TIMESTAMP);
    CHECK(needed == 12345);
    for (size_t i = 0; i < sizeof buf; i++) CHECK(buf[i] == 'x');
    /* Too small: *needed is set, the buffer is not touched. */
    CHECK_RC(oauth1_signer_sign_into(s, "GET", URL, NULL, 0, NULL, buf, 10, &needed), OAUTH1_ERR_BUFFER_TOO_SMALL);
    CHECK(needed > 10 && needed < sizeof buf);
    for (size_t i = 0; i < sizeof buf; i++) CHECK(buf[i] == 'x');
    /* A fresh nonce signs anew, and the percent-encoded signature's length varies
     * (`+` and `/` become three bytes), so the retry leaves room. */
    size_t first = needed;
    CHECK_OK(oauth1_signer_sign_into(s, "GET", URL, NULL, 0, NULL, buf, first + 64, &needed));
    CHECK(needed <= first + 64 && strlen(buf) == needed - 1 && strncmp(buf, "OAuth ", 6) == 0);
    /* With a fixed nonce and timestamp the size query is exact. */
    CHECK_RC(oauth1_signer_sign_with_into(s, "GET", URL, NULL, 0, NULL, NONCE, TS, NULL, 0, &needed),
             OAUTH1_ERR_BUFFER_TOO_SMALL);
    size_t exact = needed;
    CHECK_OK(oauth1_signer_sign_with_into(s, "GET", URL, NULL, 0, NULL, NONCE, TS, buf, exact, &needed));
    CHECK(needed == exact && strlen(buf) == exact - 1 && strncmp(buf, "OAuth ", 6) == 0);

    oauth1_signer *copy = SENTINEL;
    CHECK_RC(oauth1_signer_with_clock_offset(NULL, 5, &copy), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_with_clock_offset(s, 5, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK(copy == SENTINEL);
}

static void placement_misuse(void) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    CHECK_OK(oauth1_signer_builder_new("k", "s", &b));
    CHECK_OK(oauth1_signer_builder_set_placement(b, OAUTH1_PLACEMENT_BODY));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signer_builder_free(b);
    const char json[] = "{\"a\":1}";
    oauth1_signed *out = SENTINEL;
    CHECK_RC(oauth1_signer_sign(s, "POST", URL, (const uint8_t *)json, strlen(json), "application/json", &out),
             OAUTH1_ERR_INVALID_OPTION);
    CHECK(out == SENTINEL);
    oauth1_signer_free(s);
}

static void signed_misuse(const oauth1_signer *s) {
    oauth1_signed *sig = NULL;
    CHECK_OK(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, NONCE, TS, &sig));
    oauth1_result (*getters[])(const oauth1_signed *, char **) = {
        oauth1_signed_authorization, oauth1_signed_signature, oauth1_signed_base_string,
        oauth1_signed_nonce, oauth1_signed_url,
    };
    for (size_t i = 0; i < sizeof getters / sizeof getters[0]; i++) {
        char *out = SENTINEL;
        CHECK_RC(getters[i](NULL, &out), OAUTH1_ERR_NULL_PARAMETER);
        CHECK_RC(getters[i](sig, NULL), OAUTH1_ERR_NULL_PARAMETER);
        CHECK(out == SENTINEL);
    }
    uint64_t ts = 7;
    size_t n = 7;
    char *name = SENTINEL, *value = SENTINEL, *body = SENTINEL;
    CHECK_RC(oauth1_signed_timestamp(NULL, &ts), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signed_timestamp(sig, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signed_param_count(NULL, &n), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signed_param_count(sig, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signed_param(NULL, 0, &name, &value), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signed_param(sig, 0, NULL, &value), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signed_param(sig, 0, &name, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signed_param(sig, (size_t)-1, &name, &value), OAUTH1_ERR_INDEX_OUT_OF_RANGE);
    CHECK_RC(oauth1_signed_body(NULL, &body, &n), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signed_body(sig, NULL, &n), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signed_body(sig, &body, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signed_body(sig, &body, &n), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(ts == 7 && n == 7 && name == SENTINEL && value == SENTINEL && body == SENTINEL);
    oauth1_signed_free(sig);
}

static void verify_misuse(void) {
    oauth1_verified *out = SENTINEL;
    const char *auth = "OAuth oauth_consumer_key=\"key\"";
    CHECK_RC(oauth1_verify(NULL, URL, auth, NULL, 0, NULL, lookup, NULL, NULL, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify("GET", NULL, auth, NULL, 0, NULL, lookup, NULL, NULL, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 5, NULL, lookup, NULL, NULL, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 0, NULL, NULL, NULL, NULL, &out), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, NULL, NULL, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify(BAD_UTF8, URL, auth, NULL, 0, NULL, lookup, NULL, NULL, &out), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_verify("GET", BAD_UTF8, auth, NULL, 0, NULL, lookup, NULL, NULL, &out), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_verify("GET", URL, BAD_UTF8, NULL, 0, NULL, lookup, NULL, NULL, &out), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_verify("GET", URL, auth, (const uint8_t *)"a", 1, BAD_UTF8, lookup, NULL, NULL, &out), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_verify("GET", URL, "OAuth a=\"1", NULL, 0, NULL, lookup, NULL, NULL, &out), OAUTH1_ERR_MALFORMED_HEADER);
    CHECK_RC(oauth1_verify("GET", URL, NULL, NULL, 0, NULL, lookup, NULL, NULL, &out), OAUTH1_ERR_PARAMETER_ABSENT);
    CHECK(out == SENTINEL);

    /* With a rejection: it is required, and set to NULL whenever there is none. */
    oauth1_rejection *rejection = SENTINEL;
    CHECK_RC(oauth1_verify_with_rejection("GET", URL, auth, NULL, 0, NULL, lookup, NULL, NULL, &out, NULL),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify_with_rejection("GET", URL, auth, NULL, 0, NULL, lookup, NULL, NULL, NULL, &rejection),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK(rejection == NULL);
    rejection = SENTINEL;
    CHECK_RC(oauth1_verify_with_rejection(NULL, URL, auth, NULL, 0, NULL, lookup, NULL, NULL, &out, &rejection),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK(rejection == NULL);
    rejection = SENTINEL;
    CHECK_RC(oauth1_verify_with_rejection("GET", URL, "OAuth a=\"1", NULL, 0, NULL, lookup, NULL, NULL, &out,
                                          &rejection),
             OAUTH1_ERR_MALFORMED_HEADER);
    CHECK(rejection == NULL && out == SENTINEL);
    CHECK_RC(oauth1_verify_with_rejection("GET", URL, NULL, NULL, 0, NULL, lookup, NULL, NULL, &out, &rejection),
             OAUTH1_ERR_PARAMETER_ABSENT);
    CHECK(rejection != NULL && rejection != SENTINEL && out == SENTINEL);
    char *text = SENTINEL;
    uint64_t min = 7, max = 7;
    oauth1_result problem = 7;
    CHECK_RC(oauth1_rejection_problem(NULL, &problem), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_problem(rejection, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_reason(NULL, &text), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_reason(rejection, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_www_authenticate(NULL, NULL, &text), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_www_authenticate(rejection, NULL, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_www_authenticate(rejection, BAD_UTF8, &text), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_rejection_acceptable_timestamps(NULL, &min, &max), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_acceptable_timestamps(rejection, NULL, &max), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_acceptable_timestamps(rejection, &min, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_acceptable_timestamps(rejection, &min, &max), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK_RC(oauth1_rejection_parameters_absent(NULL, &text), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_parameters_absent(rejection, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_parameters_rejected(NULL, &text), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_parameters_rejected(rejection, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_parameters_rejected(rejection, &text), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK_RC(oauth1_rejection_base_string(NULL, &text), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_base_string(rejection, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rejection_base_string(rejection, &text), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(text == SENTINEL && min == 7 && max == 7 && problem == 7);
    oauth1_rejection_free(rejection);
    oauth1_rejection_free(NULL);

    oauth1_verify_options *opts = SENTINEL;
    CHECK_RC(oauth1_verify_options_new(NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK(opts == SENTINEL);
    CHECK_OK(oauth1_verify_options_new(&opts));
    CHECK_RC(oauth1_verify_options_set_now(NULL, 1), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify_options_set_max_skew(NULL, 1), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify_options_set_nonce_store(NULL, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_OK(oauth1_verify_options_set_nonce_store(opts, NULL));
    CHECK_RC(oauth1_verify_options_set_signature_methods(NULL, "PLAINTEXT"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify_options_set_signature_methods(opts, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify_options_set_signature_methods(opts, BAD_UTF8), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_verify_options_set_signature_methods(opts, "HMAC-SHA1,RSA-MD5"), OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD);
    CHECK_OK(oauth1_verify_options_set_signature_methods(opts, "HMAC-SHA1,rsa-sha1, RSA-SHA256,RSA-SHA512"));
    /* An empty list would refuse every request: the core's invalid_option. */
    CHECK_RC(oauth1_verify_options_set_signature_methods(opts, " , "), OAUTH1_ERR_INVALID_OPTION);
    CHECK_RC(oauth1_verify_options_set_signature_methods(opts, ""), OAUTH1_ERR_INVALID_OPTION);
    CHECK_RC(oauth1_verify_options_set_signature_methods(opts, ","), OAUTH1_ERR_INVALID_OPTION);
    CHECK_RC(oauth1_verify_options_set_now(opts, -1), OAUTH1_ERR_INVALID_TIMESTAMP);
    CHECK_RC(oauth1_verify_options_set_now(opts, INT64_MIN), OAUTH1_ERR_INVALID_TIMESTAMP);
    CHECK_RC(oauth1_verify_options_set_allow_plaintext_over_http(NULL, true), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify_options_set_require_timestamp(NULL, false), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify_options_set_require_body_hash(NULL, true), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verify_options_set_hide_unknown_keys(NULL, true), OAUTH1_ERR_NULL_PARAMETER);
    oauth1_verify_options_free(opts);

    oauth1_nonce_store *store = SENTINEL;
    size_t n = 7;
    uint64_t evicted = 7;
    CHECK_RC(oauth1_nonce_store_new(10, 300, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_nonce_store_new(0, 300, &store), OAUTH1_ERR_INVALID_OPTION);
    CHECK_RC(oauth1_nonce_store_new(10, 0, &store), OAUTH1_ERR_INVALID_OPTION);
    CHECK_RC(oauth1_nonce_store_len(NULL, &n), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_nonce_store_capacity(NULL, &n), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_nonce_store_evicted(NULL, &evicted), OAUTH1_ERR_NULL_PARAMETER);
    CHECK(store == SENTINEL && n == 7 && evicted == 7);
    CHECK_OK(oauth1_nonce_store_new(10, 300, &store));
    CHECK_RC(oauth1_nonce_store_len(store, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_nonce_store_capacity(store, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_nonce_store_evicted(store, NULL), OAUTH1_ERR_NULL_PARAMETER);
    oauth1_nonce_store_free(store);

    CHECK_RC(oauth1_secret_sink_set(NULL, "x"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_secret_sink_allow_two_legged(NULL), OAUTH1_ERR_NULL_PARAMETER);

    char *s = SENTINEL;
    uint64_t ts = 7;
    oauth1_placement p = 7;
    CHECK_RC(oauth1_verified_consumer_key(NULL, &s), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verified_token(NULL, &s), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verified_signature_method(NULL, &s), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verified_nonce(NULL, &s), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verified_realm(NULL, &s), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verified_base_string(NULL, &s), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verified_timestamp(NULL, &ts), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_verified_placement(NULL, &p), OAUTH1_ERR_NULL_PARAMETER);
    bool checked = true;
    CHECK_RC(oauth1_verified_body_hash_checked(NULL, &checked), OAUTH1_ERR_NULL_PARAMETER);
    CHECK(s == SENTINEL && ts == 7 && p == 7 && checked);
}

static void header_and_offset_misuse(void) {
    oauth1_header_params *params = SENTINEL;
    size_t n = 7;
    char *name = SENTINEL, *value = SENTINEL;
    int64_t offset = 7;
    CHECK_RC(oauth1_parse_authorization_header(NULL, &params), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_parse_authorization_header("OAuth a=\"1\"", NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_parse_authorization_header(BAD_UTF8, &params), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_parse_authorization_header("Basic abc", &params), OAUTH1_ERR_MALFORMED_HEADER);
    CHECK_RC(oauth1_parse_authorization_header("OAuth a=\"1\", a=\"2\"", &params), OAUTH1_ERR_MALFORMED_HEADER);
    CHECK(params == SENTINEL);
    CHECK_RC(oauth1_header_params_count(NULL, &n), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_header_params_get(NULL, 0, &name, &value), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_OK(oauth1_parse_authorization_header("OAuth a=\"1\"", &params));
    CHECK_RC(oauth1_header_params_count(params, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_header_params_get(params, 0, NULL, &value), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_header_params_get(params, 0, &name, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_header_params_get(params, 1, &name, &value), OAUTH1_ERR_INDEX_OUT_OF_RANGE);
    CHECK(n == 7 && name == SENTINEL && value == SENTINEL);
    oauth1_header_params_free(params);

    CHECK_RC(oauth1_clock_offset_from_problem(NULL, 1, &offset), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_clock_offset_from_problem("oauth_acceptable_timestamps=1-2", 1, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_clock_offset_from_problem(BAD_UTF8, 1, &offset), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_clock_offset_from_problem("oauth_problem=timestamp_refused", 1, &offset), OAUTH1_ERR_MALFORMED_HEADER);
    CHECK_RC(oauth1_clock_offset_from_problem("oauth_acceptable_timestamps=\"9-2\"", 1, &offset), OAUTH1_ERR_MALFORMED_HEADER);
    CHECK_RC(oauth1_clock_offset_from_problem("oauth_acceptable_timestamps=\"100-200\"", -1, &offset),
             OAUTH1_ERR_INVALID_TIMESTAMP);
    CHECK(offset == 7);
}

static void frees_and_messages(void) {
    oauth1_signer_builder_free(NULL);
    oauth1_signer_free(NULL);
    oauth1_signed_free(NULL);
    oauth1_verified_free(NULL);
    oauth1_verify_options_free(NULL);
    oauth1_nonce_store_free(NULL);
    oauth1_header_params_free(NULL);
    oauth1_string_free(NULL);

    for (uint32_t code = 0; code < 400; code++) {
        const char *message = oauth1_result_message(code);
        const char *name = oauth1_result_name(code);
        CHECK(message != NULL && message[0] != '\0');
        CHECK(name != NULL && name[0] != '\0');
    }
    CHECK_STR(oauth1_result_name(OAUTH1_OK), "ok");
    CHECK_STR(oauth1_result_name(OAUTH1_ERR_SIGNATURE_INVALID), "signature_invalid");
    CHECK_STR(oauth1_result_name(OAUTH1_ERR_INVALID_URL), "invalid_url");
    CHECK_STR(oauth1_result_name(31337), "unknown");
    CHECK_STR(oauth1_result_message(31337), "unknown result code");
    CHECK(strstr(oauth1_result_message(OAUTH1_ERR_BUFFER_TOO_SMALL), "needed") != NULL);
    const char *version = oauth1_version();
    CHECK(version != NULL && strchr(version, '.') != NULL);
}

int main(void) {
    oauth1_signer *s = make_signer();
    builder_misuse();
    sign_misuse(s);
    placement_misuse();
    signed_misuse(s);
    verify_misuse();
    header_and_offset_misuse();
    frees_and_messages();
    oauth1_signer_free(s);
    return check_finish("test_misuse");
}
