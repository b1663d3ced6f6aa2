//! Random nonces (RFC 5849 section 3.3) from the operating system's CSPRNG.

use crate::error::Error;

/// Length of a generated nonce: 32 characters of `[A-Za-z0-9]`, about 190 bits.
pub(crate) const NONCE_LEN: usize = 32;

const ALPHABET: &[u8; 62] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Fills `buf` with a fresh nonce and returns it.
pub(crate) fn generate(buf: &mut [u8; NONCE_LEN]) -> Result<&str, Error> {
    let mut filled = 0;
    let mut random = [0u8; 48];
    while filled < NONCE_LEN {
        getrandom::fill(&mut random).map_err(|e| Error::InvalidNonce {
            reason: format!("the OS random source failed: {e}"),
        })?;
        // Rejection sampling: 248 = 4 * 62, so every accepted byte maps evenly.
        for &r in random.iter().filter(|&&r| r < 248) {
            if filled == NONCE_LEN {
                break;
            }
            buf[filled] = ALPHABET[usize::from(r % 62)];
            filled += 1;
        }
    }
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
