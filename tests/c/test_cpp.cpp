// The C++ RAII layer (include/oauth1.hpp): a known answer, exceptions carrying the
// code, the optional accessors, and a verify round trip with a lambda lookup.
#include "oauth1.hpp"

#include <cstdio>
#include <cstring>

static int failures = 0, checks = 0;
#define CHECK(cond)                                                                     \
    do {                                                                                \
        checks++;                                                                       \
        if (!(cond)) {                                                                  \
            failures++;                                                                 \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                               \
    } while (0)

template <class F> static oauth1_result code_of(F f) {
    try {
        f();
    } catch (const oauth1::error &e) {
        return e.code();
    }
    return OAUTH1_OK;
}

int main() {
    // RFC 5849 section 1.2, the "photos" request.
    oauth1::signer s = oauth1::signer::builder("dpf43f3p2l4k3l03", "kd94hf93k423kf44")
                           .token("nnch734d00sl2jdk", "pfkkdhi9sl3r4s00")
                           .version(false)
                           .build();
    oauth1::signed_request r =
        s.sign_with("GET", "http://photos.example.net/photos?file=vacation.jpg&size=original", "chapoH", 137131202);
    CHECK(r.signature() == "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
    CHECK(r.nonce() == "chapoH");
    CHECK(r.timestamp() == 137131202);
    CHECK(r.authorization().rfind("OAuth oauth_consumer_key=\"dpf43f3p2l4k3l03\", ", 0) == 0);
    CHECK(r.base_string().rfind("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&", 0) == 0);
    auto params = r.params();
    CHECK(params.size() == 6);
    CHECK(params[2].first == "oauth_signature" && params[2].second == r.signature());
    CHECK(!r.signed_url());
    CHECK(!r.signed_body());

    CHECK(code_of([] { oauth1::signer::builder("k", "s").signature_method("RSA-MD5"); }) ==
          OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD);
    CHECK(code_of([&] { s.sign("GET", "ftp://example.com/"); }) == OAUTH1_ERR_UNSUPPORTED_SCHEME);
    try {
        s.sign("", "https://example.com/");
        CHECK(false);
    } catch (const oauth1::error &e) {
        CHECK(std::strcmp(e.name(), "invalid_method") == 0);
        CHECK(std::strlen(e.what()) > 0);
    }

    oauth1::signer q = oauth1::signer::builder("k", "s").placement(OAUTH1_PLACEMENT_QUERY).build();
    auto signed_url = q.sign("GET", "https://example.com/a?b=c").signed_url();
    CHECK(signed_url && signed_url->find("oauth_signature=") != std::string::npos);

    oauth1::secret_lookup lookup = [](const std::string &key, const std::string *token) -> std::optional<std::string> {
        if (key != "dpf43f3p2l4k3l03") return std::nullopt;
        if (!token) return std::string("kd94hf93k423kf44");
        if (*token == "nnch734d00sl2jdk") return std::string("pfkkdhi9sl3r4s00");
        throw std::runtime_error("unknown token");  // caught by the trampoline
    };
    oauth1::signed_request now = s.sign("GET", "https://photos.example.net/photos?size=original");
    oauth1::verified v = oauth1::verify("GET", "https://photos.example.net/photos?size=original",
                                        now.authorization(), lookup);
    CHECK(v.consumer_key == "dpf43f3p2l4k3l03");
    CHECK(v.token && *v.token == "nnch734d00sl2jdk");
    CHECK(v.signature_method == "HMAC-SHA1");
    CHECK(v.nonce && *v.nonce == now.nonce());
    CHECK(!v.realm);
    CHECK(code_of([&] {
              oauth1::verify("GET", "https://photos.example.net/photos?size=small", now.authorization(), lookup);
          }) == OAUTH1_ERR_SIGNATURE_INVALID);
    // The rejection's details, through oauth1::rejected.
    try {
        oauth1::verify("GET", "https://photos.example.net/photos?size=small", now.authorization(), lookup);
        CHECK(false);
    } catch (const oauth1::rejected &r) {
        CHECK(r.code() == OAUTH1_ERR_SIGNATURE_INVALID);
        CHECK(r.www_authenticate("Photos") == "OAuth realm=\"Photos\", oauth_problem=\"signature_invalid\"");
        CHECK(r.base_string() && r.base_string()->rfind("GET&https%3A%2F%2Fphotos.example.net%2Fphotos&", 0) == 0);
        CHECK(!r.reason().empty());
        CHECK(!r.acceptable_timestamps() && !r.parameters_absent());
    }
    try {
        oauth1::verify("GET", "https://example.com/", "OAuth oauth_consumer_key=\"dpf43f3p2l4k3l03\"", lookup);
        CHECK(false);
    } catch (const oauth1::rejected &r) {
        CHECK(r.code() == OAUTH1_ERR_PARAMETER_ABSENT);
        CHECK(r.parameters_absent() && r.parameters_absent()->find("oauth_signature") != std::string::npos);
    }
    oauth1::signer other = oauth1::signer::builder("dpf43f3p2l4k3l03", "kd94hf93k423kf44").token("t2", "x").build();
    CHECK(code_of([&] {
              oauth1::verify("GET", "https://example.com/", other.sign("GET", "https://example.com/").authorization(),
                             lookup);
          }) == OAUTH1_ERR_TOKEN_REJECTED);

    CHECK(oauth1::clock_offset_from_problem("oauth_acceptable_timestamps=\"100-200\"", 100) == 50);
    CHECK(!oauth1::version().empty());

    if (failures) {
        std::fprintf(stderr, "test_cpp: %d of %d checks failed\n", failures, checks);
        return 1;
    }
    std::printf("test_cpp: all %d checks passed\n", checks);
    return 0;
}
