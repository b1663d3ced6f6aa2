/* Signs the typical LivePerson request and prints the Authorization header.
 *
 *   cc example.c $(pkg-config --cflags --libs oauth1) -o example && ./example
 *
 * Credentials come from OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET, OAUTH1_TOKEN and
 * OAUTH1_TOKEN_SECRET when set, otherwise from placeholder values. */
#include <oauth1.h>
#include <stdio.h>
#include <stdlib.h>

#define URL "https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all"

static int fail(const char *what, oauth1_result rc) {
    fprintf(stderr, "%s: %s (%s)\n", what, oauth1_result_message(rc), oauth1_result_name(rc));
    return 1;
}

int main(void) {
    oauth1_signer_builder *builder = NULL;
    oauth1_result rc = oauth1_signer_builder_from_env(&builder);
    if (rc == OAUTH1_ERR_CREDENTIALS_SOURCE) {
        rc = oauth1_signer_builder_new("app-key", "app-secret", &builder);
        if (rc == OAUTH1_OK) rc = oauth1_signer_builder_set_token(builder, "access-token", "access-token-secret");
    }
    if (rc != OAUTH1_OK) return fail("credentials", rc);

    oauth1_signer *signer = NULL;
    rc = oauth1_signer_builder_build(builder, &signer);
    oauth1_signer_builder_free(builder);
    if (rc != OAUTH1_OK) return fail("signer", rc);

    /* Allocating: an oauth1_signed with accessors; strings are freed by the caller. */
    oauth1_signed *signed_request = NULL;
    rc = oauth1_signer_sign(signer, "GET", URL, NULL, 0, NULL, &signed_request);
    if (rc != OAUTH1_OK) return fail("sign", rc);
    char *authorization = NULL, *base_string = NULL;
    if ((rc = oauth1_signed_authorization(signed_request, &authorization)) != OAUTH1_OK ||
        (rc = oauth1_signed_base_string(signed_request, &base_string)) != OAUTH1_OK)
        return fail("accessors", rc);
    printf("liboauth1 %s\nAuthorization: %s\nbase string: %s\n", oauth1_version(), authorization, base_string);
    oauth1_string_free(authorization);
    oauth1_string_free(base_string);
    oauth1_signed_free(signed_request);

    /* Caller buffer: no allocation in the C layer. */
    char buf[1024];
    size_t needed = 0;
    rc = oauth1_signer_sign_into(signer, "GET", URL, NULL, 0, NULL, buf, sizeof buf, &needed);
    if (rc != OAUTH1_OK) return fail("sign_into", rc);
    printf("Authorization: %s\n", buf);

    oauth1_signer_free(signer);
    return 0;
}
