//! Small allocation-free helpers for the signing hot path.

/// Formats `n` in decimal into `buf` and returns the digits.
pub(crate) fn format_u64(mut n: u64, buf: &mut [u8]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    crate::encode::ascii(&buf[i..])
}
