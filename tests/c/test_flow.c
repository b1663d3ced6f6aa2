/* The three-legged flow (RFC 5849 section 2) driven from C against a real provider:
 * tests/c/provider.py, oauthlib's provider endpoints on 127.0.0.1, which
 * bindings/c/test.sh starts and names in OAUTH1_TEST_PROVIDER. The application does
 * its own HTTP (tests/c/http.h); liboauth1 signs each step and judges each answer.
 *
 * The whole flow with a callback and with "oob", then a protected resource that
 * accepts the final signer; every faulty answer with its code (a missing
 * oauth_callback_confirmed, a refusal with and without oauth_problem, HTML, a redirect
 * carrying another token, a wrong verifier); presets; redirect hops; and NULL and bad
 * UTF-8 in every pointer position, with the outputs left untouched. */
#include "check.h"
#include "http.h"

/* The client registered with tests/c/provider.py. */
#define CONSUMER_KEY "c-flow-consumer"
#define CONSUMER_SECRET "c-flow-consumer-secret"
#define CALLBACK "http://127.0.0.1:9/callback?app=c"

static const char BAD_UTF8[] = {'o', (char)0xff, 'b', 0};
static char SENTINEL_BYTES[] = "untouched";
#define SENTINEL ((void *)SENTINEL_BYTES)

/* The provider's base URL, such as http://127.0.0.1:40123. */
static const char *provider;

/* provider + path, in a static buffer per call site's needs (the tests are sequential). */
static const char *at(const char *path) {
    static char urls[4][512];
    static int next = 0;
    char *url = urls[next++ % 4];
    snprintf(url, sizeof urls[0], "%s%s", provider, path);
    return url;
}

typedef oauth1_result (*accept_fn)(oauth1_flow *, uint16_t, const char *, const char *,
                                   const uint8_t *, size_t);

/* Signs one request with `signer` (header placement), sends it without a body with
 * the application's HTTP client (here tests/c/http.h) and hands the provider's answer
 * to `accept`, the flow's judgement of it. */
static oauth1_result exchange(const oauth1_signer *signer, const char *method, const char *url,
                              oauth1_flow *flow, accept_fn accept) {
    char authorization[2048];
    size_t needed = 0;
    oauth1_result rc = oauth1_signer_sign_into(signer, method, url, NULL, 0, NULL, authorization,
                                               sizeof authorization, &needed);
    if (rc != OAUTH1_OK) return rc;
    struct http_answer answer;
    /* No answer at all (http_send said why): a code no check of this test expects. */
    if (http_send(method, url, authorization, NULL, NULL, 0, &answer) != 0) return OAUTH1_ERR_UNKNOWN_ERROR;
    rc = accept(flow, (uint16_t)answer.status, answer.content_type, answer.www_authenticate,
                answer.body, answer.body_len);
    http_answer_free(&answer);
    return rc;
}

/* Step 1 (section 2.1): the temporary credentials from the provider at `url`. */
static oauth1_result fetch_request_token(oauth1_flow *flow, const char *url) {
    oauth1_signer *signer = NULL;
    oauth1_result rc = oauth1_flow_request_token_signer(flow, &signer);
    if (rc != OAUTH1_OK) return rc;
    rc = exchange(signer, "POST", url, flow, oauth1_flow_accept_request_token);
    oauth1_signer_free(signer);
    return rc;
}

/* Step 3 (section 2.3): the token credentials. */
static oauth1_result fetch_access_token(oauth1_flow *flow) {
    oauth1_signer *signer = NULL;
    oauth1_result rc = oauth1_flow_access_token_signer(flow, &signer);
    if (rc != OAUTH1_OK) return rc;
    rc = exchange(signer, "POST", at("/access_token"), flow, oauth1_flow_accept_access_token);
    oauth1_signer_free(signer);
    return rc;
}

/* Step 2 (section 2.2): the resource owner approves at once; the provider's answer to
 * the authorization URL (a 302 to the callback, or 200 with the verifier for oob). */
static int authorize(oauth1_flow *flow, const char *authorize_path, struct http_answer *answer) {
    char url[1024];
    size_t needed = 0;
    CHECK_OK(oauth1_flow_authorization_url(flow, at(authorize_path), NULL, url, sizeof url, &needed));
    return http_send("GET", url, NULL, NULL, NULL, 0, answer);
}

/* The status of a GET of the protected resource signed by `signer`. */
static int resource_status(const oauth1_signer *signer) {
    const char *url = at("/resource?photo=vacation.jpg&size=original");
    char authorization[2048];
    size_t needed = 0;
    CHECK_OK(oauth1_signer_sign_into(signer, "GET", url, NULL, 0, NULL, authorization,
                                     sizeof authorization, &needed));
    struct http_answer answer;
    if (http_send("GET", url, authorization, NULL, NULL, 0, &answer) != 0) return -1;
    int status = answer.status;
    if (status == 200) CHECK(answer.body_len == 18 && memcmp(answer.body, "protected resource", 18) == 0);
    http_answer_free(&answer);
    return status;
}

static oauth1_flow *new_flow(const char *consumer_secret) {
    oauth1_signer_builder *consumer = NULL;
    oauth1_flow *flow = NULL;
    CHECK_OK(oauth1_signer_builder_new(CONSUMER_KEY, consumer_secret, &consumer));
    CHECK_OK(oauth1_flow_new(consumer, &flow));
    oauth1_signer_builder_free(consumer);
    return flow;
}

/* The whole flow with a callback: the provider redirects back, the flow reads the
 * verifier from the redirect, and the final signer reaches the protected resource;
 * so does a signer built elsewhere from the token getters' values. */
static void full_flow_with_callback(void) {
    oauth1_flow *flow = new_flow(CONSUMER_SECRET);
    CHECK_OK(oauth1_flow_set_callback(flow, CALLBACK));
    char *token = SENTINEL;
    CHECK_RC(oauth1_flow_request_token(flow, &token), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(token == SENTINEL);
    CHECK_OK(fetch_request_token(flow, at("/request_token")));
    CHECK_OK(oauth1_flow_request_token(flow, &token));
    CHECK(token != SENTINEL && strlen(token) > 0);

    /* The authorization URL: the temporary token and the extra parameters. */
    const char *extra[] = {"perms", "read write", "name", "C test", NULL};
    char url[1024];
    size_t needed = 0;
    CHECK_RC(oauth1_flow_authorization_url(flow, at("/authorize"), extra, NULL, 0, &needed),
             OAUTH1_ERR_BUFFER_TOO_SMALL);
    CHECK(needed > strlen(provider));
    size_t exact = needed;
    CHECK_OK(oauth1_flow_authorization_url(flow, at("/authorize"), extra, url, exact, &needed));
    CHECK(needed == exact && strlen(url) + 1 == exact);
    CHECK(strncmp(url, at("/authorize?"), strlen(at("/authorize?"))) == 0);
    char expected_token[256];
    snprintf(expected_token, sizeof expected_token, "oauth_token=%s", token);
    CHECK(strstr(url, expected_token) != NULL);
    CHECK(strstr(url, "perms=read%20write") != NULL);
    CHECK(strstr(url, "name=C%20test") != NULL);

    struct http_answer answer;
    CHECK(http_send("GET", url, NULL, NULL, NULL, 0, &answer) == 0);
    CHECK(answer.status == 302 && answer.location != NULL);
    CHECK(answer.location && strncmp(answer.location, CALLBACK, strlen(CALLBACK)) == 0);
    char *verifier = SENTINEL;
    CHECK_OK(oauth1_flow_accept_authorization_response(flow, answer.location, &verifier));
    CHECK(verifier != SENTINEL && strlen(verifier) > 0);
    CHECK(answer.location && strstr(answer.location, verifier) != NULL);
    oauth1_string_free(verifier);
    http_answer_free(&answer);

    oauth1_signer *early = SENTINEL;
    CHECK_RC(oauth1_flow_signer(flow, &early), OAUTH1_ERR_INVALID_OPTION);
    CHECK(early == SENTINEL);
    CHECK_OK(fetch_access_token(flow));

    /* The token credentials: the token, and its secret into a caller buffer. */
    char *access = NULL;
    CHECK_OK(oauth1_flow_access_token(flow, &access));
    CHECK(access && strlen(access) > 0 && strcmp(access, token) != 0);
    char secret[128];
    CHECK_RC(oauth1_flow_access_token_secret(flow, secret, 1, &needed), OAUTH1_ERR_BUFFER_TOO_SMALL);
    CHECK(needed > 1);
    CHECK_OK(oauth1_flow_access_token_secret(flow, secret, sizeof secret, &needed));
    CHECK(strlen(secret) + 1 == needed);

    oauth1_signer *signer = NULL;
    CHECK_OK(oauth1_flow_signer(flow, &signer));
    CHECK(resource_status(signer) == 200);
    oauth1_signer_free(signer);

    /* The application saves the two values and signs with them later. */
    oauth1_signer_builder *later = NULL;
    CHECK_OK(oauth1_signer_builder_new(CONSUMER_KEY, CONSUMER_SECRET, &later));
    CHECK_OK(oauth1_signer_builder_set_token(later, access, secret));
    CHECK_OK(oauth1_signer_builder_build(later, &signer));
    CHECK(resource_status(signer) == 200);
    oauth1_signer_free(signer);
    /* The resource refuses what it should: the temporary token is not an access token. */
    CHECK_OK(oauth1_signer_builder_set_token(later, token, secret));
    CHECK_OK(oauth1_signer_builder_build(later, &signer));
    CHECK(resource_status(signer) == 401);
    oauth1_signer_free(signer);
    oauth1_signer_builder_free(later);

    oauth1_string_free(access);
    oauth1_string_free(token);
    oauth1_flow_free(flow);
}

/* The value of `name` in a form body, copied into `out`. */
static int form_value(const uint8_t *body, size_t len, const char *name, char *out, size_t cap) {
    char text[512];
    if (len >= sizeof text) return -1;
    memcpy(text, body, len);
    text[len] = 0;
    for (char *pair = strtok(text, "&"); pair; pair = strtok(NULL, "&")) {
        size_t n = strlen(name);
        if (strncmp(pair, name, n) == 0 && pair[n] == '=') {
            snprintf(out, cap, "%s", pair + n + 1);
            return 0;
        }
    }
    return -1;
}

/* Out of band (section 2.1, "oob", the default): the provider shows the verifier,
 * the user types it in. A wrong verifier is refused by the provider first. */
static void full_flow_out_of_band(void) {
    oauth1_flow *flow = new_flow(CONSUMER_SECRET);
    CHECK_OK(fetch_request_token(flow, at("/request_token")));
    struct http_answer answer;
    CHECK(authorize(flow, "/authorize", &answer) == 0);
    CHECK(answer.status == 200);
    char verifier[128] = "";
    CHECK(form_value(answer.body, answer.body_len, "oauth_verifier", verifier, sizeof verifier) == 0);
    http_answer_free(&answer);

    /* oauthlib refuses a wrong verifier with a bare 401. */
    CHECK_OK(oauth1_flow_set_verifier(flow, "not-the-verifier"));
    CHECK_RC(fetch_access_token(flow), OAUTH1_ERR_PROVIDER_ERROR);
    char *access = SENTINEL;
    CHECK_RC(oauth1_flow_access_token(flow, &access), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(access == SENTINEL);

    CHECK_OK(oauth1_flow_set_verifier(flow, verifier));
    CHECK_OK(fetch_access_token(flow));
    oauth1_signer *signer = NULL;
    CHECK_OK(oauth1_flow_signer(flow, &signer));
    CHECK(resource_status(signer) == 200);
    oauth1_signer_free(signer);
    oauth1_flow_free(flow);
}

/* Each faulty answer, from the provider's faulty routes, gets its code, and the flow
 * keeps no token from it. */
static void bad_answers(void) {
    char *token = SENTINEL;

    /* An OAuth 1.0 provider: no oauth_callback_confirmed=true. */
    oauth1_flow *flow = new_flow(CONSUMER_SECRET);
    CHECK_OK(oauth1_flow_set_callback(flow, CALLBACK));
    CHECK_RC(fetch_request_token(flow, at("/unconfirmed/request_token")), OAUTH1_ERR_CALLBACK_UNCONFIRMED);
    CHECK_RC(oauth1_flow_request_token(flow, &token), OAUTH1_ERR_NOT_AVAILABLE);
    oauth1_flow_free(flow);

    /* A wrong consumer secret: oauthlib's bare 401, and Problem Reporting's
     * signature_invalid, which keeps its own code. */
    flow = new_flow("not-the-consumer-secret");
    CHECK_RC(fetch_request_token(flow, at("/request_token")), OAUTH1_ERR_PROVIDER_ERROR);
    CHECK_RC(fetch_request_token(flow, at("/problem/request_token")), OAUTH1_ERR_SIGNATURE_INVALID);
    CHECK_RC(oauth1_flow_request_token(flow, &token), OAUTH1_ERR_NOT_AVAILABLE);
    oauth1_flow_free(flow);

    /* An HTML page where the form body belongs. */
    flow = new_flow(CONSUMER_SECRET);
    CHECK_RC(fetch_request_token(flow, at("/html/request_token")), OAUTH1_ERR_RESPONSE_INVALID);
    CHECK_RC(oauth1_flow_request_token(flow, &token), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(token == SENTINEL);

    /* The redirect back carries another authorization's token. */
    CHECK_OK(oauth1_flow_set_callback(flow, CALLBACK));
    CHECK_OK(fetch_request_token(flow, at("/request_token")));
    struct http_answer answer;
    CHECK(authorize(flow, "/swap/authorize", &answer) == 0);
    CHECK(answer.status == 302 && answer.location && strstr(answer.location, "another-sessions-token"));
    char *verifier = SENTINEL;
    CHECK_RC(oauth1_flow_accept_authorization_response(flow, answer.location ? answer.location : "", &verifier),
             OAUTH1_ERR_TOKEN_MISMATCH);
    CHECK(verifier == SENTINEL);
    http_answer_free(&answer);
    /* So no verifier was taken: the access-token step cannot start. */
    oauth1_signer *signer = SENTINEL;
    CHECK_RC(oauth1_flow_access_token_signer(flow, &signer), OAUTH1_ERR_INVALID_OPTION);
    CHECK(signer == SENTINEL);
    oauth1_flow_free(flow);
}

/* Presets: an unknown name, a missing value, and what a known one sets. */
static void presets(void) {
    oauth1_signer_builder *b = NULL;
    CHECK_OK(oauth1_signer_builder_new("consumer", "secret", &b));
    CHECK_RC(oauth1_signer_builder_set_provider(b, "no-such-provider", NULL), OAUTH1_ERR_UNKNOWN_PROVIDER);
    CHECK_RC(oauth1_signer_builder_set_provider(b, "netsuite", NULL), OAUTH1_ERR_INVALID_OPTION);
    const char *odd[] = {"account", NULL};
    CHECK_RC(oauth1_signer_builder_set_provider(b, "netsuite", odd), OAUTH1_ERR_NULL_PARAMETER);
    const char *unknown_value[] = {"acount", "1234567", NULL};
    CHECK_RC(oauth1_signer_builder_set_provider(b, "netsuite", unknown_value), OAUTH1_ERR_INVALID_OPTION);
    const char *account[] = {"account", "1234567_SB1", NULL};
    CHECK_OK(oauth1_signer_builder_set_provider(b, "NetSuite", account));
    CHECK_OK(oauth1_signer_builder_set_token(b, "token", "token-secret"));
    oauth1_signer *s = NULL;
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signed *signed_ = NULL;
    CHECK_OK(oauth1_signer_sign(s, "GET", "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl",
                                NULL, 0, NULL, &signed_));
    char *header = NULL;
    CHECK_OK(oauth1_signed_authorization(signed_, &header));
    CHECK(header && strncmp(header, "OAuth realm=\"1234567_SB1\", ", 27) == 0);
    CHECK(header && strstr(header, "oauth_signature_method=\"HMAC-SHA256\""));
    oauth1_string_free(header);
    oauth1_signed_free(signed_);
    oauth1_signer_free(s);
    /* The builder's own setting wins over the preset's, in either order. */
    CHECK_OK(oauth1_signer_builder_set_signature_method(b, "HMAC-SHA512"));
    CHECK_OK(oauth1_signer_builder_set_provider(b, "netsuite", account));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    CHECK_OK(oauth1_signer_sign(s, "GET", "https://example.com/", NULL, 0, NULL, &signed_));
    CHECK_OK(oauth1_signed_authorization(signed_, &header));
    CHECK(header && strstr(header, "oauth_signature_method=\"HMAC-SHA512\""));
    oauth1_string_free(header);
    oauth1_signed_free(signed_);
    oauth1_signer_free(s);

    /* A flow with a preset knows the provider's endpoints and authorization parameters:
     * from the consumer's builder, or set on the flow. */
    oauth1_flow *flow = NULL;
    CHECK_OK(oauth1_flow_new(b, &flow));
    char *url = NULL;
    CHECK_OK(oauth1_flow_request_token_url(flow, &url));
    CHECK_STR(url, "https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken");
    oauth1_string_free(url);
    oauth1_flow_free(flow);
    oauth1_signer_builder *plain = NULL;
    CHECK_OK(oauth1_signer_builder_new("consumer", "secret", &plain));
    CHECK_OK(oauth1_flow_new(plain, &flow));
    oauth1_signer_builder_free(plain);
    url = SENTINEL;
    CHECK_RC(oauth1_flow_request_token_url(flow, &url), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(url == SENTINEL);
    CHECK_RC(oauth1_flow_set_provider(flow, "no-such-provider", NULL), OAUTH1_ERR_UNKNOWN_PROVIDER);
    CHECK_RC(oauth1_flow_set_provider(flow, "netsuite", NULL), OAUTH1_ERR_INVALID_OPTION);
    CHECK_RC(oauth1_flow_request_token_url(flow, &url), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK_OK(oauth1_flow_set_provider(flow, "netsuite", account));
    CHECK_OK(oauth1_flow_request_token_url(flow, &url));
    CHECK_STR(url, "https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken");
    oauth1_string_free(url);
    /* The preset's signing settings apply to the flow's signers. */
    oauth1_signer *step1 = NULL;
    CHECK_OK(oauth1_flow_request_token_signer(flow, &step1));
    CHECK_OK(oauth1_signer_sign(step1, "POST", "https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken",
                                NULL, 0, NULL, &signed_));
    CHECK_OK(oauth1_signed_authorization(signed_, &header));
    CHECK(header && strncmp(header, "OAuth realm=\"1234567_SB1\", ", 27) == 0);
    CHECK(header && strstr(header, "oauth_signature_method=\"HMAC-SHA256\""));
    CHECK(header && strstr(header, "oauth_callback=\"oob\""));
    oauth1_string_free(header);
    oauth1_signed_free(signed_);
    oauth1_signer_free(step1);
    CHECK_OK(oauth1_flow_authorize_url(flow, &url));
    CHECK(url && strncmp(url, "https://", 8) == 0);
    oauth1_string_free(url);
    CHECK_OK(oauth1_flow_access_token_url(flow, &url));
    CHECK(url && strncmp(url, "https://", 8) == 0);
    oauth1_string_free(url);
    oauth1_flow_free(flow);

    /* Trello's authorization parameters, with the caller's value winning. */
    CHECK_OK(oauth1_flow_new(b, &flow));
    CHECK_OK(oauth1_flow_set_provider(flow, "trello", NULL));
    CHECK_OK(oauth1_flow_set_request_token(flow, "temporary-token", "temporary-secret"));
    const char *extra[] = {"expiration", "never", NULL};
    char buf[512];
    size_t needed = 0;
    CHECK_OK(oauth1_flow_authorization_url(flow, NULL, extra, buf, sizeof buf, &needed));
    CHECK(strncmp(buf, "https://trello.com/1/OAuthAuthorizeToken?", 41) == 0);
    CHECK(strstr(buf, "oauth_token=temporary-token") != NULL);
    CHECK(strstr(buf, "scope=read") != NULL);
    CHECK(strstr(buf, "expiration=never") != NULL);
    CHECK(strstr(buf, "expiration=30days") == NULL);
    oauth1_flow_free(flow);
    oauth1_signer_builder_free(b);
}

/* A redirect is a new request: a new signature for its method and URL, or none. */
static void redirect_hops(void) {
    char *method = SENTINEL, *url = SENTINEL;
    bool keep_body = true, sign = false;
    CHECK_RC(oauth1_redirect_hop(200, "GET", "https://api.example.com/a", "/b", NULL, &method, &url,
                                 &keep_body, &sign),
             OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(method == SENTINEL && url == SENTINEL && keep_body && !sign);

    CHECK_OK(oauth1_redirect_hop(303, "POST", "https://api.example.com/a", "/b?x=1", NULL, &method, &url,
                                 &keep_body, &sign));
    CHECK_STR(method, "GET");
    CHECK_STR(url, "https://api.example.com/b?x=1");
    CHECK(!keep_body && sign);
    oauth1_string_free(method);
    oauth1_string_free(url);

    CHECK_OK(oauth1_redirect_hop(307, "POST", "https://api.example.com/a", "b", NULL, &method, &url,
                                 &keep_body, &sign));
    CHECK_STR(method, "POST");
    CHECK_STR(url, "https://api.example.com/b");
    CHECK(keep_body && sign);
    oauth1_string_free(method);
    oauth1_string_free(url);

    /* Another origin gets no signature unless it is trusted. */
    CHECK_OK(oauth1_redirect_hop(302, "GET", "https://api.example.com/a", "https://cdn.example.com/c", NULL,
                                 &method, &url, &keep_body, &sign));
    CHECK(!sign);
    oauth1_string_free(method);
    oauth1_string_free(url);
    const char *trusted[] = {"https://other.example.com", "https://cdn.example.com", NULL};
    CHECK_OK(oauth1_redirect_hop(302, "GET", "https://api.example.com/a", "https://cdn.example.com/c", trusted,
                                 &method, &url, &keep_body, &sign));
    CHECK(sign);
    oauth1_string_free(method);
    oauth1_string_free(url);

    method = url = SENTINEL;
    CHECK_RC(oauth1_redirect_hop(302, "GET", "not a url", "/b", NULL, &method, &url, &keep_body, &sign),
             OAUTH1_ERR_INVALID_URL);
    CHECK_RC(oauth1_redirect_hop(302, NULL, "https://a.example/", "/b", NULL, &method, &url, &keep_body, &sign),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_redirect_hop(302, "GET", NULL, "/b", NULL, &method, &url, &keep_body, &sign),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_redirect_hop(302, "GET", "https://a.example/", NULL, NULL, &method, &url, &keep_body, &sign),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_redirect_hop(302, "GET", "https://a.example/", "/b", NULL, NULL, &url, &keep_body, &sign),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_redirect_hop(302, "GET", "https://a.example/", "/b", NULL, &method, NULL, &keep_body, &sign),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_redirect_hop(302, "GET", "https://a.example/", "/b", NULL, &method, &url, NULL, &sign),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_redirect_hop(302, "GET", "https://a.example/", "/b", NULL, &method, &url, &keep_body, NULL),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_redirect_hop(302, BAD_UTF8, "https://a.example/", "/b", NULL, &method, &url, &keep_body, &sign),
             OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_redirect_hop(302, "GET", "https://a.example/", BAD_UTF8, NULL, &method, &url, &keep_body, &sign),
             OAUTH1_ERR_INVALID_UTF8);
    const char *bad_trusted[] = {BAD_UTF8, NULL};
    CHECK_RC(oauth1_redirect_hop(302, "GET", "https://a.example/", "/b", bad_trusted, &method, &url, &keep_body,
                                 &sign),
             OAUTH1_ERR_INVALID_UTF8);
    CHECK(method == SENTINEL && url == SENTINEL);
}

/* The callback a flow sends: the builder's, replaced by oauth1_flow_set_callback(). */
static void callbacks(void) {
    oauth1_signer_builder *b = NULL;
    CHECK_OK(oauth1_signer_builder_new(CONSUMER_KEY, CONSUMER_SECRET, &b));
    const char *expected[] = {"oauth_callback=\"oob\"", "oauth_callback=\"https%3A%2F%2Fapp.example%2Fback\"",
                              "oauth_callback=\"https%3A%2F%2Fapp.example%2Fother\""};
    for (int i = 0; i < 3; i++) {
        if (i == 1) CHECK_OK(oauth1_signer_builder_set_callback(b, "https://app.example/back"));
        oauth1_flow *flow = NULL;
        CHECK_OK(oauth1_flow_new(b, &flow));
        if (i == 2) CHECK_OK(oauth1_flow_set_callback(flow, "https://app.example/other"));
        oauth1_signer *signer = NULL;
        CHECK_OK(oauth1_flow_request_token_signer(flow, &signer));
        oauth1_signed *signed_ = NULL;
        CHECK_OK(oauth1_signer_sign(signer, "POST", "https://p.example/request", NULL, 0, NULL, &signed_));
        char *header = NULL;
        CHECK_OK(oauth1_signed_authorization(signed_, &header));
        CHECK(header && strstr(header, expected[i]) != NULL);
        CHECK(header && strstr(header, "oauth_token=") == NULL);
        oauth1_string_free(header);
        oauth1_signed_free(signed_);
        oauth1_signer_free(signer);
        oauth1_flow_free(flow);
    }
    oauth1_signer_builder_free(b);
}

/* NULL and bad UTF-8 in every pointer position, and steps out of order: a clear code,
 * never a crash, and the outputs left as they were. */
static void misuse(void) {
    oauth1_signer_builder *consumer = NULL;
    CHECK_OK(oauth1_signer_builder_new(CONSUMER_KEY, CONSUMER_SECRET, &consumer));
    oauth1_flow *flow = SENTINEL;
    CHECK_RC(oauth1_flow_new(NULL, &flow), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_new(consumer, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK(flow == SENTINEL);
    /* A consumer without a secret or a private key cannot sign any step. */
    oauth1_signer_builder *keyless = NULL;
    CHECK_OK(oauth1_signer_builder_new(CONSUMER_KEY, NULL, &keyless));
    CHECK_RC(oauth1_flow_new(keyless, &flow), OAUTH1_ERR_INVALID_CREDENTIALS);
    CHECK(flow == SENTINEL);
    oauth1_signer_builder_free(keyless);
    CHECK_RC(oauth1_signer_builder_set_provider(NULL, "x", NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_provider(consumer, NULL, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_provider(consumer, BAD_UTF8, NULL), OAUTH1_ERR_INVALID_UTF8);
    const char *bad_values[] = {"account", BAD_UTF8, NULL};
    CHECK_RC(oauth1_signer_builder_set_provider(consumer, "netsuite", bad_values), OAUTH1_ERR_INVALID_UTF8);

    CHECK_OK(oauth1_flow_new(consumer, &flow));
    oauth1_signer_builder_free(consumer);
    oauth1_flow_free(NULL);

    CHECK_RC(oauth1_flow_set_callback(NULL, CALLBACK), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_set_callback(flow, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_set_callback(flow, BAD_UTF8), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_flow_set_provider(NULL, "x", NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_set_provider(flow, NULL, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_set_provider(flow, BAD_UTF8, NULL), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_flow_set_provider(flow, "netsuite", bad_values), OAUTH1_ERR_INVALID_UTF8);

    oauth1_signer *signer = SENTINEL;
    CHECK_RC(oauth1_flow_request_token_signer(NULL, &signer), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_request_token_signer(flow, NULL), OAUTH1_ERR_NULL_PARAMETER);
    /* Steps out of order (there is no temporary token yet) are the core's
     * invalid_option, as in every binding. */
    CHECK_RC(oauth1_flow_access_token_signer(flow, &signer), OAUTH1_ERR_INVALID_OPTION);
    CHECK_RC(oauth1_flow_signer(flow, &signer), OAUTH1_ERR_INVALID_OPTION);
    CHECK(signer == SENTINEL);
    char buf[256];
    size_t needed = 7;
    CHECK_RC(oauth1_flow_authorization_url(flow, at("/authorize"), NULL, buf, sizeof buf, &needed),
             OAUTH1_ERR_INVALID_OPTION);
    char *verifier = SENTINEL;
    CHECK_RC(oauth1_flow_accept_authorization_response(flow, "oauth_token=t&oauth_verifier=v", &verifier),
             OAUTH1_ERR_INVALID_OPTION);
    CHECK_RC(oauth1_flow_access_token_secret(flow, buf, sizeof buf, &needed), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(needed == 7);

    const uint8_t form[] = "oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true";
    const char *ct = "application/x-www-form-urlencoded";
    CHECK_RC(oauth1_flow_accept_request_token(NULL, 200, ct, NULL, form, sizeof form - 1), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_accept_request_token(flow, 200, ct, NULL, NULL, 5), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_accept_request_token(flow, 200, BAD_UTF8, NULL, form, sizeof form - 1), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_flow_accept_request_token(flow, 401, ct, BAD_UTF8, form, sizeof form - 1), OAUTH1_ERR_INVALID_UTF8);
    /* An empty answer is no token response. */
    CHECK_RC(oauth1_flow_accept_request_token(flow, 200, NULL, NULL, NULL, 0), OAUTH1_ERR_RESPONSE_INVALID);
    CHECK_RC(oauth1_flow_accept_access_token(NULL, 200, ct, NULL, form, sizeof form - 1), OAUTH1_ERR_NULL_PARAMETER);

    /* A flow resumed with the temporary credentials saved earlier. */
    CHECK_RC(oauth1_flow_set_request_token(NULL, "t", "s"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_set_request_token(flow, NULL, "s"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_set_request_token(flow, "t", NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_set_request_token(flow, BAD_UTF8, "s"), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_flow_set_request_token(flow, "t", BAD_UTF8), OAUTH1_ERR_INVALID_UTF8);
    CHECK_OK(oauth1_flow_set_request_token(flow, "temporary", "temporary-secret"));
    char *token = SENTINEL;
    CHECK_RC(oauth1_flow_request_token(NULL, &token), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_request_token(flow, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK(token == SENTINEL);

    CHECK_RC(oauth1_flow_authorization_url(NULL, "https://p.example/a", NULL, buf, sizeof buf, &needed),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_authorization_url(flow, "https://p.example/a", NULL, buf, sizeof buf, NULL),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_authorization_url(flow, "https://p.example/a", NULL, NULL, 10, &needed),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_authorization_url(flow, BAD_UTF8, NULL, buf, sizeof buf, &needed), OAUTH1_ERR_INVALID_UTF8);
    /* No provider and no URL given: there is nothing to build on. */
    CHECK_RC(oauth1_flow_authorization_url(flow, NULL, NULL, buf, sizeof buf, &needed), OAUTH1_ERR_INVALID_OPTION);
    const char *odd[] = {"perms", NULL};
    CHECK_RC(oauth1_flow_authorization_url(flow, "https://p.example/a", odd, buf, sizeof buf, &needed),
             OAUTH1_ERR_NULL_PARAMETER);
    const char *bad_extra[] = {"perms", BAD_UTF8, NULL};
    CHECK_RC(oauth1_flow_authorization_url(flow, "https://p.example/a", bad_extra, buf, sizeof buf, &needed),
             OAUTH1_ERR_INVALID_UTF8);
    CHECK(needed == 7);

    CHECK_RC(oauth1_flow_accept_authorization_response(NULL, "https://c.example/?oauth_token=temporary&oauth_verifier=v",
                                                       &verifier),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_accept_authorization_response(flow, NULL, &verifier), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_accept_authorization_response(flow, "https://c.example/?oauth_token=temporary&oauth_verifier=v",
                                                       NULL),
             OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_accept_authorization_response(flow, BAD_UTF8, &verifier), OAUTH1_ERR_INVALID_UTF8);
    /* No token at all in the redirect: it cannot be tied to this flow. */
    CHECK_RC(oauth1_flow_accept_authorization_response(flow, "https://c.example/?oauth_verifier=v", &verifier),
             OAUTH1_ERR_TOKEN_MISMATCH);
    /* The user said no; and a redirect without a verifier. */
    CHECK_RC(oauth1_flow_accept_authorization_response(flow, "oauth_token=temporary&denied=temporary", &verifier),
             OAUTH1_ERR_PROVIDER_ERROR);
    CHECK_RC(oauth1_flow_accept_authorization_response(flow, "https://c.example/?oauth_token=temporary", &verifier),
             OAUTH1_ERR_RESPONSE_INVALID);
    CHECK(verifier == SENTINEL);
    /* A bare query works as well as a URL. */
    CHECK_OK(oauth1_flow_accept_authorization_response(flow, "oauth_token=temporary&oauth_verifier=v%20x", &verifier));
    CHECK_STR(verifier, "v x");
    oauth1_string_free(verifier);

    CHECK_RC(oauth1_flow_set_verifier(NULL, "v"), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_set_verifier(flow, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_set_verifier(flow, BAD_UTF8), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_flow_access_token_signer(NULL, &signer), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_access_token_signer(flow, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_OK(oauth1_flow_access_token_signer(flow, &signer));
    oauth1_signed *signed_ = NULL;
    CHECK_OK(oauth1_signer_sign(signer, "POST", "https://p.example/access", NULL, 0, NULL, &signed_));
    char *header = NULL;
    CHECK_OK(oauth1_signed_authorization(signed_, &header));
    CHECK(header && strstr(header, "oauth_token=\"temporary\"") && strstr(header, "oauth_verifier=\"v%20x\""));
    oauth1_string_free(header);
    oauth1_signed_free(signed_);
    oauth1_signer_free(signer);

    const uint8_t access[] = "oauth_token=access&oauth_token_secret=access-secret&user_id=42";
    CHECK_OK(oauth1_flow_accept_access_token(flow, 200, ct, NULL, access, sizeof access - 1));
    CHECK_RC(oauth1_flow_access_token(NULL, &token), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_access_token(flow, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_OK(oauth1_flow_access_token(flow, &token));
    CHECK_STR(token, "access");
    oauth1_string_free(token);
    CHECK_RC(oauth1_flow_access_token_secret(NULL, buf, sizeof buf, &needed), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_access_token_secret(flow, buf, sizeof buf, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_access_token_secret(flow, NULL, 4, &needed), OAUTH1_ERR_NULL_PARAMETER);
    needed = 0;
    CHECK_RC(oauth1_flow_access_token_secret(flow, NULL, 0, &needed), OAUTH1_ERR_BUFFER_TOO_SMALL);
    CHECK(needed == sizeof "access-secret");
    CHECK_OK(oauth1_flow_access_token_secret(flow, buf, needed, &needed));
    CHECK_STR(buf, "access-secret");

    /* The other parameters of the last answer, such as X's user_id. */
    char *value = SENTINEL;
    CHECK_RC(oauth1_flow_response_param(NULL, "user_id", &value), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_response_param(flow, NULL, &value), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_response_param(flow, "user_id", NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_response_param(flow, BAD_UTF8, &value), OAUTH1_ERR_INVALID_UTF8);
    CHECK_RC(oauth1_flow_response_param(flow, "screen_name", &value), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(value == SENTINEL);
    CHECK_OK(oauth1_flow_response_param(flow, "user_id", &value));
    CHECK_STR(value, "42");
    oauth1_string_free(value);

    CHECK_RC(oauth1_flow_signer(NULL, &signer), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_signer(flow, NULL), OAUTH1_ERR_NULL_PARAMETER);
    char *url = SENTINEL;
    CHECK_RC(oauth1_flow_request_token_url(NULL, &url), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_authorize_url(flow, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_flow_access_token_url(flow, &url), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(url == SENTINEL);
    oauth1_flow_free(flow);
}

int main(void) {
    provider = getenv("OAUTH1_TEST_PROVIDER");
    if (!provider || strncmp(provider, "http://", 7) != 0) {
        fprintf(stderr, "test_flow: set OAUTH1_TEST_PROVIDER to the base URL of tests/c/provider.py "
                        "(bindings/c/test.sh does)\n");
        return 1;
    }
    full_flow_with_callback();
    full_flow_out_of_band();
    bad_answers();
    presets();
    callbacks();
    redirect_hops();
    misuse();
    return check_finish("test_flow");
}
