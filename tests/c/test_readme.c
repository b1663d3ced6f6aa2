/* The C examples of bindings/c/README.md, run: each README block is a verbatim part of
 * this file (bindings/c/tests/readme.rs checks it, as scripts/check-readme does for
 * the top-level README). */
#include "check.h"

#include <oauth1.h>

/* Signs a request into the caller's buffer; 0 on success. */
static int sign_example(char *header, size_t cap) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *signer = NULL;
    oauth1_signer_builder_new("app-key", "app-secret", &b);              /* App key, Secret */
    oauth1_signer_builder_set_token(b, "access-token", "access-token-secret");
    oauth1_result rc = oauth1_signer_builder_build(b, &signer);
    oauth1_signer_builder_free(b);
    if (rc != OAUTH1_OK) { fprintf(stderr, "%s\n", oauth1_result_message(rc)); return 1; }

    size_t needed;
    rc = oauth1_signer_sign_into(signer, "GET", "https://api.example.com/x?a=1",
                                 NULL, 0, NULL, header, cap, &needed);
    /* header: OAuth oauth_consumer_key="app-key", oauth_nonce="…", oauth_signature="…", … */
    oauth1_signer_free(signer);
    return rc != OAUTH1_OK;
}

/* The server's secrets, one question at a time: the consumer's (token NULL), then the
 * token's. "tool-key" may sign without a token; "app-key" must send one. */
static void lookup(void *user_data, const char *consumer_key, const char *token,
                   oauth1_secret_sink *sink) {
    (void)user_data;
    if (strcmp(consumer_key, "app-key") == 0) {
        if (token == NULL) oauth1_secret_sink_set(sink, "app-secret");
        else if (strcmp(token, "access-token") == 0) oauth1_secret_sink_set(sink, "access-token-secret");
    } else if (strcmp(consumer_key, "tool-key") == 0 && token == NULL) {
        oauth1_secret_sink_set(sink, "tool-secret");
        oauth1_secret_sink_allow_two_legged(sink);
    }
}

/* Verifies a GET request with the safe defaults plus a nonce store. */
static oauth1_result verify_example(const char *url, const char *authorization,
                                    const oauth1_nonce_store *store) {
    oauth1_verify_options *options = NULL;
    oauth1_result rc = oauth1_verify_options_new(&options);
    if (rc == OAUTH1_OK) rc = oauth1_verify_options_set_nonce_store(options, store);
    oauth1_verified *verified = NULL;
    oauth1_rejection *rejection = NULL;
    if (rc == OAUTH1_OK)
        rc = oauth1_verify_with_rejection("GET", url, authorization, NULL, 0, NULL, lookup, NULL,
                                          options, &verified, &rejection);
    if (rejection) { /* answer 401 with this header */
        char *answer = NULL;
        if (oauth1_rejection_www_authenticate(rejection, "api", &answer) == OAUTH1_OK)
            printf("WWW-Authenticate: %s\n", answer);
        oauth1_string_free(answer);
    }
    oauth1_rejection_free(rejection);
    oauth1_verified_free(verified);
    oauth1_verify_options_free(options);
    return rc;
}

/* Jira-style: RSA-SHA1 with the consumer's private key, and no consumer secret. */
static int sign_rsa_example(const char *key_file, char *header, size_t cap) {
    oauth1_rsa_private_key *key = NULL;
    oauth1_result rc = oauth1_rsa_private_key_from_file(key_file, NULL, 0, 0, &key);
    if (rc != OAUTH1_OK) { fprintf(stderr, "%s: %s\n", key_file, oauth1_result_message(rc)); return 1; }
    oauth1_signer_builder *b = NULL;
    oauth1_signer *signer = NULL;
    oauth1_signer_builder_new("jira-consumer", NULL, &b);       /* NULL: no consumer secret */
    oauth1_signer_builder_set_private_key(b, key);               /* RSA-SHA1 unless set otherwise */
    oauth1_rsa_private_key_free(key);                            /* the builder keeps its own */
    rc = oauth1_signer_builder_build(b, &signer);
    oauth1_signer_builder_free(b);
    if (rc != OAUTH1_OK) { fprintf(stderr, "%s\n", oauth1_result_message(rc)); return 1; }

    size_t needed;
    rc = oauth1_signer_sign_into(signer, "POST", "https://jira.example.com/plugins/servlet/oauth/request-token",
                                 NULL, 0, NULL, header, cap, &needed);
    oauth1_signer_free(signer);
    return rc != OAUTH1_OK;
}

/* The server registered the consumer's public key (or certificate) and no secret. */
static void rsa_lookup(void *user_data, const char *consumer_key, const char *token,
                       oauth1_secret_sink *sink) {
    const oauth1_rsa_public_key *jira_public_key = user_data;
    if (strcmp(consumer_key, "jira-consumer") == 0 && token == NULL) {
        oauth1_secret_sink_set_rsa_public_key(sink, jira_public_key);
        oauth1_secret_sink_allow_two_legged(sink);   /* a request-token request has no token */
    }
}

static oauth1_result verify_rsa(const char *authorization, const oauth1_rsa_public_key *key) {
    oauth1_verified *verified = NULL;
    oauth1_result rc = oauth1_verify("POST", "https://jira.example.com/plugins/servlet/oauth/request-token",
                                     authorization, NULL, 0, NULL, rsa_lookup, (void *)key, NULL, &verified);
    oauth1_verified_free(verified);
    return rc;
}

static char *token_less_header(const char *key, const char *secret) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    oauth1_signed *sig = NULL;
    char *auth = NULL;
    CHECK_OK(oauth1_signer_builder_new(key, secret, &b));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    CHECK_OK(oauth1_signer_sign(s, "GET", "https://api.example.com/x?a=1", NULL, 0, NULL, &sig));
    CHECK_OK(oauth1_signed_authorization(sig, &auth));
    oauth1_signed_free(sig);
    oauth1_signer_free(s);
    oauth1_signer_builder_free(b);
    return auth;
}

int main(void) {
    char header[1024];
    CHECK(sign_example(header, sizeof header) == 0);
    const char *start = "OAuth oauth_consumer_key=\"app-key\", oauth_nonce=\"";
    CHECK(strncmp(header, start, strlen(start)) == 0);

    oauth1_nonce_store *store = NULL;
    CHECK_OK(oauth1_nonce_store_new(120000, 300, &store));
    CHECK_OK(verify_example("https://api.example.com/x?a=1", header, store));
    CHECK_RC(verify_example("https://api.example.com/x?a=1", header, store), OAUTH1_ERR_NONCE_USED);
    CHECK_RC(verify_example("https://api.example.com/x?a=2", header, store), OAUTH1_ERR_SIGNATURE_INVALID);

    char *tool = token_less_header("tool-key", "tool-secret");
    char *app = token_less_header("app-key", "app-secret");
    CHECK_OK(verify_example("https://api.example.com/x?a=1", tool, store));
    CHECK_RC(verify_example("https://api.example.com/x?a=1", app, store), OAUTH1_ERR_PARAMETER_ABSENT);
    oauth1_string_free(tool);
    oauth1_string_free(app);
    oauth1_nonce_store_free(store);

    /* RSA: signed with the private key, verified with the certificate; an HMAC request
     * from the RSA-only consumer is refused. Run from the repository's root. */
    CHECK(sign_rsa_example("tests/vectors/keys/rsa-2048.pem", header, sizeof header) == 0);
    CHECK(strstr(header, "oauth_signature_method=\"RSA-SHA1\"") != NULL);
    CHECK(sign_rsa_example("tests/vectors/keys/rsa-1024.pem", header, sizeof header) == 1);
    oauth1_rsa_public_key *certificate = NULL;
    CHECK_OK(oauth1_rsa_public_key_from_file("tests/vectors/keys/rsa-2048-cert.pem", 0, &certificate));
    CHECK(sign_rsa_example("tests/vectors/keys/rsa-2048.pem", header, sizeof header) == 0);
    CHECK_OK(verify_rsa(header, certificate));
    char *hmac = token_less_header("jira-consumer", "");
    CHECK_RC(verify_rsa(hmac, certificate), OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);
    oauth1_string_free(hmac);
    oauth1_rsa_public_key_free(certificate);
    return check_finish("test_readme");
}
