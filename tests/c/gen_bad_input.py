#!/usr/bin/env python3
"""Writes a C table of the shared bad-input cases in tests/vectors/bad-input.json.

Usage: gen_bad_input.py BAD_INPUT_JSON OUTPUT_H

Every case of every section ("sign", "verify", "nonce_store") becomes one row that
tests/c/test_bad_input.c runs. A key this script does not know, or a section it does
not know, stops it with an error: a case the C runner would silently skip would be a
test that cannot fail. Only the standard library is used.
"""
import json
import sys

from gen_vectors import c_string

FORMAT = "oauth1-bad-input/1"
SECTIONS = {"sign", "verify", "nonce_store"}
SIGNER_KEYS = {"consumer_key", "consumer_secret", "token", "token_secret", "signature_method", "placement",
               "callback", "private_key", "private_key_password", "allow_short_key"}
SIGN_REQUEST_KEYS = {"method", "url", "body", "content_type", "nonce", "timestamp"}
VERIFY_REQUEST_KEYS = {"method", "url", "authorization", "body", "content_type"}
SECRETS_KEYS = {"consumer_key", "consumer_secret", "token", "token_secret", "rsa_public_key"}
OPTION_KEYS = {"now", "max_skew", "signature_methods", "allow_plaintext_over_http", "require_timestamp",
               "require_body_hash", "hide_unknown_keys"}
PLACEMENTS = {"header": "OAUTH1_PLACEMENT_HEADER", "query": "OAUTH1_PLACEMENT_QUERY",
              "body": "OAUTH1_PLACEMENT_BODY"}
# An unknown placement name reaches the C API as the first number that is not one of
# the OAUTH1_PLACEMENT_ constants.
UNKNOWN_PLACEMENT = "((oauth1_placement)3)"


def fail(where, message):
    sys.exit(f"gen_bad_input.py: {where}: {message}")


def check_keys(where, obj, allowed):
    unknown = set(obj) - allowed
    if unknown:
        fail(where, f"unknown keys {sorted(unknown)}; teach tests/c/gen_bad_input.py and test_bad_input.c")


def text(where, obj, key, required=False):
    value = obj.get(key)
    if value is None:
        if required:
            fail(where, f"{key!r} is required")
        return "NULL"
    if not isinstance(value, str):
        fail(where, f"{key!r} must be a string")
    return c_string(value)


def body(where, obj):
    value = obj.get("body")
    if value is None:
        return "NULL", "0"
    if not isinstance(value, str):
        fail(where, "'body' must be a string")
    return c_string(value), str(len(value.encode("utf-8")))


def integer(where, value):
    if isinstance(value, bool) or not isinstance(value, int):
        fail(where, f"{value!r} is not an integer")
    return "INT64_C(%d)" % value


def flag(where, obj, key):
    value = obj.get(key)
    if value is None:
        return "-1"
    if not isinstance(value, bool):
        fail(where, f"{key!r} must be true or false")
    return "1" if value else "0"


def names(where, obj, key):
    """A list of names as the C accessors give it: joined by '&'; NULL when absent."""
    value = obj.get(key)
    if value is None:
        return "NULL"
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        fail(where, f"{key!r} must be a list of strings")
    return c_string("&".join(value))


def expected_error(where, case):
    if "error" not in case:
        fail(where, "'error' is required (null for a case that must succeed)")
    return text(where, case, "error")


def sign_rows(cases):
    rows = []
    for case in cases:
        where = "sign/" + case.get("name", "?")
        check_keys(where, case, {"name", "signer", "request", "error"})
        signer, request = case["signer"], case["request"]
        check_keys(where + "/signer", signer, SIGNER_KEYS)
        check_keys(where + "/request", request, SIGN_REQUEST_KEYS)
        if ("nonce" in request) != ("timestamp" in request):
            fail(where, "the C API fixes nonce and timestamp together; give both or neither")
        placement = signer.get("placement")
        if placement is None:
            placement_c = "OAUTH1_PLACEMENT_HEADER"
        elif not isinstance(placement, str):
            fail(where, "'placement' must be a string")
        else:
            placement_c = PLACEMENTS.get(placement.strip().lower(), UNKNOWN_PLACEMENT)
        body_c, body_len = body(where, request)
        rows.append([
            text(where, case, "name", True),
            text(where, signer, "consumer_key", True),
            text(where, signer, "consumer_secret"),
            text(where, signer, "token"),
            text(where, signer, "token_secret"),
            text(where, signer, "signature_method"),
            text(where, signer, "callback"),
            text(where, signer, "private_key"),
            text(where, signer, "private_key_password"),
            "true" if flag(where, signer, "allow_short_key") == "1" else "false",
            "true" if placement is not None else "false",
            placement_c,
            text(where, request, "method", True),
            text(where, request, "url", True),
            body_c,
            body_len,
            text(where, request, "content_type"),
            text(where, request, "nonce"),
            "true" if "timestamp" in request else "false",
            integer(where, request["timestamp"]) if "timestamp" in request else "0",
            expected_error(where, case),
        ])
    return rows


def verify_rows(cases):
    rows = []
    for case in cases:
        where = "verify/" + case.get("name", "?")
        check_keys(where, case, {"name", "request", "secrets", "options", "error", "parameters_absent",
                                 "parameters_rejected", "message_excludes"})
        request, secrets, options = case["request"], case["secrets"], case.get("options", {})
        check_keys(where + "/request", request, VERIFY_REQUEST_KEYS)
        check_keys(where + "/secrets", secrets, SECRETS_KEYS)
        check_keys(where + "/options", options, OPTION_KEYS)
        methods = options.get("signature_methods")
        if methods is not None and (not isinstance(methods, list) or not all(isinstance(m, str) for m in methods)):
            fail(where, "'signature_methods' must be a list of strings")
        body_c, body_len = body(where, request)
        rows.append([
            text(where, case, "name", True),
            text(where, request, "method", True),
            text(where, request, "url", True),
            text(where, request, "authorization"),
            body_c,
            body_len,
            text(where, request, "content_type"),
            text(where, secrets, "consumer_key", True),
            text(where, secrets, "consumer_secret"),
            text(where, secrets, "token"),
            text(where, secrets, "token_secret"),
            text(where, secrets, "rsa_public_key"),
            "true" if "now" in options else "false",
            integer(where, options["now"]) if "now" in options else "0",
            "true" if "max_skew" in options else "false",
            "UINT64_C(%d)" % options["max_skew"] if "max_skew" in options else "0",
            c_string(",".join(methods)) if methods is not None else "NULL",
            flag(where, options, "allow_plaintext_over_http"),
            flag(where, options, "require_timestamp"),
            flag(where, options, "require_body_hash"),
            flag(where, options, "hide_unknown_keys"),
            expected_error(where, case),
            names(where, case, "parameters_absent"),
            names(where, case, "parameters_rejected"),
            text(where, case, "message_excludes"),
        ])
    return rows


def nonce_store_rows(cases):
    rows = []
    for case in cases:
        where = "nonce_store/" + case.get("name", "?")
        check_keys(where, case, {"name", "capacity", "window", "error"})
        for key in ("capacity", "window"):
            if isinstance(case.get(key), bool) or not isinstance(case.get(key), int) or case[key] < 0:
                fail(where, f"{key!r} must be a non-negative integer")
        rows.append([
            text(where, case, "name", True),
            "(size_t)UINT64_C(%d)" % case["capacity"],
            "UINT64_C(%d)" % case["window"],
            expected_error(where, case),
        ])
    return rows


def table(ctype, name, rows):
    lines = [f"static const {ctype} {name}[] = {{"]
    for row in rows:
        lines.append("    {" + ",\n     ".join(row) + "},")
    lines.append("};")
    lines.append(f"#define {name}_COUNT (sizeof {name} / sizeof {name}[0])")
    lines.append("")
    return lines


def main():
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("format") != FORMAT:
        fail(src, f"format {doc.get('format')!r}, expected {FORMAT!r}")
    unknown = set(doc) - SECTIONS - {"format", "about"}
    if unknown:
        fail(src, f"unknown sections {sorted(unknown)}; teach tests/c/gen_bad_input.py")
    for section in SECTIONS:
        if not doc.get(section):
            fail(src, f"section {section!r} is missing or empty")
    lines = [
        "/* Generated by tests/c/gen_bad_input.py from tests/vectors/bad-input.json. */",
        "#include <stdbool.h>",
        "#include <stddef.h>",
        "#include <stdint.h>",
        "",
        '#include "oauth1.h"',
        "",
        "/* NULL: absent. An error of NULL: the case must succeed. */",
        "typedef struct {",
        "    const char *name;",
        "    const char *consumer_key, *consumer_secret, *token, *token_secret, *signature_method, *callback;",
        "    const char *private_key, *private_key_password; /* PEM text, its password */",
        "    bool allow_short_key;",
        "    bool has_placement;",
        "    oauth1_placement placement;",
        "    const char *method, *url, *body;",
        "    size_t body_len;",
        "    const char *content_type, *nonce;",
        "    bool has_timestamp;",
        "    int64_t timestamp;",
        "    const char *error;",
        "} bad_sign_case;",
        "",
        "/* Options: has_ flags for integers, NULL for an absent method list, -1 for an",
        " * absent flag. Names lists are joined by '&', as the C accessors give them. */",
        "typedef struct {",
        "    const char *name;",
        "    const char *method, *url, *authorization, *body;",
        "    size_t body_len;",
        "    const char *content_type;",
        "    const char *consumer_key, *consumer_secret, *token, *token_secret;",
        "    const char *rsa_public_key; /* PEM text of a public key or certificate */",
        "    bool has_now;",
        "    int64_t now;",
        "    bool has_max_skew;",
        "    uint64_t max_skew;",
        "    const char *signature_methods;",
        "    int allow_plaintext_over_http, require_timestamp, require_body_hash, hide_unknown_keys;",
        "    const char *error, *parameters_absent, *parameters_rejected, *message_excludes;",
        "} bad_verify_case;",
        "",
        "typedef struct {",
        "    const char *name;",
        "    size_t capacity;",
        "    uint64_t window;",
        "    const char *error;",
        "} bad_nonce_store_case;",
        "",
    ]
    lines += table("bad_sign_case", "BAD_SIGN", sign_rows(doc["sign"]))
    lines += table("bad_verify_case", "BAD_VERIFY", verify_rows(doc["verify"]))
    lines += table("bad_nonce_store_case", "BAD_NONCE_STORE", nonce_store_rows(doc["nonce_store"]))
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
