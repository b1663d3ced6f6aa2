//! Reading JavaScript arguments: the fields of option objects, each checked for its
//! type, with `invalid_argument` errors that name the field and the type received,
//! never the value (it may be a secret).

use crate::error::{Failure, Outcome, argument, type_name};
use napi::ValueType;
use napi::bindgen_prelude::{
    ArrayBuffer, FromNapiValue, JsValue, Object, Uint8ArraySlice, Unknown,
};
use std::str::FromStr;

/// A request or response body as JavaScript gave it.
pub enum Body<'e> {
    /// A string, signed as its UTF-8 bytes.
    Text(String),
    /// A `Uint8Array` (a `Buffer` included).
    Bytes(Uint8ArraySlice<'e>),
    /// An `ArrayBuffer`.
    Buffer(ArrayBuffer<'e>),
}

impl Body<'_> {
    /// The bytes of the body.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Body::Text(s) => s.as_bytes(),
            Body::Bytes(b) => b,
            Body::Buffer(b) => b,
        }
    }

    /// Whether JavaScript gave a string (so a body built from it is returned as one).
    pub fn is_text(&self) -> bool {
        matches!(self, Body::Text(_))
    }
}

/// The fields of one JavaScript options object, read one by one.
pub struct Fields<'e> {
    object: Object<'e>,
    /// What the object is, for messages: `"sign(request)"`, `"new Signer(options)"`.
    what: &'static str,
}

impl<'e> Fields<'e> {
    /// Checks that `value` is an object (not `null`, not an array).
    pub fn new(value: Unknown<'e>, what: &'static str) -> Outcome<Self> {
        let kind = value.get_type()?;
        if kind != ValueType::Object || value.is_array()? {
            let got = described(value, kind)?;
            return Err(argument(format!("{what} must be an object, got {got}")));
        }
        Ok(Fields {
            object: Object::from_unknown(value)?,
            what,
        })
    }

    /// An options argument that may be left out (`undefined`, `null`), with only
    /// the `known` keys.
    pub fn optional(
        value: Option<Unknown<'e>>,
        what: &'static str,
        known: &[&str],
    ) -> Outcome<Option<Self>> {
        let Some((value, _)) = optional(value)? else {
            return Ok(None);
        };
        let fields = Fields::new(value, what)?;
        fields.only(known)?;
        Ok(Some(fields))
    }

    /// What the object is, for messages: `"new Signer(options)"`.
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// Fails on a key that is not in `known`, so a misspelt option is an error
    /// rather than silently ignored.
    pub fn only(&self, known: &[&str]) -> Outcome<()> {
        for key in Object::keys(&self.object)? {
            if !known.contains(&key.as_str()) {
                return Err(argument(format!(
                    "{}: unknown option {:?}; expected one of {}",
                    self.what,
                    truncate(&key),
                    known.join(", ")
                )));
            }
        }
        Ok(())
    }

    /// The field's value; `undefined` and `null` count as absent.
    pub fn value(&self, name: &str) -> Outcome<Option<(Unknown<'e>, ValueType)>> {
        let Some(value) = self.object.get::<Unknown<'e>>(name)? else {
            return Ok(None);
        };
        let kind = value.get_type()?;
        Ok((kind != ValueType::Null).then_some((value, kind)))
    }

    /// A string field.
    pub fn string(&self, name: &str) -> Outcome<Option<String>> {
        string(self.value(name)?, self.what, name)
    }

    /// A whole-number field that must not be negative.
    pub fn unsigned(&self, name: &str) -> Outcome<Option<u64>> {
        let negative = || argument(format!("{}: `{name}` must not be negative", self.what));
        self.integer(name)?
            .map(|n| u64::try_from(n).map_err(|_| negative()))
            .transpose()
    }

    /// A string field the core parses (a signature method, a placement).
    pub fn parsed<T: FromStr<Err = oauth1::Error>>(&self, name: &str) -> Outcome<Option<T>> {
        Ok(self.string(name)?.map(|s| s.parse()).transpose()?)
    }

    /// A string field that must be present.
    pub fn required_string(&self, name: &str) -> Outcome<String> {
        required(self.string(name)?, self.what, name)
    }

    /// A boolean field.
    pub fn boolean(&self, name: &str) -> Outcome<Option<bool>> {
        match self.value(name)? {
            None => Ok(None),
            Some((value, ValueType::Boolean)) => Ok(Some(bool::from_unknown(value)?)),
            Some((_, got)) => Err(wrong(self.what, name, "a boolean", got)),
        }
    }

    /// A number field that must be a whole number (a safe integer).
    pub fn integer(&self, name: &str) -> Outcome<Option<i64>> {
        integer(self.value(name)?, self.what, name)
    }

    /// A body: a string, a `Buffer`/`Uint8Array` or an `ArrayBuffer`.
    pub fn body(&self, name: &str) -> Outcome<Option<Body<'e>>> {
        body(self.value(name)?, self.what, name)
    }

    /// An array of strings.
    pub fn strings(&self, name: &str) -> Outcome<Option<Vec<String>>> {
        match self.value(name)? {
            None => Ok(None),
            Some((value, ValueType::Object)) if value.is_array()? => {
                let items = Vec::<Unknown<'e>>::from_unknown(value)?;
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    let kind = item.get_type()?;
                    if kind != ValueType::String {
                        return Err(wrong(self.what, name, "an array of strings", kind));
                    }
                    out.push(String::from_unknown(item)?);
                }
                Ok(Some(out))
            }
            Some((_, got)) => Err(wrong(self.what, name, "an array of strings", got)),
        }
    }
}

/// A positional argument as a field value: `undefined` and `null` count as absent.
pub fn positional(value: Unknown<'_>) -> Outcome<Option<(Unknown<'_>, ValueType)>> {
    let kind = value.get_type()?;
    Ok((!matches!(kind, ValueType::Undefined | ValueType::Null)).then_some((value, kind)))
}

/// An argument that may be left out, as a field value.
pub fn optional(value: Option<Unknown<'_>>) -> Outcome<Option<(Unknown<'_>, ValueType)>> {
    Ok(value.map(positional).transpose()?.flatten())
}

/// A string argument that must be given.
pub fn text(value: Unknown, what: &str, name: &str) -> Outcome<String> {
    required(string(positional(value)?, what, name)?, what, name)
}

fn wrong(what: &str, name: &str, expected: &str, got: ValueType) -> Failure {
    argument(format!(
        "{what}: `{name}` must be {expected}, got {}",
        type_name(got)
    ))
}

/// A value that must be present.
pub fn required<T>(value: Option<T>, what: &str, name: &str) -> Outcome<T> {
    value.ok_or_else(|| argument(format!("{what}: `{name}` is required")))
}

/// A string value.
pub fn string(
    value: Option<(Unknown<'_>, ValueType)>,
    what: &str,
    name: &str,
) -> Outcome<Option<String>> {
    match value {
        None => Ok(None),
        Some((value, ValueType::String)) => Ok(Some(String::from_unknown(value)?)),
        Some((_, got)) => Err(wrong(what, name, "a string", got)),
    }
}

/// A number that must be a whole number (a safe integer).
pub fn integer(
    value: Option<(Unknown<'_>, ValueType)>,
    what: &str,
    name: &str,
) -> Outcome<Option<i64>> {
    match value {
        None => Ok(None),
        Some((value, ValueType::Number)) => {
            const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
            let n = f64::from_unknown(value)?;
            if n.is_finite() && n.fract() == 0.0 && n.abs() <= MAX_SAFE {
                Ok(Some(n as i64))
            } else {
                Err(argument(format!(
                    "{what}: `{name}` must be a whole number, got {n}"
                )))
            }
        }
        Some((_, got)) => Err(wrong(what, name, "a number", got)),
    }
}

/// A body: a string, a `Buffer`/`Uint8Array` or an `ArrayBuffer`.
pub fn body<'e>(
    value: Option<(Unknown<'e>, ValueType)>,
    what: &str,
    name: &str,
) -> Outcome<Option<Body<'e>>> {
    const EXPECTED: &str = "a string, Buffer, Uint8Array or ArrayBuffer";
    match value {
        None => Ok(None),
        Some((value, ValueType::String)) => Ok(Some(Body::Text(String::from_unknown(value)?))),
        Some((value, ValueType::Object)) => {
            if value.is_typedarray()? {
                Uint8ArraySlice::from_unknown(value)
                    .map(|b| Some(Body::Bytes(b)))
                    .map_err(|_| {
                        argument(format!(
                            "{what}: `{name}` must be {EXPECTED}, got another typed array"
                        ))
                    })
            } else if value.is_arraybuffer()? {
                Ok(Some(Body::Buffer(ArrayBuffer::from_unknown(value)?)))
            } else {
                Err(wrong(what, name, EXPECTED, ValueType::Object))
            }
        }
        Some((_, got)) => Err(wrong(what, name, EXPECTED, got)),
    }
}

/// What a JavaScript value is, in words, for messages (never the value itself).
pub fn described(value: Unknown, kind: ValueType) -> Outcome<&'static str> {
    Ok(if kind == ValueType::Object && value.is_array()? {
        "an array"
    } else {
        type_name(kind)
    })
}

/// At most 40 characters of `s`, for messages about names the caller gave.
fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}
