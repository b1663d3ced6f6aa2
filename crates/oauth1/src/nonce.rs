//! Random nonces (RFC 5849 section 3.3) from the operating system's CSPRNG.
//!
//! Asking the OS for each nonce's random bytes would cost a system call, more than the
//! rest of a signature, so each thread draws OS random bytes in blocks and hands them
//! out once each, zeroing what it hands out. A forked child must never repeat its
//! parent's nonces, so the block is dropped whenever the process id changes.

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

/// Appends to `buf[filled..]` a character for each six bits of `random` that are below
/// 62, until `buf` is full, and returns how much of it is. Rejection sampling: every
/// kept value is equally likely, and a nonce takes about 25 random bytes.
fn take_characters(random: &[u8], buf: &mut [u8; NONCE_LEN], mut filled: usize) -> usize {
    for chunk in random.chunks_exact(3) {
        let bits = u32::from_be_bytes([0, chunk[0], chunk[1], chunk[2]]);
        for shift in [18, 12, 6, 0] {
            let sextet = (bits >> shift) & 63;
            if sextet < 62 && filled < NONCE_LEN {
                buf[filled] = ALPHABET[sextet as usize];
                filled += 1;
            }
        }
    }
    filled
}

/// Fills `buf` with a fresh nonce and returns it.
pub(crate) fn generate(buf: &mut [u8; NONCE_LEN]) -> Result<&str, Error> {
    // 27 bytes give 36 characters' worth of tries: enough for 32 but about once in
    // 200 nonces, and then three more bytes at a time.
    let mut filled = 0;
    let mut random = [0u8; 27];
    let mut draw = &mut random[..];
    while filled < NONCE_LEN {
        random_bytes(draw)?;
        filled = take_characters(draw, buf, filled);
        draw = &mut random[..3];
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
    fn six_bits_make_a_character_and_62_and_63_are_rejected() {
        let mut buf = [0u8; NONCE_LEN];
        // 0b000000_000001_111110_111111: A, B, then 62 and 63 rejected.
        assert_eq!(take_characters(&[0x00, 0x1f, 0xbf], &mut buf, 0), 2);
        assert_eq!(&buf[..2], b"AB");
        // All ones: every try rejected, nothing taken.
        assert_eq!(take_characters(&[0xff; 27], &mut buf, 2), 2);
        // 0b111101 is 61, the last character; a full buffer takes no more.
        assert_eq!(take_characters(&[0xf7, 0xdf, 0x7d], &mut buf, 2), 6);
        assert_eq!(&buf[..6], b"AB9999");
        assert_eq!(take_characters(&[0; 30], &mut buf, 6), NONCE_LEN);
        assert_eq!(take_characters(&[0; 3], &mut buf, NONCE_LEN), NONCE_LEN);
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
