// Signs the typical LivePerson request with the C++ RAII layer and verifies it.
//
//   c++ -std=c++17 example.cpp $(pkg-config --cflags --libs oauth1) -o example_cpp && ./example_cpp
#include <oauth1.hpp>

#include <iostream>

int main() {
    const std::string url =
        "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity"
        "?timeframe=60&v=1&agentIds=all&skillIds=all";
    try {
        oauth1::signer signer = oauth1::signer::builder("app-key", "app-secret")
                                    .token("access-token", "access-token-secret")
                                    .build();
        oauth1::signed_request request = signer.sign("GET", url);
        std::cout << "liboauth1 " << oauth1::version() << "\nAuthorization: " << request.authorization() << "\n";

        // The server's side: the consumer's secret, then the token's, each on its own.
        oauth1::secret_lookup lookup;
        lookup.consumer = [](const std::string &key) -> std::optional<oauth1::consumer> {
            if (key != "app-key") return std::nullopt;
            return oauth1::consumer{"app-secret"};  // two_legged: false, a token is required
        };
        lookup.token_secret = [](const std::string &key, const std::string &token) -> std::optional<std::string> {
            if (key == "app-key" && token == "access-token") return std::string("access-token-secret");
            return std::nullopt;
        };
        oauth1::verified v = oauth1::verify("GET", url, request.authorization(), lookup);
        std::cout << "verified: consumer key " << v.consumer_key << ", " << v.signature_method << "\n";
    } catch (const oauth1::error &e) {
        std::cerr << "oauth1: " << e.name() << ": " << e.what() << "\n";
        return 1;
    }
    return 0;
}
