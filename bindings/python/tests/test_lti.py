"""oauth1.lti: LTI 1.1 launches (form POST, HMAC-SHA1, oauth_callback=about:blank) and
grade passback (an XML body covered by oauth_body_hash)."""

from __future__ import annotations

import urllib.parse
from typing import Any

import pytest

import oauth1
from oauth1 import lti

LAUNCH_URL = "https://tool.example.edu/lti/launch"
FORM = "application/x-www-form-urlencoded"
KEY, SECRET = "lms.example.edu", "shared-secret"
SECRETS = oauth1.Credentials(KEY, SECRET)
PLATFORM = oauth1.Signer(KEY, SECRET, callback="about:blank", placement="body")
LAUNCH = {
    "lti_message_type": "basic-lti-launch-request",
    "lti_version": "LTI-1p0",
    "resource_link_id": "course-7-quiz-3",
    "user_id": "u-42",
    "roles": "Learner",
    "lis_person_name_full": "Zoë Example",
    "lis_outcome_service_url": "https://lms.example.edu/outcomes",
    "lis_result_sourcedid": "src-1",
}


def launch(params: Any = None, signer: oauth1.Signer = PLATFORM, url: str = LAUNCH_URL) -> bytes:
    body = urllib.parse.urlencode(LAUNCH if params is None else params)
    signed = signer.sign("POST", url, body=body, content_type=FORM).signed_body
    assert signed is not None
    return signed


def test_a_launch_verifies_and_returns_its_parameters_without_oauth_ones() -> None:
    body = launch()
    assert b"oauth_callback=about%3Ablank" in body
    params = lti.verify_launch("POST", LAUNCH_URL, body, FORM, secrets=SECRETS)
    assert params == LAUNCH


def test_a_launch_with_a_consumer_lookup() -> None:
    class Lookup:
        def consumer(self, key: str) -> Any:
            return oauth1.Consumer(SECRET, two_legged=True) if key == KEY else None

        def token_secret(self, key: str, token: str) -> Any:
            return None

    assert lti.verify_launch("POST", LAUNCH_URL, launch(), FORM, secrets=Lookup())["user_id"] == "u-42"


def test_a_replayed_launch_is_refused() -> None:
    store = oauth1.NonceStore()
    body = launch()
    lti.verify_launch("POST", LAUNCH_URL, body, FORM, secrets=SECRETS, nonce_store=store)
    with pytest.raises(oauth1.NonceUsedError):
        lti.verify_launch("POST", LAUNCH_URL, body, FORM, secrets=SECRETS, nonce_store=store)


def test_a_tampered_launch_or_another_url_is_refused() -> None:
    body = launch()
    with pytest.raises(oauth1.SignatureInvalidError):
        lti.verify_launch("POST", LAUNCH_URL, body.replace(b"Learner", b"Instructor"), FORM, secrets=SECRETS)
    with pytest.raises(oauth1.SignatureInvalidError):
        lti.verify_launch("POST", "https://evil.example.org/lti/launch", body, FORM, secrets=SECRETS)
    with pytest.raises(oauth1.SignatureInvalidError):
        lti.verify_launch("POST", LAUNCH_URL, body, FORM, secrets=oauth1.Credentials(KEY, "wrong"))


def test_only_hmac_sha1_is_accepted() -> None:
    signer = oauth1.Signer(KEY, SECRET, signature_method="HMAC-SHA256", placement="body")
    with pytest.raises(oauth1.SignatureMethodRejectedError):
        lti.verify_launch("POST", LAUNCH_URL, launch(signer=signer), FORM, secrets=SECRETS)
    with pytest.raises(TypeError):
        lti.verify_launch("POST", LAUNCH_URL, launch(), FORM, secrets=SECRETS, signature_methods=["HMAC-SHA256"])


def test_a_launch_is_a_form_post() -> None:
    with pytest.raises(oauth1.InvalidOptionError, match="POST"):
        lti.verify_launch("GET", LAUNCH_URL, launch(), FORM, secrets=SECRETS)
    with pytest.raises(oauth1.InvalidOptionError, match="x-www-form-urlencoded"):
        lti.verify_launch("POST", LAUNCH_URL, launch(), "application/json", secrets=SECRETS)


@pytest.mark.parametrize("missing", ["lti_message_type", "lti_version", "resource_link_id"])
def test_a_launch_without_a_required_parameter(missing: str) -> None:
    params = {k: v for k, v in LAUNCH.items() if k != missing}
    with pytest.raises(oauth1.ParameterAbsentError) as e:
        lti.verify_launch("POST", LAUNCH_URL, launch(params), FORM, secrets=SECRETS)
    assert e.value.parameters_absent == [missing]


@pytest.mark.parametrize(
    ("name", "value"), [("lti_message_type", "ContentItemSelectionRequest"), ("lti_version", "LTI-2p0")]
)
def test_another_message_type_or_version_is_rejected(name: str, value: str) -> None:
    with pytest.raises(oauth1.ParameterRejectedError) as e:
        lti.verify_launch("POST", LAUNCH_URL, launch({**LAUNCH, name: value}), FORM, secrets=SECRETS)
    assert e.value.parameters_rejected == [name]


def test_a_parameter_sent_twice_is_rejected() -> None:
    params = list(LAUNCH.items()) + [("roles", "Instructor")]
    with pytest.raises(oauth1.ParameterRejectedError) as e:
        lti.verify_launch("POST", LAUNCH_URL, launch(params), FORM, secrets=SECRETS)
    assert e.value.parameters_rejected == ["roles"]


OUTCOME_URL = "https://lms.example.edu/outcomes"
XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<imsx_POXEnvelopeRequest xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">
  <imsx_POXBody><replaceResultRequest><resultRecord>
    <sourcedGUID><sourcedId>src-1</sourcedId></sourcedGUID>
    <result><resultScore><language>en</language><textString>0.92</textString></resultScore></result>
  </resultRecord></replaceResultRequest></imsx_POXBody>
</imsx_POXEnvelopeRequest>"""


def test_grade_passback_is_signed_with_a_body_hash_and_verified() -> None:
    tool = oauth1.Signer(KEY, SECRET)
    headers, body = lti.sign_outcome(tool, OUTCOME_URL, XML)
    assert body == XML
    assert headers["Content-Type"] == "application/xml"
    assert "oauth_body_hash=" in headers["Authorization"]
    verified = lti.verify_outcome("POST", OUTCOME_URL, headers, body, secrets=SECRETS)
    assert verified.body_hash_checked and verified.consumer_key == KEY
    # Header names in any case, or the Authorization value alone.
    lowered = {k.lower(): v for k, v in headers.items()}
    lti.verify_outcome("POST", OUTCOME_URL, lowered, body, secrets=SECRETS)
    lti.verify_outcome("POST", OUTCOME_URL, headers["Authorization"], body, secrets=SECRETS)


def test_a_changed_grade_or_a_missing_body_hash_is_refused() -> None:
    headers, body = lti.sign_outcome(oauth1.Signer(KEY, SECRET, body_hash=True), OUTCOME_URL, XML)
    with pytest.raises(oauth1.VerificationError):
        lti.verify_outcome("POST", OUTCOME_URL, headers, body.replace(b"0.92", b"1.00"), secrets=SECRETS)
    unhashed = oauth1.Signer(KEY, SECRET).authorization("POST", OUTCOME_URL, body=XML, content_type="application/xml")
    with pytest.raises(oauth1.ParameterAbsentError) as e:
        lti.verify_outcome("POST", OUTCOME_URL, unhashed, XML, secrets=SECRETS)
    assert e.value.parameters_absent == ["oauth_body_hash"]
    with pytest.raises(oauth1.InvalidOptionError):
        lti.verify_outcome("GET", OUTCOME_URL, headers, body, secrets=SECRETS)
    with pytest.raises(oauth1.InvalidOptionError):
        lti.verify_outcome("POST", OUTCOME_URL, {**headers, "Content-Type": FORM}, body, secrets=SECRETS)


def test_sign_outcome_checks_its_arguments() -> None:
    with pytest.raises(TypeError):
        lti.sign_outcome(oauth1.Signer(KEY, SECRET), OUTCOME_URL, XML.decode())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        lti.sign_outcome(SECRETS, OUTCOME_URL, XML)  # type: ignore[arg-type]
