"""Sign a LivePerson API request and call it with requests.

Run: python examples/python/liveperson.py [credentials.json]
"""

import sys

import oauth1

# App key, Secret, Access token, Access token secret, as the LivePerson console shows them.
signer = oauth1.Signer.from_file(sys.argv[1] if len(sys.argv) > 1 else "examples/credentials.example.json")

url = "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all"
signed = signer.sign("GET", url)
print("Authorization:", signed.authorization)

# With requests (or httpx), the auth object signs each prepared request:
#   requests.get(url, auth=oauth1.OAuth1(signer))
