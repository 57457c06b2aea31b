package dev.ilpconnector.web.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.web.admin.AdminToken.Outcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the bearer filter decides, and what it answers with. */
class AdminTokenTest {

    private final AdminToken token = new AdminToken(Optional.of("s3cret-admin"));

    @Test
    void theConfiguredTokenIsAccepted() {
        assertEquals(Outcome.ACCEPTED, token.check("Bearer s3cret-admin"));
        assertEquals(Outcome.ACCEPTED, token.check("bearer s3cret-admin"), "RFC 6750: any case");
        assertNull(Outcome.ACCEPTED.error());
    }

    @Test
    void missingCredentialsAre401WithAChallenge() {
        assertEquals(Outcome.MISSING, token.check(null));
        assertEquals(Outcome.MISSING, token.check(""));
        assertEquals(Outcome.MISSING, token.check("Basic YWRtaW46eA=="));
        assertEquals(Outcome.MISSING, token.check("Bearer "));
        assertEquals(401, Outcome.MISSING.status());
        assertTrue(Outcome.MISSING.challenge().startsWith("Bearer realm="));
    }

    @Test
    void wrongTokenIs401InvalidToken() {
        assertEquals(Outcome.WRONG, token.check("Bearer s3cret-admin2"));
        assertEquals(Outcome.WRONG, token.check("Bearer s3cret-admi"));
        assertEquals(Outcome.WRONG, token.check("Bearer S3CRET-ADMIN"));
        assertEquals(401, Outcome.WRONG.status());
        assertTrue(Outcome.WRONG.challenge().contains("error=\"invalid_token\""));
        assertFalse(Outcome.WRONG.error().contains("s3cret"));
    }

    @Test
    void noConfiguredTokenDisablesTheApi() {
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(""),
                Optional.of("   "))) {
            AdminToken disabled = new AdminToken(none);
            assertEquals(Outcome.DISABLED, disabled.check("Bearer "));
            assertEquals(Outcome.DISABLED, disabled.check("Bearer anything"));
        }
        assertEquals(403, Outcome.DISABLED.status());
        assertEquals("admin API disabled: set ADMIN_API_TOKEN (admin.api.token)",
                Outcome.DISABLED.error());
        assertNull(Outcome.DISABLED.challenge());
    }

    @Test
    void toStringHidesTheToken() {
        assertFalse(token.toString().contains("s3cret"));
    }
}
