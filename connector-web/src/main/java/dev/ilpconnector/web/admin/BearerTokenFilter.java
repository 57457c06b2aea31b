package dev.ilpconnector.web.admin;

import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Every admin request needs {@code Authorization: Bearer <ADMIN_API_TOKEN>} (MicroProfile Config
 * key {@code ADMIN_API_TOKEN}). Without a configured token the API answers 403 to everyone; a
 * missing or wrong token gets 401 with a {@code WWW-Authenticate} challenge (RFC 6750 §3).
 */
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    static final String TOKEN_KEY = "ADMIN_API_TOKEN";

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class.getName());
    private static final String CHALLENGE = "Bearer realm=\"ilp-connector-admin\"";

    private volatile AdminToken token;

    public BearerTokenFilter() {
    }

    /** For tests: a fixed token instead of the configured one. */
    BearerTokenFilter(AdminToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        AdminToken.Outcome outcome = token().check(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        switch (outcome) {
            case ACCEPTED -> { }
            case DISABLED -> request.abortWith(error(Response.Status.FORBIDDEN,
                    "admin API disabled: set " + TOKEN_KEY).build());
            case MISSING -> request.abortWith(error(Response.Status.UNAUTHORIZED,
                    "missing bearer token").header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build());
            case WRONG -> {
                LOG.fine(() -> "admin.auth.refused path=" + request.getUriInfo().getPath());
                request.abortWith(error(Response.Status.UNAUTHORIZED, "invalid bearer token")
                        .header(HttpHeaders.WWW_AUTHENTICATE,
                                CHALLENGE + ", error=\"invalid_token\"").build());
            }
            default -> throw new IllegalStateException("unhandled outcome " + outcome);
        }
    }

    private AdminToken token() {
        AdminToken current = token;
        if (current == null) {
            Optional<String> configured =
                    ConfigProvider.getConfig().getOptionalValue(TOKEN_KEY, String.class);
            current = new AdminToken(configured);
            token = current;
        }
        return current;
    }

    static Response.ResponseBuilder error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", message).build());
    }
}
