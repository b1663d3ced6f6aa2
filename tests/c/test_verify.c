/* Verification through the C API: round trips in every placement, tampering,
 * unknown credentials, timestamp refusal and the clock-offset helper, replayed
 * nonces, header parsing, and credentials from the environment and a JSON file. */
#include "check.h"

#include <time.h>
#include <unistd.h>

#define URL "https://api.example.com/v1/items?page=2&q=caf%C3%A9"

typedef struct {
    const char *consumer_key, *consumer_secret, *token, *token_secret;
    bool two_legged; /* the consumer may sign without a token */
    int calls;
} secrets;

static void lookup(void *user_data, const char *consumer_key, const char *token,
                   oauth1_secret_sink *sink) {
    secrets *s = user_data;
    s->calls++;
    if (strcmp(consumer_key, s->consumer_key) != 0) return; /* unknown key */
    if (token == NULL) {
        CHECK_OK(oauth1_secret_sink_set(sink, s->consumer_secret));
        if (s->two_legged) CHECK_OK(oauth1_secret_sink_allow_two_legged(sink));
    } else if (strcmp(token, s->token) == 0) {
        CHECK_OK(oauth1_secret_sink_set(sink, s->token_secret));
    }
}

static secrets SECRETS = {"app-key", "app-secret", "access-token", "access-token-secret", false, 0};

static oauth1_signer *signer_with(oauth1_placement placement, const char *method) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    CHECK_OK(oauth1_signer_builder_new("app-key", "app-secret", &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, "access-token", "access-token-secret"));
    CHECK_OK(oauth1_signer_builder_set_placement(b, placement));
    CHECK_OK(oauth1_signer_builder_set_signature_method(b, method));
    CHECK_OK(oauth1_signer_builder_set_realm(b, "https://api.example.com/"));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signer_builder_free(b);
    return s;
}

static char *take(oauth1_result (*get)(const oauth1_signed *, char **), const oauth1_signed *sig) {
    char *out = NULL;
    CHECK_OK(get(sig, &out));
    return out;
}

static void header_round_trip_and_tamper(void) {
    const char *methods[] = {"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT"};
    /* PLAINTEXT is accepted only when named (URL is https). */
    oauth1_verify_options *all = NULL;
    CHECK_OK(oauth1_verify_options_new(&all));
    CHECK_OK(oauth1_verify_options_set_signature_methods(all, "HMAC-SHA1,HMAC-SHA256,HMAC-SHA512,PLAINTEXT"));
    for (size_t m = 0; m < 4; m++) {
        oauth1_signer *s = signer_with(OAUTH1_PLACEMENT_HEADER, methods[m]);
        oauth1_signed *sig = NULL;
        CHECK_OK(oauth1_signer_sign(s, "get", URL, NULL, 0, NULL, &sig));
        char *auth = take(oauth1_signed_authorization, sig);

        oauth1_verified *v = NULL;
        CHECK_OK(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, all, &v));
        char *str = NULL;
        CHECK_OK(oauth1_verified_consumer_key(v, &str));
        CHECK_STR(str, "app-key");
        oauth1_string_free(str);
        CHECK_OK(oauth1_verified_token(v, &str));
        CHECK_STR(str, "access-token");
        oauth1_string_free(str);
        CHECK_OK(oauth1_verified_signature_method(v, &str));
        CHECK_STR(str, methods[m]);
        oauth1_string_free(str);
        CHECK_OK(oauth1_verified_realm(v, &str));
        CHECK_STR(str, "https://api.example.com/");
        oauth1_string_free(str);
        char *nonce = take(oauth1_signed_nonce, sig);
        CHECK_OK(oauth1_verified_nonce(v, &str));
        CHECK_STR(str, nonce);
        CHECK(strlen(nonce) == 32);
        oauth1_string_free(str);
        oauth1_string_free(nonce);
        char *base = take(oauth1_signed_base_string, sig);
        CHECK_OK(oauth1_verified_base_string(v, &str));
        CHECK_STR(str, base);
        oauth1_string_free(str);
        oauth1_string_free(base);
        uint64_t ts = 0, signed_ts = 1;
        CHECK_OK(oauth1_verified_timestamp(v, &ts));
        CHECK_OK(oauth1_signed_timestamp(sig, &signed_ts));
        CHECK(ts == signed_ts);
        CHECK(llabs((long long)ts - (long long)time(NULL)) < 60);
        oauth1_placement p = 9;
        CHECK_OK(oauth1_verified_placement(v, &p));
        CHECK(p == OAUTH1_PLACEMENT_HEADER);
        oauth1_verified_free(v);

        /* Tampering: another query value, another method (PLAINTEXT signs neither,
         * RFC 5849 section 3.4.4), another signature. */
        v = NULL;
        if (strcmp(methods[m], "PLAINTEXT") != 0) {
            CHECK_RC(oauth1_verify("GET", "https://api.example.com/v1/items?page=3&q=caf%C3%A9", auth, NULL, 0,
                                   NULL, lookup, &SECRETS, all, &v),
                     OAUTH1_ERR_SIGNATURE_INVALID);
            CHECK_RC(oauth1_verify("DELETE", URL, auth, NULL, 0, NULL, lookup, &SECRETS, all, &v),
                     OAUTH1_ERR_SIGNATURE_INVALID);
        }
        char *tampered = strdup(auth);
        char *at = strstr(tampered, "oauth_signature=\"");
        CHECK(at != NULL);
        if (at) at[17] = at[17] == 'A' ? 'B' : 'A';
        CHECK_RC(oauth1_verify("GET", URL, tampered, NULL, 0, NULL, lookup, &SECRETS, all, &v),
                 OAUTH1_ERR_SIGNATURE_INVALID);
        free(tampered);
        CHECK(v == NULL);

        /* Secrets the lookup does not know. */
        secrets other = SECRETS;
        other.consumer_key = "someone-else";
        CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &other, all, &v),
                 OAUTH1_ERR_CONSUMER_KEY_UNKNOWN);
        other = SECRETS;
        other.token = "another-token";
        CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &other, all, &v),
                 OAUTH1_ERR_TOKEN_REJECTED);
        other = SECRETS;
        other.consumer_secret = "wrong-secret";
        CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &other, all, &v),
                 OAUTH1_ERR_SIGNATURE_INVALID);
        CHECK(v == NULL);

        oauth1_string_free(auth);
        oauth1_signed_free(sig);
        oauth1_signer_free(s);
    }
    oauth1_verify_options_free(all);
}

static void query_and_body_round_trips(void) {
    oauth1_signer *s = signer_with(OAUTH1_PLACEMENT_QUERY, "HMAC-SHA1");
    oauth1_signed *sig = NULL;
    CHECK_OK(oauth1_signer_sign(s, "GET", URL, NULL, 0, NULL, &sig));
    char *url = take(oauth1_signed_url, sig);
    CHECK(url && strncmp(url, URL "&", strlen(URL) + 1) == 0 && strstr(url, "oauth_signature=") != NULL);
    oauth1_verified *v = NULL;
    CHECK_OK(oauth1_verify("GET", url, NULL, NULL, 0, NULL, lookup, &SECRETS, NULL, &v));
    oauth1_placement p = 9;
    CHECK_OK(oauth1_verified_placement(v, &p));
    CHECK(p == OAUTH1_PLACEMENT_QUERY);
    oauth1_verified_free(v);
    /* The caller-buffer variant writes the signed URL for query placement. */
    char buf[1024];
    size_t needed = 0;
    CHECK_OK(oauth1_signer_sign_into(s, "GET", URL, NULL, 0, NULL, buf, sizeof buf, &needed));
    CHECK(needed == strlen(buf) + 1 && strncmp(buf, URL "&", strlen(URL) + 1) == 0);
    oauth1_string_free(url);
    oauth1_signed_free(sig);
    oauth1_signer_free(s);

    s = signer_with(OAUTH1_PLACEMENT_BODY, "HMAC-SHA256");
    const char *form = "status=Hello%20Ladies&include_entities=true";
    const char *ct = "application/x-www-form-urlencoded";
    CHECK_OK(oauth1_signer_sign(s, "POST", URL, (const uint8_t *)form, strlen(form), ct, &sig));
    char *body = NULL;
    size_t body_len = 0;
    CHECK_OK(oauth1_signed_body(sig, &body, &body_len));
    CHECK(body && body_len == strlen(body) && strncmp(body, form, strlen(form)) == 0);
    CHECK_OK(oauth1_verify("POST", URL, NULL, (const uint8_t *)body, body_len, ct, lookup, &SECRETS, NULL, &v));
    CHECK_OK(oauth1_verified_placement(v, &p));
    CHECK(p == OAUTH1_PLACEMENT_BODY);
    oauth1_verified_free(v);
    v = NULL;
    /* The caller-buffer variant writes the signed body for body placement. */
    CHECK_OK(oauth1_signer_sign_into(s, "POST", URL, (const uint8_t *)form, strlen(form), ct, buf, sizeof buf, &needed));
    CHECK(needed == strlen(buf) + 1 && strncmp(buf, form, strlen(form)) == 0 && strstr(buf, "&oauth_signature=") != NULL);
    body[0] = 'S'; /* status -> Status */
    CHECK_RC(oauth1_verify("POST", URL, NULL, (const uint8_t *)body, body_len, ct, lookup, &SECRETS, NULL, &v),
             OAUTH1_ERR_SIGNATURE_INVALID);
    CHECK(v == NULL);
    oauth1_string_free(body);
    oauth1_signed_free(sig);
    oauth1_signer_free(s);
}

static void options_nonce_store_and_clock(void) {
    oauth1_signer *s = signer_with(OAUTH1_PLACEMENT_HEADER, "HMAC-SHA1");
    oauth1_signed *sig = NULL;
    const int64_t ts = 1700000000;
    CHECK_OK(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, "fixed-nonce", ts, &sig));
    char *auth = take(oauth1_signed_authorization, sig);

    oauth1_verify_options *opts = NULL;
    oauth1_nonce_store *store = NULL;
    CHECK_OK(oauth1_verify_options_new(&opts));
    CHECK_OK(oauth1_nonce_store_new(1000, 300, &store));
    CHECK_OK(oauth1_verify_options_set_nonce_store(opts, store));
    oauth1_nonce_store_free(store); /* the options keep their own reference */
    CHECK_OK(oauth1_verify_options_set_now(opts, ts + 10));
    oauth1_verified *v = NULL;
    CHECK_OK(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v));
    oauth1_verified_free(v);
    v = NULL;
    CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v), OAUTH1_ERR_NONCE_USED);

    /* Outside the window: refused; the client turns the answer into an offset. */
    CHECK_OK(oauth1_verify_options_set_now(opts, ts + 1000));
    CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v), OAUTH1_ERR_TIMESTAMP_REFUSED);
    /* A wider skew accepts the timestamp, but the 300-second nonce store can no
     * longer vouch that the nonce is fresh, so it is still refused. */
    CHECK_OK(oauth1_verify_options_set_max_skew(opts, 2000));
    CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v), OAUTH1_ERR_TIMESTAMP_REFUSED);
    CHECK_OK(oauth1_verify_options_set_nonce_store(opts, NULL));
    CHECK_OK(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v));
    oauth1_verified_free(v);
    v = NULL;
    /* `now` 0 is the system clock again, years after the timestamp; the other
     * settings stay. */
    CHECK_OK(oauth1_verify_options_set_now(opts, 0));
    CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v), OAUTH1_ERR_TIMESTAMP_REFUSED);
    CHECK_OK(oauth1_verify_options_set_now(opts, ts + 1000));
    CHECK_OK(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v));
    oauth1_verified_free(v);
    v = NULL;
    CHECK_OK(oauth1_verify_options_set_signature_methods(opts, "HMAC-SHA256, hmac-sha512"));
    CHECK_RC(oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v),
             OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);
    CHECK(v == NULL);
    oauth1_verify_options_free(opts);

    int64_t offset = 0;
    CHECK_OK(oauth1_clock_offset_from_problem(
        "OAuth oauth_problem=\"timestamp_refused\", oauth_acceptable_timestamps=\"1700000000-1700000600\"",
        1700000900, &offset));
    CHECK(offset == -600);
    CHECK_OK(oauth1_clock_offset_from_problem(
        "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1700000000-1700000600", 1699999700,
        &offset));
    CHECK(offset == 600);
    oauth1_signer *shifted = NULL;
    CHECK_OK(oauth1_signer_with_clock_offset(s, -3600, &shifted));
    oauth1_signed *late = NULL;
    CHECK_OK(oauth1_signer_sign(shifted, "GET", URL, NULL, 0, NULL, &late));
    uint64_t late_ts = 0;
    CHECK_OK(oauth1_signed_timestamp(late, &late_ts));
    long long diff = (long long)time(NULL) - 3600 - (long long)late_ts;
    CHECK(diff >= -5 && diff <= 5);
    oauth1_signed_free(late);
    oauth1_signer_free(shifted);

    oauth1_string_free(auth);
    oauth1_signed_free(sig);
    oauth1_signer_free(s);
}

/* oauth1_verify_with_rejection: what a server answers with and logs. */
static void rejection_details(void) {
    oauth1_signer *s = signer_with(OAUTH1_PLACEMENT_HEADER, "HMAC-SHA1");
    oauth1_signed *sig = NULL;
    const int64_t ts = 1700000000;
    CHECK_OK(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, "n-1", ts, &sig));
    char *auth = take(oauth1_signed_authorization, sig);
    oauth1_verify_options *opts = NULL;
    CHECK_OK(oauth1_verify_options_new(&opts));
    oauth1_verified *v = NULL;
    oauth1_rejection *r = (oauth1_rejection *)&r; /* not NULL: success must clear it */
    char *text = NULL;

    /* Verified: no rejection. */
    CHECK_OK(oauth1_verify_options_set_now(opts, ts + 10));
    CHECK_OK(oauth1_verify_with_rejection("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v, &r));
    CHECK(v != NULL && r == NULL);
    oauth1_verified_free(v);
    v = NULL;

    /* A refused timestamp: the window in the answer, which the client's helper reads. */
    CHECK_OK(oauth1_verify_options_set_now(opts, ts + 1000));
    CHECK_RC(oauth1_verify_with_rejection("GET", URL, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v, &r),
             OAUTH1_ERR_TIMESTAMP_REFUSED);
    CHECK(v == NULL && r != NULL);
    oauth1_result problem = OAUTH1_OK;
    CHECK_OK(oauth1_rejection_problem(r, &problem));
    CHECK(problem == OAUTH1_ERR_TIMESTAMP_REFUSED);
    uint64_t min = 0, max = 0;
    CHECK_OK(oauth1_rejection_acceptable_timestamps(r, &min, &max));
    CHECK(min == (uint64_t)ts + 700 && max == (uint64_t)ts + 1300);
    CHECK_OK(oauth1_rejection_www_authenticate(r, "api", &text));
    CHECK_STR(text, "OAuth realm=\"api\", oauth_problem=\"timestamp_refused\", "
                    "oauth_acceptable_timestamps=\"1700000700-1700001300\"");
    int64_t offset = 0;
    CHECK_OK(oauth1_clock_offset_from_problem(text, ts, &offset));
    CHECK(offset == 1000);
    oauth1_string_free(text);
    CHECK_OK(oauth1_rejection_reason(r, &text));
    CHECK(text && strstr(text, "1700000000") != NULL && strstr(text, "access-token-secret") == NULL);
    oauth1_string_free(text);
    text = NULL;
    CHECK_RC(oauth1_rejection_parameters_absent(r, &text), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK_RC(oauth1_rejection_base_string(r, &text), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(text == NULL);
    oauth1_rejection_free(r);

    /* An invalid signature: the base string the server computed, to compare. */
    const char *other = "https://api.example.com/v1/items?page=3&q=caf%C3%A9";
    CHECK_OK(oauth1_verify_options_set_now(opts, ts));
    CHECK_RC(oauth1_verify_with_rejection("GET", other, auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v, &r),
             OAUTH1_ERR_SIGNATURE_INVALID);
    CHECK_OK(oauth1_rejection_base_string(r, &text));
    CHECK(text && strncmp(text, "GET&https%3A%2F%2Fapi.example.com%2Fv1%2Fitems&", 47) == 0 &&
          strstr(text, "page%3D3") != NULL);
    oauth1_string_free(text);
    CHECK_OK(oauth1_rejection_www_authenticate(r, NULL, &text));
    CHECK_STR(text, "OAuth oauth_problem=\"signature_invalid\"");
    oauth1_string_free(text);
    oauth1_rejection_free(r);

    /* Missing parameters, named in the answer. */
    CHECK_RC(oauth1_verify_with_rejection("GET", URL, "OAuth oauth_consumer_key=\"app-key\"", NULL, 0, NULL, lookup,
                                          &SECRETS, opts, &v, &r),
             OAUTH1_ERR_PARAMETER_ABSENT);
    CHECK_OK(oauth1_rejection_parameters_absent(r, &text));
    CHECK(text && strstr(text, "oauth_signature") != NULL && strstr(text, "oauth_nonce") != NULL);
    oauth1_string_free(text);
    CHECK_OK(oauth1_rejection_www_authenticate(r, NULL, &text));
    CHECK(text && strstr(text, "oauth_parameters_absent=\"") != NULL);
    oauth1_string_free(text);
    oauth1_rejection_free(r);

    /* Not a rejection: a request that cannot be read leaves none. */
    r = (oauth1_rejection *)&r;
    CHECK_RC(oauth1_verify_with_rejection("GET", "ftp://x/", auth, NULL, 0, NULL, lookup, &SECRETS, opts, &v, &r),
             OAUTH1_ERR_UNSUPPORTED_SCHEME);
    CHECK(r == NULL && v == NULL);

    oauth1_verify_options_free(opts);
    oauth1_string_free(auth);
    oauth1_signed_free(sig);
    oauth1_signer_free(s);
}

static void options_in_the_header(void) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    CHECK_OK(oauth1_signer_builder_new("app-key", "app-secret", &b));
    CHECK_OK(oauth1_signer_builder_set_callback(b, "oob"));
    CHECK_OK(oauth1_signer_builder_set_verifier(b, "v-123"));
    CHECK_OK(oauth1_signer_builder_set_body_hash(b, true));
    CHECK_OK(oauth1_signer_builder_set_version(b, false));
    CHECK_OK(oauth1_signer_builder_set_clock_offset(b, 120));
    CHECK_OK(oauth1_signer_builder_set_realm(b, "r"));
    CHECK_OK(oauth1_signer_builder_set_realm(b, NULL)); /* removed again */
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signer_builder_free(b);
    const char *json = "{\"a\":1}";
    oauth1_signed *sig = NULL;
    CHECK_OK(oauth1_signer_sign(s, "POST", URL, (const uint8_t *)json, strlen(json), "application/json", &sig));
    char *auth = take(oauth1_signed_authorization, sig);
    CHECK(strstr(auth, "oauth_callback=\"oob\"") != NULL);
    CHECK(strstr(auth, "oauth_verifier=\"v-123\"") != NULL);
    CHECK(strstr(auth, "oauth_body_hash=\"") != NULL);
    CHECK(strstr(auth, "oauth_version") == NULL);
    CHECK(strstr(auth, "realm") == NULL);
    uint64_t ts = 0;
    CHECK_OK(oauth1_signed_timestamp(sig, &ts));
    CHECK((long long)ts - (long long)time(NULL) >= 115 && (long long)ts - (long long)time(NULL) <= 125);

    /* Parse the header back. */
    oauth1_header_params *params = NULL;
    CHECK_OK(oauth1_parse_authorization_header(auth, &params));
    size_t n = 0, found = 0;
    CHECK_OK(oauth1_header_params_count(params, &n));
    size_t sig_params = 0;
    CHECK_OK(oauth1_signed_param_count(sig, &sig_params));
    CHECK(n == sig_params);
    for (size_t i = 0; i < n; i++) {
        char *name = NULL, *value = NULL, *sname = NULL, *svalue = NULL;
        CHECK_OK(oauth1_header_params_get(params, i, &name, &value));
        CHECK_OK(oauth1_signed_param(sig, i, &sname, &svalue));
        CHECK_STR(name, sname);
        CHECK_STR(value, svalue);
        if (name && strcmp(name, "oauth_signature") == 0) {
            char *plain = take(oauth1_signed_signature, sig);
            CHECK_STR(value, plain);
            oauth1_string_free(plain);
            found++;
        }
        oauth1_string_free(name);
        oauth1_string_free(value);
        oauth1_string_free(sname);
        oauth1_string_free(svalue);
    }
    CHECK(found == 1);
    oauth1_header_params_free(params);

    /* Verify it too (PLAINTEXT-free, with body hash and callback): a token-less
     * request, so the lookup must allow two-legged requests for this consumer. */
    secrets two_legged = {"app-key", "app-secret", "", "", true, 0};
    oauth1_verify_options *opts = NULL;
    CHECK_OK(oauth1_verify_options_new(&opts));
    CHECK_OK(oauth1_verify_options_set_now(opts, (int64_t)ts));
    oauth1_verified *v = NULL;
    CHECK_OK(oauth1_verify("POST", URL, auth, (const uint8_t *)json, strlen(json), "application/json", lookup,
                           &two_legged, opts, &v));
    char *token = (char *)"untouched";
    CHECK_RC(oauth1_verified_token(v, &token), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK_STR(token, "untouched");
    bool checked = false;
    CHECK_OK(oauth1_verified_body_hash_checked(v, &checked));
    CHECK(checked);
    oauth1_verified_free(v);
    v = NULL;
    CHECK_RC(oauth1_verify("POST", URL, auth, (const uint8_t *)"{\"a\":2}", 7, "application/json", lookup,
                           &two_legged, opts, &v),
             OAUTH1_ERR_SIGNATURE_INVALID);
    CHECK(two_legged.calls >= 1);
    oauth1_verify_options_free(opts);
    oauth1_string_free(auth);
    oauth1_signed_free(sig);
    oauth1_signer_free(s);
}

static char *authorization_of(oauth1_signer_builder *b) {
    oauth1_signer *s = NULL;
    oauth1_signed *sig = NULL;
    char *auth = NULL;
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    CHECK_OK(oauth1_signer_sign_with(s, "GET", URL, NULL, 0, NULL, "n", 1700000000, &sig));
    if (sig) auth = take(oauth1_signed_authorization, sig);
    oauth1_signed_free(sig);
    oauth1_signer_free(s);
    return auth;
}

static void credentials_sources(void) {
    oauth1_signer_builder *b = NULL;
    CHECK_OK(oauth1_signer_builder_new("app-key", "app-secret", &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, "access-token", "access-token-secret"));
    char *want = authorization_of(b);
    oauth1_signer_builder_free(b);

    unsetenv("OAUTH1_CONSUMER_KEY");
    b = NULL;
    CHECK_RC(oauth1_signer_builder_from_env(&b), OAUTH1_ERR_CREDENTIALS_SOURCE);
    CHECK(b == NULL);
    setenv("OAUTH1_CONSUMER_KEY", "app-key", 1);
    setenv("OAUTH1_CONSUMER_SECRET", "app-secret", 1);
    setenv("OAUTH1_TOKEN", "access-token", 1);
    setenv("OAUTH1_TOKEN_SECRET", "access-token-secret", 1);
    CHECK_OK(oauth1_signer_builder_from_env(&b));
    char *got = b ? authorization_of(b) : NULL;
    CHECK_STR(got, want);
    oauth1_string_free(got);
    oauth1_signer_builder_free(b);

    char path[] = "/tmp/oauth1-creds-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    const char *json = "{\"appKey\": \"app-key\", \"secret\": \"app-secret\", "
                       "\"accessToken\": \"access-token\", \"accessTokenSecret\": \"access-token-secret\"}";
    CHECK(write(fd, json, strlen(json)) == (ssize_t)strlen(json));
    close(fd);
    b = NULL;
    CHECK_OK(oauth1_signer_builder_from_json_file(path, &b));
    got = b ? authorization_of(b) : NULL;
    CHECK_STR(got, want);
    oauth1_string_free(got);
    oauth1_signer_builder_free(b);
    /* Not UTF-8, not JSON, then missing: the core's credentials_source, as in every binding. */
    FILE *f = fopen(path, "wb");
    fputs("{\"appKey\": \"\xff\"}", f);
    fclose(f);
    b = NULL;
    CHECK_RC(oauth1_signer_builder_from_json_file(path, &b), OAUTH1_ERR_CREDENTIALS_SOURCE);
    f = fopen(path, "wb");
    fputs("appKey=k", f);
    fclose(f);
    CHECK_RC(oauth1_signer_builder_from_json_file(path, &b), OAUTH1_ERR_CREDENTIALS_SOURCE);
    CHECK(b == NULL);
    unlink(path);
    CHECK_RC(oauth1_signer_builder_from_json_file(path, &b), OAUTH1_ERR_CREDENTIALS_SOURCE);
    CHECK(b == NULL);

    CHECK_OK(oauth1_signer_builder_from_json(
        "{\"consumer_key\": \"app-key\", \"consumer_secret\": \"app-secret\", "
        "\"token\": \"access-token\", \"token_secret\": \"access-token-secret\"}",
        &b));
    got = b ? authorization_of(b) : NULL;
    CHECK_STR(got, want);
    oauth1_string_free(got);
    oauth1_signer_builder_free(b);
    oauth1_string_free(want);
}

int main(void) {
    header_round_trip_and_tamper();
    query_and_body_round_trips();
    options_nonce_store_and_clock();
    rejection_details();
    options_in_the_header();
    credentials_sources();
    return check_finish("test_verify");
}
