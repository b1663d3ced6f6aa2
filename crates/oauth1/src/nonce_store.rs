//! A bounded in-memory [`NonceStore`] for single-process servers, shared fairly
//! between consumers.

use crate::error::Error;
use crate::verify::{NonceCheck, NonceStore, NonceStoreUnavailable};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

/// Remembers nonces in memory for a time window (RFC 5849 section 3.3), with a fixed
/// upper bound on entries, partitioned by consumer key.
///
/// Each entry is a 32-byte digest of (consumer key, token, nonce, timestamp), so memory
/// does not depend on how long the nonces are: about 200 bytes an entry with the
/// indexes. An entry is dropped once its timestamp is older than `now - window`;
/// `window` must be at least the verifier's `max_skew`, since a request stays
/// acceptable for that long.
///
/// # When the store is full
/// A full store evicts the oldest entry of the consumer that holds the most, and from
/// then on refuses that consumer's timestamps up to the evicted one's
/// ([`NonceCheck::TooOld`]): a flood of unique nonces from one consumer costs only
/// that consumer, and never lets a request be replayed.
///
/// # Sizing
/// Honest traffic is never evicted when `capacity` is at least the peak request rate
/// times the time an entry is kept, which is `window` seconds past its timestamp, so
/// up to `window + max_skew` seconds for a client whose clock runs ahead: for 200
/// requests a second and the default 300-second skew and window, `200 × 600 =
/// 120,000` entries, about 24 MB. [`MemoryNonceStore::stats`] tells how full it is
/// and how many entries were evicted early; a store that evicts under honest load is
/// too small.
///
/// ```
/// use oauth1::{MemoryNonceStore, NonceCheck, NonceStore};
/// let store = MemoryNonceStore::new(2, 300)?;
/// let now = 1_700_000_000;
/// for nonce in ["a", "b"] {
///     assert_eq!(store.check_and_insert("flooder", None, nonce, now, now), Ok(NonceCheck::Fresh));
/// }
/// // Full: the flooder's own oldest entry goes, and with it the flooder's `now`.
/// assert_eq!(store.check_and_insert("flooder", None, "c", now, now), Ok(NonceCheck::TooOld));
/// assert_eq!(store.check_and_insert("flooder", None, "a", now, now), Ok(NonceCheck::TooOld));
/// // Another consumer is not refused.
/// assert_eq!(store.check_and_insert("other", None, "a", now, now), Ok(NonceCheck::Fresh));
/// assert_eq!(store.stats().evicted, 1);
/// # Ok::<(), oauth1::Error>(())
/// ```
#[derive(Debug)]
pub struct MemoryNonceStore {
    capacity: usize,
    window: u64,
    inner: Mutex<Inner>,
}

/// How full a [`MemoryNonceStore`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct NonceStoreStats {
    /// Entries held now.
    pub len: usize,
    /// The most entries it holds.
    pub capacity: usize,
    /// Consumers with entries (or a refused range) now.
    pub consumers: usize,
    /// Entries evicted before their time since the store was made, each of which
    /// made its consumer's older timestamps refused.
    pub evicted: u64,
}

type Digest32 = [u8; 32];

#[derive(Debug, Default)]
struct Inner {
    /// Every entry, with the consumer it belongs to.
    seen: HashMap<Digest32, Arc<str>>,
    /// Every entry by timestamp, for expiry.
    by_time: BTreeSet<(u64, Digest32)>,
    consumers: HashMap<Arc<str>, Partition>,
    evicted: u64,
}

/// One consumer's share of the store.
#[derive(Debug, Default)]
struct Partition {
    by_time: BTreeSet<(u64, Digest32)>,
    /// The newest timestamp evicted before it expired; older ones are refused.
    refuse_up_to: u64,
}

impl MemoryNonceStore {
    /// A store for at most `capacity` nonces, each kept `window` seconds past its
    /// timestamp. A capacity or window of 0 could not remember anything and is an
    /// [`Error::InvalidOption`].
    pub fn new(capacity: usize, window: u64) -> Result<Self, Error> {
        if capacity == 0 {
            return Err(Error::option("a nonce store's capacity must be at least 1"));
        }
        if window == 0 {
            return Err(Error::option(
                "a nonce store's window must be at least 1 second (and at least the allowed clock skew)",
            ));
        }
        Ok(MemoryNonceStore {
            capacity,
            window,
            inner: Mutex::new(Inner::default()),
        })
    }

    /// How many nonces are held now.
    pub fn len(&self) -> usize {
        self.lock().seen.len()
    }

    /// Whether no nonce is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most nonces the store holds.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How long an entry is kept past its timestamp, in seconds.
    pub fn window(&self) -> u64 {
        self.window
    }

    /// How full the store is, and how many entries it evicted early.
    pub fn stats(&self) -> NonceStoreStats {
        let inner = self.lock();
        NonceStoreStats {
            len: inner.seen.len(),
            capacity: self.capacity,
            consumers: inner.consumers.len(),
            evicted: inner.evicted,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // Every change below keeps the indexes consistent before anything that could
        // panic, so a poisoned lock still guards a usable store.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Default for MemoryNonceStore {
    /// 100,000 nonces for 300 seconds, matching the default `max_skew`.
    fn default() -> Self {
        MemoryNonceStore {
            capacity: 100_000,
            window: 300,
            inner: Mutex::new(Inner::default()),
        }
    }
}

impl Inner {
    /// Drops entries older than `oldest_kept`, and partitions left with nothing to say.
    fn expire(&mut self, oldest_kept: u64) {
        while let Some(&(t, d)) = self.by_time.first() {
            if t >= oldest_kept {
                break;
            }
            self.by_time.pop_first();
            if let Some(owner) = self.seen.remove(&d)
                && let Some(p) = self.consumers.get_mut(&owner)
            {
                p.by_time.remove(&(t, d));
            }
        }
        if self.consumers.len() > self.seen.len() {
            self.consumers
                .retain(|_, p| !p.by_time.is_empty() || p.refuse_up_to >= oldest_kept);
        }
    }

    /// Evicts one entry to make room for `inserting`: the oldest of `inserting` when
    /// it holds at least its fair share, otherwise the oldest of the largest consumer.
    fn evict_for(&mut self, inserting: &str) {
        let fair_share = self.seen.len() / self.consumers.len().max(1);
        let own = self.consumers.get(inserting).map_or(0, |p| p.by_time.len());
        let victim: Arc<str> = if own > 0 && own >= fair_share {
            match self.consumers.get_key_value(inserting) {
                Some((k, _)) => k.clone(),
                None => return,
            }
        } else {
            match self.consumers.iter().max_by_key(|(_, p)| p.by_time.len()) {
                Some((k, _)) => k.clone(),
                None => return,
            }
        };
        let Some(p) = self.consumers.get_mut(&victim) else {
            return;
        };
        let Some((t, d)) = p.by_time.pop_first() else {
            return;
        };
        p.refuse_up_to = p.refuse_up_to.max(t);
        self.by_time.remove(&(t, d));
        self.seen.remove(&d);
        self.evicted += 1;
    }
}

impl NonceStore for MemoryNonceStore {
    fn check_and_insert(
        &self,
        consumer_key: &str,
        token: Option<&str>,
        nonce: &str,
        timestamp: u64,
        now: u64,
    ) -> Result<NonceCheck, NonceStoreUnavailable> {
        let oldest_kept = now.saturating_sub(self.window);
        if timestamp < oldest_kept {
            return Ok(NonceCheck::TooOld);
        }
        let digest = entry_digest(consumer_key, token, nonce, timestamp);
        let mut inner = self.lock();
        inner.expire(oldest_kept);
        let refused = |inner: &Inner| {
            inner
                .consumers
                .get(consumer_key)
                .is_some_and(|p| timestamp <= p.refuse_up_to)
        };
        if refused(&inner) {
            return Ok(NonceCheck::TooOld);
        }
        if inner.seen.contains_key(&digest) {
            return Ok(NonceCheck::Replayed);
        }
        while inner.seen.len() >= self.capacity {
            let before = inner.seen.len();
            inner.evict_for(consumer_key);
            if inner.seen.len() == before {
                break;
            }
        }
        if refused(&inner) {
            return Ok(NonceCheck::TooOld);
        }
        let owner: Arc<str> = match inner.consumers.get_key_value(consumer_key) {
            Some((k, _)) => k.clone(),
            None => Arc::from(consumer_key),
        };
        inner
            .consumers
            .entry(owner.clone())
            .or_default()
            .by_time
            .insert((timestamp, digest));
        inner.seen.insert(digest, owner);
        inner.by_time.insert((timestamp, digest));
        Ok(NonceCheck::Fresh)
    }
}

/// The key under which a shared nonce store (Redis, a database) records one nonce:
/// `oauth1:nonce:` and the hex SHA-256 of the consumer key, token, nonce and timestamp,
/// each part length-prefixed so that no two tuples share a key. Every binding and the
/// command use it, so servers in different languages can share one store.
///
/// ```
/// let key = oauth1::nonce_store_key("app-key", Some("token"), "n0nce", 1_700_000_000);
/// assert!(key.starts_with("oauth1:nonce:") && key.len() == 13 + 64);
/// assert_ne!(key, oauth1::nonce_store_key("app-key", None, "n0nce", 1_700_000_000));
/// ```
pub fn nonce_store_key(
    consumer_key: &str,
    token: Option<&str>,
    nonce: &str,
    timestamp: u64,
) -> String {
    use std::fmt::Write as _;
    let digest = entry_digest(consumer_key, token, nonce, timestamp);
    let mut key = String::with_capacity(13 + 64);
    key.push_str("oauth1:nonce:");
    for byte in digest {
        let _ = write!(key, "{byte:02x}");
    }
    key
}

fn entry_digest(consumer_key: &str, token: Option<&str>, nonce: &str, timestamp: u64) -> Digest32 {
    let mut h = Sha256::new();
    for part in [consumer_key, token.unwrap_or(""), nonce] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.update([u8::from(token.is_some())]);
    h.update(timestamp.to_le_bytes());
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_is_caught_and_flood_stays_bounded() {
        let store = MemoryNonceStore::new(100, 300).unwrap();
        let now = 1_000_000;
        assert_eq!(
            store.check_and_insert("k", None, "n", now, now),
            Ok(NonceCheck::Fresh)
        );
        assert_eq!(
            store.check_and_insert("k", None, "n", now, now),
            Ok(NonceCheck::Replayed)
        );
        assert_eq!(
            store.check_and_insert("k", Some("t"), "n", now, now),
            Ok(NonceCheck::Fresh)
        );
        for i in 0..10_000 {
            let _ = store.check_and_insert("k", None, &format!("flood{i}"), now, now + 1);
        }
        assert!(store.len() <= 100);
        // The evicted first nonce cannot be replayed: its timestamp is now refused.
        assert_eq!(
            store.check_and_insert("k", None, "n", now, now + 1),
            Ok(NonceCheck::TooOld)
        );
        assert_eq!(
            store.check_and_insert("k", None, "late", now + 1, now + 1),
            Ok(NonceCheck::Fresh)
        );
    }

    #[test]
    fn one_consumers_flood_costs_only_that_consumer() {
        let store = MemoryNonceStore::new(1_000, 300).unwrap();
        let now = 1_700_000_000;
        assert_eq!(
            store.check_and_insert("quiet", Some("t"), "q1", now, now),
            Ok(NonceCheck::Fresh)
        );
        for i in 0..20_000 {
            let _ = store.check_and_insert("flooder", Some("t"), &format!("f{i}"), now, now);
        }
        // The flooder's first eviction made its own timestamp refused, and the store
        // stays full of what it already held.
        let stats = store.stats();
        assert_eq!((stats.len, stats.consumers, stats.evicted), (999, 2, 1));
        // The quiet consumer's entry is still there, and its new requests pass.
        assert_eq!(
            store.check_and_insert("quiet", Some("t"), "q1", now, now),
            Ok(NonceCheck::Replayed)
        );
        for i in 0..50 {
            assert_eq!(
                store.check_and_insert("quiet", Some("t"), &format!("q2-{i}"), now, now),
                Ok(NonceCheck::Fresh)
            );
        }
        // Many quiet consumers each keep their share too.
        for c in 0..100 {
            assert_eq!(
                store.check_and_insert(&format!("c{c}"), None, "x", now, now),
                Ok(NonceCheck::Fresh)
            );
        }
        assert_eq!(
            store.check_and_insert("c7", None, "x", now, now),
            Ok(NonceCheck::Replayed)
        );
        assert_eq!(
            store.check_and_insert("flooder", Some("t"), "f-again", now, now),
            Ok(NonceCheck::TooOld)
        );
    }

    #[test]
    fn expired_entries_are_dropped() {
        let store = MemoryNonceStore::new(10, 300).unwrap();
        assert_eq!(
            store.check_and_insert("k", None, "n", 1000, 1000),
            Ok(NonceCheck::Fresh)
        );
        assert_eq!(
            store.check_and_insert("k", None, "m", 2000, 2000),
            Ok(NonceCheck::Fresh)
        );
        assert_eq!(store.len(), 1);
        assert_eq!(store.stats().consumers, 1);
        assert_eq!(
            store.check_and_insert("k", None, "n", 1000, 2000),
            Ok(NonceCheck::TooOld)
        );
    }

    #[test]
    fn zero_capacity_or_window_is_refused() {
        assert_eq!(
            MemoryNonceStore::new(0, 300).unwrap_err().code(),
            "invalid_option"
        );
        assert_eq!(
            MemoryNonceStore::new(1, 0).unwrap_err().code(),
            "invalid_option"
        );
    }
}
