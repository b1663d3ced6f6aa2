// The C++ RAII layer (include/oauth1.hpp): a known answer, exceptions carrying the
// code, the optional accessors, a verify round trip with a two-question lookup,
// two-legged consumers, verify options, a nonce store, and RSA keys.
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

    oauth1::secret_lookup lookup;
    lookup.consumer = [](const std::string &key) -> std::optional<oauth1::consumer> {
        if (key != "dpf43f3p2l4k3l03") return std::nullopt;
        return oauth1::consumer{"kd94hf93k423kf44"};
    };
    lookup.token_secret = [](const std::string &key, const std::string &token) -> std::optional<std::string> {
        if (key == "dpf43f3p2l4k3l03" && token == "nnch734d00sl2jdk") return std::string("pfkkdhi9sl3r4s00");
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
    CHECK(!v.body_hash_checked);
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

    // A token-less request: refused unless the consumer may sign without a token.
    oauth1::signer consumer_only = oauth1::signer::builder("dpf43f3p2l4k3l03", "kd94hf93k423kf44").build();
    std::string token_less = consumer_only.sign("GET", "https://example.com/").authorization();
    try {
        oauth1::verify("GET", "https://example.com/", token_less, lookup);
        CHECK(false);
    } catch (const oauth1::rejected &r) {
        CHECK(r.code() == OAUTH1_ERR_PARAMETER_ABSENT);
        CHECK(r.parameters_absent() == std::optional<std::string>("oauth_token"));
    }
    oauth1::secret_lookup two_legged = lookup;
    two_legged.consumer = [](const std::string &key) -> std::optional<oauth1::consumer> {
        if (key != "dpf43f3p2l4k3l03") return std::nullopt;
        return oauth1::consumer{"kd94hf93k423kf44", true};
    };
    oauth1::verified tl = oauth1::verify("GET", "https://example.com/", token_less, two_legged);
    CHECK(!tl.token && tl.consumer_key == "dpf43f3p2l4k3l03");
    // An empty function is an unknown key.
    CHECK(code_of([&] { oauth1::verify("GET", "https://example.com/", token_less, oauth1::secret_lookup{}); }) ==
          OAUTH1_ERR_CONSUMER_KEY_UNKNOWN);

    // Options and a nonce store: PLAINTEXT when named, replays caught, refused names.
    oauth1::nonce_store store(100, 300);
    CHECK(store.capacity() == 100 && store.size() == 0 && store.evicted() == 0);
    CHECK(code_of([] { oauth1::nonce_store(0, 300); }) == OAUTH1_ERR_INVALID_OPTION);
    oauth1::verify_options options;
    options.now(137131202).nonce_store(store).signature_methods("HMAC-SHA1,PLAINTEXT").require_body_hash(false);
    CHECK(code_of([&] { options.signature_methods(""); }) == OAUTH1_ERR_INVALID_OPTION);
    CHECK(code_of([&] { options.now(-1); }) == OAUTH1_ERR_INVALID_TIMESTAMP);
    oauth1::signer plaintext = oauth1::signer::builder("dpf43f3p2l4k3l03", "kd94hf93k423kf44")
                                   .token("nnch734d00sl2jdk", "pfkkdhi9sl3r4s00")
                                   .signature_method("PLAINTEXT")
                                   .build();
    std::string pt = plaintext.sign_with("GET", "https://photos.example.net/p", "pt-nonce", 137131202).authorization();
    CHECK(code_of([&] { oauth1::verify("GET", "https://photos.example.net/p", pt, lookup); }) ==
          OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);
    oauth1::verified pv = oauth1::verify("GET", "https://photos.example.net/p", pt, lookup, {}, {}, options.get());
    CHECK(pv.signature_method == "PLAINTEXT" && store.size() == 1);
    CHECK(code_of([&] { oauth1::verify("GET", "https://photos.example.net/p", pt, lookup, {}, {}, options.get()); }) ==
          OAUTH1_ERR_NONCE_USED);
    options.hide_unknown_keys(true).allow_plaintext_over_http(false).require_timestamp(true);
    try {
        std::string bad = pt;
        bad.replace(bad.find("oauth_timestamp=\"137131202\""), 27, "oauth_timestamp=\"13713120x\"");
        oauth1::verify("GET", "https://photos.example.net/p", bad, lookup, {}, {}, options.get());
        CHECK(false);
    } catch (const oauth1::rejected &r) {
        CHECK(r.code() == OAUTH1_ERR_PARAMETER_REJECTED);
        CHECK(r.parameters_rejected() == std::optional<std::string>("oauth_timestamp"));
    }
    CHECK(code_of([&] { s.sign_with("GET", "https://example.com/", "n", -1); }) == OAUTH1_ERR_INVALID_TIMESTAMP);

    // RSA (RFC 5849 section 3.4.3): a key from a PKCS#12 file, no consumer secret, and a
    // lookup that answers with the public key alone (an RSA-only consumer).
    oauth1::rsa_private_key key =
        oauth1::rsa_private_key::from_file("tests/vectors/keys/rsa-2048.p12", std::string("keystore password"));
    CHECK(key.bits() == 2048);
    oauth1::signer jira = oauth1::signer::builder("jira").private_key(key).token("tok", "").build();
    std::string jira_url = "https://jira.example.com/rest/api/2/myself";
    oauth1::signed_request js = jira.sign("GET", jira_url);
    CHECK(js.signature().size() == 344);
    CHECK(js.authorization().find("oauth_signature_method=\"RSA-SHA1\"") != std::string::npos);
    oauth1::secret_lookup rsa_lookup{
        [&](const std::string &k) -> std::optional<oauth1::consumer> {
            if (k != "jira") return std::nullopt;
            return oauth1::consumer{std::nullopt, false,
                                    oauth1::rsa_public_key::from_file("tests/vectors/keys/rsa-2048-cert.pem")};
        },
        [](const std::string &, const std::string &t) -> std::optional<std::string> {
            return t == "tok" ? std::optional<std::string>("") : std::nullopt;
        }};
    oauth1::verified jv = oauth1::verify("GET", jira_url, js.authorization(), rsa_lookup);
    CHECK(jv.signature_method == "RSA-SHA1");
    CHECK(code_of([&] { oauth1::verify("GET", jira_url + "?x=1", js.authorization(), rsa_lookup); }) ==
          OAUTH1_ERR_SIGNATURE_INVALID);
    oauth1::signer hmac_jira = oauth1::signer::builder("jira", "").token("tok", "").build();
    CHECK(code_of([&] { oauth1::verify("GET", jira_url, hmac_jira.sign("GET", jira_url).authorization(), rsa_lookup); }) ==
          OAUTH1_ERR_SIGNATURE_METHOD_REJECTED);
    CHECK(key.public_key().bits() == 2048);
    CHECK(code_of([] { oauth1::rsa_private_key::from_file("tests/vectors/keys/rsa-2048.p12"); }) ==
          OAUTH1_ERR_KEY_PASSWORD);
    CHECK(code_of([] { oauth1::rsa_private_key::from_file("tests/vectors/keys/rsa-1024.pem"); }) ==
          OAUTH1_ERR_KEY_TOO_SHORT);
    CHECK(oauth1::rsa_private_key::from_file("tests/vectors/keys/rsa-1024.pem", std::nullopt, true).bits() == 1024);
    CHECK(code_of([] { oauth1::rsa_public_key("not a key"); }) == OAUTH1_ERR_KEY_UNREADABLE);
    CHECK(code_of([] { oauth1::signer::builder("k").build(); }) == OAUTH1_ERR_INVALID_CREDENTIALS);

    CHECK(oauth1::clock_offset_from_problem("oauth_acceptable_timestamps=\"100-200\"", 100) == 50);
    CHECK(code_of([] { oauth1::clock_offset_from_problem("oauth_acceptable_timestamps=\"100-200\"", -1); }) ==
          OAUTH1_ERR_INVALID_TIMESTAMP);
    CHECK(!oauth1::version().empty());

    if (failures) {
        std::fprintf(stderr, "test_cpp: %d of %d checks failed\n", failures, checks);
        return 1;
    }
    std::printf("test_cpp: all %d checks passed\n", checks);
    return 0;
}
