/* A nonce store of the caller's behind oauth1_nonce_store_from_callback(): a table of
 * oauth1_nonce_store_key() keys under a mutex, the way a C server would front Redis or
 * a database. Fresh, replayed, too old, unavailable and out-of-range answers, the
 * arguments the callback receives, and eight threads verifying through one store. */
#include "check.h"

#include <pthread.h>
#include <stdint.h>

#define URL "https://api.example.com/photos?size=original"
#define NOW 1700000000
#define THREADS 8
#define ROUNDS 40
#define TABLE 1024

/* The caller's store: keys seen, and an answer to force instead of looking (-1: look). */
typedef struct {
    pthread_mutex_t lock;
    char *keys[TABLE];
    size_t len;
    long long force;
    unsigned calls;
    /* The last call's arguments. */
    char consumer_key[64], token[64], nonce[64];
    int token_was_null;
    uint64_t timestamp, now;
} store_state;

static uint32_t check(void *user_data, const char *consumer_key, const char *token, const char *nonce,
                      uint64_t timestamp, uint64_t now) {
    store_state *st = user_data;
    uint32_t answer = OAUTH1_NONCE_UNAVAILABLE;
    pthread_mutex_lock(&st->lock);
    st->calls++;
    snprintf(st->consumer_key, sizeof st->consumer_key, "%s", consumer_key);
    snprintf(st->token, sizeof st->token, "%s", token ? token : "");
    snprintf(st->nonce, sizeof st->nonce, "%s", nonce);
    st->token_was_null = token == NULL;
    st->timestamp = timestamp;
    st->now = now;
    if (st->force >= 0) {
        answer = (uint32_t)st->force;
    } else if (timestamp + 300 < now) {
        answer = OAUTH1_NONCE_TOO_OLD;
    } else {
        char *key = NULL;
        if (oauth1_nonce_store_key(consumer_key, token, nonce, timestamp, &key) == OAUTH1_OK) {
            answer = OAUTH1_NONCE_FRESH;
            for (size_t i = 0; i < st->len; i++) {
                if (strcmp(st->keys[i], key) == 0) answer = OAUTH1_NONCE_REPLAYED;
            }
            if (answer == OAUTH1_NONCE_FRESH && st->len < TABLE) {
                st->keys[st->len++] = key;
                key = NULL;
            } else if (answer == OAUTH1_NONCE_FRESH) {
                answer = OAUTH1_NONCE_UNAVAILABLE; /* full: cannot record, so cannot say fresh */
            }
            oauth1_string_free(key);
        }
    }
    pthread_mutex_unlock(&st->lock);
    return answer;
}

static void lookup(void *user_data, const char *consumer_key, const char *token, oauth1_secret_sink *sink) {
    (void)user_data;
    if (strcmp(consumer_key, "app-key") != 0) return;
    if (token == NULL) {
        oauth1_secret_sink_set(sink, "app-secret");
        oauth1_secret_sink_allow_two_legged(sink);
    } else if (strcmp(token, "access-token") == 0) {
        oauth1_secret_sink_set(sink, "token-secret");
    }
}

/* Verify options that ask the caller's own store, through `check`, about each nonce. */
static oauth1_result options_with_store(oauth1_nonce_check_fn check, void *user_data,
                                        oauth1_verify_options **out) {
    oauth1_nonce_store *store = NULL;
    oauth1_result rc = oauth1_nonce_store_from_callback(check, user_data, &store);
    if (rc == OAUTH1_OK) rc = oauth1_verify_options_new(out);
    if (rc == OAUTH1_OK) rc = oauth1_verify_options_set_nonce_store(*out, store);
    oauth1_nonce_store_free(store); /* the options keep their own reference */
    return rc;
}

static const oauth1_signer *with_token, *two_legged;
static const oauth1_verify_options *shared_options;

/* Signs GET URL with `nonce` at `timestamp`; the Authorization header, to free. */
static char *sign(const oauth1_signer *signer, const char *nonce, uint64_t timestamp) {
    oauth1_signed *sig = NULL;
    char *auth = NULL;
    if (oauth1_signer_sign_with(signer, "GET", URL, NULL, 0, NULL, nonce, timestamp, &sig) != OAUTH1_OK ||
        oauth1_signed_authorization(sig, &auth) != OAUTH1_OK) {
        auth = NULL;
    }
    oauth1_signed_free(sig);
    return auth;
}

static oauth1_result verify(const char *auth, const oauth1_verify_options *options) {
    oauth1_verified *v = NULL;
    oauth1_result rc = oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, NULL, options, &v);
    oauth1_verified_free(v);
    return rc;
}

typedef struct {
    int index;
    int failures;
} job;

static void *work(void *arg) {
    job *j = arg;
    for (int round = 0; round < ROUNDS; round++) {
        char nonce[64];
        snprintf(nonce, sizeof nonce, "thread-%d-round-%d", j->index, round);
        char *auth = sign(round % 2 ? with_token : two_legged, nonce, NOW);
        if (auth == NULL) {
            j->failures++;
            continue;
        }
        if (verify(auth, shared_options) != OAUTH1_OK) j->failures++;
        if (verify(auth, shared_options) != OAUTH1_ERR_NONCE_USED) j->failures++;
        oauth1_string_free(auth);
    }
    return NULL;
}

int main(void) {
    static store_state st = {.lock = PTHREAD_MUTEX_INITIALIZER, .force = -1};
    oauth1_signer_builder *b = NULL;
    oauth1_signer *signer = NULL, *signer_2l = NULL;
    CHECK_OK(oauth1_signer_builder_new("app-key", "app-secret", &b));
    CHECK_OK(oauth1_signer_builder_build(b, &signer_2l));
    CHECK_OK(oauth1_signer_builder_set_token(b, "access-token", "token-secret"));
    CHECK_OK(oauth1_signer_builder_build(b, &signer));
    oauth1_signer_builder_free(b);
    with_token = signer;
    two_legged = signer_2l;

    /* The answers' numbers are part of the ABI. */
    CHECK(OAUTH1_NONCE_FRESH == 0 && OAUTH1_NONCE_REPLAYED == 1 && OAUTH1_NONCE_TOO_OLD == 2 &&
          OAUTH1_NONCE_UNAVAILABLE == 3);

    /* The shared key, the same in every language. */
    char *key = NULL;
    CHECK_OK(oauth1_nonce_store_key("app-key", "access-token", "n0nce", NOW, &key));
    CHECK_STR(key, "oauth1:nonce:e656743b1845f34e28ee5590b839e43dbbaddf9cfc530298b7914707ed93a581");
    oauth1_string_free(key);
    key = NULL;
    CHECK_OK(oauth1_nonce_store_key("app-key", NULL, "n0nce", NOW, &key));
    CHECK(key != NULL && strncmp(key, "oauth1:nonce:", 13) == 0 && strlen(key) == 13 + 64 &&
          strcmp(key, "oauth1:nonce:e656743b1845f34e28ee5590b839e43dbbaddf9cfc530298b7914707ed93a581") != 0);
    oauth1_string_free(key);
    key = NULL;
    CHECK_RC(oauth1_nonce_store_key(NULL, NULL, "n0nce", NOW, &key), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_nonce_store_key("app-key", NULL, NULL, NOW, &key), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_RC(oauth1_nonce_store_key("app-key", NULL, "n0nce", NOW, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK(key == NULL);

    /* Making one: NULL callback or out-parameter; the memory store's statistics are not its. */
    oauth1_nonce_store *store = NULL;
    CHECK_RC(oauth1_nonce_store_from_callback(NULL, &st, &store), OAUTH1_ERR_NULL_PARAMETER);
    CHECK(store == NULL);
    CHECK_RC(oauth1_nonce_store_from_callback(check, &st, NULL), OAUTH1_ERR_NULL_PARAMETER);
    CHECK_OK(oauth1_nonce_store_from_callback(check, &st, &store));
    size_t n = 7;
    uint64_t evicted = 7;
    CHECK_RC(oauth1_nonce_store_len(store, &n), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK_RC(oauth1_nonce_store_capacity(store, &n), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK_RC(oauth1_nonce_store_evicted(store, &evicted), OAUTH1_ERR_NOT_AVAILABLE);
    CHECK(n == 7 && evicted == 7);

    oauth1_nonce_store_free(store);

    oauth1_verify_options *options = NULL;
    CHECK_OK(options_with_store(check, &st, &options));
    CHECK_OK(oauth1_verify_options_set_now(options, NOW));

    /* Fresh, with the arguments the callback is promised. */
    char *auth = sign(signer, "fresh-nonce", NOW - 10);
    CHECK(auth != NULL);
    CHECK_OK(verify(auth, options));
    CHECK(st.calls == 1);
    CHECK_STR(st.consumer_key, "app-key");
    CHECK_STR(st.token, "access-token");
    CHECK(!st.token_was_null);
    CHECK_STR(st.nonce, "fresh-nonce");
    CHECK(st.timestamp == NOW - 10 && st.now == NOW);
    /* Replayed. */
    CHECK_RC(verify(auth, options), OAUTH1_ERR_NONCE_USED);
    CHECK(st.calls == 2);
    /* Replayed, with the rejection a server answers with. */
    oauth1_verified *v = NULL;
    oauth1_rejection *why = NULL;
    CHECK_RC(oauth1_verify_with_rejection("GET", URL, auth, NULL, 0, NULL, lookup, NULL, options, &v, &why),
             OAUTH1_ERR_NONCE_USED);
    CHECK(v == NULL && why != NULL);
    oauth1_rejection_free(why);
    oauth1_string_free(auth);

    /* A request without a token: the callback gets NULL. */
    auth = sign(signer_2l, "two-legged-nonce", NOW);
    CHECK_OK(verify(auth, options));
    CHECK(st.token_was_null);
    CHECK_RC(verify(auth, options), OAUTH1_ERR_NONCE_USED);
    oauth1_string_free(auth);

    /* Too old: the store's own window (300 s here) is shorter than the skew allowed. */
    CHECK_OK(oauth1_verify_options_set_max_skew(options, 600));
    auth = sign(signer, "old-nonce", NOW - 500);
    CHECK_RC(verify(auth, options), OAUTH1_ERR_TIMESTAMP_REFUSED);
    oauth1_string_free(auth);
    CHECK_OK(oauth1_verify_options_set_max_skew(options, 300));

    /* Forced answers, on a request the store has never seen: too old, unavailable, and
     * values no constant names, all refused; unavailable has no rejection (a server
     * answers 503, not 401). */
    auth = sign(signer, "forced-nonce", NOW);
    st.force = OAUTH1_NONCE_TOO_OLD;
    CHECK_RC(verify(auth, options), OAUTH1_ERR_TIMESTAMP_REFUSED);
    const long long unavailable[] = {OAUTH1_NONCE_UNAVAILABLE, 4, 42, 0x7fffffff, 0xffffffff};
    for (size_t i = 0; i < sizeof unavailable / sizeof unavailable[0]; i++) {
        st.force = unavailable[i];
        CHECK_RC(verify(auth, options), OAUTH1_ERR_NONCE_STORE_UNAVAILABLE);
        v = NULL;
        why = (oauth1_rejection *)&st; /* must be cleared */
        CHECK_RC(oauth1_verify_with_rejection("GET", URL, auth, NULL, 0, NULL, lookup, NULL, options, &v, &why),
                 OAUTH1_ERR_NONCE_STORE_UNAVAILABLE);
        CHECK(v == NULL && why == NULL);
    }
    CHECK_STR(oauth1_result_name(OAUTH1_ERR_NONCE_STORE_UNAVAILABLE), "nonce_store_unavailable");
    /* Back up: the same request is fresh, since nothing was recorded meanwhile. */
    st.force = -1;
    CHECK_OK(verify(auth, options));
    CHECK_RC(verify(auth, options), OAUTH1_ERR_NONCE_USED);
    oauth1_string_free(auth);

    /* A request that fails before the nonce check never reaches the store. */
    unsigned calls = st.calls;
    CHECK_RC(verify("OAuth oauth_consumer_key=\"app-key\"", options), OAUTH1_ERR_PARAMETER_ABSENT);
    CHECK(st.calls == calls);

    /* Eight threads, one store: each fresh request accepted once, each replay refused. */
    size_t before = st.len;
    shared_options = options;
    pthread_t threads[THREADS];
    job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){i, 0};
        CHECK(pthread_create(&threads[i], NULL, work, &jobs[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(jobs[i].failures == 0);
    }
    CHECK(st.len == before + THREADS * ROUNDS);

    oauth1_verify_options_free(options);
    oauth1_signer_free(signer);
    oauth1_signer_free(signer_2l);
    for (size_t i = 0; i < st.len; i++) oauth1_string_free(st.keys[i]);
    return check_finish("test_nonce_callback");
}
