"""The server-side examples of bindings/python/README.md, verbatim, with the checks
that they do what the README says. Run by test_readme.py (and runnable on its own)."""

import oauth1

# --- README: "Verify (server side)" ---------------------------------------------------
class Secrets:
    """Answers verify's two questions from the server's own records."""

    def __init__(self, consumers, tokens):
        self.consumers = consumers  # consumer key -> oauth1.Consumer
        self.tokens = tokens        # (consumer key, token) -> token secret

    def consumer(self, consumer_key):
        return self.consumers.get(consumer_key)

    def token_secret(self, consumer_key, token):
        return self.tokens.get((consumer_key, token))


secrets = Secrets(
    consumers={
        "app-key": oauth1.Consumer("app-secret"),                       # must send a token
        "batch-key": oauth1.Consumer("batch-secret", two_legged=True),  # may sign without one
    },
    tokens={("app-key", "access-token"): "access-token-secret"},
)
store = oauth1.NonceStore()


def handle(method, url, headers, body):
    try:
        ok = oauth1.verify(method, url, authorization=headers.get("Authorization"),
                           body=body, content_type=headers.get("Content-Type"),
                           secrets=secrets, nonce_store=store)
    except oauth1.VerificationError as e:
        return 401, {"WWW-Authenticate": e.www_authenticate(realm="api")}, e.problem
    return 200, {}, f"hello {ok.consumer_key}"
# --- end -------------------------------------------------------------------------------

URL = "https://api.example.com/items?page=2"
app = oauth1.Signer("app-key", "app-secret", "access-token", "access-token-secret")
assert handle("GET", URL, {"Authorization": app.authorization("GET", URL)}, None) == (200, {}, "hello app-key")
batch = oauth1.Signer("batch-key", "batch-secret")
assert handle("GET", URL, {"Authorization": batch.authorization("GET", URL)}, None)[2] == "hello batch-key"
# app-key is not two-legged: without its token it is refused.
tokenless = oauth1.Signer("app-key", "app-secret").authorization("GET", URL)
status, headers, problem = handle("GET", URL, {"Authorization": tokenless}, None)
assert (status, problem) == (401, "parameter_absent"), problem
assert headers["WWW-Authenticate"] == 'OAuth realm="api", oauth_problem="parameter_absent", oauth_parameters_absent="oauth_token"'
# A replay is caught by the store.
once = app.authorization("GET", URL)
assert handle("GET", URL, {"Authorization": once}, None)[0] == 200
assert handle("GET", URL, {"Authorization": once}, None)[2] == "nonce_used"

method, url, body = "PUT", "http://10.0.0.7/upload", b"\x00\x01"
plaintext = oauth1.Signer("app-key", "app-secret", "access-token", "access-token-secret",
                          signature_method="PLAINTEXT", body_hash=True)
authorization = plaintext.authorization(method, url, body=body, content_type="application/octet-stream")
try:
    oauth1.verify(method, url, authorization=authorization, body=body, secrets=secrets)
except oauth1.SignatureMethodRejectedError:
    pass  # PLAINTEXT is refused by default
else:
    raise AssertionError("PLAINTEXT was accepted by default")

# --- README: "Verification defaults" ---------------------------------------------------
ok = oauth1.verify(
    method, url, authorization=authorization, body=body, secrets=secrets,
    max_skew=120,                                    # default: 300 seconds
    signature_methods=["HMAC-SHA256", "PLAINTEXT"],  # default: HMAC-SHA1, -SHA256, -SHA512
    allow_plaintext_over_http=True,                  # default: PLAINTEXT only over https
    require_timestamp=True,                          # default: True, for every method
    require_body_hash=True,                          # default: checked when sent, not required
    hide_unknown_keys=True,                          # default: unknown keys are named as such
    nonce_store=oauth1.NonceStore(capacity=200 * 600, window=300),
)
assert ok.body_hash_checked
# --- end -------------------------------------------------------------------------------

assert (ok.signature_method, ok.token) == ("PLAINTEXT", "access-token")
print("README server examples: ok")
