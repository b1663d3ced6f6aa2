"""The server-side and RSA examples of bindings/python/README.md, verbatim, with the
checks that they do what the README says. Run by test_readme.py (and runnable on its own)."""

import os
import pathlib
import shutil
import tempfile

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
    signature_methods=["HMAC-SHA256", "PLAINTEXT"],  # default: HMAC-SHA1/256/512, RSA-SHA1/256/512
    allow_plaintext_over_http=True,                  # default: PLAINTEXT only over https
    require_timestamp=True,                          # default: True, for every method
    require_body_hash=True,                          # default: checked when sent, not required
    hide_unknown_keys=True,                          # default: unknown keys are named as such
    nonce_store=oauth1.NonceStore(capacity=200 * 600, window=300),
)
assert ok.body_hash_checked
# --- end -------------------------------------------------------------------------------

assert (ok.signature_method, ok.token) == ("PLAINTEXT", "access-token")

# The RSA example's files, where it looks for them: the test key as a PKCS#12 file and
# its certificate (tests/vectors/keys).
keys = pathlib.Path(__file__).resolve().parents[3] / "tests" / "vectors" / "keys"
workdir = tempfile.TemporaryDirectory()
os.chdir(workdir.name)
shutil.copy(keys / "rsa-2048.p12", "jira.p12")
shutil.copy(keys / "rsa-2048-cert.pem", "jira-cert.pem")
os.environ["JIRA_KEY_PASSWORD"] = "keystore password"

# --- README: "RSA" ----------------------------------------------------------------------
# Client (a Jira application link): sign with the consumer's private key. RSA needs
# no consumer secret, and RSA-SHA1 is the default once a key is given.
key = oauth1.RsaPrivateKey.from_file("jira.p12", password=os.environ["JIRA_KEY_PASSWORD"])
jira = oauth1.Signer("jira-consumer", private_key=key, signature_method="RSA-SHA256")
url = "https://jira.example.com/plugins/servlet/oauth/request-token"
authorization = jira.authorization("POST", url)

# Server: the consumer is registered with its public key or certificate instead of a
# secret (key.public_key() is the same key).
rsa_secrets = Secrets(
    consumers={"jira-consumer": oauth1.Consumer(
        rsa_public_key=oauth1.RsaPublicKey.from_file("jira-cert.pem"), two_legged=True)},
    tokens={},
)
ok = oauth1.verify("POST", url, authorization=authorization, secrets=rsa_secrets)
# --- end -------------------------------------------------------------------------------

assert (ok.consumer_key, ok.token, ok.signature_method) == ("jira-consumer", None, "RSA-SHA256")
assert repr(key) == "RsaPrivateKey(2048 bits)" and "RSA-SHA256" in repr(jira)
assert oauth1.Signer("jira-consumer", private_key=key).signature_method == "RSA-SHA1"
# The same consumer registered with key.public_key(), and an HMAC request refused for it.
assert oauth1.Consumer(rsa_public_key=key.public_key(), two_legged=True) is not None
hmac = oauth1.Signer("jira-consumer", "guessed-secret").authorization("POST", url)
try:
    oauth1.verify("POST", url, authorization=hmac, secrets=rsa_secrets)
except oauth1.SignatureMethodRejectedError:
    pass
else:
    raise AssertionError("an HMAC request was accepted for an RSA-only consumer")
for loader, error in [
    (lambda: oauth1.RsaPrivateKey.from_file("jira.p12"), oauth1.KeyPasswordError),
    (lambda: oauth1.RsaPrivateKey.from_file("jira-cert.pem"), oauth1.KeyTypeError),
    (lambda: oauth1.RsaPrivateKey(b"not a key"), oauth1.KeyUnreadableError),
    (lambda: oauth1.RsaPrivateKey.from_file(keys / "rsa-1024.pem"), oauth1.KeyTooShortError),
]:
    try:
        loader()
    except error:
        pass
    else:
        raise AssertionError(f"{error.__name__} not raised")
os.chdir(keys)
workdir.cleanup()
print("README server examples: ok")
