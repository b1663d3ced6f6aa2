//! `oauth1 verify --redis URL`: a nonce store in Redis, shared with every server that
//! uses the same Redis, whatever its language.
//!
//! The algorithm is the one every binding's Redis store follows (issue 17):
//! - a timestamp older than `window` seconds before now is `too_old`, without asking
//!   Redis;
//! - otherwise ONE command, `SET key 1 NX EX ttl`, with the key from
//!   [`oauth1::nonce_store_key`] and `ttl = max(1, timestamp + window - now + 1)`:
//!   `OK` is fresh, nil a replay. Never a GET followed by a SET;
//! - any error, timeout or unexpected reply is unavailable (fail closed), with a
//!   reason that names the store by host and port, never by its password.

use oauth1::{NonceCheck, NonceStore, NonceStoreUnavailable};
use std::time::Duration;

/// How long connecting, and then each read and write, may take before the store counts
/// as unavailable.
const TIMEOUT: Duration = Duration::from_secs(1);

/// A Redis nonce store for one run of `verify`.
pub struct RedisNonceStore {
    client: redis::Client,
    /// How long past its timestamp a nonce is kept: the verifier's allowed skew.
    window: u64,
    /// `redis host:port` (or the socket path), for reasons; never the password.
    name: String,
    /// The URL's password, scrubbed from any error text that might quote it.
    password: Option<String>,
}

impl RedisNonceStore {
    /// A store at `url` (`redis://[user:password@]host[:port][/db]`, `rediss://…` for
    /// TLS, `redis+unix:///path` or `unix:///path`) keeping each nonce `window` seconds
    /// past its timestamp. Nothing is connected yet; an unreadable URL is an error,
    /// in words that do not repeat the URL (it may hold a password).
    pub fn new(url: &str, window: u64) -> Result<Self, String> {
        let client = redis::Client::open(url).map_err(|e| {
            let kind = match e.kind() {
                redis::ErrorKind::InvalidClientConfig => "not a Redis URL",
                _ => "unusable Redis URL",
            };
            format!(
                "{kind}: expected redis://[USER:PASSWORD@]HOST[:PORT][/DB], rediss://… (TLS) or redis+unix:///PATH"
            )
        })?;
        let info = client.get_connection_info();
        let name = format!("redis {}", info.addr());
        let password = info
            .redis_settings()
            .password()
            .filter(|p| !p.is_empty())
            .map(str::to_owned);
        Ok(RedisNonceStore {
            client,
            window,
            name,
            password,
        })
    }

    /// Whether the URL carries a password (visible to other users on a command line).
    pub fn has_password(&self) -> bool {
        self.password.is_some()
    }

    /// [`Self::unavailable`] for a client error, saying so when it was a timeout.
    fn failed(&self, what: &str, error: &redis::RedisError) -> NonceStoreUnavailable {
        if error.is_timeout() {
            let what = format!("{what}: no answer within {} s", TIMEOUT.as_secs());
            self.unavailable(&what, error)
        } else {
            self.unavailable(what, error)
        }
    }

    /// `redis HOST:PORT (WHAT): ERROR`, the password scrubbed.
    fn unavailable(&self, what: &str, error: &dyn std::fmt::Display) -> NonceStoreUnavailable {
        let mut reason = format!("{} ({what}): {error}", self.name);
        if let Some(password) = &self.password {
            reason = reason.replace(password.as_str(), "***");
        }
        NonceStoreUnavailable { reason }
    }
}

impl NonceStore for RedisNonceStore {
    fn check_and_insert(
        &self,
        consumer_key: &str,
        token: Option<&str>,
        nonce: &str,
        timestamp: u64,
        now: u64,
    ) -> Result<NonceCheck, NonceStoreUnavailable> {
        if timestamp.saturating_add(self.window) < now {
            return Ok(NonceCheck::TooOld);
        }
        let key = oauth1::nonce_store_key(consumer_key, token, nonce, timestamp);
        let ttl = timestamp
            .saturating_add(self.window)
            .saturating_add(1)
            .saturating_sub(now)
            .max(1);
        let mut connection = self
            .client
            .get_connection_with_timeout(TIMEOUT)
            .map_err(|e| self.failed("cannot connect", &e))?;
        connection
            .set_read_timeout(Some(TIMEOUT))
            .and_then(|()| connection.set_write_timeout(Some(TIMEOUT)))
            .map_err(|e| self.failed("cannot set timeouts", &e))?;
        let reply: redis::Value = redis::cmd("SET")
            .arg(&key)
            .arg(1)
            .arg("NX")
            .arg("EX")
            .arg(ttl)
            .query(&mut connection)
            .map_err(|e| self.failed("SET NX EX failed", &e))?;
        match reply {
            redis::Value::Okay => Ok(NonceCheck::Fresh),
            redis::Value::SimpleString(s) if s == "OK" => Ok(NonceCheck::Fresh),
            redis::Value::Nil => Ok(NonceCheck::Replayed),
            other => {
                Err(self.unavailable("unexpected reply to SET NX EX", &format_args!("{other:?}")))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

    use super::*;

    #[test]
    fn a_timestamp_past_the_window_is_too_old_without_asking_redis() {
        // Port 1 on loopback: any connection attempt would fail, so too_old proves none was made.
        let store = RedisNonceStore::new("redis://127.0.0.1:1", 300).unwrap();
        let old = store.check_and_insert("k", None, "n", 1_000, 1_301);
        assert_eq!(old, Ok(NonceCheck::TooOld));
        // At the window's edge it asks Redis, which is not there: unavailable, naming it.
        let edge = store.check_and_insert("k", None, "n", 1_000, 1_300);
        let reason = edge.unwrap_err().reason;
        assert!(
            reason.starts_with("redis 127.0.0.1:1 (cannot connect): "),
            "{reason}"
        );
    }

    #[test]
    fn the_password_never_appears_in_a_reason_or_a_url_error() {
        let store = RedisNonceStore::new("redis://user:hunter2secret@127.0.0.1:1/0", 300).unwrap();
        assert_eq!(store.name, "redis 127.0.0.1:1");
        let reason = store
            .check_and_insert("k", None, "n", 1_000, 1_000)
            .unwrap_err()
            .reason;
        assert!(!reason.contains("hunter2secret"), "{reason}");
        let scrubbed = store.unavailable("x", &"auth failed for hunter2secret");
        assert_eq!(
            scrubbed.reason,
            "redis 127.0.0.1:1 (x): auth failed for ***"
        );
        for url in [
            "http://user:hunter2secret@host/",
            "redis://user:hunter2secret@[::1",
        ] {
            let error = RedisNonceStore::new(url, 300).err().expect("refused");
            assert!(!error.contains("hunter2secret"), "{error}");
        }
    }
}
