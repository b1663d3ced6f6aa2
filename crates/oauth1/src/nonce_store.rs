//! A bounded in-memory [`NonceStore`] for single-process servers.

use crate::verify::{NonceCheck, NonceStore};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashSet};
use std::sync::Mutex;

/// Remembers nonces in memory for a time window, with a fixed upper bound on entries.
///
/// Each entry is a 32-byte digest of (consumer key, token, nonce, timestamp), so memory
/// does not depend on how long the nonces are: about 100 bytes an entry. Entries whose
/// timestamp is older than `now - window` are dropped; `window` must be at least the
/// verifier's `max_skew`, since a request stays acceptable for that long.
///
/// When the store is full of entries still inside the window, it evicts the oldest and
/// from then on refuses every timestamp up to the evicted one's ([`NonceCheck::TooOld`]):
/// a flood of unique nonces can then delay old requests but never lets one be replayed.
#[derive(Debug)]
pub struct MemoryNonceStore {
    capacity: usize,
    window: u64,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    seen: HashSet<[u8; 32]>,
    by_time: BTreeSet<(u64, [u8; 32])>,
    /// The newest timestamp evicted before it expired; older timestamps are refused.
    refuse_up_to: u64,
}

impl MemoryNonceStore {
    /// A store for at most `capacity` nonces, each kept `window` seconds past its timestamp.
    pub fn new(capacity: usize, window: u64) -> Self {
        MemoryNonceStore {
            capacity: capacity.max(1),
            window,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// How many nonces are held now.
    pub fn len(&self) -> usize {
        self.lock().seen.len()
    }

    /// Whether no nonce is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the sets inconsistent in a way
        // that matters for safety (at worst an entry is missing from one index), so a
        // poisoned lock is still used.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Default for MemoryNonceStore {
    /// 100,000 nonces for 300 seconds, matching the default `max_skew`.
    fn default() -> Self {
        MemoryNonceStore::new(100_000, 300)
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
    ) -> NonceCheck {
        let oldest_kept = now.saturating_sub(self.window);
        if timestamp < oldest_kept {
            return NonceCheck::TooOld;
        }
        let digest = entry_digest(consumer_key, token, nonce, timestamp);
        let mut inner = self.lock();
        while let Some(&(t, d)) = inner.by_time.first() {
            if t >= oldest_kept {
                break;
            }
            inner.by_time.pop_first();
            inner.seen.remove(&d);
        }
        if timestamp <= inner.refuse_up_to {
            return NonceCheck::TooOld;
        }
        if inner.seen.contains(&digest) {
            return NonceCheck::Replayed;
        }
        while inner.seen.len() >= self.capacity {
            let Some((t, d)) = inner.by_time.pop_first() else {
                break;
            };
            inner.seen.remove(&d);
            inner.refuse_up_to = inner.refuse_up_to.max(t);
        }
        if timestamp <= inner.refuse_up_to {
            return NonceCheck::TooOld;
        }
        inner.seen.insert(digest);
        inner.by_time.insert((timestamp, digest));
        NonceCheck::Fresh
    }
}

fn entry_digest(consumer_key: &str, token: Option<&str>, nonce: &str, timestamp: u64) -> [u8; 32] {
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
        let store = MemoryNonceStore::new(100, 300);
        let now = 1_000_000;
        assert_eq!(
            store.check_and_insert("k", None, "n", now, now),
            NonceCheck::Fresh
        );
        assert_eq!(
            store.check_and_insert("k", None, "n", now, now),
            NonceCheck::Replayed
        );
        assert_eq!(
            store.check_and_insert("k", Some("t"), "n", now, now),
            NonceCheck::Fresh
        );
        for i in 0..10_000 {
            store.check_and_insert("k", None, &format!("flood{i}"), now, now + 1);
        }
        assert!(store.len() <= 100);
        // The evicted first nonce cannot be replayed: its timestamp is now refused.
        assert_eq!(
            store.check_and_insert("k", None, "n", now, now + 1),
            NonceCheck::TooOld
        );
        assert_eq!(
            store.check_and_insert("k", None, "late", now + 1, now + 1),
            NonceCheck::Fresh
        );
    }

    #[test]
    fn expired_entries_are_dropped() {
        let store = MemoryNonceStore::new(10, 300);
        assert_eq!(
            store.check_and_insert("k", None, "n", 1000, 1000),
            NonceCheck::Fresh
        );
        assert_eq!(
            store.check_and_insert("k", None, "m", 2000, 2000),
            NonceCheck::Fresh
        );
        assert_eq!(store.len(), 1);
        assert_eq!(
            store.check_and_insert("k", None, "n", 1000, 2000),
            NonceCheck::TooOld
        );
    }
}
