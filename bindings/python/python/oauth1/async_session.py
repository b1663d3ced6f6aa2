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
from ._native import Provider, RsaPrivateKey, Signer
from ._session_state import SessionState, with_response
from .integrations import OAuth1, httpx_redirect_request

__all__ = ["AsyncOAuth1Session"]

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
        # This request's own auth: a redirect hop is signed again by it, not by the
        # client's (other requests may run on the client meanwhile).
        auth = OAuth1(signer, trusted_origins=self._oauth.trusted_origins)
        return await self.post(url, auth=auth, **request_kwargs)

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
        # one URL (RFC 5849 section 3.4.1), so each hop is signed again for its own by
        # the OAuth1 that signed the request, or stripped for an untrusted origin.
        built = super()._build_redirect_request(request, response)
        hop: httpx.Request = httpx_redirect_request(request, response, built)
        return hop
