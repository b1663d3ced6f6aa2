"""``oauth1.AsyncOAuth1Session``: :class:`oauth1.OAuth1Session`'s flow, async over httpx.

An ``httpx.AsyncClient`` with requests-oauthlib's constructor arguments, method names
and return values; the methods that talk to the provider are coroutines::

    async with oauth1.AsyncOAuth1Session(client_key, client_secret, callback_uri=cb) as oauth:
        await oauth.fetch_request_token(request_token_url)     # RFC 5849 section 2.1
        url = oauth.authorization_url(authorize_url)           # section 2.2
        oauth.parse_authorization_response(redirect_url)
        await oauth.fetch_access_token(access_token_url)       # section 2.3
        await oauth.get(api_url)                               # section 3

It raises the same typed errors as :class:`oauth1.OAuth1Session` (see there for how they
differ from requests-oauthlib's). Further keyword arguments go to
``httpx.AsyncClient`` (``timeout``, ``follow_redirects``, ``transport``, ...); a
followed redirect is signed again for its new URL when it stays on the origin (or goes
to one of ``trusted_origins``) and loses its ``Authorization`` header otherwise.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, Mapping, Optional, Union

import httpx

from ._errors import Error
from ._native import Provider, RsaPrivateKey, Signer, redirect_hop
from ._session_state import SessionState, with_response
from .integrations import OAuth1

__all__ = ["AsyncOAuth1Session"]

# The request extension that carries a token request's own signer.
_SIGNER = "oauth1.signer"


class AsyncOAuth1Session(httpx.AsyncClient):
    """An ``httpx.AsyncClient`` that gets a token through the three-legged flow (RFC 5849
    section 2) and signs every request it sends. The arguments are those of
    :class:`oauth1.OAuth1Session`, then ``httpx.AsyncClient``'s."""

    def __init__(
        self,
        client_key: str,
        client_secret: Optional[str] = None,
        resource_owner_key: Optional[str] = None,
        resource_owner_secret: Optional[str] = None,
        callback_uri: Optional[str] = None,
        signature_method: Optional[str] = None,
        signature_type: Optional[str] = None,
        rsa_key: Union[str, bytes, RsaPrivateKey, None] = None,
        verifier: Optional[str] = None,
        *,
        realm: Optional[str] = None,
        provider: Union[str, Provider, None] = None,
        provider_values: Optional[Mapping[str, str]] = None,
        trusted_origins: Iterable[str] = (),
        **client_kwargs: Any,
    ) -> None:
        self._oauth = SessionState(
            client_key,
            client_secret,
            resource_owner_key,
            resource_owner_secret,
            callback_uri,
            signature_method,
            signature_type,
            rsa_key,
            verifier,
            realm,
            provider,
            provider_values,
            trusted_origins,
        )
        super().__init__(**client_kwargs)
        # Over httpx's defaults (its User-Agent), not over the caller's headers=.
        given = httpx.Headers(client_kwargs.get("headers"))
        for name, value in self._oauth.required_headers:
            if name not in given:
                self.headers[name] = value
        self._sign_with(self._oauth.signer)

    def _sign_with(self, signer: Signer) -> None:
        self.auth = OAuth1(signer, trusted_origins=self._oauth.trusted_origins)

    @property
    def signer(self) -> Signer:
        """The :class:`~oauth1.Signer` of the client's requests: the consumer with the
        current token (none before the flow: two-legged)."""
        return self._oauth.signer

    @property
    def token(self) -> Dict[str, str]:
        """As :attr:`oauth1.OAuth1Session.token`."""
        return self._oauth.token

    @token.setter
    def token(self, value: Mapping[str, str]) -> None:
        self._oauth.token = value
        self._sign_with(self._oauth.signer)

    @property
    def authorized(self) -> bool:
        """As :attr:`oauth1.OAuth1Session.authorized`."""
        return self._oauth.authorized

    def authorization_url(self, url: Optional[str] = None, request_token: Optional[str] = None, **kwargs: Any) -> str:
        """As :meth:`oauth1.OAuth1Session.authorization_url`."""
        return self._oauth.authorization_url(url, request_token, kwargs)

    async def fetch_request_token(self, url: Optional[str] = None, realm: Optional[Iterable[str]] = None, **request_kwargs: Any) -> Dict[str, str]:
        """As :meth:`oauth1.OAuth1Session.fetch_request_token`, awaited."""
        target = self._oauth.flow.endpoint("request_token", url)
        signer = self._oauth.request_token_signer(realm)
        response = await self._post_signed(target, signer, request_kwargs)
        token = self._accept(self._oauth.accept_request_token, response)
        self._sign_with(self._oauth.signer)
        return token

    def parse_authorization_response(self, url: str) -> Dict[str, str]:
        """As :meth:`oauth1.OAuth1Session.parse_authorization_response`."""
        return self._oauth.parse_authorization_response(url)

    async def fetch_access_token(self, url: Optional[str] = None, verifier: Optional[str] = None, **request_kwargs: Any) -> Dict[str, str]:
        """As :meth:`oauth1.OAuth1Session.fetch_access_token`, awaited."""
        target = self._oauth.flow.endpoint("access_token", url)
        signer = self._oauth.access_token_signer(verifier)
        response = await self._post_signed(target, signer, request_kwargs)
        token = self._accept(self._oauth.accept_access_token, response)
        self._sign_with(self._oauth.signer)
        return token

    async def _post_signed(self, url: str, signer: Signer, request_kwargs: Dict[str, Any]) -> httpx.Response:
        # The signer rides in the request's extensions, which httpx carries to each
        # redirect, so that a hop is signed again by it and not by the client's auth
        # (other requests may run on the client meanwhile).
        extensions = dict(request_kwargs.pop("extensions", None) or {}, **{_SIGNER: signer})
        auth = OAuth1(signer, trusted_origins=self._oauth.trusted_origins)
        return await self.post(url, auth=auth, extensions=extensions, **request_kwargs)

    def _accept(self, accept: Any, response: httpx.Response) -> Dict[str, str]:
        try:
            token: Dict[str, str] = accept(
                response.status_code,
                response.content,
                response.headers.get("Content-Type"),
                response.headers.get("WWW-Authenticate"),
            )
        except Error as e:
            raise with_response(e, response) from None
        return token

    def _build_redirect_request(self, request: httpx.Request, response: httpx.Response) -> httpx.Request:
        # httpx applies the auth once, to the first request, and keeps its
        # Authorization on a same-origin redirect; a signature covers one method and
        # one URL (RFC 5849 section 3.4.1), so the hop is signed again for its own,
        # or sent without OAuth parameters when it leaves for an untrusted origin.
        #
        # Only a hop of a request signed in the header is handled here (not one sent
        # with another auth=, or after the chain left the signed origins). With query
        # or body placement the parameters ride in the URL or the body httpx carries
        # over, and oauth1.OAuth1's auth flow signs the hop again when it is refused.
        hop_request = super()._build_redirect_request(request, response)
        if not request.headers.get("Authorization", "").startswith("OAuth "):
            return hop_request
        hop_request.headers.pop("Authorization", None)
        hop = redirect_hop(
            response.status_code,
            request.method,
            str(request.url),
            response.headers.get("Location", ""),
            list(self._oauth.trusted_origins),
        )
        if hop is None or not hop[3]:
            return hop_request
        signer = request.extensions.get(_SIGNER)
        auth = OAuth1(signer) if isinstance(signer, Signer) else self.auth
        if not isinstance(auth, OAuth1):
            return hop_request
        if hop[2]:
            # A kept body (307, 308) comes as the first request's stream: read it so
            # that a form body can be signed.
            try:
                hop_request.read()
            except (AssertionError, httpx.StreamError):
                pass  # an async-only stream: signed only when it need not be read
        signed: httpx.Request = next(auth.sync_auth_flow(hop_request))
        return signed
