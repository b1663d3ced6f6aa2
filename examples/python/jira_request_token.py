"""Sign a Jira Data Center request-token request with RSA-SHA1, as an application link does.

Jira's incoming application link knows the consumer key and the consumer's *public* key;
the client signs with the private key (RFC 5849 section 3.4.3) and has no consumer secret.
This is the first step of the three-legged flow: Jira answers with a temporary token.

Run: python examples/python/jira_request_token.py [private-key.pem] [jira-base-url]
     (the defaults are the public test key and https://jira.example.com; add --send to POST it)
"""

import sys

import oauth1

args = [a for a in sys.argv[1:] if a != "--send"]
key_file = args[0] if args else "tests/vectors/keys/rsa-2048.pem"
jira = args[1] if len(args) > 1 else "https://jira.example.com"

# An encrypted key file takes password="…"; a PKCS#12 file works the same way.
private_key = oauth1.RsaPrivateKey.from_file(key_file)
signer = oauth1.Signer(
    "oauth1-example-consumer",
    private_key=private_key,
    signature_method="RSA-SHA1",
    callback="oob",  # or the URL Jira should send the user back to
)

url = f"{jira}/plugins/servlet/oauth/request-token"
signed = signer.sign("POST", url)
print("POST", url)
print("Authorization:", signed.authorization)

if "--send" in sys.argv:
    import requests

    answer = requests.post(url, auth=oauth1.OAuth1(signer), timeout=30)
    print(answer.status_code, answer.text)  # oauth_token=…&oauth_token_secret=…
