/*
 * oauth1.hpp: a small C++17 RAII layer over liboauth1's C API (oauth1.h).
 *
 * Handles live in std::unique_ptr with the matching _free function, strings the
 * library returns are copied into std::string and freed at once, and any
 * oauth1_result other than OAUTH1_OK is thrown as oauth1::error, which carries the
 * code. Thread safety is that of the C API: a built oauth1::signer may sign from
 * many threads at once.
 *
 *     oauth1::signer signer = oauth1::signer::builder("app-key", "app-secret")
 *                                 .token("access-token", "access-token-secret")
 *                                 .build();
 *     std::string header = signer.sign("GET", "https://api.example.com/x?a=1").authorization();
 */
#ifndef OAUTH1_HPP
#define OAUTH1_HPP

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "oauth1.h"

namespace oauth1 {

/* An oauth1_result other than OAUTH1_OK. */
class error : public std::runtime_error {
  public:
    explicit error(oauth1_result code)
        : std::runtime_error(oauth1_result_message(code)), code_(code) {}
    /* The C result code, such as OAUTH1_ERR_SIGNATURE_INVALID. */
    oauth1_result code() const noexcept { return code_; }
    /* The stable name shared with the Python and Node bindings, such as "signature_invalid". */
    const char *name() const noexcept { return oauth1_result_name(code_); }

  private:
    oauth1_result code_;
};

namespace detail {
inline void check(oauth1_result rc) {
    if (rc != OAUTH1_OK) throw error(rc);
}

template <class T, void (*Free)(T *)> struct deleter {
    void operator()(T *p) const noexcept { Free(p); }
};
template <class T, void (*Free)(T *)> using handle = std::unique_ptr<T, deleter<T, Free>>;

/* Copies a string the library returned and frees the original. */
inline std::string take(char *s, size_t len) {
    handle<char, oauth1_string_free> guard(s);
    return std::string(s, len);
}
inline std::string take(char *s) {
    handle<char, oauth1_string_free> guard(s);
    return std::string(s);
}

inline const uint8_t *bytes(const std::string &s) {
    return reinterpret_cast<const uint8_t *>(s.data());
}

/* Name/value pairs as the C API takes them: one NULL-terminated array alternating
 * names and values, pointing into `pairs` (which must outlive it). */
inline std::vector<const char *> pair_array(const std::vector<std::pair<std::string, std::string>> &pairs) {
    std::vector<const char *> out;
    out.reserve(pairs.size() * 2 + 1);
    for (const auto &[name, value] : pairs) {
        out.push_back(name.c_str());
        out.push_back(value.c_str());
    }
    out.push_back(nullptr);
    return out;
}

/* Reads a value written into a caller buffer (the _into convention), growing the
 * buffer until it fits. */
template <class F> std::string read_into(F write) {
    std::string out(64, '\0');
    size_t needed = 0;
    oauth1_result rc = write(out.data(), out.size(), &needed);
    if (rc == OAUTH1_ERR_BUFFER_TOO_SMALL) {
        out.resize(needed);
        rc = write(out.data(), out.size(), &needed);
    }
    check(rc);
    out.resize(needed - 1);
    return out;
}

/* Reads an optional string accessor: std::nullopt for OAUTH1_ERR_NOT_AVAILABLE. */
template <class T>
std::optional<std::string> optional_string(oauth1_result (*get)(const T *, char **), const T *p) {
    char *out = nullptr;
    oauth1_result rc = get(p, &out);
    if (rc == OAUTH1_ERR_NOT_AVAILABLE) return std::nullopt;
    check(rc);
    return take(out);
}
}  // namespace detail

/* The result of signing one request (oauth1_signed). */
class signed_request {
  public:
    explicit signed_request(oauth1_signed *p) : p_(p) {}
    /* The full Authorization header value, beginning "OAuth " (RFC 5849 section 3.5.1). */
    std::string authorization() const { return get(oauth1_signed_authorization); }
    /* The signature as plain base64. */
    std::string signature() const { return get(oauth1_signed_signature); }
    /* The signature base string (RFC 5849 section 3.4.1). */
    std::string base_string() const { return get(oauth1_signed_base_string); }
    std::string nonce() const { return get(oauth1_signed_nonce); }
    uint64_t timestamp() const {
        uint64_t t = 0;
        detail::check(oauth1_signed_timestamp(p_.get(), &t));
        return t;
    }
    /* The protocol parameters sent, sorted by name, oauth_signature included. */
    std::vector<std::pair<std::string, std::string>> params() const {
        size_t n = 0;
        detail::check(oauth1_signed_param_count(p_.get(), &n));
        std::vector<std::pair<std::string, std::string>> out;
        out.reserve(n);
        for (size_t i = 0; i < n; i++) {
            char *name = nullptr, *value = nullptr;
            detail::check(oauth1_signed_param(p_.get(), i, &name, &value));
            std::string n_ = detail::take(name);
            out.emplace_back(std::move(n_), detail::take(value));
        }
        return out;
    }
    /* For query placement, the signed URL. */
    std::optional<std::string> signed_url() const {
        return detail::optional_string(oauth1_signed_url, p_.get());
    }
    /* For body placement, the signed form body. */
    std::optional<std::string> signed_body() const {
        char *out = nullptr;
        size_t len = 0;
        oauth1_result rc = oauth1_signed_body(p_.get(), &out, &len);
        if (rc == OAUTH1_ERR_NOT_AVAILABLE) return std::nullopt;
        detail::check(rc);
        return detail::take(out, len);
    }

  private:
    std::string get(oauth1_result (*f)(const oauth1_signed *, char **)) const {
        char *out = nullptr;
        detail::check(f(p_.get(), &out));
        return detail::take(out);
    }
    detail::handle<oauth1_signed, oauth1_signed_free> p_;
};

class rsa_public_key;

/* A consumer's RSA private key for RSA-SHA1/256/512 (RFC 5849 section 3.4.3), from PEM,
 * DER or PKCS#12 (oauth1_rsa_private_key). Copies share one key; safe to share between
 * threads. Keys under 2048 bits throw OAUTH1_ERR_KEY_TOO_SHORT unless allow_short_key. */
class rsa_private_key {
  public:
    explicit rsa_private_key(const std::string &data, const std::optional<std::string> &password = std::nullopt,
                             bool allow_short_key = false) {
        oauth1_rsa_private_key *k = nullptr;
        detail::check(oauth1_rsa_private_key_new(detail::bytes(data), data.size(),
                                                 password ? detail::bytes(*password) : nullptr,
                                                 password ? password->size() : 0, flags(allow_short_key), &k));
        p_.reset(k, oauth1_rsa_private_key_free);
    }
    static rsa_private_key from_file(const std::string &path, const std::optional<std::string> &password = std::nullopt,
                                     bool allow_short_key = false) {
        oauth1_rsa_private_key *k = nullptr;
        detail::check(oauth1_rsa_private_key_from_file(path.c_str(), password ? detail::bytes(*password) : nullptr,
                                                       password ? password->size() : 0, flags(allow_short_key), &k));
        return rsa_private_key(k);
    }
    uint32_t bits() const {
        uint32_t n = 0;
        detail::check(oauth1_rsa_private_key_bits(p_.get(), &n));
        return n;
    }
    /* The matching public key, as a server registers it. */
    rsa_public_key public_key() const;
    const oauth1_rsa_private_key *get() const { return p_.get(); }

  private:
    friend class rsa_public_key;
    static uint32_t flags(bool allow_short_key) { return allow_short_key ? OAUTH1_KEY_ALLOW_SHORT : 0; }
    explicit rsa_private_key(oauth1_rsa_private_key *k) : p_(k, oauth1_rsa_private_key_free) {}
    std::shared_ptr<oauth1_rsa_private_key> p_;
};

/* A consumer's RSA public key or certificate, PEM or DER, for verifying RSA signatures
 * (oauth1_rsa_public_key). Copies share one key; safe to share between threads. */
class rsa_public_key {
  public:
    explicit rsa_public_key(const std::string &data, bool allow_short_key = false) {
        oauth1_rsa_public_key *k = nullptr;
        detail::check(oauth1_rsa_public_key_new(detail::bytes(data), data.size(),
                                                rsa_private_key::flags(allow_short_key), &k));
        p_.reset(k, oauth1_rsa_public_key_free);
    }
    static rsa_public_key from_file(const std::string &path, bool allow_short_key = false) {
        oauth1_rsa_public_key *k = nullptr;
        detail::check(oauth1_rsa_public_key_from_file(path.c_str(), rsa_private_key::flags(allow_short_key), &k));
        return rsa_public_key(k);
    }
    uint32_t bits() const {
        uint32_t n = 0;
        detail::check(oauth1_rsa_public_key_bits(p_.get(), &n));
        return n;
    }
    const oauth1_rsa_public_key *get() const { return p_.get(); }

  private:
    friend class rsa_private_key;
    explicit rsa_public_key(oauth1_rsa_public_key *k) : p_(k, oauth1_rsa_public_key_free) {}
    std::shared_ptr<oauth1_rsa_public_key> p_;
};

inline rsa_public_key rsa_private_key::public_key() const {
    oauth1_rsa_public_key *k = nullptr;
    detail::check(oauth1_rsa_private_key_public_key(p_.get(), &k));
    return rsa_public_key(k);
}

class flow;

/* Signs requests with one set of credentials and options; safe to share between threads. */
class signer {
  public:
    /* Collects credentials and options (oauth1_signer_builder). */
    class builder {
      public:
        builder(const std::string &consumer_key, const std::string &consumer_secret) {
            oauth1_signer_builder *b = nullptr;
            detail::check(oauth1_signer_builder_new(consumer_key.c_str(), consumer_secret.c_str(), &b));
            p_.reset(b);
        }
        /* An RSA signer: no consumer secret; set private_key() before build(). */
        explicit builder(const std::string &consumer_key) {
            oauth1_signer_builder *b = nullptr;
            detail::check(oauth1_signer_builder_new(consumer_key.c_str(), nullptr, &b));
            p_.reset(b);
        }
        /* From OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET, OAUTH1_TOKEN, OAUTH1_TOKEN_SECRET. */
        static builder from_env() {
            oauth1_signer_builder *b = nullptr;
            detail::check(oauth1_signer_builder_from_env(&b));
            return builder(b);
        }
        /* From a JSON credentials file (snake_case or LivePerson names). */
        static builder from_json_file(const std::string &path) {
            oauth1_signer_builder *b = nullptr;
            detail::check(oauth1_signer_builder_from_json_file(path.c_str(), &b));
            return builder(b);
        }
        builder &token(const std::string &token, const std::string &token_secret) {
            detail::check(oauth1_signer_builder_set_token(p_.get(), token.c_str(), token_secret.c_str()));
            return *this;
        }
        /* The consumer's RSA private key (RSA-SHA1 unless signature_method says otherwise). */
        builder &private_key(const rsa_private_key &key) {
            detail::check(oauth1_signer_builder_set_private_key(p_.get(), key.get()));
            return *this;
        }
        builder &signature_method(const std::string &name) {
            detail::check(oauth1_signer_builder_set_signature_method(p_.get(), name.c_str()));
            return *this;
        }
        builder &realm(const std::string &realm) {
            detail::check(oauth1_signer_builder_set_realm(p_.get(), realm.c_str()));
            return *this;
        }
        builder &version(bool send) {
            detail::check(oauth1_signer_builder_set_version(p_.get(), send));
            return *this;
        }
        builder &body_hash(bool send) {
            detail::check(oauth1_signer_builder_set_body_hash(p_.get(), send));
            return *this;
        }
        builder &clock_offset(int64_t seconds) {
            detail::check(oauth1_signer_builder_set_clock_offset(p_.get(), seconds));
            return *this;
        }
        builder &callback(const std::string &callback) {
            detail::check(oauth1_signer_builder_set_callback(p_.get(), callback.c_str()));
            return *this;
        }
        builder &verifier(const std::string &verifier) {
            detail::check(oauth1_signer_builder_set_verifier(p_.get(), verifier.c_str()));
            return *this;
        }
        builder &placement(oauth1_placement placement) {
            detail::check(oauth1_signer_builder_set_placement(p_.get(), placement));
            return *this;
        }
        /* A provider preset's signing settings, under this builder's own (such as
         * provider("netsuite", {{"account", "1234567_SB1"}})); a flow started from the
         * builder knows the preset's endpoints too. */
        builder &provider(const std::string &name,
                          const std::vector<std::pair<std::string, std::string>> &values = {}) {
            std::vector<const char *> array = detail::pair_array(values);
            detail::check(oauth1_signer_builder_set_provider(p_.get(), name.c_str(), array.data()));
            return *this;
        }
        signer build() const {
            oauth1_signer *s = nullptr;
            detail::check(oauth1_signer_builder_build(p_.get(), &s));
            return signer(s);
        }

      private:
        friend class flow;
        explicit builder(oauth1_signer_builder *b) : p_(b) {}
        detail::handle<oauth1_signer_builder, oauth1_signer_builder_free> p_;
    };

    /* Signs with a fresh nonce and the clock. `content_type` may be empty for none. */
    signed_request sign(const std::string &method, const std::string &url, const std::string &body = {},
                        const std::string &content_type = {}) const {
        oauth1_signed *out = nullptr;
        detail::check(oauth1_signer_sign(p_.get(), method.c_str(), url.c_str(), detail::bytes(body),
                                         body.size(), content_type.empty() ? nullptr : content_type.c_str(),
                                         &out));
        return signed_request(out);
    }

    /* Signs with a fixed nonce and timestamp (seconds since the epoch, positive), for
     * reproducible signatures. */
    signed_request sign_with(const std::string &method, const std::string &url, const std::string &nonce,
                             int64_t timestamp, const std::string &body = {},
                             const std::string &content_type = {}) const {
        oauth1_signed *out = nullptr;
        detail::check(oauth1_signer_sign_with(p_.get(), method.c_str(), url.c_str(), detail::bytes(body),
                                              body.size(),
                                              content_type.empty() ? nullptr : content_type.c_str(),
                                              nonce.c_str(), timestamp, &out));
        return signed_request(out);
    }

    /* A copy with another clock offset, as after a timestamp_refused answer. */
    signer with_clock_offset(int64_t seconds) const {
        oauth1_signer *s = nullptr;
        detail::check(oauth1_signer_with_clock_offset(p_.get(), seconds, &s));
        return signer(s);
    }

  private:
    friend class flow;
    explicit signer(oauth1_signer *s) : p_(s) {}
    detail::handle<oauth1_signer, oauth1_signer_free> p_;
};

/* A provider's answer as the application's HTTP client received it; the headers are
 * std::nullopt when absent. */
struct provider_answer {
    uint16_t status = 0;
    std::optional<std::string> content_type;
    std::optional<std::string> www_authenticate;
    std::string body;
};

/* The three-legged flow (RFC 5849 section 2) over oauth1_flow: it signs the two token
 * requests, builds the authorization URL and judges every answer; the application
 * sends the requests. A refused or malformed answer throws oauth1::error with
 * OAUTH1_ERR_CALLBACK_UNCONFIRMED, OAUTH1_ERR_RESPONSE_INVALID, OAUTH1_ERR_TOKEN_MISMATCH,
 * OAUTH1_ERR_PROVIDER_ERROR or the problem's code. Use it from one thread at a time.
 *
 *     oauth1::flow f(oauth1::signer::builder("key", "secret"), "https://app.example/back");
 *     // POST to the request-token URL signed by f.request_token_signer(), then:
 *     f.accept_request_token({status, content_type, www_authenticate, body});
 *     std::string url = f.authorization_url("https://provider.example/authorize");
 *     f.accept_authorization_response(redirect_url);   // or f.set_verifier(typed_in)
 *     // POST to the access-token URL signed by f.access_token_signer(), then:
 *     f.accept_access_token({...});
 *     oauth1::signer api = f.signer();
 */
class flow {
  public:
    /* A flow for the consumer `consumer` describes (its preset included); the callback
     * is "oob" when empty, unless the preset insists on one. */
    explicit flow(const oauth1::signer::builder &consumer, const std::string &callback = {}) {
        oauth1_flow *f = nullptr;
        detail::check(oauth1_flow_new(consumer.p_.get(), &f));
        p_.reset(f);
        if (!callback.empty()) detail::check(oauth1_flow_set_callback(p_.get(), callback.c_str()));
    }
    /* Sets the callback; before step 1, as it starts the flow over. */
    flow &callback(const std::string &uri) {
        detail::check(oauth1_flow_set_callback(p_.get(), uri.c_str()));
        return *this;
    }
    /* Uses a provider preset; before step 1, as it starts the flow over. */
    flow &provider(const std::string &name, const std::vector<std::pair<std::string, std::string>> &values = {}) {
        std::vector<const char *> array = detail::pair_array(values);
        detail::check(oauth1_flow_set_provider(p_.get(), name.c_str(), array.data()));
        return *this;
    }
    /* The preset's endpoints, std::nullopt without one. */
    std::optional<std::string> request_token_url() const {
        return detail::optional_string(oauth1_flow_request_token_url, p_.get());
    }
    std::optional<std::string> authorize_url() const {
        return detail::optional_string(oauth1_flow_authorize_url, p_.get());
    }
    std::optional<std::string> access_token_url() const {
        return detail::optional_string(oauth1_flow_access_token_url, p_.get());
    }

    /* Step 1 (section 2.1). */
    oauth1::signer request_token_signer() const {
        oauth1_signer *s = nullptr;
        detail::check(oauth1_flow_request_token_signer(p_.get(), &s));
        return oauth1::signer(s);
    }
    void accept_request_token(const provider_answer &answer) { accept(oauth1_flow_accept_request_token, answer); }
    void set_request_token(const std::string &token, const std::string &token_secret) {
        detail::check(oauth1_flow_set_request_token(p_.get(), token.c_str(), token_secret.c_str()));
    }
    std::optional<std::string> request_token() const {
        return detail::optional_string(oauth1_flow_request_token, p_.get());
    }

    /* Step 2 (section 2.2): an empty authorize_url means the preset's. */
    std::string authorization_url(const std::string &authorize_url = {},
                                  const std::vector<std::pair<std::string, std::string>> &extra = {}) const {
        std::vector<const char *> array = detail::pair_array(extra);
        const char *given = authorize_url.empty() ? nullptr : authorize_url.c_str();
        return detail::read_into([&](char *buf, size_t cap, size_t *needed) {
            return oauth1_flow_authorization_url(p_.get(), given, array.data(), buf, cap, needed);
        });
    }
    /* Reads the redirect back and returns its verifier. */
    std::string accept_authorization_response(const std::string &url) {
        char *verifier = nullptr;
        detail::check(oauth1_flow_accept_authorization_response(p_.get(), url.c_str(), &verifier));
        return detail::take(verifier);
    }
    void set_verifier(const std::string &verifier) {
        detail::check(oauth1_flow_set_verifier(p_.get(), verifier.c_str()));
    }

    /* Step 3 (section 2.3). */
    oauth1::signer access_token_signer() const {
        oauth1_signer *s = nullptr;
        detail::check(oauth1_flow_access_token_signer(p_.get(), &s));
        return oauth1::signer(s);
    }
    void accept_access_token(const provider_answer &answer) { accept(oauth1_flow_accept_access_token, answer); }
    std::optional<std::string> access_token() const {
        return detail::optional_string(oauth1_flow_access_token, p_.get());
    }
    /* The token secret: keep it as a secret. Throws OAUTH1_ERR_NOT_AVAILABLE before step 3. */
    std::string access_token_secret() const {
        return detail::read_into([&](char *buf, size_t cap, size_t *needed) {
            return oauth1_flow_access_token_secret(p_.get(), buf, cap, needed);
        });
    }
    /* A parameter of the last token answer, such as X's user_id. */
    std::optional<std::string> response_param(const std::string &name) const {
        char *out = nullptr;
        oauth1_result rc = oauth1_flow_response_param(p_.get(), name.c_str(), &out);
        if (rc == OAUTH1_ERR_NOT_AVAILABLE) return std::nullopt;
        detail::check(rc);
        return detail::take(out);
    }
    /* The signer for API calls with the token credentials. */
    oauth1::signer signer() const {
        oauth1_signer *s = nullptr;
        detail::check(oauth1_flow_signer(p_.get(), &s));
        return oauth1::signer(s);
    }

  private:
    template <class F> void accept(F f, const provider_answer &a) {
        detail::check(f(p_.get(), a.status, a.content_type ? a.content_type->c_str() : nullptr,
                        a.www_authenticate ? a.www_authenticate->c_str() : nullptr, detail::bytes(a.body),
                        a.body.size()));
    }
    detail::handle<oauth1_flow, oauth1_flow_free> p_;
};

/* The next request after a redirect answer (oauth1_redirect_hop). */
struct redirect {
    std::string method;
    std::string url;
    bool keep_body = false;
    /* false: send it without an Authorization header or OAuth parameters. */
    bool sign = false;
};

/* The hop to follow after a `status` answer with `location`, or std::nullopt when the
 * status is not a redirect; `trusted_origins` are signed although another origin. */
inline std::optional<redirect> redirect_hop(uint16_t status, const std::string &method, const std::string &url,
                                            const std::string &location,
                                            const std::vector<std::string> &trusted_origins = {}) {
    std::vector<const char *> trusted;
    for (const std::string &origin : trusted_origins) trusted.push_back(origin.c_str());
    trusted.push_back(nullptr);
    char *next_method = nullptr, *next_url = nullptr;
    redirect hop;
    oauth1_result rc = oauth1_redirect_hop(status, method.c_str(), url.c_str(), location.c_str(), trusted.data(),
                                           &next_method, &next_url, &hop.keep_body, &hop.sign);
    if (rc == OAUTH1_ERR_NOT_AVAILABLE) return std::nullopt;
    detail::check(rc);
    hop.method = detail::take(next_method);
    hop.url = detail::take(next_url);
    return hop;
}

/* What a server knows about one consumer: its secret (HMAC, PLAINTEXT) or its RSA
 * public key (RSA, RFC 5849 section 3.4.3) or both, and whether it may sign requests
 * without a token (two-legged requests; refused unless allowed). */
struct consumer {
    std::optional<std::string> secret;
    bool two_legged = false;
    std::optional<oauth1::rsa_public_key> rsa_public_key = std::nullopt;
};

/* Finds secrets for verify(), as two separate questions (see oauth1_secret_lookup_fn):
 * `consumer` is asked for every request, `token_secret` only for a request that names
 * a token; std::nullopt (or an empty function) means unknown. Neither may throw: an
 * exception counts as "unknown". */
struct secret_lookup {
    std::function<std::optional<oauth1::consumer>(const std::string &consumer_key)> consumer;
    std::function<std::optional<std::string>(const std::string &consumer_key, const std::string &token)>
        token_secret;
};

/* What a verified request was signed with. */
struct verified {
    std::string consumer_key;
    std::optional<std::string> token;
    std::string signature_method;
    std::optional<std::string> nonce;
    std::optional<std::string> realm;
    /* Whether an oauth_body_hash was checked against the body. */
    bool body_hash_checked = false;
};

namespace detail {
extern "C" inline void lookup_trampoline(void *user_data, const char *consumer_key, const char *token,
                                         oauth1_secret_sink *sink) {
    const secret_lookup &lookup = *static_cast<const secret_lookup *>(user_data);
    try {
        std::string key(consumer_key);
        if (token == nullptr) {
            std::optional<oauth1::consumer> found;
            if (lookup.consumer) found = lookup.consumer(key);
            if (!found) return;
            bool known = false;
            if (found->secret) known = oauth1_secret_sink_set(sink, found->secret->c_str()) == OAUTH1_OK;
            if (found->rsa_public_key)
                known = oauth1_secret_sink_set_rsa_public_key(sink, found->rsa_public_key->get()) == OAUTH1_OK || known;
            if (known && found->two_legged) oauth1_secret_sink_allow_two_legged(sink);
        } else {
            std::optional<std::string> secret;
            if (lookup.token_secret) secret = lookup.token_secret(key, std::string(token));
            if (secret) oauth1_secret_sink_set(sink, secret->c_str());
        }
    } catch (...) {
        /* No exception may cross into the library: treat it as an unknown key. */
    }
}
}  // namespace detail

/* A nonce store (oauth1_nonce_store): remembers nonces so that a request cannot be
 * replayed, bounded and shared fairly between consumers. Copies share one store. */
class nonce_store {
  public:
    /* At most `capacity` nonces, each kept `window_seconds` past its timestamp (at
     * least the allowed clock skew); 0 for either throws OAUTH1_ERR_INVALID_OPTION. */
    nonce_store(size_t capacity, uint64_t window_seconds) {
        oauth1_nonce_store *s = nullptr;
        detail::check(oauth1_nonce_store_new(capacity, window_seconds, &s));
        p_.reset(s, oauth1_nonce_store_free);
    }
    size_t size() const {
        size_t n = 0;
        detail::check(oauth1_nonce_store_len(p_.get(), &n));
        return n;
    }
    size_t capacity() const {
        size_t n = 0;
        detail::check(oauth1_nonce_store_capacity(p_.get(), &n));
        return n;
    }
    /* Entries evicted before their time: above 0 under honest load, the store is too small. */
    uint64_t evicted() const {
        uint64_t n = 0;
        detail::check(oauth1_nonce_store_evicted(p_.get(), &n));
        return n;
    }
    const oauth1_nonce_store *get() const noexcept { return p_.get(); }

  private:
    std::shared_ptr<oauth1_nonce_store> p_;
};

/* Options for verify() (oauth1_verify_options), each left at the library's safe
 * default until set; see the oauth1_verify_options_set_ functions. */
class verify_options {
  public:
    verify_options() {
        oauth1_verify_options *o = nullptr;
        detail::check(oauth1_verify_options_new(&o));
        p_.reset(o);
    }
    /* The server's time in seconds since the epoch; 0 for the system clock. */
    verify_options &now(int64_t now) {
        detail::check(oauth1_verify_options_set_now(p_.get(), now));
        return *this;
    }
    verify_options &max_skew(uint64_t seconds) {
        detail::check(oauth1_verify_options_set_max_skew(p_.get(), seconds));
        return *this;
    }
    verify_options &nonce_store(const oauth1::nonce_store &store) {
        detail::check(oauth1_verify_options_set_nonce_store(p_.get(), store.get()));
        return *this;
    }
    /* A comma-separated list such as "HMAC-SHA256,PLAINTEXT". */
    verify_options &signature_methods(const std::string &methods) {
        detail::check(oauth1_verify_options_set_signature_methods(p_.get(), methods.c_str()));
        return *this;
    }
    verify_options &allow_plaintext_over_http(bool allow) {
        detail::check(oauth1_verify_options_set_allow_plaintext_over_http(p_.get(), allow));
        return *this;
    }
    verify_options &require_timestamp(bool require) {
        detail::check(oauth1_verify_options_set_require_timestamp(p_.get(), require));
        return *this;
    }
    verify_options &require_body_hash(bool require) {
        detail::check(oauth1_verify_options_set_require_body_hash(p_.get(), require));
        return *this;
    }
    verify_options &hide_unknown_keys(bool hide) {
        detail::check(oauth1_verify_options_set_hide_unknown_keys(p_.get(), hide));
        return *this;
    }
    const oauth1_verify_options *get() const noexcept { return p_.get(); }

  private:
    detail::handle<oauth1_verify_options, oauth1_verify_options_free> p_;
};

/* A request that failed verification (oauth1_rejection): besides the problem's code,
 * a reason to log and what the server answers with. Caught as oauth1::error too. */
class rejected : public error {
  public:
    rejected(oauth1_result code, oauth1_rejection *r) : error(code), p_(r, oauth1_rejection_free) {}
    /* A sentence about what was wrong (never a secret). */
    std::string reason() const {
        char *s = nullptr;
        detail::check(oauth1_rejection_reason(p_.get(), &s));
        return detail::take(s);
    }
    /* The WWW-Authenticate value to answer with; `realm` empty for none. */
    std::string www_authenticate(const std::string &realm = {}) const {
        char *s = nullptr;
        detail::check(oauth1_rejection_www_authenticate(p_.get(), realm.empty() ? nullptr : realm.c_str(), &s));
        return detail::take(s);
    }
    /* For a refused timestamp, the accepted range (inclusive). */
    std::optional<std::pair<uint64_t, uint64_t>> acceptable_timestamps() const {
        uint64_t min = 0, max = 0;
        oauth1_result rc = oauth1_rejection_acceptable_timestamps(p_.get(), &min, &max);
        if (rc == OAUTH1_ERR_NOT_AVAILABLE) return std::nullopt;
        detail::check(rc);
        return std::make_pair(min, max);
    }
    /* For missing parameters, their names joined by '&'. */
    std::optional<std::string> parameters_absent() const {
        return detail::optional_string(oauth1_rejection_parameters_absent, p_.get());
    }
    /* For refused parameters, their names joined by '&' (where they can be named). */
    std::optional<std::string> parameters_rejected() const {
        return detail::optional_string(oauth1_rejection_parameters_rejected, p_.get());
    }
    /* For an invalid signature, the base string the server computed (for the server's
     * logs, never for the client; cut to 8 KiB). */
    std::optional<std::string> base_string() const {
        return detail::optional_string(oauth1_rejection_base_string, p_.get());
    }

  private:
    std::shared_ptr<oauth1_rejection> p_;
};

/* Verifies a received request (RFC 5849 section 3.2); throws oauth1::rejected, an
 * oauth1::error with the problem's code (OAUTH1_ERR_SIGNATURE_INVALID, …), when it
 * does not verify, and oauth1::error when it cannot be read at all.
 * `options` may be nullptr for the defaults (or verify_options::get()). */
inline verified verify(const std::string &method, const std::string &url, const std::string &authorization,
                       const secret_lookup &lookup, const std::string &body = {},
                       const std::string &content_type = {}, const oauth1_verify_options *options = nullptr) {
    oauth1_verified *out = nullptr;
    oauth1_rejection *rejection = nullptr;
    oauth1_result rc = oauth1_verify_with_rejection(
        method.c_str(), url.c_str(), authorization.empty() ? nullptr : authorization.c_str(), detail::bytes(body),
        body.size(), content_type.empty() ? nullptr : content_type.c_str(), detail::lookup_trampoline,
        const_cast<secret_lookup *>(&lookup), options, &out, &rejection);
    if (rejection) throw rejected(rc, rejection);
    detail::check(rc);
    detail::handle<oauth1_verified, oauth1_verified_free> guard(out);
    verified v;
    char *s = nullptr;
    detail::check(oauth1_verified_consumer_key(out, &s));
    v.consumer_key = detail::take(s);
    detail::check(oauth1_verified_signature_method(out, &s));
    v.signature_method = detail::take(s);
    v.token = detail::optional_string(oauth1_verified_token, out);
    v.nonce = detail::optional_string(oauth1_verified_nonce, out);
    v.realm = detail::optional_string(oauth1_verified_realm, out);
    detail::check(oauth1_verified_body_hash_checked(out, &v.body_hash_checked));
    return v;
}

/* The clock offset to use after a timestamp_refused answer (see oauth1_clock_offset_from_problem). */
inline int64_t clock_offset_from_problem(const std::string &answer, int64_t now) {
    int64_t offset = 0;
    detail::check(oauth1_clock_offset_from_problem(answer.c_str(), now, &offset));
    return offset;
}

/* The library version, such as "0.1.0". */
inline std::string version() { return oauth1_version(); }

}  // namespace oauth1

#endif /* OAUTH1_HPP */
