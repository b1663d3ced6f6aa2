//! Nonce stores written in Python: an object with `check_and_insert(consumer_key,
//! token, nonce, timestamp, now)` answering `"fresh"`, `"replayed"` or `"too_old"`,
//! adapted to the core's [`NonceStore`]; `oauth1.nonce_store_key`; and the nonce
//! verdict behind `oauth1.verify_async`, which awaits the store in Python.

use crate::errors::IntoPyResult;
use crate::verify::PyVerified;
use oauth1::{NonceCheck, NonceStore, NonceStoreUnavailable, VerifyOptions};
use pyo3::exceptions::{PyException, PyTypeError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::sync::PyOnceLock;
use std::sync::Mutex;

/// `oauth1.NonceStoreUnavailableError`, imported once: a store that raises it (as
/// `oauth1.RedisNonceStore` does) gives its own message as the reason.
static UNAVAILABLE: PyOnceLock<Py<pyo3::types::PyType>> = PyOnceLock::new();

/// The longest `repr()` of a wrong answer quoted in a reason, in characters.
const MAX_ANSWER_REPR: usize = 100;

/// A Python object with `check_and_insert`, as the core's [`NonceStore`]. Whatever it
/// raises (an `Exception`) or returns other than the three answers makes the store
/// unavailable: the request is refused, never accepted. A `BaseException` that is not
/// an `Exception` (`KeyboardInterrupt`, `SystemExit`) is kept and re-raised by `verify`.
pub struct PyStore {
    object: Py<PyAny>,
    interrupted: Mutex<Option<PyErr>>,
}

impl PyStore {
    /// Adapts `object`, which must have a callable `check_and_insert`.
    pub fn new(object: &Bound<'_, PyAny>) -> PyResult<Self> {
        let method = object.getattr("check_and_insert").ok();
        if !method.is_some_and(|m| m.is_callable()) {
            let type_name = object.get_type().name()?;
            return Err(PyTypeError::new_err(format!(
                "nonce_store must be an oauth1.NonceStore or an object with \
                 check_and_insert(consumer_key, token, nonce, timestamp, now) -> \
                 'fresh' | 'replayed' | 'too_old', not {type_name}"
            )));
        }
        Ok(PyStore {
            object: object.clone().unbind(),
            interrupted: Mutex::new(None),
        })
    }

    /// The `KeyboardInterrupt` or other non-`Exception` the store raised, if any.
    pub fn take_interrupt(&self) -> Option<PyErr> {
        self.interrupted.lock().ok()?.take()
    }
}

impl NonceStore for PyStore {
    fn check_and_insert(
        &self,
        consumer_key: &str,
        token: Option<&str>,
        nonce: &str,
        timestamp: u64,
        now: u64,
    ) -> Result<NonceCheck, NonceStoreUnavailable> {
        Python::attach(|py| {
            let args = (consumer_key, token, nonce, timestamp, now);
            let answer = self.object.bind(py).call_method1("check_and_insert", args);
            outcome(py, answer, "verify").unwrap_or_else(|interrupt| {
                if let Ok(mut slot) = self.interrupted.lock() {
                    slot.get_or_insert(interrupt);
                }
                Err(unavailable("the nonce store was interrupted".into()))
            })
        })
    }
}

fn unavailable(reason: String) -> NonceStoreUnavailable {
    NonceStoreUnavailable { reason }
}

/// A store's answer, or what it raised, as the core's outcome; `Err` is a
/// `BaseException` that is not an `Exception`, to be re-raised. `caller` names the
/// function a wrong answer should be pointed at.
fn outcome(
    py: Python<'_>,
    answer: PyResult<Bound<'_, PyAny>>,
    caller: &str,
) -> PyResult<Result<NonceCheck, NonceStoreUnavailable>> {
    let answer = match answer {
        Ok(answer) => answer,
        Err(err) if !err.is_instance_of::<PyException>(py) => return Err(err),
        Err(err) => {
            let class = UNAVAILABLE.import(py, "oauth1._errors", "NonceStoreUnavailableError")?;
            let message = err.value(py).str()?.to_string();
            if err.is_instance(py, class) {
                return Ok(Err(unavailable(message)));
            }
            let type_name = err.get_type(py).name()?;
            let reason = format!("check_and_insert raised {type_name}: {message}");
            return Ok(Err(unavailable(reason)));
        }
    };
    match answer.extract::<PyBackedStr>().as_deref() {
        Ok("fresh") => return Ok(Ok(NonceCheck::Fresh)),
        Ok("replayed") => return Ok(Ok(NonceCheck::Replayed)),
        Ok("too_old") => return Ok(Ok(NonceCheck::TooOld)),
        _ => {}
    }
    if answer.hasattr("__await__")? {
        // An `async def` store given to the synchronous `verify`: its coroutine is
        // closed so that it is not reported as never awaited.
        if answer.hasattr("close")? {
            answer.call_method0("close")?;
        }
        let reason = format!(
            "check_and_insert returned an awaitable, which {caller} cannot wait for; \
             use oauth1.verify_async for an asynchronous store"
        );
        return Ok(Err(unavailable(reason)));
    }
    let repr: String = answer
        .repr()?
        .to_string()
        .chars()
        .take(MAX_ANSWER_REPR)
        .collect();
    let reason = format!("check_and_insert returned {repr}, not 'fresh', 'replayed' or 'too_old'");
    Ok(Err(unavailable(reason)))
}

/// The key under which a shared store (Redis) records one nonce: `oauth1:nonce:` and
/// 64 hex digits, the same in every language, so servers in different languages can
/// share one store.
#[pyfunction]
pub fn nonce_store_key(
    consumer_key: &str,
    token: Option<&str>,
    nonce: &str,
    timestamp: u64,
) -> String {
    oauth1::nonce_store_key(consumer_key, token, nonce, timestamp)
}

/// The verdict `verify` gives for a store's `answer` (or the `error` it raised) about a
/// request verified without a store: returns for a fresh nonce, else raises
/// `NonceUsedError`, `TimestampRefusedError` or `NonceStoreUnavailableError`.
/// `max_skew` is the one given to `verify`. Behind `oauth1.verify_async`.
#[pyfunction]
#[pyo3(name = "_nonce_verdict", signature = (verified, answer=None, *, error=None, max_skew=None))]
pub fn nonce_verdict(
    py: Python<'_>,
    verified: PyRef<'_, PyVerified>,
    answer: Option<Bound<'_, PyAny>>,
    error: Option<Bound<'_, PyAny>>,
    max_skew: Option<u64>,
) -> PyResult<()> {
    let answer = match error {
        Some(error) => Err(PyErr::from_value(error)),
        None => Ok(answer.unwrap_or_else(|| py.None().into_bound(py))),
    };
    let outcome = outcome(py, answer, "verify_async")?;
    let mut options = VerifyOptions::default();
    if let Some(max_skew) = max_skew {
        options = options.max_skew(max_skew);
    }
    oauth1::nonce_verdict(outcome, &verified.inner, &options).py(py)
}
