"""The nonce store examples of bindings/python/README.md, verbatim, with the checks
that they do what the README says. Run by test_readme.py (and runnable on its own, with
OAUTH1_TEST_REDIS_URL pointing at a Redis it may write to)."""

import asyncio
import os
import sqlite3

import oauth1

os.environ["REDIS_URL"] = os.environ["OAUTH1_TEST_REDIS_URL"]
app = oauth1.Signer("app-key", "app-secret", "access-token", "access-token-secret")
secrets = app.credentials

# --- README: "Nonce stores and Redis" ----------------------------------------------------
# Every instance behind the load balancer uses the same Redis, so a request replayed to
# another instance is refused too. window must be at least max_skew (both 300 by default).
store = oauth1.RedisNonceStore.from_url(os.environ["REDIS_URL"], window=300)


def handle(method, url, headers, body):
    try:
        ok = oauth1.verify(method, url, authorization=headers.get("Authorization"),
                           body=body, content_type=headers.get("Content-Type"),
                           secrets=secrets, nonce_store=store)
    except oauth1.NonceStoreUnavailableError:
        return 503, {"Retry-After": "1"}, "try again"  # Redis is down: never accepted
    except oauth1.VerificationError as e:
        return 401, {"WWW-Authenticate": e.www_authenticate(realm="api")}, e.problem
    return 200, {}, f"hello {ok.consumer_key}"
# --- end -------------------------------------------------------------------------------

URL = "https://api.example.com/items?page=2"
once = app.authorization("GET", URL)
assert handle("GET", URL, {"Authorization": once}, None) == (200, {}, "hello app-key")
assert handle("GET", URL, {"Authorization": once}, None)[2] == "nonce_used"
other_instance = oauth1.RedisNonceStore.from_url(os.environ["REDIS_URL"])
try:
    oauth1.verify("GET", URL, authorization=once, secrets=secrets, nonce_store=other_instance)
except oauth1.NonceUsedError:
    pass
else:
    raise AssertionError("a replay was accepted by another instance")
down = oauth1.RedisNonceStore.from_url("redis://127.0.0.1:1")
store, saved = down, store
assert handle("GET", URL, {"Authorization": app.authorization("GET", URL)}, None)[:2] == (503, {"Retry-After": "1"})
store = saved

# --- README: "Nonce stores and Redis", asyncio ------------------------------------------
async_store = oauth1.AsyncRedisNonceStore.from_url(os.environ["REDIS_URL"])


async def handle_async(method, url, headers, body):
    try:
        ok = await oauth1.verify_async(method, url, authorization=headers.get("Authorization"),
                                       body=body, content_type=headers.get("Content-Type"),
                                       secrets=secrets, nonce_store=async_store)
    except oauth1.NonceStoreUnavailableError:
        return 503, {"Retry-After": "1"}, "try again"
    except oauth1.VerificationError as e:
        return 401, {"WWW-Authenticate": e.www_authenticate(realm="api")}, e.problem
    return 200, {}, f"hello {ok.consumer_key}"
# --- end -------------------------------------------------------------------------------


async def main():
    fresh = app.authorization("GET", URL)
    assert await handle_async("GET", URL, {"Authorization": fresh}, None) == (200, {}, "hello app-key")
    assert (await handle_async("GET", URL, {"Authorization": fresh}, None))[2] == "nonce_used"
    # The synchronous servers' replays are the asyncio servers' replays.
    assert (await handle_async("GET", URL, {"Authorization": once}, None))[2] == "nonce_used"
    await async_store.client.aclose()

asyncio.run(main())

# --- README: "Nonce stores and Redis", a store of your own -------------------------------
class SqliteNonceStore:
    """Nonces in a database table whose primary key is the shared key."""

    def __init__(self, path, window=300):
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute("CREATE TABLE IF NOT EXISTS nonces (key TEXT PRIMARY KEY, expires INTEGER)")
        self.window = window

    def check_and_insert(self, consumer_key, token, nonce, timestamp, now):
        if timestamp + self.window < now:
            return "too_old"
        key = oauth1.nonce_store_key(consumer_key, token, nonce, timestamp)
        with self.db:  # one atomic INSERT: never a SELECT then an INSERT
            added = self.db.execute("INSERT OR IGNORE INTO nonces VALUES (?, ?)",
                                    (key, timestamp + self.window)).rowcount
        return "fresh" if added else "replayed"
# --- end -------------------------------------------------------------------------------

mine = SqliteNonceStore(":memory:")
request = app.authorization("GET", URL)
oauth1.verify("GET", URL, authorization=request, secrets=secrets, nonce_store=mine)
for verify in (lambda: oauth1.verify("GET", URL, authorization=request, secrets=secrets, nonce_store=mine),
               lambda: asyncio.run(oauth1.verify_async("GET", URL, authorization=request, secrets=secrets, nonce_store=mine))):
    try:
        verify()
    except oauth1.NonceUsedError:
        pass
    else:
        raise AssertionError("a replay was accepted by the SQLite store")
mine.db.close()
store.client.close()
other_instance.client.close()
down.client.close()
print("README server examples: ok")
