// The C++ RAII layer's oauth1::flow (include/oauth1.hpp) against the local provider
// of tests/c/provider.py (OAUTH1_TEST_PROVIDER, started by bindings/c/test.sh): the
// whole flow with a callback, the protected resource, a faulty answer thrown with its
// code, a preset, and oauth1::redirect_hop.
#include "oauth1.hpp"

#include "http.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

static int failures = 0, checks = 0;
#define CHECK(cond)                                                                       \
    do {                                                                                  \
        checks++;                                                                         \
        if (!(cond)) {                                                                    \
            failures++;                                                                   \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                                 \
    } while (0)

template <class F> static oauth1_result code_of(F f) {
    try {
        f();
    } catch (const oauth1::error &e) {
        return e.code();
    }
    return OAUTH1_OK;
}

static std::string provider;

// Sends one request (signed unless `signer` is null) and returns the answer in the
// shape the flow takes; `location` receives the Location header.
static oauth1::provider_answer send(const oauth1::signer *signer, const std::string &method, const std::string &url,
                                    std::string *location = nullptr) {
    std::string authorization = signer ? signer->sign(method, url).authorization() : std::string();
    http_answer raw;
    oauth1::provider_answer answer;
    if (http_send(method.c_str(), url.c_str(), signer ? authorization.c_str() : nullptr, nullptr, nullptr, 0,
                  &raw) != 0) {
        CHECK(!"the provider answers");
        return answer;
    }
    answer.status = static_cast<uint16_t>(raw.status);
    if (raw.content_type) answer.content_type = raw.content_type;
    if (raw.www_authenticate) answer.www_authenticate = raw.www_authenticate;
    answer.body.assign(reinterpret_cast<const char *>(raw.body), raw.body_len);
    if (location && raw.location) *location = raw.location;
    http_answer_free(&raw);
    return answer;
}

static void whole_flow() {
    oauth1::flow flow(oauth1::signer::builder("c-flow-consumer", "c-flow-consumer-secret"),
                      "http://127.0.0.1:9/callback");
    CHECK(!flow.request_token());
    CHECK(!flow.request_token_url());
    oauth1::signer step1 = flow.request_token_signer();
    flow.accept_request_token(send(&step1, "POST", provider + "/request_token"));
    CHECK(flow.request_token() && !flow.request_token()->empty());
    CHECK(flow.response_param("oauth_callback_confirmed") == std::optional<std::string>("true"));

    std::string url = flow.authorization_url(provider + "/authorize", {{"perms", "read"}});
    CHECK(url.find("oauth_token=" + *flow.request_token()) != std::string::npos);
    CHECK(url.find("&perms=read") != std::string::npos);
    std::string location;
    oauth1::provider_answer redirect = send(nullptr, "GET", url, &location);
    CHECK(redirect.status == 302);
    std::string verifier = flow.accept_authorization_response(location);
    CHECK(!verifier.empty() && location.find(verifier) != std::string::npos);

    CHECK(code_of([&] { flow.signer(); }) == OAUTH1_ERR_INVALID_OPTION);
    CHECK(code_of([&] { flow.access_token_secret(); }) == OAUTH1_ERR_NOT_AVAILABLE);
    oauth1::signer step3 = flow.access_token_signer();
    flow.accept_access_token(send(&step3, "POST", provider + "/access_token"));
    CHECK(flow.access_token() && !flow.access_token()->empty());
    std::string secret = flow.access_token_secret();
    CHECK(!secret.empty());

    oauth1::signer api = flow.signer();
    oauth1::provider_answer resource = send(&api, "GET", provider + "/resource?q=c%2B%2B");
    CHECK(resource.status == 200 && resource.body == "protected resource");
    oauth1::signer saved =
        oauth1::signer::builder("c-flow-consumer", "c-flow-consumer-secret").token(*flow.access_token(), secret).build();
    CHECK(send(&saved, "GET", provider + "/resource").status == 200);
}

static void faulty_answers() {
    oauth1::flow flow(oauth1::signer::builder("c-flow-consumer", "c-flow-consumer-secret"), "http://127.0.0.1:9/cb");
    oauth1::signer step1 = flow.request_token_signer();
    CHECK(code_of([&] { flow.accept_request_token(send(&step1, "POST", provider + "/unconfirmed/request_token")); }) ==
          OAUTH1_ERR_CALLBACK_UNCONFIRMED);
    CHECK(code_of([&] { flow.accept_request_token(send(&step1, "POST", provider + "/html/request_token")); }) ==
          OAUTH1_ERR_RESPONSE_INVALID);
    CHECK(!flow.request_token());
    flow.set_request_token("temporary", "temporary-secret");
    try {
        flow.accept_authorization_response("oauth_token=another&oauth_verifier=v");
        CHECK(false);
    } catch (const oauth1::error &e) {
        CHECK(e.code() == OAUTH1_ERR_TOKEN_MISMATCH);
        CHECK(std::strcmp(e.name(), "token_mismatch") == 0);
    }
    CHECK(code_of([&] { flow.provider("no-such-provider"); }) == OAUTH1_ERR_UNKNOWN_PROVIDER);
}

static void presets_and_redirects() {
    oauth1::flow flow(oauth1::signer::builder("consumer", "secret").provider("netsuite", {{"account", "1234567_SB1"}}));
    CHECK(flow.request_token_url() ==
          std::optional<std::string>("https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken"));
    std::string header = flow.request_token_signer().sign("POST", *flow.request_token_url()).authorization();
    CHECK(header.rfind("OAuth realm=\"1234567_SB1\", ", 0) == 0);
    flow.provider("trello");
    flow.set_request_token("t", "s");
    CHECK(flow.authorization_url().rfind("https://trello.com/1/OAuthAuthorizeToken?oauth_token=t&", 0) == 0);

    CHECK(!oauth1::redirect_hop(200, "GET", "https://api.example.com/a", "/b"));
    auto hop = oauth1::redirect_hop(303, "POST", "https://api.example.com/a", "/b?x=1");
    CHECK(hop && hop->method == "GET" && hop->url == "https://api.example.com/b?x=1" && hop->sign && !hop->keep_body);
    hop = oauth1::redirect_hop(307, "PUT", "https://api.example.com/a", "https://cdn.example.com/b");
    CHECK(hop && hop->method == "PUT" && hop->keep_body && !hop->sign);
    hop = oauth1::redirect_hop(307, "PUT", "https://api.example.com/a", "https://cdn.example.com/b",
                               {"https://cdn.example.com"});
    CHECK(hop && hop->sign);
    CHECK(code_of([] { oauth1::redirect_hop(302, "GET", "https://api.example.com/a", "ftp://x.example/"); }) ==
          OAUTH1_ERR_UNSUPPORTED_SCHEME);
}

int main() {
    const char *base = std::getenv("OAUTH1_TEST_PROVIDER");
    if (!base || std::strncmp(base, "http://", 7) != 0) {
        std::fprintf(stderr, "test_flow_cpp: set OAUTH1_TEST_PROVIDER (bindings/c/test.sh does)\n");
        return 1;
    }
    provider = base;
    whole_flow();
    faulty_answers();
    presets_and_redirects();
    if (failures) {
        std::fprintf(stderr, "test_flow_cpp: %d of %d checks failed\n", failures, checks);
        return 1;
    }
    std::printf("test_flow_cpp: all %d checks passed\n", checks);
    return 0;
}
