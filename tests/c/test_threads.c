/* Eight threads sign with one shared signer at once; every result is checked
 * against the signature computed up front, and random-nonce signatures verify. */
#include "check.h"

#include <pthread.h>

#define THREADS 8
#define ROUNDS 200
#define URL "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all"

static const oauth1_signer *shared;
static char expected[512];

typedef struct {
    int index;
    int failures;
} job;

static void lookup(void *user_data, const char *consumer_key, const char *token,
                   oauth1_secret_sink *sink) {
    (void)user_data;
    (void)consumer_key;
    oauth1_secret_sink_set(sink, token ? "access-token-secret" : "app-secret");
}

static void *work(void *arg) {
    job *j = arg;
    char buf[512];
    for (int round = 0; round < ROUNDS; round++) {
        size_t needed = 0;
        if (oauth1_signer_sign_with_into(shared, "GET", URL, NULL, 0, NULL, "abcdef0123456789abcdef0123456789",
                                         1700000000, buf, sizeof buf, &needed) != OAUTH1_OK ||
            strcmp(buf, expected) != 0) {
            j->failures++;
        }
        oauth1_signed *sig = NULL;
        if (oauth1_signer_sign_with(shared, "GET", URL, NULL, 0, NULL, "abcdef0123456789abcdef0123456789",
                                    1700000000, &sig) != OAUTH1_OK) {
            j->failures++;
            continue;
        }
        char *auth = NULL;
        if (oauth1_signed_authorization(sig, &auth) != OAUTH1_OK || strcmp(auth, expected) != 0) j->failures++;
        oauth1_string_free(auth);
        oauth1_signed_free(sig);

        if (round % 10 == 0) { /* random nonce and clock: verify instead */
            sig = NULL;
            auth = NULL;
            oauth1_verified *v = NULL;
            if (oauth1_signer_sign(shared, "GET", URL, NULL, 0, NULL, &sig) != OAUTH1_OK ||
                oauth1_signed_authorization(sig, &auth) != OAUTH1_OK ||
                oauth1_verify("GET", URL, auth, NULL, 0, NULL, lookup, NULL, NULL, &v) != OAUTH1_OK) {
                j->failures++;
            }
            oauth1_verified_free(v);
            oauth1_string_free(auth);
            oauth1_signed_free(sig);
        }
    }
    return NULL;
}

int main(void) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *signer = NULL;
    CHECK_OK(oauth1_signer_builder_new("app-key", "app-secret", &b));
    CHECK_OK(oauth1_signer_builder_set_token(b, "access-token", "access-token-secret"));
    CHECK_OK(oauth1_signer_builder_build(b, &signer));
    oauth1_signer_builder_free(b);
    shared = signer;
    size_t needed = 0;
    CHECK_OK(oauth1_signer_sign_with_into(signer, "GET", URL, NULL, 0, NULL, "abcdef0123456789abcdef0123456789",
                                          1700000000, expected, sizeof expected, &needed));
    CHECK(strncmp(expected, "OAuth oauth_consumer_key=\"app-key\", ", 36) == 0);

    pthread_t threads[THREADS];
    job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (job){i, 0};
        CHECK(pthread_create(&threads[i], NULL, work, &jobs[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        CHECK(jobs[i].failures == 0);
        if (jobs[i].failures) fprintf(stderr, "thread %d: %d failures\n", i, jobs[i].failures);
    }
    oauth1_signer_free(signer);
    return check_finish("test_threads");
}
