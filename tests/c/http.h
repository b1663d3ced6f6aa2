/* A minimal HTTP/1.0 client over POSIX sockets for the flow test: liboauth1 signs
 * and parses, the application does its own HTTP, and this is that application's
 * HTTP. One request per connection (Connection: close, read to EOF); http:// URLs
 * only, which is all the local test provider speaks. C and C++. */
#ifndef OAUTH1_TEST_HTTP_H
#define OAUTH1_TEST_HTTP_H

#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

/* A response: every string is malloc'ed (or NULL when the header was absent). */
struct http_answer {
    int status;
    char *content_type;
    char *www_authenticate;
    char *location;
    uint8_t *body;
    size_t body_len;
};

static void http_answer_free(struct http_answer *a) {
    free(a->content_type);
    free(a->www_authenticate);
    free(a->location);
    free(a->body);
    memset(a, 0, sizeof *a);
}

static char *http_strndup(const char *s, size_t n) {
    char *copy = (char *)malloc(n + 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = 0;
    }
    return copy;
}

/* The value of header `name` in the header block [head, end), or NULL. */
static char *http_header(const char *head, const char *end, const char *name) {
    size_t name_len = strlen(name);
    for (const char *line = head; line < end;) {
        const char *eol = (const char *)memchr(line, '\n', (size_t)(end - line));
        if (!eol) eol = end;
        if ((size_t)(eol - line) > name_len && strncasecmp(line, name, name_len) == 0 &&
            line[name_len] == ':') {
            const char *v = line + name_len + 1, *v_end = eol;
            while (v < v_end && *v == ' ') v++;
            while (v_end > v && (v_end[-1] == '\r' || v_end[-1] == ' ')) v_end--;
            return http_strndup(v, (size_t)(v_end - v));
        }
        line = eol + 1;
    }
    return NULL;
}

/* Sends one request to an http:// URL and reads the whole answer. `authorization`
 * and `content_type` may be NULL; `body` may be NULL with `body_len` 0. Returns 0, or
 * -1 after printing why the exchange failed (not an HTTP error status: those are
 * answers). */
static int http_send(const char *method, const char *url, const char *authorization,
                     const char *content_type, const uint8_t *body, size_t body_len,
                     struct http_answer *out) {
    memset(out, 0, sizeof *out);
    if (strncmp(url, "http://", 7) != 0) {
        fprintf(stderr, "http_send: not an http:// URL: %s\n", url);
        return -1;
    }
    const char *authority = url + 7;
    const char *path = strchr(authority, '/');
    if (!path) path = authority + strlen(authority);
    char host[256], port[16] = "80";
    size_t authority_len = (size_t)(path - authority);
    if (authority_len == 0 || authority_len >= sizeof host) return -1;
    memcpy(host, authority, authority_len);
    host[authority_len] = 0;
    char *colon = strrchr(host, ':');
    if (colon) {
        snprintf(port, sizeof port, "%s", colon + 1);
        *colon = 0;
    }

    struct addrinfo hints, *addresses = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &addresses) != 0) {
        fprintf(stderr, "http_send: cannot resolve %s\n", host);
        return -1;
    }
    int fd = socket(addresses->ai_family, addresses->ai_socktype, addresses->ai_protocol);
    if (fd < 0 || connect(fd, addresses->ai_addr, addresses->ai_addrlen) != 0) {
        fprintf(stderr, "http_send: cannot connect to %s:%s\n", host, port);
        if (fd >= 0) close(fd);
        freeaddrinfo(addresses);
        return -1;
    }
    freeaddrinfo(addresses);

    /* The request head; the Host header is the URL's authority, which the provider
     * uses to rebuild the URL that was signed (RFC 5849 section 3.4.1.2). */
    size_t head_cap = strlen(url) + (authorization ? strlen(authorization) : 0) +
                      (content_type ? strlen(content_type) : 0) + 256;
    char *head = (char *)malloc(head_cap);
    if (!head) {
        close(fd);
        return -1;
    }
    int n = snprintf(head, head_cap, "%s %s HTTP/1.0\r\nHost: %.*s\r\nConnection: close\r\n",
                     method, *path ? path : "/", (int)authority_len, authority);
    if (authorization) n += snprintf(head + n, head_cap - (size_t)n, "Authorization: %s\r\n", authorization);
    if (content_type) n += snprintf(head + n, head_cap - (size_t)n, "Content-Type: %s\r\n", content_type);
    n += snprintf(head + n, head_cap - (size_t)n, "Content-Length: %zu\r\n\r\n", body_len);
    int sent = write(fd, head, (size_t)n) == n && (body_len == 0 || write(fd, body, body_len) == (ssize_t)body_len);
    free(head);
    if (!sent) {
        fprintf(stderr, "http_send: write failed\n");
        close(fd);
        return -1;
    }

    size_t len = 0, cap = 4096;
    char *raw = (char *)malloc(cap + 1);
    for (ssize_t got; raw && (got = read(fd, raw + len, cap - len)) > 0;) {
        len += (size_t)got;
        if (len == cap) {
            char *bigger = (char *)realloc(raw, cap * 2 + 1);
            if (!bigger) {
                free(raw);
                raw = NULL;
                break;
            }
            raw = bigger;
            cap *= 2;
        }
    }
    close(fd);
    if (!raw) return -1;
    raw[len] = 0;
    char *head_end = strstr(raw, "\r\n\r\n");
    if (!head_end || sscanf(raw, "HTTP/%*d.%*d %d", &out->status) != 1) {
        fprintf(stderr, "http_send: not an HTTP answer from %s\n", url);
        free(raw);
        return -1;
    }
    out->content_type = http_header(raw, head_end, "Content-Type");
    out->www_authenticate = http_header(raw, head_end, "WWW-Authenticate");
    out->location = http_header(raw, head_end, "Location");
    const char *start = head_end + 4;
    out->body_len = len - (size_t)(start - raw);
    out->body = (uint8_t *)http_strndup(start, out->body_len);
    free(raw);
    return 0;
}

#endif
