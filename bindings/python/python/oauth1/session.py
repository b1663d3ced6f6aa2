"""``oauth1.OAuth1Session``: requests-oauthlib's ``OAuth1Session`` over this library.

A ``requests.Session`` with requests-oauthlib's constructor, methods and return values,
so code moves over by changing the import::

    from oauth1 import OAuth1Session   # was: from requests_oauthlib import OAuth1Session

    oauth = OAuth1Session(client_key, client_secret=client_secret, callback_uri=callback)
    oauth.fetch_request_token(request_token_url)      # RFC 5849 section 2.1
    url = oauth.authorization_url(authorize_url)      # section 2.2: send the user there
    oauth.parse_authorization_response(redirect_url)  # the redirect back
    oauth.fetch_access_token(access_token_url)        # section 2.3
    oauth.get(api_url)                                # section 3: signed as the user

Where requests-oauthlib differs (each a check RFC 5849 asks for):

- the temporary-credentials request carries ``oauth_callback="oob"`` when no
  ``callback_uri`` is given (section 2.1 requires the parameter; requests-oauthlib
  sends none);
- a provider's refusal raises :class:`~oauth1.ProviderError`, or the
  :class:`~oauth1.VerificationError` subclass its ``oauth_problem`` names
  (:class:`~oauth1.SignatureInvalidError`, ...), where requests-oauthlib raises
  ``TokenRequestDenied``; each has the answer as ``.response``;
- an answer that is not a token form (an HTML page, a value missing) raises
  :class:`~oauth1.ResponseInvalidError`, where requests-oauthlib raises ``ValueError``
  or ``TokenMissing`` (both are ``ValueError``, as every :class:`oauth1.Error` is);
- temporary credentials without ``oauth_callback_confirmed=true`` raise
  :class:`~oauth1.CallbackUnconfirmedError`; requests-oauthlib does not check;
- ``parse_authorization_response`` raises :class:`~oauth1.TokenMismatchError` when the
  redirect's ``oauth_token`` is not the temporary token (so the session must know it:
  fetched here, or given as ``resource_owner_key`` or ``token``); requests-oauthlib
  takes any;
- a redirect is signed again for its new URL when it stays on the origin (or goes to
  one of ``trusted_origins``), and loses its ``Authorization`` header otherwise;
  requests-oauthlib signs it again wherever it goes.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, Mapping, Optional, Union

import requests

from ._errors import Error
from ._native import Provider, RsaPrivateKey, Signer, redirect_hop
from ._session_state import SessionState, with_response
from .integrations import OAuth1

__all__ = ["OAuth1Session"]


def _header(response: Any, name: str) -> Optional[str]:
    value = response.headers.get(name)
    return value if isinstance(value, str) else None


class OAuth1Session(requests.Session):  # type: ignore[misc]
    """A ``requests.Session`` that gets a token through the three-legged flow (RFC 5849
    section 2) and signs every request it sends, with requests-oauthlib's names.

    The constructor takes requests-oauthlib's arguments: ``signature_method`` (any of
    ``oauth1.SIGNATURE_METHODS``; HMAC-SHA1 unless the preset or an ``rsa_key`` says
    otherwise), ``signature_type`` (``"AUTH_HEADER"``, ``"QUERY"`` or ``"BODY"``),
    ``rsa_key`` (PEM, or an :class:`~oauth1.RsaPrivateKey`). Beyond them: ``realm``,
    ``provider`` and ``provider_values`` (a preset: its endpoints, so the URLs of the
    methods may be left out, and its signing settings, applied before the arguments),
    and ``trusted_origins`` (``"https://host[:port]"`` origins a redirect may take the
    signature to).
    """

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
    ) -> None:
        super().__init__()
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
        # Over requests' defaults (its User-Agent): the provider refuses requests without them.
        for name, value in self._oauth.required_headers:
            self.headers[name] = value
        self._sign_with(self._oauth.signer)

    def _sign_with(self, signer: Signer) -> None:
        self.auth = OAuth1(signer, trusted_origins=self._oauth.trusted_origins)

    @property
    def signer(self) -> Signer:
        """The :class:`~oauth1.Signer` of the session's requests: the consumer with the
        current token (none before the flow: two-legged)."""
        return self._oauth.signer

    @property
    def token(self) -> Dict[str, str]:
        """``oauth_token``, ``oauth_token_secret`` and ``oauth_verifier``, those that are
        set: the temporary credentials during the flow, the token credentials after it.
        Setting it (a dictionary with at least ``oauth_token``) makes every request
        signed with that token."""
        return self._oauth.token

    @token.setter
    def token(self, value: Mapping[str, str]) -> None:
        self._oauth.token = value
        self._sign_with(self._oauth.signer)

    @property
    def authorized(self) -> bool:
        """Whether the session holds a token to sign with (and, except for RSA, its
        secret and the consumer secret), as requests-oauthlib decides it."""
        return self._oauth.authorized

    def authorization_url(self, url: Optional[str] = None, request_token: Optional[str] = None, **kwargs: Any) -> str:
        """The URL to send the user to (RFC 5849 section 2.2): ``url`` (or the preset's)
        with the temporary token and ``kwargs`` (Trello's ``scope``, Flickr's ``perms``)."""
        return self._oauth.authorization_url(url, request_token, kwargs)

    def fetch_request_token(self, url: Optional[str] = None, realm: Optional[Iterable[str]] = None, **request_kwargs: Any) -> Dict[str, str]:
        """POSTs the temporary-credentials request (RFC 5849 section 2.1) to ``url`` (or
        the preset's) and returns the answer as a dictionary: ``oauth_token``,
        ``oauth_token_secret``, ``oauth_callback_confirmed`` and the provider's own."""
        target = self._oauth.flow.endpoint("request_token", url)
        response = self._post_signed(target, self._oauth.request_token_signer(realm), request_kwargs)
        token = self._accept(self._oauth.accept_request_token, response)
        self._sign_with(self._oauth.signer)
        return token

    def parse_authorization_response(self, url: str) -> Dict[str, str]:
        """Reads the redirect back from the provider (the callback URL with its query):
        checks its ``oauth_token`` against the temporary one and keeps the verifier.
        Returns the query's parameters (``oauth_token``, ``oauth_verifier``, ...)."""
        return self._oauth.parse_authorization_response(url)

    def fetch_access_token(self, url: Optional[str] = None, verifier: Optional[str] = None, **request_kwargs: Any) -> Dict[str, str]:
        """POSTs the token-credentials request (RFC 5849 section 2.3) to ``url`` (or the
        preset's), with the verifier from the redirect or ``verifier`` (typed in, for
        ``oob``), and returns the token credentials as a dictionary. From then on every
        request of the session is signed with them."""
        target = self._oauth.flow.endpoint("access_token", url)
        response = self._post_signed(target, self._oauth.access_token_signer(verifier), request_kwargs)
        token = self._accept(self._oauth.accept_access_token, response)
        self._sign_with(self._oauth.signer)
        return token

    def _post_signed(self, url: str, signer: Signer, request_kwargs: Dict[str, Any]) -> Any:
        # The session's auth for the time of one token request, so that a redirect of
        # it (see rebuild_auth) is signed again by the same signer.
        session_auth = self.auth
        self._sign_with(signer)
        try:
            return self.post(url, **request_kwargs)
        finally:
            self.auth = session_auth

    def _accept(self, accept: Any, response: Any) -> Dict[str, str]:
        try:
            token: Dict[str, str] = accept(
                response.status_code,
                response.content,
                _header(response, "Content-Type"),
                _header(response, "WWW-Authenticate"),
            )
        except Error as e:
            raise with_response(e, response) from None
        return token

    def rebuild_auth(self, prepared_request: Any, response: Any) -> None:
        """Signs a redirected request again for its new method and URL (a signature
        covers one of each, RFC 5849 section 3.4.1) when the hop stays on the origin
        or goes to a trusted one; otherwise sends it without OAuth parameters.

        requests calls this for each hop it follows. The session's auth
        (:class:`oauth1.OAuth1`) follows the hops of the requests it signs itself, so
        this is reached for the others, and for code that calls it as
        requests-oauthlib's."""
        authorization = prepared_request.headers.get("Authorization")
        # Only a hop of a request signed in the header is ours to sign again: one sent
        # with another auth=, or after the chain left the signed origins, gets
        # requests' own rule.
        if not (isinstance(self.auth, OAuth1) and str(authorization or "").startswith("OAuth ")):
            super().rebuild_auth(prepared_request, response)
            return
        prepared_request.headers.pop("Authorization", None)
        location = response.headers.get("Location")
        if location is None or response.request is None:
            return
        hop = redirect_hop(
            response.status_code,
            response.request.method,
            response.request.url,
            location,
            list(self._oauth.trusted_origins),
        )
        if hop is not None and hop[3]:
            prepared_request.prepare_auth(self.auth)
