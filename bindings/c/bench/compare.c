/* The C side of the project-wide benchmark (`make bench`, bench/run): liboauth1's
 * allocating and caller-buffer entry points and Debian's liboauth (header mode:
 * split + oauth_sign_array2_process + serialize, as in bench.c) on the typical
 * request, then on 1-1000 query parameters and 0 B-1 MiB bodies with
 * oauth_body_hash. Prints one JSON document: per entry point the signature it
 * produced (plain base64) and the microseconds per sign of every round (thread CPU
 * time, and wall time).
 *
 * bench/run builds and runs it; by hand:
 *   cc -O2 -std=c11 -D_GNU_SOURCE -Iinclude bindings/c/bench/compare.c \
 *      target/release/liboauth1.a -lpthread -ldl -lm $(pkg-config --cflags --libs oauth)
 *   ./a.out [--rounds N] [--growth-rounds N] [--round-ms MS] */
#include <stddef.h> /* oauth.h uses size_t without including it */

#include <oauth.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oauth1.h"

#define BASE "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity"
#define URL BASE "?timeframe=60&v=1&agentIds=all&skillIds=all"
#define NONCE "abcdef0123456789abcdef0123456789"
#define TIMESTAMP 1700000000
#define BODY_TYPE "application/json"
#define BODY_PATTERN "{\"id\":12345678}\n" /* 16 bytes, repeated */
#define MAX_ROUNDS 101

static volatile size_t sink;

static void die(const char *what) {
    fprintf(stderr, "compare: %s\n", what);
    exit(1);
}

static double clock_us(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static double now_us(void) { return clock_us(CLOCK_MONOTONIC); }

/* This thread's CPU time: on a shared machine, what a round would take alone; the
 * wall time also holds the time spent waiting for a core. Both are reported. */
static double cpu_us(void) { return clock_us(CLOCK_THREAD_CPUTIME_ID); }

/* The request being measured. */
static struct {
    const char *method;
    char *url;     /* what we sign */
    char *liburl;  /* the same with oauth_nonce and oauth_timestamp, for liboauth */
    const char *body;
    size_t body_len;
    const char *content_type;
    const oauth1_signer *signer;
    int hash; /* oauth_body_hash on */
} cur;

static char *liboauth_header(void) {
    char **argv = NULL;
    int argc = oauth_split_url_parameters(cur.liburl, &argv);
    if (cur.hash) {
        char *h = oauth_body_hash_data(cur.body_len, cur.body);
        oauth_add_param_to_array(&argc, &argv, h);
        free(h);
    }
    oauth_sign_array2_process(&argc, &argv, NULL, OA_HMAC, cur.method, "app-key", "app-secret", "access-token",
                              "access-token-secret");
    char *params = oauth_serialize_url_sep(argc, 1, argv, ", ", 6);
    oauth_free_array(&argc, &argv);
    size_t n = strlen(params);
    char *header = malloc(n + 7);
    memcpy(header, "OAuth ", 6);
    memcpy(header + 6, params, n + 1);
    free(params);
    return header;
}

static void liboauth_once(void) {
    char *h = liboauth_header();
    sink += strlen(h);
    free(h);
}

static void ours_alloc_once(void) {
    oauth1_signed *s = NULL;
    char *auth = NULL;
    if (oauth1_signer_sign_with(cur.signer, cur.method, cur.url, (const uint8_t *)cur.body, cur.body_len,
                                cur.content_type, NONCE, TIMESTAMP, &s) != OAUTH1_OK ||
        oauth1_signed_authorization(s, &auth) != OAUTH1_OK)
        die("oauth1_signer_sign_with failed");
    sink += strlen(auth);
    oauth1_string_free(auth);
    oauth1_signed_free(s);
}

static void ours_buffer_once(void) {
    char buf[1024];
    size_t needed = 0;
    if (oauth1_signer_sign_with_into(cur.signer, cur.method, cur.url, (const uint8_t *)cur.body, cur.body_len,
                                     cur.content_type, NONCE, TIMESTAMP, buf, sizeof buf, &needed) != OAUTH1_OK)
        die("oauth1_signer_sign_with_into failed");
    sink += needed;
}

/* The plain base64 value of oauth_signature="..." in a header. */
static void signature_of_header(const char *header, char *out, size_t cap) {
    const char *at = strstr(header, "oauth_signature=\"");
    if (!at) die("no oauth_signature in the header");
    at += strlen("oauth_signature=\"");
    size_t o = 0;
    for (; *at && *at != '"' && o + 1 < cap; at++) {
        if (at[0] == '%' && at[1] && at[2]) {
            char hex[3] = {at[1], at[2], 0};
            out[o++] = (char)strtol(hex, NULL, 16);
            at += 2;
        } else {
            out[o++] = *at;
        }
    }
    out[o] = '\0';
}

static void sig_alloc(char *out, size_t cap) {
    oauth1_signed *s = NULL;
    char *sig = NULL;
    if (oauth1_signer_sign_with(cur.signer, cur.method, cur.url, (const uint8_t *)cur.body, cur.body_len,
                                cur.content_type, NONCE, TIMESTAMP, &s) != OAUTH1_OK ||
        oauth1_signed_signature(s, &sig) != OAUTH1_OK)
        die("oauth1_signer_sign_with failed");
    snprintf(out, cap, "%s", sig);
    oauth1_string_free(sig);
    oauth1_signed_free(s);
}

static void sig_buffer(char *out, size_t cap) {
    char buf[1024];
    size_t needed = 0;
    if (oauth1_signer_sign_with_into(cur.signer, cur.method, cur.url, (const uint8_t *)cur.body, cur.body_len,
                                     cur.content_type, NONCE, TIMESTAMP, buf, sizeof buf, &needed) != OAUTH1_OK)
        die("oauth1_signer_sign_with_into failed");
    signature_of_header(buf, out, cap);
}

static void sig_liboauth(char *out, size_t cap) {
    char *h = liboauth_header();
    signature_of_header(h, out, cap);
    free(h);
}

typedef struct {
    const char *id;
    void (*f)(void);
    void (*sig)(char *, size_t);
    long calls;
    double us[MAX_ROUNDS];   /* CPU time per call */
    double wall[MAX_ROUNDS]; /* wall time per call */
} variant;

static variant variants[] = {
    {"c-alloc", ours_alloc_once, sig_alloc, 0, {0}, {0}},
    {"c-buffer", ours_buffer_once, sig_buffer, 0, {0}, {0}},
    {"liboauth", liboauth_once, sig_liboauth, 0, {0}, {0}},
};
#define NV ((int)(sizeof variants / sizeof variants[0]))

static long calibrate(void (*f)(void), double round_us) {
    for (long n = 1;; n *= 2) {
        double start = now_us();
        for (long i = 0; i < n; i++) f();
        double elapsed = now_us() - start;
        if (elapsed >= round_us / 8 || n >= (1L << 30)) {
            long calls = (long)(round_us / (elapsed / (double)n));
            return calls < 1 ? 1 : calls;
        }
    }
}

/* Every variant once per round, so that load from elsewhere hits all alike. */
static void measure(int rounds, double round_us) {
    for (int v = 0; v < NV; v++) variants[v].calls = calibrate(variants[v].f, round_us);
    for (int r = 0; r < rounds; r++)
        for (int v = 0; v < NV; v++) {
            double cpu = cpu_us(), start = now_us();
            for (long i = 0; i < variants[v].calls; i++) variants[v].f();
            variants[v].wall[r] = (now_us() - start) / (double)variants[v].calls;
            variants[v].us[r] = (cpu_us() - cpu) / (double)variants[v].calls;
        }
}

static int first_entry = 1;

static void emit(const char *case_name, int rounds) {
    for (int v = 0; v < NV; v++) {
        char sig[128];
        variants[v].sig(sig, sizeof sig);
        printf("%s\n    {\"id\": \"%s\", ", first_entry ? "" : ",", variants[v].id);
        first_entry = 0;
        if (case_name) printf("\"case\": \"%s\", ", case_name);
        printf("\"signature\": \"%s\", \"rounds_us\": [", sig);
        for (int r = 0; r < rounds; r++) printf("%s%.4f", r ? ", " : "", variants[v].us[r]);
        printf("], \"wall_us\": [");
        for (int r = 0; r < rounds; r++) printf("%s%.4f", r ? ", " : "", variants[v].wall[r]);
        printf("]}");
    }
}

static void set_request(const char *method, const char *url, const char *body, size_t body_len,
                        const oauth1_signer *signer, int hash) {
    free(cur.url);
    free(cur.liburl);
    cur.method = method;
    cur.url = strdup(url);
    size_t n = strlen(url) + 128;
    cur.liburl = malloc(n);
    snprintf(cur.liburl, n, "%s%soauth_nonce=%s&oauth_timestamp=%d", url, strchr(url, '?') ? "&" : "?", NONCE,
             TIMESTAMP);
    cur.body = body;
    cur.body_len = body_len;
    cur.content_type = body ? BODY_TYPE : NULL;
    cur.signer = signer;
    cur.hash = hash;
}

static int arg(int argc, char **argv, const char *name, int fallback) {
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0) return atoi(argv[i + 1]);
    return fallback;
}

static oauth1_signer *make_signer(int body_hash) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    if (oauth1_signer_builder_new("app-key", "app-secret", &b) != OAUTH1_OK ||
        oauth1_signer_builder_set_token(b, "access-token", "access-token-secret") != OAUTH1_OK ||
        oauth1_signer_builder_set_body_hash(b, body_hash) != OAUTH1_OK || oauth1_signer_builder_build(b, &s) != OAUTH1_OK)
        die("cannot build the signer");
    oauth1_signer_builder_free(b);
    return s;
}

int main(int argc, char **argv) {
    int rounds = arg(argc, argv, "--rounds", 21);
    int growth_rounds = arg(argc, argv, "--growth-rounds", 7);
    double round_us = 1000.0 * arg(argc, argv, "--round-ms", 20);
    if (rounds < 1 || rounds > MAX_ROUNDS || growth_rounds < 1 || growth_rounds > MAX_ROUNDS) die("bad rounds");
    oauth1_signer *plain = make_signer(0), *hashing = make_signer(1);

    printf("{\"language\": \"C\", \"typical\": [");
    set_request("GET", URL, NULL, 0, plain, 0);
    measure(rounds, round_us);
    emit(NULL, rounds);
    printf("\n  ], \"growth\": [");
    first_entry = 1;

    static const int query_sizes[] = {1, 10, 100, 1000};
    for (size_t q = 0; q < sizeof query_sizes / sizeof query_sizes[0]; q++) {
        int n = query_sizes[q];
        size_t cap = strlen(BASE) + 2 + (size_t)n * 16;
        char *url = malloc(cap);
        size_t at = (size_t)snprintf(url, cap, "%s?", BASE);
        for (int i = 0; i < n; i++) at += (size_t)snprintf(url + at, cap - at, "%sp%d=v%d", i ? "&" : "", i, i);
        set_request("GET", url, NULL, 0, plain, 0);
        measure(growth_rounds, round_us);
        char name[32];
        snprintf(name, sizeof name, "query:%d", n);
        emit(name, growth_rounds);
        free(url);
    }
    static const size_t body_sizes[] = {0, 1 << 10, 1 << 16, 1 << 20};
    for (size_t k = 0; k < sizeof body_sizes / sizeof body_sizes[0]; k++) {
        size_t n = body_sizes[k];
        char *body = malloc(n + 1);
        for (size_t i = 0; i < n; i++) body[i] = BODY_PATTERN[i % 16];
        body[n] = '\0';
        set_request("POST", URL, body, n, hashing, 1);
        measure(growth_rounds, round_us);
        char name[32];
        snprintf(name, sizeof name, "body:%zu", n);
        emit(name, growth_rounds);
        free(body);
    }
    printf("\n  ], \"unsupported\": [], \"sink\": %zu}\n", (size_t)(sink & 1));
    oauth1_signer_free(plain);
    oauth1_signer_free(hashing);
    free(cur.url);
    free(cur.liburl);
    return 0;
}
