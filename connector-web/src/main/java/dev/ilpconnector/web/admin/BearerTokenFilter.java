package dev.ilpconnector.web.admin;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every admin request needs {@code Authorization: Bearer <ADMIN_API_TOKEN>} (MicroProfile Config
 * key {@code admin.api.token}, env var {@code ADMIN_API_TOKEN}). Without a configured token the
 * API answers 403 to everyone; a missing or wrong token gets 401 with a
 * {@code WWW-Authenticate} challenge (RFC 6750 §3). The decision is {@link AdminToken}'s;
 * this class only turns it into a response.
 */
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class.getName());

    private volatile AdminToken token;

    @Override
    public void filter(ContainerRequestContext request) {
        AdminToken.Outcome outcome =
                token().check(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (outcome == AdminToken.Outcome.ACCEPTED) {
            return;
        }
        LOG.fine(() -> "admin.auth.refused outcome=" + outcome + " path="
                + request.getUriInfo().getPath());
        Response.ResponseBuilder refusal = ErrorJson.response(outcome.status(), outcome.error());
        if (outcome.challenge() != null) {
            refusal.header(HttpHeaders.WWW_AUTHENTICATE, outcome.challenge());
        }
        request.abortWith(refusal.build());
    }

    /** Read once: the token comes from the environment, which does not change at run time. */
    private AdminToken token() {
        AdminToken current = token;
        if (current == null) {
            current = new AdminToken(ConfigProvider.getConfig()
                    .getOptionalValue(AdminToken.TOKEN_KEY, String.class));
            token = current;
        }
        return current;
    }
}
