/* Every signing vector of tests/vectors/public.json through the C API: the
 * allocating variant with all its accessors, the caller-buffer variant, and
 * oauth1_verify() accepting the vector's Authorization header (and refusing it once
 * one byte of its signature changes). An RSA vector's private key is read from its
 * PEM text (OAUTH1_KEY_ALLOW_SHORT where the vector allows a short key), its consumer
 * secret may be NULL, and the server answers with the key's public half. */
#include "check.h"
#include "vectors.h"

static uint32_t key_flags(const signing_vector *v) { return v->allow_short_key ? OAUTH1_KEY_ALLOW_SHORT : 0; }

/* The vector's private key, or NULL when it has none. */
static oauth1_rsa_private_key *private_key_for(const signing_vector *v) {
    oauth1_rsa_private_key *key = NULL;
    if (v->private_key)
        CHECK_OK(oauth1_rsa_private_key_new((const uint8_t *)v->private_key, strlen(v->private_key), NULL, 0,
                                            key_flags(v), &key));
    return key;
}

static oauth1_signer *signer_for(const signing_vector *v) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    CHECK_OK(oauth1_signer_builder_new(v->consumer_key, v->consumer_secret, &b));
    if (!b) return NULL;
    if (v->private_key) {
        oauth1_rsa_private_key *key = private_key_for(v);
        CHECK_OK(oauth1_signer_builder_set_private_key(b, key));
        oauth1_rsa_private_key_free(key); /* the builder keeps its own reference */
    }
    CHECK_OK(oauth1_signer_builder_set_body_hash(b, v->body_hash));
    if (v->token) CHECK_OK(oauth1_signer_builder_set_token(b, v->token, v->token_secret ? v->token_secret : ""));
    CHECK_OK(oauth1_signer_builder_set_signature_method(b, v->signature_method));
    CHECK_OK(oauth1_signer_builder_set_realm(b, v->realm));
    CHECK_OK(oauth1_signer_builder_set_version(b, v->version));
    CHECK_OK(oauth1_signer_builder_set_callback(b, v->callback));
    CHECK_OK(oauth1_signer_builder_set_verifier(b, v->verifier));
    CHECK_OK(oauth1_signer_builder_set_placement(b, OAUTH1_PLACEMENT_HEADER));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signer_builder_free(b);
    return s;
}

static void check_string_accessor(oauth1_result (*get)(const oauth1_signed *, char **),
                                  const oauth1_signed *signed_, const char *expected,
                                  const char *vector, const char *what) {
    char *value = NULL;
    oauth1_result rc = get(signed_, &value);
    CHECK_RC(rc, OAUTH1_OK);
    if (value == NULL || strcmp(value, expected) != 0) {
        check_failures++;
        fprintf(stderr, "vector %s: %s\n  got:      %s\n  expected: %s\n", vector, what,
                value ? value : "(null)", expected);
    }
    oauth1_string_free(value);
}

/* The server's knowledge of a vector's consumer: its secret and its public key. */
typedef struct {
    const signing_vector *v;
    oauth1_rsa_public_key *public_key; /* NULL: not an RSA vector */
} vector_server;

/* Answers for the vector's credentials; a vector without a token is two-legged. */
static void vector_lookup(void *user_data, const char *consumer_key, const char *token, oauth1_secret_sink *sink) {
    const vector_server *server = user_data;
    const signing_vector *v = server->v;
    if (strcmp(consumer_key, v->consumer_key) != 0) return;
    if (token == NULL) {
        if (v->consumer_secret) CHECK_OK(oauth1_secret_sink_set(sink, v->consumer_secret));
        if (server->public_key) CHECK_OK(oauth1_secret_sink_set_rsa_public_key(sink, server->public_key));
        if (v->token == NULL || v->token[0] == '\0') CHECK_OK(oauth1_secret_sink_allow_two_legged(sink));
    } else if (v->token && strcmp(token, v->token) == 0) {
        CHECK_OK(oauth1_secret_sink_set(sink, v->token_secret ? v->token_secret : ""));
    }
}

/* The server side of a vector: its expected header verifies at its own time, with its
 * signature method accepted (PLAINTEXT vectors include plain http ones), and a
 * one-byte change to the signature is refused. */
static void verify_vector(const signing_vector *v) {
    vector_server server = {v, NULL};
    oauth1_rsa_private_key *private_key = private_key_for(v);
    if (private_key) CHECK_OK(oauth1_rsa_private_key_public_key(private_key, &server.public_key));
    oauth1_rsa_private_key_free(private_key);
    oauth1_verify_options *o = NULL;
    CHECK_OK(oauth1_verify_options_new(&o));
    CHECK_OK(oauth1_verify_options_set_now(o, v->timestamp));
    CHECK_OK(oauth1_verify_options_set_signature_methods(o, v->signature_method));
    CHECK_OK(oauth1_verify_options_set_allow_plaintext_over_http(o, true));
    const uint8_t *body = (const uint8_t *)v->body;
    oauth1_verified *verified = NULL;
    oauth1_result rc = oauth1_verify(v->method, v->url, v->authorization, body, v->body_len, v->content_type,
                                     vector_lookup, &server, o, &verified);
    if (rc != OAUTH1_OK) {
        check_failures++;
        fprintf(stderr, "vector %s: verify gave %s\n", v->name, oauth1_result_name(rc));
    }
    check_count++;
    oauth1_verified_free(verified);

    char *tampered = strdup(v->authorization);
    char *at = tampered ? strstr(tampered, "oauth_signature=\"") : NULL;
    CHECK(at != NULL);
    if (at) {
        at += strlen("oauth_signature=\"");
        *at = *at == 'A' ? 'B' : 'A';
        verified = NULL;
        rc = oauth1_verify(v->method, v->url, tampered, body, v->body_len, v->content_type, vector_lookup,
                           &server, o, &verified);
        if (rc != OAUTH1_ERR_SIGNATURE_INVALID) {
            check_failures++;
            fprintf(stderr, "vector %s: a changed signature gave %s\n", v->name, oauth1_result_name(rc));
        }
        check_count++;
        CHECK(verified == NULL);
    }
    free(tampered);
    oauth1_verify_options_free(o);
    oauth1_rsa_public_key_free(server.public_key);
}

static void run_vector(const signing_vector *v) {
    oauth1_signer *signer = signer_for(v);
    if (!signer) {
        fprintf(stderr, "vector %s: no signer\n", v->name);
        check_failures++;
        return;
    }
    const uint8_t *body = (const uint8_t *)v->body;

    oauth1_signed *signed_ = NULL;
    CHECK_OK(oauth1_signer_sign_with(signer, v->method, v->url, body, v->body_len,
                                     v->content_type, v->nonce, v->timestamp, &signed_));
    if (signed_) {
        check_string_accessor(oauth1_signed_base_string, signed_, v->base_string, v->name, "base string");
        check_string_accessor(oauth1_signed_signature, signed_, v->signature, v->name, "signature");
        check_string_accessor(oauth1_signed_authorization, signed_, v->authorization, v->name, "authorization");
        check_string_accessor(oauth1_signed_nonce, signed_, v->nonce, v->name, "nonce");
        uint64_t timestamp = 0;
        CHECK_OK(oauth1_signed_timestamp(signed_, &timestamp));
        CHECK(timestamp == (uint64_t)v->timestamp);
        size_t count = 0;
        CHECK_OK(oauth1_signed_param_count(signed_, &count));
        CHECK(count == v->param_count);
        for (size_t i = 0; i < count && i < v->param_count; i++) {
            char *name = NULL, *value = NULL;
            CHECK_OK(oauth1_signed_param(signed_, i, &name, &value));
            CHECK_STR(name, v->param_names[i]);
            CHECK_STR(value, v->param_values[i]);
            oauth1_string_free(name);
            oauth1_string_free(value);
        }
        char *sentinel = (char *)"untouched", *name = sentinel, *value = sentinel;
        CHECK_RC(oauth1_signed_param(signed_, count, &name, &value), OAUTH1_ERR_INDEX_OUT_OF_RANGE);
        CHECK(name == sentinel && value == sentinel);
        char *url = sentinel;
        CHECK_RC(oauth1_signed_url(signed_, &url), OAUTH1_ERR_NOT_AVAILABLE);
        CHECK(url == sentinel);
        oauth1_signed_free(signed_);
    }

    /* The caller-buffer variant: exact fit, one byte short, and a size query. */
    size_t want = strlen(v->authorization) + 1, needed = 0;
    char *buf = malloc(want);
    CHECK_OK(oauth1_signer_sign_with_into(signer, v->method, v->url, body, v->body_len,
                                          v->content_type, v->nonce, v->timestamp, buf, want,
                                          &needed));
    CHECK(needed == want);
    CHECK_STR(buf, v->authorization);
    memset(buf, 'x', want);
    needed = 0;
    CHECK_RC(oauth1_signer_sign_with_into(signer, v->method, v->url, body, v->body_len,
                                          v->content_type, v->nonce, v->timestamp, buf, want - 1,
                                          &needed),
             OAUTH1_ERR_BUFFER_TOO_SMALL);
    CHECK(needed == want);
    for (size_t i = 0; i < want; i++) CHECK(buf[i] == 'x');
    needed = 0;
    CHECK_RC(oauth1_signer_sign_with_into(signer, v->method, v->url, body, v->body_len,
                                          v->content_type, v->nonce, v->timestamp, NULL, 0,
                                          &needed),
             OAUTH1_ERR_BUFFER_TOO_SMALL);
    CHECK(needed == want);
    free(buf);
    oauth1_signer_free(signer);
    verify_vector(v);
}

int main(void) {
    CHECK(SIGNING_VECTOR_COUNT > 0);
    for (size_t i = 0; i < SIGNING_VECTOR_COUNT; i++) run_vector(&SIGNING_VECTORS[i]);
    size_t rsa = 0;
    for (size_t i = 0; i < SIGNING_VECTOR_COUNT; i++) rsa += SIGNING_VECTORS[i].private_key != NULL;
    CHECK(rsa >= 3);
    printf("test_vectors: %zu signing vectors (%zu RSA)\n", (size_t)SIGNING_VECTOR_COUNT, rsa);
    return check_finish("test_vectors");
}
