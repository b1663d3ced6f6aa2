//! The protocol parameters (RFC 5849 section 3.1) of one signature: their values
//! encoded ahead of time where the signer knows them, one by one in the base string,
//! and their rendering as form pairs (sections 3.5.2, 3.5.3). The signer's usual path,
//! a base-string run and a header rendered ahead, is in `template`.

use crate::encode::{all_unreserved, encode_into};
use crate::params::{ParamSet, ParamSource};

/// A value encoded once (as sent) and twice (as it stands in a base string), prepared
/// when the signer is built so that signing copies it instead of encoding it again.
#[derive(Debug, Clone)]
pub(crate) struct PreEncoded {
    pub(crate) once: String,
    twice: String,
}

impl PreEncoded {
    /// Prepares a value.
    pub(crate) fn new(raw: &str) -> Self {
        let mut once = String::new();
        encode_into::<false>(&mut once, raw);
        let mut twice = String::new();
        encode_into::<true>(&mut twice, raw);
        PreEncoded { once, twice }
    }
}

/// A protocol parameter's name, with what precedes its value in the header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Name {
    pub(crate) name: &'static str,
    header_lead: &'static str,
    /// Its index in [`NAMES`].
    pub(crate) code: u8,
}

macro_rules! names {
    ($($code:literal $constant:ident = $name:literal;)*) => {
        $(pub(crate) const $constant: Name = Name {
            name: $name,
            header_lead: concat!(", ", $name, "=\""),
            code: $code,
        };)*
        /// Every protocol parameter's name, in sort order; a [`Name::code`] indexes it.
        pub(crate) const NAMES: [&str; MAX_PROTOCOL_PARAMS] = [$($name),*];
    };
}

names! {
    0 BODY_HASH = "oauth_body_hash";
    1 CALLBACK = "oauth_callback";
    2 CONSUMER_KEY = "oauth_consumer_key";
    3 NONCE = "oauth_nonce";
    4 SIGNATURE = "oauth_signature";
    5 SIGNATURE_METHOD = "oauth_signature_method";
    6 TIMESTAMP = "oauth_timestamp";
    7 TOKEN = "oauth_token";
    8 VERIFIER = "oauth_verifier";
    9 VERSION = "oauth_version";
}

/// How a protocol parameter's value gets its encodings.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Encoding<'a> {
    /// Only unreserved characters: every encoding is the value itself.
    AsIs,
    /// Encoded when the signer was built.
    Pre(&'a PreEncoded),
    /// Encoded while signing (a caller's nonce, the signature, the body hash).
    Now,
}

/// One protocol parameter, its raw value and how it is encoded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProtocolParam<'a> {
    pub(crate) name: &'static str,
    /// The name's index in [`NAMES`].
    pub(crate) code: u8,
    /// `, name="`, what precedes the value in the header.
    pub(crate) header_lead: &'static str,
    pub(crate) value: &'a str,
    pub(crate) encoding: Encoding<'a>,
}

impl<'a> ProtocolParam<'a> {
    /// A parameter whose encoding is worked out from the value.
    pub(crate) fn new(name: Name, value: &'a str) -> Self {
        let encoding = if all_unreserved(value) {
            Encoding::AsIs
        } else {
            Encoding::Now
        };
        ProtocolParam {
            name: name.name,
            code: name.code,
            header_lead: name.header_lead,
            value,
            encoding,
        }
    }

    /// A parameter whose value is encoded as it is written, without first checking
    /// whether it needs to be (a signature, which is written once or twice anyway).
    pub(crate) fn encoded_when_written(name: Name, value: &'a str) -> Self {
        ProtocolParam {
            name: name.name,
            code: name.code,
            header_lead: name.header_lead,
            value,
            encoding: Encoding::Now,
        }
    }

    /// A parameter whose value is known to be unreserved characters only (a method
    /// name, digits, a generated nonce), so that nothing is scanned or encoded.
    pub(crate) fn plain(name: Name, value: &'a str) -> Self {
        debug_assert!(all_unreserved(value), "{value:?} is not plain");
        ProtocolParam {
            name: name.name,
            code: name.code,
            header_lead: name.header_lead,
            value,
            encoding: Encoding::AsIs,
        }
    }

    /// A parameter whose encodings were prepared ahead.
    pub(crate) fn pre(name: Name, value: &'a str, encoded: &'a PreEncoded) -> Self {
        ProtocolParam {
            name: name.name,
            code: name.code,
            header_lead: name.header_lead,
            value,
            encoding: Encoding::Pre(encoded),
        }
    }

    /// A parameter prepared ahead, when the option is set.
    pub(crate) fn optional(
        name: Name,
        raw: &'a Option<String>,
        encoded: &'a Option<PreEncoded>,
    ) -> Option<Self> {
        Option::zip(raw.as_deref(), encoded.as_ref()).map(|(raw, e)| Self::pre(name, raw, e))
    }

    /// Adds this parameter to the base-string parameters (section 3.4.1.3.1).
    pub(crate) fn add_to(&self, params: &mut ParamSet) -> Result<(), crate::Error> {
        let name = self.name;
        match self.encoding {
            Encoding::AsIs => params.add_encoded(name, self.value, ParamSource::Protocol),
            Encoding::Pre(e) => params.add_encoded(name, &e.twice, ParamSource::Protocol),
            Encoding::Now => params.add_raw(
                name.as_bytes(),
                self.value.as_bytes(),
                ParamSource::Protocol,
            ),
        }
    }

    /// Whether the value is sent as it is: encoding (section 3.6) leaves it unchanged.
    pub(crate) fn sent_unchanged(&self) -> bool {
        match self.encoding {
            Encoding::AsIs => true,
            // Encoding only lengthens a value, by each byte it escapes.
            Encoding::Pre(e) => e.once.len() == self.value.len(),
            Encoding::Now => false,
        }
    }

    /// Appends the value encoded twice, as it stands in a base string (section 3.4.1.1).
    pub(crate) fn write_twice(&self, out: &mut String) {
        match self.encoding {
            Encoding::AsIs => out.push_str(self.value),
            Encoding::Pre(e) => out.push_str(&e.twice),
            Encoding::Now => encode_into::<true>(out, self.value),
        }
    }

    /// Appends the value encoded once, as it is sent (section 3.6).
    pub(crate) fn write_value(&self, out: &mut String) {
        match self.encoding {
            Encoding::AsIs => out.push_str(self.value),
            Encoding::Pre(e) => out.push_str(&e.once),
            Encoding::Now => encode_into::<false>(out, self.value),
        }
    }
}

/// The most protocol parameters a request carries: body hash, callback, consumer key,
/// nonce, signature, signature method, timestamp, token, verifier, version.
pub(crate) const MAX_PROTOCOL_PARAMS: usize = 10;

/// The protocol parameters of one request, sorted by name.
pub(crate) struct ProtocolParams<'a> {
    pub(crate) params: [ProtocolParam<'a>; MAX_PROTOCOL_PARAMS],
    pub(crate) count: usize,
    /// Where `oauth_signature` stands: the nonce is just before it and the timestamp
    /// two after (`oauth_signature_method` sorts between them).
    pub(crate) signature_index: usize,
}

/// Appends the `Authorization` header value (section 3.5.1): `OAuth `, the realm when
/// there is one, then `name="value"` for each parameter, joined by `, `. Signing uses
/// the signer's [`crate::template::HeaderTemplate`]; the tests check it against this
/// plain rendering.
#[cfg(test)]
pub(crate) fn write_header(
    out: &mut String,
    realm: Option<&PreEncoded>,
    params: &[ProtocolParam<'_>],
) {
    out.push_str("OAuth ");
    if let Some(realm) = realm {
        out.push_str("realm=\"");
        out.push_str(&realm.once);
        out.push_str("\", ");
    }
    for (i, param) in params.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(param.name);
        out.push_str("=\"");
        param.write_value(out);
        out.push('"');
    }
}

/// Appends `name=value&…` for the parameters, as a query or form body carries them
/// (sections 3.5.2, 3.5.3).
pub(crate) fn write_form(out: &mut String, params: &[ProtocolParam<'_>]) {
    for (i, param) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(param.name);
        out.push('=');
        param.write_value(out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_codes_index_the_sorted_names() {
        let all = [
            BODY_HASH,
            CALLBACK,
            CONSUMER_KEY,
            NONCE,
            SIGNATURE,
            SIGNATURE_METHOD,
            TIMESTAMP,
            TOKEN,
            VERIFIER,
            VERSION,
        ];
        for name in all {
            assert_eq!(NAMES[usize::from(name.code)], name.name);
        }
        assert!(NAMES.windows(2).all(|w| w[0] < w[1]));
    }
}
