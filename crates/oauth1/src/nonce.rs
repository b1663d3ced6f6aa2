//! Random nonces (RFC 5849 section 3.3) from the operating system's CSPRNG.
//!
//! Asking the OS for 48 bytes costs a system call, more than the rest of a signature,
//! so each thread draws OS random bytes in blocks and hands them out once each,
//! zeroing what it hands out. A forked child must never repeat its parent's nonces,
//! so the block is dropped whenever the process id changes.

use crate::error::Error;
use std::cell::RefCell;
use zeroize::Zeroize;

/// Length of a generated nonce: 32 characters of `[A-Za-z0-9]`, about 190 bits.
pub(crate) const NONCE_LEN: usize = 32;

const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// OS random bytes not yet handed out.
struct Pool {
    bytes: [u8; 1024],
    next: usize,
    pid: u32,
}

thread_local! {
    static POOL: RefCell<Pool> = const {
        RefCell::new(Pool { bytes: [0; 1024], next: 1024, pid: 0 })
    };
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

/// Fills `out` with bytes from the OS CSPRNG, each used once.
fn random_bytes(out: &mut [u8]) -> Result<(), Error> {
    POOL.with_borrow_mut(|pool| {
        let pid = std::process::id();
        if pool.pid != pid || pool.next + out.len() > pool.bytes.len() {
            getrandom::fill(&mut pool.bytes).map_err(|e| Error::InvalidNonce {
                reason: format!("the OS random source failed: {e}"),
            })?;
            pool.next = 0;
            pool.pid = pid;
        }
        let taken = &mut pool.bytes[pool.next..pool.next + out.len()];
        out.copy_from_slice(taken);
        taken.zeroize();
        pool.next += out.len();
        Ok(())
    })
}

/// Fills `buf` with a fresh nonce and returns it.
pub(crate) fn generate(buf: &mut [u8; NONCE_LEN]) -> Result<&str, Error> {
    let mut filled = 0;
    let mut random = [0u8; 48];
    while filled < NONCE_LEN {
        random_bytes(&mut random)?;
        // Rejection sampling: 248 = 4 * 62, so every accepted byte maps evenly.
        for &r in random.iter().filter(|&&r| r < 248) {
            if filled == NONCE_LEN {
                break;
            }
            buf[filled] = ALPHABET[usize::from(r % 62)];
            filled += 1;
        }
    }
    random.zeroize();
    Ok(crate::encode::ascii(buf))
}

/// A fresh random nonce: 32 characters of `[A-Za-z0-9]` from the OS CSPRNG.
///
/// ```
/// let n = oauth1::generate_nonce().unwrap();
/// assert_eq!(n.len(), 32);
/// assert!(n.bytes().all(|b| b.is_ascii_alphanumeric()));
/// ```
pub fn generate_nonce() -> Result<String, Error> {
    let mut buf = [0u8; NONCE_LEN];
    generate(&mut buf).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_do_not_repeat_across_pool_refills() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..2_000 {
            assert!(seen.insert(generate_nonce().unwrap()));
        }
    }

    #[test]
    fn characters_are_spread_over_the_alphabet() {
        let mut counts = [0u32; 62];
        for _ in 0..1_000 {
            for b in generate_nonce().unwrap().bytes() {
                let i = ALPHABET.iter().position(|&a| a == b).unwrap();
                counts[i] += 1;
            }
        }
        // 32,000 draws, about 516 each; a biased mapping would leave some far off.
        assert!(
            counts.iter().all(|&c| (380..=660).contains(&c)),
            "{counts:?}"
        );
    }
}
