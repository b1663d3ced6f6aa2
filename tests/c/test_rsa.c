/* RSA through the C API (RFC 5849 section 3.4.3):
 * - every key in tests/vectors/keys loads from memory and from its file, with its
 *   password (tests/vectors/keys/README.md), and is the same key: each private form
 *   signs byte for byte as rsa-2048.pem does (PKCS#1 v1.5 is deterministic), each
 *   public form verifies that signature;
 * - each bad key gets its own code (wrong or missing password, wrong kind of key,
 *   unreadable, too short), from memory and from file, the out-parameter untouched;
 * - signer builders: a NULL consumer secret, the default RSA-SHA1 with a key, an RSA
 *   method without a key, a key with an HMAC method, the key freed right after it is
 *   given to the builder;
 * - a verify round trip whose lookup answers the consumer question with a public key
 *   (an RSA-only consumer, and one with a secret as well), and the refusals: a changed
 *   signature, an HMAC request from an RSA-only consumer, an RSA request from a
 *   consumer without a public key.
 * Run from the repository's root (bindings/c/test.sh does), or set OAUTH1_TEST_KEYS
 * to the keys folder. */
#include "check.h"

static const char *keys_dir(void) {
    const char *dir = getenv("OAUTH1_TEST_KEYS");
    return dir ? dir : "tests/vectors/keys";
}

static char *key_path(const char *name) {
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", keys_dir(), name);
    return path;
}

/* The bytes of a key file, exactly allocated (so ASan and valgrind see any overread);
 * NULL when it cannot be read, which fails the test. */
static uint8_t *read_key(const char *name, size_t *len) {
    FILE *f = fopen(key_path(name), "rb");
    uint8_t *data = NULL;
    *len = 0;
    if (f && fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size > 0 && fseek(f, 0, SEEK_SET) == 0 && (data = malloc((size_t)size)) != NULL) {
            if (fread(data, 1, (size_t)size, f) == (size_t)size) {
                *len = (size_t)size;
            } else {
                free(data);
                data = NULL;
            }
        }
    }
    if (f) fclose(f);
    if (!data) {
        check_failures++;
        fprintf(stderr, "cannot read %s\n", key_path(name));
    }
    return data;
}

#define CORRECT_HORSE "correct horse"
#define KEYSTORE "keystore password"

typedef struct {
    const char *file, *password;
} key_file;

static const key_file PRIVATE_FORMS[] = {
    {"rsa-2048.pem", NULL},
    {"rsa-2048.der", NULL},
    {"rsa-2048-pkcs1.pem", NULL},
    {"rsa-2048-encrypted.pem", CORRECT_HORSE},
    {"rsa-2048-encrypted.der", CORRECT_HORSE},
    {"rsa-2048-pkcs1-encrypted.pem", CORRECT_HORSE},
    {"rsa-2048.p12", KEYSTORE},
    {"rsa-2048-legacy.p12", KEYSTORE},
};

static const char *const PUBLIC_FORMS[] = {
    "rsa-2048-public.pem", "rsa-2048-public.der", "rsa-2048-public-pkcs1.pem", "rsa-2048-cert.pem",
    "rsa-2048-cert.der",
};

static const char *URL = "https://jira.example.com/plugins/servlet/oauth/request-token?a=1";

static size_t password_len(const char *password) { return password ? strlen(password) : 0; }

/* A private key from a file's bytes (from_file = 0) or from the file itself. */
static oauth1_result load_private(const char *name, const char *password, size_t pw_len, uint32_t flags,
                                  int from_file, oauth1_rsa_private_key **out) {
    if (from_file)
        return oauth1_rsa_private_key_from_file(key_path(name), (const uint8_t *)password, pw_len, flags, out);
    size_t len;
    uint8_t *data = read_key(name, &len);
    if (!data) return OAUTH1_ERR_IO;
    oauth1_result rc = oauth1_rsa_private_key_new(data, len, (const uint8_t *)password, pw_len, flags, out);
    free(data);
    return rc;
}

static oauth1_result load_public(const char *name, uint32_t flags, int from_file, oauth1_rsa_public_key **out) {
    if (from_file) return oauth1_rsa_public_key_from_file(key_path(name), flags, out);
    size_t len;
    uint8_t *data = read_key(name, &len);
    if (!data) return OAUTH1_ERR_IO;
    oauth1_result rc = oauth1_rsa_public_key_new(data, len, flags, out);
    free(data);
    return rc;
}

/* A signer with this key: consumer secret NULL, a token, RSA-SHA256. */
static oauth1_signer *rsa_signer(const oauth1_rsa_private_key *key, const char *method) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    CHECK_OK(oauth1_signer_builder_new("jira-consumer", NULL, &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, "access-token", ""));
    CHECK_OK(oauth1_signer_builder_set_private_key(b, key));
    if (method) CHECK_OK(oauth1_signer_builder_set_signature_method(b, method));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signer_builder_free(b);
    return s;
}

/* The Authorization header a key gives for the fixed request (caller frees). */
static char *fixed_header(const oauth1_rsa_private_key *key, const char *method) {
    oauth1_signer *s = rsa_signer(key, method);
    oauth1_signed *sig = NULL;
    char *auth = NULL;
    if (s) CHECK_OK(oauth1_signer_sign_with(s, "POST", URL, NULL, 0, NULL, "fixed-nonce", 1700000000, &sig));
    if (sig) CHECK_OK(oauth1_signed_authorization(sig, &auth));
    oauth1_signed_free(sig);
    oauth1_signer_free(s);
    return auth;
}

/* ---------------------------------------------------------------- the server */

typedef struct {
    const char *secret;                  /* NULL: no consumer secret */
    const oauth1_rsa_public_key *key;    /* NULL: no public key */
    oauth1_result token_question_rc;     /* what set_rsa_public_key gave during the token question */
} rsa_server;

static void rsa_lookup(void *user_data, const char *consumer_key, const char *token, oauth1_secret_sink *sink) {
    rsa_server *server = user_data;
    if (strcmp(consumer_key, "jira-consumer") != 0) return;
    if (token == NULL) {
        if (server->secret) CHECK_OK(oauth1_secret_sink_set(sink, server->secret));
        if (server->key) {
            CHECK_RC(oauth1_secret_sink_set_rsa_public_key(sink, NULL), OAUTH1_ERR_NULL_PARAMETER);
            CHECK_RC(oauth1_secret_sink_set_rsa_public_key(NULL, server->key), OAUTH1_ERR_NULL_PARAMETER);
            CHECK_OK(oauth1_secret_sink_set_rsa_public_key(sink, server->key));
        }
    } else if (strcmp(token, "access-token") == 0) {
        if (server->key) server->token_question_rc = oauth1_secret_sink_set_rsa_public_key(sink, server->key);
        CHECK_OK(oauth1_secret_sink_set(sink, ""));
    }
}

static oauth1_result verify_with(rsa_server *server, const char *url, const char *authorization,
                                 const char *accepted, char **method_out) {
    oauth1_verify_options *o = NULL;
    CHECK_OK(oauth1_verify_options_new(&o));
    CHECK_OK(oauth1_verify_options_set_now(o, 1700000000));
    if (accepted) CHECK_OK(oauth1_verify_options_set_signature_methods(o, accepted));
    oauth1_verified *v = NULL;
    oauth1_result rc = oauth1_verify("POST", url, authorization, NULL, 0, NULL, rsa_lookup, server, o, &v);
    if (v && method_out) CHECK_OK(oauth1_verified_signature_method(v, method_out));
    oauth1_verified_free(v);
    oauth1_verify_options_free(o);
    return rc;
}

/* ---------------------------------------------------------------- the tests */

static void every_form_is_the_same_key(void) {
    oauth1_rsa_private_key *reference = NULL;
    CHECK_OK(load_private("rsa-2048.pem", NULL, 0, 0, 0, &reference));
    char *expected = reference ? fixed_header(reference, "RSA-SHA256") : NULL;
    CHECK(expected != NULL);
    if (!expected) {
        oauth1_rsa_private_key_free(reference);
        return;
    }
    for (size_t i = 0; i < sizeof PRIVATE_FORMS / sizeof PRIVATE_FORMS[0]; i++) {
        const key_file *k = &PRIVATE_FORMS[i];
        for (int from_file = 0; from_file < 2; from_file++) {
            oauth1_rsa_private_key *key = NULL;
            oauth1_result rc = load_private(k->file, k->password, password_len(k->password), 0, from_file, &key);
            if (rc != OAUTH1_OK) {
                check_failures++;
                fprintf(stderr, "%s (%s): %s\n", k->file, from_file ? "file" : "memory", oauth1_result_name(rc));
                continue;
            }
            uint32_t bits = 0;
            CHECK_OK(oauth1_rsa_private_key_bits(key, &bits));
            CHECK(bits == 2048);
            char *auth = fixed_header(key, "RSA-SHA256");
            CHECK_STR(auth, expected);
            oauth1_string_free(auth);
            oauth1_rsa_private_key_free(key);
        }
    }
    for (size_t i = 0; i < sizeof PUBLIC_FORMS / sizeof PUBLIC_FORMS[0]; i++) {
        for (int from_file = 0; from_file < 2; from_file++) {
            oauth1_rsa_public_key *key = NULL;
            oauth1_result rc = load_public(PUBLIC_FORMS[i], 0, from_file, &key);
            if (rc != OAUTH1_OK) {
                check_failures++;
                fprintf(stderr, "%s (%s): %s\n", PUBLIC_FORMS[i], from_file ? "file" : "memory",
                        oauth1_result_name(rc));
                continue;
            }
            uint32_t bits = 0;
            CHECK_OK(oauth1_rsa_public_key_bits(key, &bits));
            CHECK(bits == 2048);
            rsa_server server = {NULL, key, OAUTH1_OK};
            CHECK_OK(verify_with(&server, URL, expected, NULL, NULL));
            oauth1_rsa_public_key_free(key);
        }
    }
    /* The public half of the private key is the registered key. */
    oauth1_rsa_public_key *half = NULL;
    CHECK_OK(oauth1_rsa_private_key_public_key(reference, &half));
    rsa_server server = {NULL, half, OAUTH1_OK};
    CHECK_OK(verify_with(&server, URL, expected, NULL, NULL));
    oauth1_rsa_public_key_free(half);
    oauth1_string_free(expected);
    oauth1_rsa_private_key_free(reference);
}

typedef struct {
    const char *file, *password;
    size_t password_len;
    uint32_t flags;
    oauth1_result want;
} bad_key;

static void each_bad_key_has_its_code(void) {
    static const bad_key PRIVATE[] = {
        {"rsa-2048-encrypted.pem", NULL, 0, 0, OAUTH1_ERR_KEY_PASSWORD},
        {"rsa-2048-encrypted.pem", "wrong", 5, 0, OAUTH1_ERR_KEY_PASSWORD},
        {"rsa-2048-encrypted.pem", "", 0, 0, OAUTH1_ERR_KEY_PASSWORD},
        {"rsa-2048-encrypted.der", NULL, 0, 0, OAUTH1_ERR_KEY_PASSWORD},
        {"rsa-2048-encrypted.der", "wrong", 5, 0, OAUTH1_ERR_KEY_PASSWORD},
        {"rsa-2048-pkcs1-encrypted.pem", NULL, 0, 0, OAUTH1_ERR_KEY_PASSWORD},
        {"rsa-2048-pkcs1-encrypted.pem", "wrong", 5, 0, OAUTH1_ERR_KEY_PASSWORD},
        {"rsa-2048.p12", NULL, 0, 0, OAUTH1_ERR_KEY_PASSWORD},
        {"rsa-2048.p12", "wrong", 5, 0, OAUTH1_ERR_KEY_PASSWORD},
        {"rsa-2048-legacy.p12", "wrong", 5, 0, OAUTH1_ERR_KEY_PASSWORD},
        /* A password holding a NUL byte: refused, never cut short. */
        {"rsa-2048.p12", "keystore\0password", 17, 0, OAUTH1_ERR_KEY_PASSWORD},
        {"rsa-2048-public.pem", NULL, 0, 0, OAUTH1_ERR_KEY_TYPE},
        {"rsa-2048-public.der", NULL, 0, 0, OAUTH1_ERR_KEY_TYPE},
        {"rsa-2048-public-pkcs1.pem", NULL, 0, 0, OAUTH1_ERR_KEY_TYPE},
        {"rsa-2048-cert.pem", NULL, 0, 0, OAUTH1_ERR_KEY_TYPE},
        {"ec-p256.pem", NULL, 0, 0, OAUTH1_ERR_KEY_TYPE},
        {"rsa-1024.pem", NULL, 0, 0, OAUTH1_ERR_KEY_TOO_SHORT},
        {"oauth-core-1.0-test.pem", NULL, 0, 0, OAUTH1_ERR_KEY_TOO_SHORT},
        {"README.md", NULL, 0, 0, OAUTH1_ERR_KEY_UNREADABLE},
        {"rsa-2048.pem", NULL, 0, 2, OAUTH1_ERR_INVALID_OPTION},
        {"rsa-2048.pem", NULL, 0, ~(uint32_t)0, OAUTH1_ERR_INVALID_OPTION},
    };
    static const bad_key PUBLIC[] = {
        {"rsa-2048.pem", NULL, 0, 0, OAUTH1_ERR_KEY_TYPE},
        {"rsa-2048.der", NULL, 0, 0, OAUTH1_ERR_KEY_TYPE},
        {"rsa-1024.pem", NULL, 0, 0, OAUTH1_ERR_KEY_TYPE},
        {"ec-p256.pem", NULL, 0, 0, OAUTH1_ERR_KEY_TYPE},
        {"README.md", NULL, 0, 0, OAUTH1_ERR_KEY_UNREADABLE},
        {"rsa-2048-public.pem", NULL, 0, 4, OAUTH1_ERR_INVALID_OPTION},
    };
    oauth1_rsa_private_key *const private_sentinel = (oauth1_rsa_private_key *)(uintptr_t)0x5e5e;
    oauth1_rsa_public_key *const public_sentinel = (oauth1_rsa_public_key *)(uintptr_t)0x5e5e;
    for (int from_file = 0; from_file < 2; from_file++) {
        for (size_t i = 0; i < sizeof PRIVATE / sizeof PRIVATE[0]; i++) {
            const bad_key *k = &PRIVATE[i];
            oauth1_rsa_private_key *key = private_sentinel;
            oauth1_result rc = load_private(k->file, k->password, k->password_len, k->flags, from_file, &key);
            if (rc != k->want) {
                check_failures++;
                fprintf(stderr, "private %s (%s): %s, expected %s\n", k->file, from_file ? "file" : "memory",
                        oauth1_result_name(rc), oauth1_result_name(k->want));
            }
            check_count++;
            CHECK(key == private_sentinel);
        }
        for (size_t i = 0; i < sizeof PUBLIC / sizeof PUBLIC[0]; i++) {
            const bad_key *k = &PUBLIC[i];
            oauth1_rsa_public_key *key = public_sentinel;
            oauth1_result rc = load_public(k->file, k->flags, from_file, &key);
            if (rc != k->want) {
                check_failures++;
                fprintf(stderr, "public %s (%s): %s, expected %s\n", k->file, from_file ? "file" : "memory",
                        oauth1_result_name(rc), oauth1_result_name(k->want));
            }
            check_count++;
            CHECK(key == public_sentinel);
        }
    }
    /* A file that does not exist, a PEM cut in half, one with a damaged body, nothing. */
    oauth1_rsa_private_key *key = private_sentinel;
    oauth1_rsa_public_key *pub = public_sentinel;
    CHECK_RC(oauth1_rsa_private_key_from_file(key_path("does-not-exist.pem"), NULL, 0, 0, &key),
             OAUTH1_ERR_KEY_UNREADABLE);
    CHECK_RC(oauth1_rsa_public_key_from_file(key_path("does-not-exist.pem"), 0, &pub), OAUTH1_ERR_KEY_UNREADABLE);
    size_t len;
    uint8_t *pem = read_key("rsa-2048.pem", &len);
    if (pem) {
        CHECK_RC(oauth1_rsa_private_key_new(pem, len / 2, NULL, 0, 0, &key), OAUTH1_ERR_KEY_UNREADABLE);
        for (size_t i = 0; i + 3 <= len; i++) {
            if (memcmp(pem + i, "MII", 3) == 0) {
                pem[i + 1] = '!';
                break;
            }
        }
        CHECK_RC(oauth1_rsa_private_key_new(pem, len, NULL, 0, 0, &key), OAUTH1_ERR_KEY_UNREADABLE);
        CHECK_RC(oauth1_rsa_private_key_new(pem, 0, NULL, 0, 0, &key), OAUTH1_ERR_KEY_UNREADABLE);
        CHECK_RC(oauth1_rsa_public_key_new(pem, 0, 0, &pub), OAUTH1_ERR_KEY_UNREADABLE);
        free(pem);
    }
    CHECK(key == private_sentinel && pub == public_sentinel);

    /* Short keys load when allowed. */
    const char *short_keys[] = {"rsa-1024.pem", "oauth-core-1.0-test.pem"};
    for (size_t i = 0; i < 2; i++) {
        for (int from_file = 0; from_file < 2; from_file++) {
            key = NULL;
            CHECK_OK(load_private(short_keys[i], NULL, 0, OAUTH1_KEY_ALLOW_SHORT, from_file, &key));
            uint32_t bits = 0;
            CHECK_OK(oauth1_rsa_private_key_bits(key, &bits));
            CHECK(bits == 1024);
            oauth1_rsa_private_key_free(key);
        }
    }
}

static void misuse(void) {
    oauth1_rsa_private_key *const private_sentinel = (oauth1_rsa_private_key *)(uintptr_t)0x5e5e;
    oauth1_rsa_public_key *const public_sentinel = (oauth1_rsa_public_key *)(uintptr_t)0x5e5e;
    oauth1_rsa_private_key *key = private_sentinel;
    oauth1_rsa_public_key *pub = public_sentinel;
    const uint8_t data[] = "-----BEGIN PRIVATE KEY-----\n";
    CHECK_RC(oauth1_rsa_private_key_new(NULL, 0, NULL, 0, 0, &key), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_private_key_new(NULL, 10, NULL, 0, 0, &key), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_private_key_new(data, sizeof data - 1, NULL, 5, 0, &key), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_private_key_new(data, sizeof data - 1, NULL, 0, 0, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_private_key_new(data, SIZE_MAX, NULL, 0, 0, &key), OAUTH1_ERR_INVALID_ARGUMENT);
    CHECK_RC(oauth1_rsa_private_key_new(data, sizeof data - 1, data, SIZE_MAX, 0, &key), OAUTH1_ERR_INVALID_ARGUMENT);
    /* Pointer misuse is reported before a bad flag. */
    CHECK_RC(oauth1_rsa_private_key_new(data, sizeof data - 1, NULL, 0, 8, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_private_key_from_file(NULL, NULL, 0, 0, &key), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_private_key_from_file(key_path("rsa-2048.pem"), NULL, 0, 0, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_private_key_from_file(key_path("rsa-2048.pem"), NULL, 3, 0, &key), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_public_key_new(NULL, 0, 0, &pub), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_public_key_new(data, sizeof data - 1, 0, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_public_key_new(data, SIZE_MAX, 0, &pub), OAUTH1_ERR_INVALID_ARGUMENT);
    CHECK_RC(oauth1_rsa_public_key_from_file(NULL, 0, &pub), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_public_key_from_file(key_path("rsa-2048-public.pem"), 0, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK(key == private_sentinel && pub == public_sentinel);

    uint32_t bits = 7;
    CHECK_RC(oauth1_rsa_private_key_bits(NULL, &bits), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_public_key_bits(NULL, &bits), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_private_key_public_key(NULL, &pub), OAUTH1_ERR_NULL_PARAMETER);
    CHECK(bits == 7 && pub == public_sentinel);
    key = NULL;
    CHECK_OK(oauth1_rsa_private_key_from_file(key_path("rsa-2048.pem"), NULL, 0, 0, &key));
    CHECK_RC(oauth1_rsa_private_key_bits(key, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_rsa_private_key_public_key(key, NULL), OAUTH1_ERR_NULL_PARAMETER);
    pub = NULL;
    CHECK_OK(oauth1_rsa_public_key_from_file(key_path("rsa-2048-public.pem"), 0, &pub));
    CHECK_RC(oauth1_rsa_public_key_bits(pub, NULL), OAUTH1_ERR_NULL_PARAMETER);

    oauth1_signer_builder *b = NULL;
    CHECK_OK(oauth1_signer_builder_new("k", "s", &b));
    CHECK_RC(oauth1_signer_builder_set_private_key(NULL, key), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_private_key(b, NULL), OAUTH1_ERR_NULL_PARAMETER);
    /* The NULL key left the builder as it was: HMAC-SHA1 with the secret. */
    oauth1_signer *s = NULL;
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signer_free(s);
    oauth1_signer_builder_free(b);

    oauth1_rsa_private_key_free(key);
    oauth1_rsa_public_key_free(pub);
    oauth1_rsa_private_key_free(NULL);
    oauth1_rsa_public_key_free(NULL);
}

static void builders(void) {
    oauth1_rsa_private_key *key = NULL;
    CHECK_OK(oauth1_rsa_private_key_from_file(key_path("rsa-2048.pem"), NULL, 0, 0, &key));
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = (oauth1_signer *)(uintptr_t)0x5e5e;

    /* A NULL consumer secret needs a private key. */
    CHECK_OK(oauth1_signer_builder_new("jira-consumer", NULL, &b));
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_ERR_INVALID_CREDENTIALS);
    CHECK_OK(oauth1_signer_builder_set_signature_method(b, "HMAC-SHA1"));
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_ERR_INVALID_CREDENTIALS);
    CHECK(s == (oauth1_signer *)(uintptr_t)0x5e5e);
    oauth1_signer_builder_free(b);

    /* An RSA method without a key; a key with an HMAC method or PLAINTEXT. */
    CHECK_OK(oauth1_signer_builder_new("jira-consumer", "secret", &b));
    CHECK_OK(oauth1_signer_builder_set_signature_method(b, "rsa-sha512"));
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_ERR_INVALID_CREDENTIALS);
    CHECK_OK(oauth1_signer_builder_set_private_key(b, key));
    CHECK_OK(oauth1_signer_builder_set_signature_method(b, "HMAC-SHA256"));
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_ERR_INVALID_OPTION);
    CHECK_OK(oauth1_signer_builder_set_signature_method(b, "PLAINTEXT"));
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_ERR_INVALID_OPTION);
    oauth1_signer_builder_free(b);

    /* With a key and no method: RSA-SHA1. The key is freed right after it is given
     * (the builder and the signer keep their own reference). */
    CHECK_OK(oauth1_signer_builder_new("jira-consumer", NULL, &b));
    oauth1_rsa_private_key *temporary = NULL;
    CHECK_OK(oauth1_rsa_private_key_from_file(key_path("rsa-2048.pem"), NULL, 0, 0, &temporary));
    CHECK_OK(oauth1_signer_builder_set_private_key(b, temporary));
    oauth1_rsa_private_key_free(temporary);
    s = NULL;
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    oauth1_signer_builder_free(b);
    oauth1_signed *sig = NULL;
    CHECK_OK(oauth1_signer_sign(s, "GET", URL, NULL, 0, NULL, &sig));
    size_t count = 0;
    CHECK_OK(oauth1_signed_param_count(sig, &count));
    int found = 0;
    for (size_t i = 0; i < count; i++) {
        char *name = NULL, *value = NULL;
        CHECK_OK(oauth1_signed_param(sig, i, &name, &value));
        if (name && strcmp(name, "oauth_signature_method") == 0) {
            CHECK_STR(value, "RSA-SHA1");
            found = 1;
        }
        oauth1_string_free(name);
        oauth1_string_free(value);
    }
    CHECK(found);
    char *signature = NULL;
    CHECK_OK(oauth1_signed_signature(sig, &signature));
    CHECK(signature && strlen(signature) == 344); /* 256 bytes of base64 */
    oauth1_string_free(signature);
    oauth1_signed_free(sig);
    oauth1_signer_free(s);
    oauth1_rsa_private_key_free(key);
}

static void round_trip(void) {
    oauth1_rsa_private_key *key = NULL;
    oauth1_rsa_public_key *pub = NULL, *other = NULL;
    CHECK_OK(oauth1_rsa_private_key_from_file(key_path("rsa-2048-encrypted.pem"), (const uint8_t *)CORRECT_HORSE,
                                              strlen(CORRECT_HORSE), 0, &key));
    CHECK_OK(oauth1_rsa_public_key_from_file(key_path("rsa-2048-cert.pem"), 0, &pub));
    /* A private key is not a public one. */
    CHECK_RC(oauth1_rsa_public_key_from_file(key_path("oauth-core-1.0-test.pem"), OAUTH1_KEY_ALLOW_SHORT, &other),
             OAUTH1_ERR_KEY_TYPE);
    CHECK(other == NULL);
    oauth1_rsa_private_key *short_key = NULL;
    CHECK_OK(oauth1_rsa_private_key_from_file(key_path("oauth-core-1.0-test.pem"), NULL, 0, OAUTH1_KEY_ALLOW_SHORT,
                                              &short_key));
    CHECK_OK(oauth1_rsa_private_key_public_key(short_key, &other));
    oauth1_rsa_private_key_free(short_key);

    const char *methods[] = {"RSA-SHA1", "RSA-SHA256", "RSA-SHA512"};
    for (size_t m = 0; m < 3; m++) {
        char *auth = fixed_header(key, methods[m]);
        CHECK(auth != NULL);
        if (!auth) continue;

        /* An RSA-only consumer (no secret), then one with a secret as well. */
        rsa_server rsa_only = {NULL, pub, OAUTH1_OK};
        char *method = NULL;
        CHECK_OK(verify_with(&rsa_only, URL, auth, NULL, &method));
        CHECK_STR(method, methods[m]);
        oauth1_string_free(method);
        CHECK(rsa_only.token_question_rc == OAUTH1_ERR_NOT_AVAILABLE);
        rsa_server both = {"secret", pub, OAUTH1_OK};
        CHECK_OK(verify_with(&both, URL, auth, NULL, NULL));

        /* A changed signature, URL, or key; no public key; RSA not accepted. */
        char *tampered = strdup(auth);
        char *at = tampered ? strstr(tampered, "oauth_signature=\"") : NULL;
        CHECK(at != NULL);
        if (at) {
            at += strlen("oauth_signature=\"");
            *at = *at == 'A' ? 'B' : 'A';
            CHECK_RC(verify_with(&rsa_only, URL, tampered, NULL, NULL), OAUTH1_ERR_SIGNATURE_INVALID);
        }
        free(tampered);
        CHECK_RC(verify_with(&rsa_only, "https://jira.example.com/plugins/servlet/oauth/request-token?a=2", auth,
                             NULL, NULL),
                 OAUTH1_ERR_SIGNATURE_INVALID);
        rsa_server wrong_key = {NULL, other, OAUTH1_OK};
        CHECK_RC(verify_with(&wrong_key, URL, auth, NULL, NULL), OAUTH1_ERR_SIGNATURE_INVALID);
        rsa_server secret_only = {"secret", NULL, OAUTH1_OK};
        CHECK_RC(verify_with(&secret_only, URL, auth, NULL, NULL), OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);
        CHECK_RC(verify_with(&rsa_only, URL, auth, "HMAC-SHA1,HMAC-SHA256", NULL),
                 OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);
        oauth1_string_free(auth);
    }

    /* An HMAC request (signed with an empty secret) from an RSA-only consumer. */
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    oauth1_signed *sig = NULL;
    char *auth = NULL;
    CHECK_OK(oauth1_signer_builder_new("jira-consumer", "", &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, "access-token", ""));
    CHECK_OK(oauth1_signer_builder_build(b, &s));
    CHECK_OK(oauth1_signer_sign_with(s, "POST", URL, NULL, 0, NULL, "fixed-nonce", 1700000000, &sig));
    CHECK_OK(oauth1_signed_authorization(sig, &auth));
    rsa_server rsa_only = {NULL, pub, OAUTH1_OK};
    CHECK_RC(verify_with(&rsa_only, URL, auth, NULL, NULL), OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);
    rsa_server both = {"", pub, OAUTH1_OK};
    CHECK_OK(verify_with(&both, URL, auth, NULL, NULL));
    oauth1_string_free(auth);
    oauth1_signed_free(sig);
    oauth1_signer_free(s);
    oauth1_signer_builder_free(b);

    oauth1_rsa_public_key_free(other);
    oauth1_rsa_public_key_free(pub);
    oauth1_rsa_private_key_free(key);
}

int main(void) {
    every_form_is_the_same_key();
    each_bad_key_has_its_code();
    misuse();
    builders();
    round_trip();
    return check_finish("test_rsa");
}
