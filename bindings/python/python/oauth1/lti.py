"""LTI 1.1 (IMS Basic LTI): verifying a launch, and signing and verifying grade passback.

A tool receives a launch as a signed form POST from the learning platform::

    params = oauth1.lti.verify_launch(
        "POST", "https://tool.example.edu/launch",   # the URL from configuration
        body, content_type,
        secrets=oauth1.Credentials(consumer_key, shared_secret),
        nonce_store=store,
    )
    params["resource_link_id"], params.get("user_id"), params.get("roles")

Grade passback (LTI Basic Outcomes) is an XML POST whose body is covered by
``oauth_body_hash``: the tool signs it with :func:`sign_outcome`, the platform checks it
with :func:`verify_outcome`.
"""

from __future__ import annotations

import urllib.parse
from typing import Any, Dict, Mapping, Optional, Tuple, Union

import oauth1

from ._errors import InvalidOptionError, ParameterAbsentError, ParameterRejectedError
from ._native import Signer, Verified, is_form_content_type

__all__ = ["verify_launch", "sign_outcome", "verify_outcome", "LAUNCH_MESSAGE_TYPE", "LTI_VERSION"]

LAUNCH_MESSAGE_TYPE = "basic-lti-launch-request"
"""The ``lti_message_type`` of a basic launch."""
LTI_VERSION = "LTI-1p0"
"""The ``lti_version`` of LTI 1.0 and 1.1 launches."""
SIGNATURE_METHOD = "HMAC-SHA1"
"""The one signature method LTI 1.1 uses."""
OUTCOME_CONTENT_TYPE = "application/xml"
"""The Content-Type of an LTI Basic Outcomes request."""

_Body = Union[str, bytes]


def _launch_parameters(body: _Body) -> Dict[str, str]:
    text = body.decode("utf-8", "replace") if isinstance(body, (bytes, bytearray)) else body
    params: Dict[str, str] = {}
    duplicated = []
    for name, value in urllib.parse.parse_qsl(text, keep_blank_values=True):
        if name in params:
            duplicated.append(name)
        params[name] = value
    if duplicated:
        raise ParameterRejectedError(
            f"an LTI launch sends each parameter once; sent more than once: {', '.join(sorted(set(duplicated)))}",
            parameters_rejected=sorted(set(duplicated)),
        )
    return params


def verify_launch(
    method: str,
    url: str,
    body: _Body,
    content_type: Optional[str],
    *,
    secrets: Any,
    nonce_store: Any = None,
    **verify_options: Any,
) -> Dict[str, str]:
    """Verifies an LTI 1.1 basic launch and returns its launch parameters (every form
    parameter but the ``oauth_*`` ones).

    ``url`` is the launch URL the platform was given: behind a proxy, take its origin
    from configuration, never from ``Host`` or ``X-Forwarded-*``. ``secrets`` and the
    other options are as for :func:`oauth1.verify`; a launch carries no token, so the
    consumer must be allowed to sign without one (:class:`oauth1.Credentials` without a
    token, or ``Consumer(secret, two_legged=True)`` from a lookup). The signature method
    is HMAC-SHA1, and ``oauth_callback=about:blank`` (what platforms send) is accepted.

    Raises :class:`oauth1.InvalidOptionError` for a request that is not a form POST,
    the :class:`oauth1.VerificationError` of :func:`oauth1.verify` for a bad signature,
    timestamp or nonce, :class:`oauth1.ParameterAbsentError` for a missing
    ``lti_message_type``, ``lti_version`` or ``resource_link_id``, and
    :class:`oauth1.ParameterRejectedError` for another message type or version, or a
    parameter sent twice.
    """
    if "signature_methods" in verify_options:
        raise TypeError("verify_launch checks HMAC-SHA1, the LTI 1.1 method; signature_methods is not an option")
    if not isinstance(method, str) or method.upper() != "POST":
        raise InvalidOptionError(f"an LTI launch is a form POST, not {method!r}")
    if not is_form_content_type(content_type):
        raise InvalidOptionError(
            f"an LTI launch is a form POST (application/x-www-form-urlencoded), not Content-Type {content_type!r}"
        )
    oauth1.verify(
        method,
        url,
        body=body,
        content_type=content_type,
        secrets=secrets,
        nonce_store=nonce_store,
        signature_methods=[SIGNATURE_METHOD],
        **verify_options,
    )
    params = _launch_parameters(body)
    absent = [name for name in ("lti_message_type", "lti_version", "resource_link_id") if not params.get(name)]
    if absent:
        raise ParameterAbsentError(
            f"not an LTI launch: missing {', '.join(absent)}", parameters_absent=absent
        )
    if params["lti_message_type"] != LAUNCH_MESSAGE_TYPE:
        raise ParameterRejectedError(
            f"lti_message_type is not {LAUNCH_MESSAGE_TYPE}", parameters_rejected=["lti_message_type"]
        )
    if params["lti_version"] != LTI_VERSION:
        raise ParameterRejectedError(f"lti_version is not {LTI_VERSION}", parameters_rejected=["lti_version"])
    return {name: value for name, value in params.items() if not name.startswith("oauth_")}


def sign_outcome(signer: Signer, url: str, xml: bytes) -> Tuple[Dict[str, str], bytes]:
    """Signs an LTI Basic Outcomes request (``replaceResultRequest``, ...) for
    ``lis_outcome_service_url``: a POST of ``xml`` as ``application/xml``, its body
    covered by ``oauth_body_hash``. Returns the headers to send and the body.

    A signer without ``body_hash=True`` is used with its credentials and options and the
    body hash on (an RSA signer must have ``body_hash=True`` already).
    """
    if not isinstance(signer, Signer):
        raise TypeError(f"sign_outcome takes an oauth1.Signer, not {type(signer).__name__}")
    if not isinstance(xml, (bytes, bytearray)):
        raise TypeError(f"the outcome XML is bytes, not {type(xml).__name__}")
    if not signer.body_hash or signer.placement != "header":
        if signer.signature_method.startswith("RSA-"):
            raise InvalidOptionError(
                "grade passback needs oauth_body_hash in the Authorization header: "
                "make the RSA signer with body_hash=True and the header placement"
            )
        signer = Signer.from_credentials(
            signer.credentials,
            signature_method=signer.signature_method,
            realm=signer.realm,
            version=signer.version,
            body_hash=True,
            clock_offset=signer.clock_offset,
            placement="header",
        )
    body = bytes(xml)
    authorization = signer.authorization("POST", url, body=body, content_type=OUTCOME_CONTENT_TYPE)
    return {"Authorization": authorization, "Content-Type": OUTCOME_CONTENT_TYPE}, body


def verify_outcome(
    method: str,
    url: str,
    headers_or_authorization: Union[Mapping[str, str], str, None],
    body: _Body,
    *,
    secrets: Any,
    nonce_store: Any = None,
    **verify_options: Any,
) -> Verified:
    """Verifies an LTI Basic Outcomes request as the platform receives it: a POST whose
    ``oauth_body_hash`` must be present and match ``body``.

    ``headers_or_authorization`` is the request's headers (any mapping; ``Authorization``
    and ``Content-Type`` are looked up in any case) or the ``Authorization`` value
    alone (the Content-Type is then ``application/xml``). Returns the
    :class:`oauth1.Verified`; raises like :func:`oauth1.verify`, and
    :class:`oauth1.InvalidOptionError` for another method or a form body.
    """
    if "require_body_hash" in verify_options:
        raise TypeError("verify_outcome always requires the body hash; require_body_hash is not an option")
    if not isinstance(method, str) or method.upper() != "POST":
        raise InvalidOptionError(f"an LTI outcome request is a POST, not {method!r}")
    if isinstance(headers_or_authorization, str) or headers_or_authorization is None:
        authorization = headers_or_authorization
        content_type: Optional[str] = OUTCOME_CONTENT_TYPE
    else:
        found = {str(k).lower(): v for k, v in headers_or_authorization.items()}
        authorization = found.get("authorization")
        content_type = found.get("content-type", OUTCOME_CONTENT_TYPE)
    if is_form_content_type(content_type):
        raise InvalidOptionError("an LTI outcome request carries XML, not a form body")
    return oauth1.verify(
        method,
        url,
        authorization=authorization,
        body=body,
        content_type=content_type,
        secrets=secrets,
        nonce_store=nonce_store,
        require_body_hash=True,
        **verify_options,
    )
