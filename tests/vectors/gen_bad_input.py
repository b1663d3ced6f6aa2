#!/usr/bin/env python3
"""Writes tests/vectors/bad-input.json: inputs that every binding and the CLI must
refuse with the same error code, and a few that they must accept.

The signed requests in the "verify" cases are signed here, with a small RFC 5849
signer on the standard library, independent of the Rust core: run this script again
after changing a case, and commit both files.

    python3 tests/vectors/gen_bad_input.py
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import pathlib
from urllib.parse import parse_qsl, quote, urlsplit

KEYS = pathlib.Path(__file__).with_name("keys")
NOW = 1_700_000_000
KEY, SECRET, TOKEN, TOKEN_SECRET = "app-key", "app-secret", "access-token", "access-token-secret"
SERVER = {"consumer_key": KEY, "consumer_secret": SECRET, "token": TOKEN, "token_secret": TOKEN_SECRET}
CONSUMER_ONLY = {"consumer_key": KEY, "consumer_secret": SECRET}


def enc(s: str) -> str:
    return quote(s, safe="-._~")


def sign(method, url, *, body=None, content_type=None, token=TOKEN, token_secret=TOKEN_SECRET,
         signature_method="HMAC-SHA1", timestamp=NOW, nonce="n0nce", realm=None, extra=(),
         omit=(), consumer_key=KEY, consumer_secret=SECRET):
    """Returns the Authorization header value for the request (RFC 5849 section 3)."""
    proto = {
        "oauth_consumer_key": consumer_key,
        "oauth_signature_method": signature_method,
        "oauth_timestamp": str(timestamp),
        "oauth_nonce": nonce,
        "oauth_version": "1.0",
    }
    if token:
        proto["oauth_token"] = token
    proto.update(dict(extra))
    for name in omit:
        proto.pop(name, None)
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if body is not None and content_type == "application/x-www-form-urlencoded":
        pairs += parse_qsl(body, keep_blank_values=True)
    pairs += list(proto.items())
    normalized = "&".join(f"{n}={v}" for n, v in sorted((enc(n), enc(v)) for n, v in pairs))
    base_uri = f"{parts.scheme}://{parts.netloc.lower()}{parts.path or '/'}"
    base = "&".join([method.upper(), enc(base_uri), enc(normalized)])
    key = f"{enc(consumer_secret)}&{enc(token_secret or '')}"
    if signature_method == "PLAINTEXT":
        signature = key
    elif signature_method.startswith("RSA-"):
        signature = rsa_sign(signature_method, base)
    else:
        digest = {"HMAC-SHA1": hashlib.sha1, "HMAC-SHA256": hashlib.sha256}[signature_method]
        signature = base64.b64encode(hmac.new(key.encode(), base.encode(), digest).digest()).decode()
    proto["oauth_signature"] = signature
    head = f'realm="{enc(realm)}", ' if realm is not None else ""
    return "OAuth " + head + ", ".join(f'{n}="{enc(v)}"' for n, v in sorted(proto.items()))


def key_text(name: str) -> str:
    return (KEYS / name).read_text()


def rsa_sign(signature_method: str, base: str) -> str:
    """RSASSA-PKCS1-v1_5 (RFC 5849 section 3.4.3) with the test key, by the cryptography
    package, which this script alone needs."""
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding

    key = serialization.load_pem_private_key(key_text("rsa-2048.pem").encode(), password=None)
    digest = {"RSA-SHA1": hashes.SHA1, "RSA-SHA256": hashes.SHA256, "RSA-SHA512": hashes.SHA512}[signature_method]
    return base64.b64encode(key.sign(base.encode(), padding.PKCS1v15(), digest())).decode()


def signer(**overrides):
    base = {"consumer_key": KEY, "consumer_secret": SECRET, "token": TOKEN, "token_secret": TOKEN_SECRET}
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


SIGN = [
    ("url-unsupported-scheme", {}, {"url": "ftp://example.com/x"}, "unsupported_scheme"),
    ("url-without-host", {}, {"url": "https:///x"}, "invalid_url"),
    ("url-not-a-url", {}, {"url": "not a url"}, "invalid_url"),
    ("url-bad-port", {}, {"url": "https://example.com:99999/"}, "invalid_url"),
    ("method-empty", {}, {"method": ""}, "invalid_method"),
    ("method-with-space", {}, {"method": "GE T"}, "invalid_method"),
    ("consumer-key-empty", {"consumer_key": ""}, {}, "invalid_credentials"),
    ("token-secret-without-token", {"token": None}, {}, "invalid_credentials"),
    ("signature-method-unknown", {"signature_method": "HMAC-MD5"}, {}, "unknown_signature_method"),
    ("placement-unknown", {"placement": "cookie"}, {}, "invalid_option"),
    ("placement-body-with-json-body", {"placement": "body"},
     {"method": "POST", "body": "{}", "content_type": "application/json"}, "invalid_option"),
    ("callback-empty", {"callback": ""}, {}, "invalid_option"),
    ("nonce-empty", {}, {"nonce": ""}, "invalid_nonce"),
    ("nonce-control-character", {}, {"nonce": "a\nb"}, "invalid_nonce"),
    ("timestamp-zero", {}, {"timestamp": 0}, "invalid_timestamp"),
    ("timestamp-negative", {}, {"timestamp": -1}, "invalid_timestamp"),
    ("protocol-parameter-already-in-query", {}, {"url": "https://api.example.com/x?oauth_nonce=abc"},
     "duplicate_parameter"),
    # RSA (RFC 5849 section 3.4.3): 'private_key' is PEM text, with 'private_key_password'
    # and 'allow_short_key' where given.
    ("rsa-method-without-private-key", {"signature_method": "RSA-SHA256"}, {}, "invalid_credentials"),
    ("private-key-with-hmac-method", {"signature_method": "HMAC-SHA1", "private_key": key_text("rsa-2048.pem")},
     {}, "invalid_option"),
    ("private-key-is-a-public-key", {"signature_method": "RSA-SHA1", "private_key": key_text("rsa-2048-public.pem")},
     {}, "key_type"),
    ("private-key-is-a-certificate", {"signature_method": "RSA-SHA1", "private_key": key_text("rsa-2048-cert.pem")},
     {}, "key_type"),
    ("private-key-not-rsa", {"signature_method": "RSA-SHA1", "private_key": key_text("ec-p256.pem")}, {}, "key_type"),
    ("private-key-encrypted-without-password",
     {"signature_method": "RSA-SHA1", "private_key": key_text("rsa-2048-encrypted.pem")}, {}, "key_password"),
    ("private-key-wrong-password",
     {"signature_method": "RSA-SHA1", "private_key": key_text("rsa-2048-encrypted.pem"),
      "private_key_password": "wrong"}, {}, "key_password"),
    ("private-key-too-short", {"signature_method": "RSA-SHA1", "private_key": key_text("rsa-1024.pem")},
     {}, "key_too_short"),
    ("private-key-corrupt",
     {"signature_method": "RSA-SHA1",
      "private_key": "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n"},
     {}, "key_unreadable"),
    ("private-key-short-when-allowed",
     {"signature_method": "RSA-SHA1", "private_key": key_text("rsa-1024.pem"), "allow_short_key": True}, {}, None),
    ("private-key-encrypted-with-password",
     {"signature_method": "RSA-SHA256", "private_key": key_text("rsa-2048-encrypted.pem"),
      "private_key_password": "correct horse", "consumer_secret": None}, {}, None),
]

URL = "https://api.example.com/x?a=1"
HTTP_URL = "http://api.example.com/x?a=1"
PLAINTEXT = ["HMAC-SHA1", "PLAINTEXT"]
JSON_BODY = '{"a":1}'


def v(name, request, error, *, secrets=SERVER, options=None, absent=None, rejected=None,
      excludes=None):
    case = {"name": name, "request": request, "secrets": secrets, "options": {"now": NOW, **(options or {})},
            "error": error}
    if absent:
        case["parameters_absent"] = absent
    if rejected:
        case["parameters_rejected"] = rejected
    if excludes:
        case["message_excludes"] = excludes
    return case


def get(url=URL, **kw):
    return {"method": "GET", "url": url, "authorization": sign("GET", url, **kw)}


# An RSA consumer (section 3.4.3): 'rsa_public_key' is PEM text (a public key or a
# certificate); without 'consumer_secret' the consumer has no shared secret.
RSA_SERVER = {"consumer_key": KEY, "rsa_public_key": key_text("rsa-2048-public.pem"), "token": TOKEN,
              "token_secret": ""}
RSA_CERT_SERVER = {**RSA_SERVER, "rsa_public_key": key_text("rsa-2048-cert.pem")}


def flip(header: str) -> str:
    """The header with one character of the signature changed."""
    start = header.index('oauth_signature="') + len('oauth_signature="') + 10
    return header[:start] + ("A" if header[start] != "A" else "B") + header[start + 1:]


VERIFY = [
    v("accepts-a-good-request", get(), None),
    v("signature-methods-empty", get(), "invalid_option", options={"signature_methods": []}),
    v("now-negative", get(), "invalid_timestamp", options={"now": -1}),
    v("plaintext-refused-by-default", get(signature_method="PLAINTEXT"), "signature_method_rejected"),
    v("plaintext-refused-over-http-when-named", get(HTTP_URL, signature_method="PLAINTEXT"),
      "signature_method_rejected", options={"signature_methods": PLAINTEXT}),
    v("plaintext-accepted-over-https-when-named", get(signature_method="PLAINTEXT"), None,
      options={"signature_methods": PLAINTEXT}),
    v("plaintext-over-http-when-allowed", get(HTTP_URL, signature_method="PLAINTEXT"), None,
      options={"signature_methods": PLAINTEXT, "allow_plaintext_over_http": True}),
    v("plaintext-without-timestamp-and-nonce",
      get(signature_method="PLAINTEXT", omit=("oauth_timestamp", "oauth_nonce")), "parameter_absent",
      options={"signature_methods": PLAINTEXT}, absent=["oauth_timestamp", "oauth_nonce"]),
    v("plaintext-without-timestamp-when-relaxed",
      get(signature_method="PLAINTEXT", omit=("oauth_timestamp", "oauth_nonce")), None,
      options={"signature_methods": PLAINTEXT, "require_timestamp": False}),
    v("hmac-without-timestamp-even-when-relaxed", get(omit=("oauth_timestamp",)), "parameter_absent",
      options={"require_timestamp": False}, absent=["oauth_timestamp"]),
    v("token-less-request-refused-when-the-server-holds-a-token", get(token=None, token_secret=None),
      "parameter_absent", absent=["oauth_token"]),
    v("token-less-request-accepted-for-a-consumer-without-token", get(token=None, token_secret=None), None,
      secrets=CONSUMER_ONLY),
    v("token-refused-for-a-consumer-without-token", get(), "token_rejected", secrets=CONSUMER_ONLY),
    v("realm-in-query-is-signed", get("https://api.example.com/x?realm=alice&a=1"), None),
    v("realm-in-query-changed", {"method": "GET", "url": "https://api.example.com/x?realm=mallory&a=1",
                                 "authorization": sign("GET", "https://api.example.com/x?realm=alice&a=1")},
      "signature_invalid"),
    v("realm-in-form-body-changed", {
        "method": "POST", "url": "https://api.example.com/x", "body": "realm=mallory&b=2",
        "content_type": "application/x-www-form-urlencoded",
        "authorization": sign("POST", "https://api.example.com/x", body="realm=alice&b=2",
                              content_type="application/x-www-form-urlencoded")},
      "signature_invalid"),
    v("realm-in-header-is-not-signed", get(realm="Photos"), None),
    v("body-hash-required-and-absent", {
        "method": "POST", "url": URL, "body": JSON_BODY, "content_type": "application/json",
        "authorization": sign("POST", URL, body=JSON_BODY, content_type="application/json")},
      "parameter_absent", options={"require_body_hash": True}, absent=["oauth_body_hash"]),
    v("body-hash-wrong", {
        "method": "POST", "url": URL, "body": JSON_BODY, "content_type": "application/json",
        "authorization": sign("POST", URL, body=JSON_BODY, content_type="application/json",
                              extra=[("oauth_body_hash", base64.b64encode(hashlib.sha1(b"other").digest()).decode())])},
      "signature_invalid"),
    v("body-hash-required-and-present", {
        "method": "POST", "url": URL, "body": JSON_BODY, "content_type": "application/json",
        "authorization": sign("POST", URL, body=JSON_BODY, content_type="application/json",
                              extra=[("oauth_body_hash", base64.b64encode(hashlib.sha1(JSON_BODY.encode()).digest()).decode())])},
      None, options={"require_body_hash": True}),
    v("rsa-sha1-accepted", get(signature_method="RSA-SHA1"), None, secrets=RSA_SERVER),
    v("rsa-sha256-accepted-with-a-certificate", get(signature_method="RSA-SHA256"), None, secrets=RSA_CERT_SERVER),
    v("rsa-sha512-accepted", get(signature_method="RSA-SHA512"), None, secrets=RSA_SERVER),
    v("rsa-signature-changed", {"method": "GET", "url": URL, "authorization": flip(sign("GET", URL, signature_method="RSA-SHA1"))},
      "signature_invalid", secrets=RSA_SERVER),
    v("rsa-url-changed", {"method": "GET", "url": URL + "2", "authorization": sign("GET", URL, signature_method="RSA-SHA256")},
      "signature_invalid", secrets=RSA_SERVER),
    v("hmac-refused-for-an-rsa-only-consumer", get(consumer_secret=""), "signature_method_rejected",
      secrets=RSA_SERVER),
    v("rsa-refused-for-a-consumer-without-public-key", get(signature_method="RSA-SHA1"),
      "signature_method_rejected"),
    v("rsa-refused-when-not-accepted", get(signature_method="RSA-SHA1"), "signature_method_rejected",
      secrets=RSA_SERVER, options={"signature_methods": ["HMAC-SHA1"]}),
    v("unknown-consumer-key", get(consumer_key="nobody"), "consumer_key_unknown"),
    v("unknown-consumer-key-hidden", get(consumer_key="nobody"), "signature_invalid",
      options={"hide_unknown_keys": True}),
    v("unknown-token", get(token="other-token"), "token_rejected"),
    v("unknown-token-hidden", get(token="other-token"), "signature_invalid", options={"hide_unknown_keys": True}),
    v("wrong-signature", {"method": "GET", "url": URL,
                          "authorization": sign("GET", URL, consumer_secret="wrong")}, "signature_invalid"),
    v("timestamp-outside-skew", get(timestamp=NOW - 301), "timestamp_refused"),
    v("timestamp-not-a-number", get(timestamp="17e8"), "parameter_rejected", rejected=["oauth_timestamp"]),
    v("version-not-1.0", get(extra=[("oauth_version", "2.0")]), "version_rejected"),
    v("query-protocol-parameter-not-utf8", {
        "method": "GET", "url": URL + "&oauth_consumer_key=app-key&oauth_nonce=%FF&oauth_signature=x"
        "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000&oauth_token=access-token"},
      "parameter_rejected", rejected=["oauth_nonce"]),
    v("protocol-parameters-in-header-and-query", {
        "method": "GET", "url": URL + "&oauth_nonce=other", "authorization": sign("GET", URL)},
      "parameter_rejected"),
    v("no-protocol-parameters", {"method": "GET", "url": URL}, "parameter_absent",
      absent=["oauth_consumer_key", "oauth_signature_method", "oauth_signature", "oauth_timestamp", "oauth_nonce"]),
    v("header-malformed-never-quoted", {
        "method": "GET", "url": URL,
        "authorization": 'OAuth oauth_consumer_key="app-key", oauth_signature=app-secret%26s3cr3t'},
      "malformed_header", excludes="s3cr3t"),
    v("header-name-encoded-twice", {
        "method": "GET", "url": URL,
        "authorization": sign("GET", URL) + ', oauth%5Fnonce="again"'},
      "malformed_header"),
    v("header-encoded-name-is-decoded", {
        "method": "GET", "url": URL,
        "authorization": sign("GET", URL).replace("oauth_nonce=", "oauth%5Fnonce=")}, None),
]

NONCE_STORE = [
    {"name": "capacity-zero", "capacity": 0, "window": 300, "error": "invalid_option"},
    {"name": "window-zero", "capacity": 10, "window": 0, "error": "invalid_option"},
]


def main() -> None:
    sign_cases = []
    for name, overrides, request, error in SIGN:
        req = {"method": "GET", "url": URL, "nonce": "n0nce", "timestamp": NOW}
        req.update(request)
        sign_cases.append({"name": name, "signer": signer(**overrides), "request": req, "error": error})
    doc = {
        "format": "oauth1-bad-input/1",
        "about": (
            "Inputs that every binding and the CLI must refuse with the same error code "
            "(error null: must be accepted). 'sign': build a signer from 'signer' and sign "
            "'request'; the error may come from either step. 'verify': verify 'request' "
            "with 'secrets' as one set of credentials and 'options' (snake_case; absent "
            "means the default); 'private_key' and 'rsa_public_key' are PEM text. 'nonce_store': make a memory nonce store. Where given, "
            "parameters_absent and parameters_rejected must match, and message_excludes "
            "must not appear in the error's message. Generated by gen_bad_input.py."
        ),
        "sign": sign_cases,
        "verify": VERIFY,
        "nonce_store": NONCE_STORE,
    }
    out = pathlib.Path(__file__).with_name("bad-input.json")
    out.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {out} ({len(sign_cases)} sign, {len(VERIFY)} verify, {len(NONCE_STORE)} nonce store cases)")


if __name__ == "__main__":
    main()
