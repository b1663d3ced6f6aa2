"""What :class:`oauth1.OAuth1Session` and :class:`oauth1.AsyncOAuth1Session` share:
requests-oauthlib's constructor arguments and token bookkeeping, over the core's flow
(``oauth1._native.Flow``, RFC 5849 section 2). No HTTP library is imported here; each
session sends the requests with its own.

requests-oauthlib keeps one resource-owner token: the temporary one during the flow,
the token credentials after it, or whatever the caller set with ``resource_owner_key``
or ``session.token = {...}``. Every request the session sends is signed with the
consumer and that token (with none, the calls are two-legged); the two token requests
are signed by the flow's own signers, with ``oauth_callback`` and ``oauth_verifier``.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, Mapping, Optional, Tuple, Union
from urllib.parse import parse_qsl, urlsplit

from ._errors import Error, InvalidOptionError
from ._native import Flow, Provider, RsaPrivateKey, Signer

__all__ = ["SessionState", "PLACEMENTS"]

PLACEMENTS = {
    # requests-oauthlib's (oauthlib's) signature types, and this library's placements
    "auth_header": "header",
    "query": "query",
    "body": "body",
    "header": "header",
}


def placement_of(signature_type: Optional[str]) -> Optional[str]:
    """The placement for requests-oauthlib's ``signature_type`` (``"AUTH_HEADER"``,
    ``"QUERY"``, ``"BODY"``, any case) or this library's names; ``None`` keeps the
    preset's or the header."""
    if signature_type is None:
        return None
    try:
        return PLACEMENTS[signature_type.lower()]
    except KeyError:
        raise InvalidOptionError(
            f"unknown signature_type {signature_type!r}: it is 'AUTH_HEADER', 'QUERY' or 'BODY'"
        ) from None


class SessionState:
    """One session's consumer, flow and current resource-owner token."""

    def __init__(
        self,
        client_key: str,
        client_secret: Optional[str],
        resource_owner_key: Optional[str],
        resource_owner_secret: Optional[str],
        callback_uri: Optional[str],
        signature_method: Optional[str],
        signature_type: Optional[str],
        rsa_key: Union[str, bytes, RsaPrivateKey, None],
        verifier: Optional[str],
        realm: Optional[str],
        provider: Union[str, Provider, None],
        provider_values: Optional[Mapping[str, str]],
        trusted_origins: Iterable[str],
    ) -> None:
        self.options: Dict[str, Any] = dict(
            signature_method=signature_method,
            private_key=rsa_key,
            realm=realm,
            placement=placement_of(signature_type),
            provider=provider,
            provider_values=dict(provider_values) if provider_values is not None else None,
        )
        self.client_key = client_key
        self.client_secret = client_secret
        self.callback_uri = callback_uri
        self.flow = Flow(client_key, client_secret, callback=callback_uri, **self.options)
        if isinstance(trusted_origins, str):
            raise TypeError("trusted_origins is a list of origins, not one str")
        self.trusted_origins: Tuple[str, ...] = tuple(trusted_origins)
        self.rsa = self.flow.consumer_signer().signature_method.startswith("RSA-")
        self.token_key: Optional[str] = None
        self.token_secret: Optional[str] = None
        self.signer: Signer = self.flow.consumer_signer()
        if resource_owner_key:
            self.set_token(resource_owner_key, resource_owner_secret)
        elif resource_owner_secret:
            raise InvalidOptionError("resource_owner_secret was given without resource_owner_key")
        if verifier:
            self.flow.set_verifier(verifier)

    @property
    def required_headers(self) -> list[Tuple[str, str]]:
        """The headers the preset requires (Discogs' User-Agent), if there is one."""
        preset = self.flow.provider
        return preset.required_headers if preset is not None else []

    def set_token(self, key: str, secret: Optional[str]) -> None:
        """Makes ``key`` the resource-owner token: the temporary token of a flow in
        progress (what ``fetch_access_token`` exchanges) and the token every other
        request is signed with."""
        if not key:
            raise InvalidOptionError("the oauth_token is empty")
        self.token_key, self.token_secret = key, secret
        self.flow.set_request_token(key, secret or "")
        self.flow.set_access_token(key, secret or "")
        self.signer = self.flow.signer()

    # requests-oauthlib's ``token`` and ``authorized`` --------------------------------

    @property
    def token(self) -> Dict[str, str]:
        token: Dict[str, str] = {}
        if self.token_key:
            token["oauth_token"] = self.token_key
        if self.token_secret:
            token["oauth_token_secret"] = self.token_secret
        if self.flow.verifier:
            token["oauth_verifier"] = self.flow.verifier
        return token

    @token.setter
    def token(self, value: Mapping[str, str]) -> None:
        if "oauth_token" not in value:
            raise InvalidOptionError("the token has no oauth_token")
        self.set_token(value["oauth_token"], value.get("oauth_token_secret"))
        if value.get("oauth_verifier"):
            self.flow.set_verifier(value["oauth_verifier"])

    @property
    def authorized(self) -> bool:
        # As requests-oauthlib: RSA needs only the token; the others its secret and the
        # consumer secret too.
        if self.rsa:
            return bool(self.token_key)
        return bool(self.client_secret) and bool(self.token_key) and bool(self.token_secret)

    # the steps -----------------------------------------------------------------------

    def request_token_signer(self, realm: Optional[Iterable[str]]) -> Signer:
        """The signer of the temporary-credentials request: requests-oauthlib's
        ``realm`` is a list of realms for this one request."""
        if realm is None:
            return self.flow.request_token_signer()
        realms = " ".join([realm] if isinstance(realm, str) else realm)
        options = dict(self.options, realm=realms)
        return Flow(self.client_key, self.client_secret, callback=self.callback_uri, **options).request_token_signer()

    def accept_request_token(self, status: int, body: bytes, content_type: Optional[str], www_authenticate: Optional[str]) -> Dict[str, str]:
        token = self.flow.accept_request_token(status, body, content_type=content_type, www_authenticate=www_authenticate)
        self._took(token)
        return token

    def authorization_url(self, url: Optional[str], request_token: Optional[str], extra: Mapping[str, str]) -> str:
        pairs = [(k, str(v)) for k, v in extra.items()]
        if request_token is None or request_token == self.token_key:
            return self.flow.authorization_url(url, pairs)
        # requests-oauthlib's request_token: a URL for another temporary token, which
        # leaves this session's token as it is.
        other = Flow(self.client_key, self.client_secret, callback=self.callback_uri, **self.options)
        other.set_request_token(request_token, "")
        return other.authorization_url(url, pairs)

    def parse_authorization_response(self, url: str) -> Dict[str, str]:
        """requests-oauthlib's dictionary: every parameter of the redirect's query,
        once the flow has checked its token against the temporary one (which this
        session fetched, or was given as ``resource_owner_key`` or ``token``) and kept
        its verifier."""
        self.flow.accept_authorization_response(url)
        return _query(url)

    def access_token_signer(self, verifier: Optional[str]) -> Signer:
        if verifier:
            self.flow.set_verifier(verifier)
        return self.flow.access_token_signer()

    def accept_access_token(self, status: int, body: bytes, content_type: Optional[str], www_authenticate: Optional[str]) -> Dict[str, str]:
        token = self.flow.accept_access_token(status, body, content_type=content_type, www_authenticate=www_authenticate)
        self._took(token)
        return token

    def _took(self, token: Mapping[str, str]) -> None:
        self.set_token(token["oauth_token"], token["oauth_token_secret"])


def _query(url: str) -> Dict[str, str]:
    """The parameters of a URL's query, or of a bare query."""
    text = url.strip()
    if "?" in text:
        text = urlsplit(text).query
    elif "://" in text:
        text = ""
    return dict(parse_qsl(text.split("#", 1)[0], keep_blank_values=True))


def with_response(error: Error, response: Any) -> Error:
    """Attaches the HTTP response to an error about it (requests-oauthlib's
    ``TokenRequestDenied.response``)."""
    error.response = response
    return error
