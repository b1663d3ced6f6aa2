/* No secret shows in any text the C API renders: oauth1_result_message() and
 * oauth1_result_name() for every code (and numbers that are not codes), every string
 * accessor of a signing and a verification result, after signing, verifying and
 * failing on purpose, with all four signature methods and all three placements.
 *
 * The secrets share the marker "sekr3t", made of unreserved characters, so it survives
 * percent-encoding: finding it finds the raw, percent-encoded and form-encoded forms.
 * PLAINTEXT sends the key itself as the signature (RFC 5849 section 3.4.4), so there
 * the wire values (signature, Authorization header, signed URL/body, oauth_signature)
 * must carry it and nothing else may. */
#include "check.h"

#define MARKER "sekr3t"
#define CONSUMER_SECRET "CS-Zq9!sekr3t/+&\xc3\xa9"
#define TOKEN_SECRET "TS-Xw7 sekr3t%=~"
#define URL "https://api.example.com/v1/items?b=2&a=1"
#define FORM "application/x-www-form-urlencoded"
#define NONCE "abcdef0123456789"
#define TS INT64_C(1700000000)

static const char *const FORBIDDEN[] = {
    MARKER, CONSUMER_SECRET, TOKEN_SECRET,
    "CS-Zq9%21sekr3t%2F%2B%26%C3%A9", /* percent-encoded */
    "TS-Xw7%20sekr3t%25%3D~", "TS-Xw7+sekr3t%25%3D~", /* and form-encoded */
};

static int clean(const char *text) {
    for (size_t i = 0; i < sizeof FORBIDDEN / sizeof FORBIDDEN[0]; i++) {
        if (strstr(text, FORBIDDEN[i])) return 0;
    }
    return 1;
}

/* Checks a string the library returned and frees it; `may_hold_key` for PLAINTEXT's
 * wire values, which must hold the encoded consumer secret. */
static void check_text(oauth1_result rc, char *text, const char *what, int may_hold_key) {
    check_count++;
    if (rc != OAUTH1_OK) return;
    if (may_hold_key) {
        CHECK(strstr(text, MARKER) != NULL);
    } else if (!clean(text)) {
        check_failures++;
        fprintf(stderr, "%s shows a secret: %s\n", what, text);
    }
    oauth1_string_free(text);
}

/* Calls an accessor, then checks the string it returned. */
#define TEXT(fn, obj, what, may_hold_key)                      \
    do {                                                       \
        char *text_ = NULL;                                    \
        oauth1_result rc_ = fn((obj), &text_);                 \
        check_text(rc_, text_, (what), (may_hold_key));        \
    } while (0)

static oauth1_signer *make_signer(const char *method, oauth1_placement placement) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    CHECK_OK(oauth1_signer_builder_new("app-key", CONSUMER_SECRET, &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, "access-token", TOKEN_SECRET));
    CHECK_OK(oauth1_signer_builder_set_signature_method(b, method));
    CHECK_OK(oauth1_signer_builder_set_placement(b, placement));
    CHECK_OK(oauth1_signer_builder_set_realm(b, "R"));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signer_builder_free(b);
    return s;
}

static const char *lookup_secret = CONSUMER_SECRET;
static const char *lookup_token_secret = TOKEN_SECRET;

static void lookup(void *user_data, const char *consumer_key, const char *token, oauth1_secret_sink *sink) {
    (void)user_data;
    (void)consumer_key;
    oauth1_secret_sink_set(sink, token ? lookup_token_secret : lookup_secret);
}

static void check_verified(oauth1_verified *v) {
    TEXT(oauth1_verified_consumer_key, v, "verified consumer key", 0);
    TEXT(oauth1_verified_token, v, "verified token", 0);
    TEXT(oauth1_verified_signature_method, v, "verified method", 0);
    TEXT(oauth1_verified_nonce, v, "verified nonce", 0);
    TEXT(oauth1_verified_realm, v, "verified realm", 0);
    TEXT(oauth1_verified_base_string, v, "verified base string", 0);
}

static void sign_and_verify(const char *method, oauth1_placement placement) {
    int plaintext = strcmp(method, "PLAINTEXT") == 0;
    oauth1_signer *signer = make_signer(method, placement);
    const char *body = "c=3&d=4";
    oauth1_signed *sd = NULL;
    CHECK_OK(oauth1_signer_sign_with(signer, "POST", URL, (const uint8_t *)body, strlen(body), FORM, NONCE, TS, &sd));
    char *auth = NULL, *url = NULL, *signed_body = NULL;
    size_t body_len = 0;
    TEXT(oauth1_signed_signature, sd, "signature", plaintext);
    TEXT(oauth1_signed_base_string, sd, "base string", 0);
    TEXT(oauth1_signed_nonce, sd, "nonce", 0);
    CHECK_OK(oauth1_signed_authorization(sd, &auth));
    oauth1_result url_rc = oauth1_signed_url(sd, &url);
    oauth1_result body_rc = oauth1_signed_body(sd, &signed_body, &body_len);
    size_t count = 0;
    CHECK_OK(oauth1_signed_param_count(sd, &count));
    for (size_t i = 0; i < count; i++) {
        char *name = NULL, *value = NULL;
        CHECK_OK(oauth1_signed_param(sd, i, &name, &value));
        int is_signature = strcmp(name, "oauth_signature") == 0;
        check_text(OAUTH1_OK, name, "param name", 0);
        check_text(OAUTH1_OK, value, "param value", plaintext && is_signature);
    }
    /* Into the caller's buffer, too. */
    char buf[2048];
    size_t needed = 0;
    CHECK_OK(oauth1_signer_sign_with_into(signer, "POST", URL, (const uint8_t *)body, strlen(body), FORM, NONCE, TS,
                                          buf, sizeof buf, &needed));
    CHECK(plaintext ? strstr(buf, MARKER) != NULL : clean(buf));

    /* Verify with the right secrets, then with wrong ones and a tampered URL. */
    const char *recv_url = url_rc == OAUTH1_OK ? url : URL;
    const uint8_t *recv_body = body_rc == OAUTH1_OK ? (const uint8_t *)signed_body : (const uint8_t *)body;
    size_t recv_len = body_rc == OAUTH1_OK ? body_len : strlen(body);
    const char *recv_auth = placement == OAUTH1_PLACEMENT_HEADER ? auth : NULL;
    oauth1_verify_options *o = NULL;
    CHECK_OK(oauth1_verify_options_new(&o));
    CHECK_OK(oauth1_verify_options_set_now(o, TS));
    /* PLAINTEXT is accepted only when named (and over https, as URL is). */
    if (plaintext) CHECK_OK(oauth1_verify_options_set_signature_methods(o, "HMAC-SHA1,PLAINTEXT"));
    oauth1_verified *v = NULL;
    lookup_secret = CONSUMER_SECRET;
    lookup_token_secret = TOKEN_SECRET;
    CHECK_OK(oauth1_verify("POST", recv_url, recv_auth, recv_body, recv_len, FORM, lookup, NULL, o, &v));
    check_verified(v);
    oauth1_verified_free(v);
    lookup_secret = "wrong-" CONSUMER_SECRET;
    lookup_token_secret = "wrong-" TOKEN_SECRET;
    CHECK_RC(oauth1_verify("POST", recv_url, recv_auth, recv_body, recv_len, FORM, lookup, NULL, o, &v),
             OAUTH1_ERR_SIGNATURE_INVALID);
    oauth1_verify_options_free(o);

    /* Parsing the header back shows only what the header holds. */
    oauth1_header_params *hp = NULL;
    CHECK_OK(oauth1_parse_authorization_header(auth, &hp));
    CHECK_OK(oauth1_header_params_count(hp, &count));
    for (size_t i = 0; i < count; i++) {
        char *name = NULL, *value = NULL;
        CHECK_OK(oauth1_header_params_get(hp, i, &name, &value));
        int is_signature = strcmp(name, "oauth_signature") == 0;
        check_text(OAUTH1_OK, name, "header name", 0);
        check_text(OAUTH1_OK, value, "header value", plaintext && is_signature);
    }
    oauth1_header_params_free(hp);

    check_text(OAUTH1_OK, auth, "authorization", plaintext);
    if (url_rc == OAUTH1_OK) check_text(OAUTH1_OK, url, "signed url", plaintext);
    if (body_rc == OAUTH1_OK) check_text(OAUTH1_OK, signed_body, "signed body", plaintext);
    oauth1_signed_free(sd);
    oauth1_signer_free(signer);
}

int main(void) {
    /* Every code's message and name, and numbers that are not codes. */
    for (uint32_t code = 0; code < 1000; code++) {
        CHECK(clean(oauth1_result_message(code)) && clean(oauth1_result_name(code)));
    }
    CHECK(clean(oauth1_result_message(UINT32_MAX)) && clean(oauth1_result_name(UINT32_MAX)));

    static const char *const METHODS[] = {"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "PLAINTEXT"};
    for (int m = 0; m < 4; m++) {
        for (oauth1_placement p = OAUTH1_PLACEMENT_HEADER; p <= OAUTH1_PLACEMENT_BODY; p++) {
            sign_and_verify(METHODS[m], p);
        }
    }

    /* The check itself can fail. */
    CHECK(!clean("x" CONSUMER_SECRET) && !clean("CS-Zq9%21sekr3t%2F%2B%26%C3%A9"));
    return check_finish("test_secrets");
}
