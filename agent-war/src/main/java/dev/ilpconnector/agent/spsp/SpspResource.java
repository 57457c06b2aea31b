package dev.ilpconnector.agent.spsp;

import dev.ilpconnector.agent.AgentRuntime;
import dev.ilpconnector.agent.callback.PaymentSetup;
import dev.ilpconnector.agent.stream.AgentDelivery;
import dev.ilpconnector.config.AgentConfig;
import dev.ilpconnector.stream.ReceiptRequest;
import dev.ilpconnector.stream.StreamCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * SPSP (RFC 9) receiver endpoints at the agent port's root. A query creates nothing until the
 * business logic's payment-setup allows it: denied is 403, unavailable is 503. No node address
 * yet (or the agent is off because a learned address does not contain {@code BASE_ADDRESS}):
 * 503 with the reason, never an address that does not route here.
 */
@Path("/")
@ApplicationScoped
public class SpspResource {

    private static final Logger LOG = Logger.getLogger(SpspResource.class.getName());
    /** RFC 9 §Query: the SPSP response's media type. */
    static final String SPSP4_JSON = "application/spsp4+json";
    /** RFC 39: 16-byte nonce and 32-byte secret, base64, as SPSP request headers. */
    static final int RECEIPT_NONCE_BYTES = 16;
    static final int RECEIPT_SECRET_BYTES = 32;

    @Inject
    AgentRuntime agent;

    /** Payment pointer {@code $host} resolves here: a new payment. */
    @GET
    @Path(".well-known/pay")
    @Produces(SPSP4_JSON)
    public CompletionStage<Response> wellKnown(@Context UriInfo uri,
                                               @HeaderParam("Receipt-Nonce") String nonce,
                                               @HeaderParam("Receipt-Secret") String secret) {
        return query(PaymentIds.random(), uri, nonce, secret);
    }

    /** Payment pointer {@code $host/}: a new payment. */
    @GET
    @Produces(SPSP4_JSON)
    public CompletionStage<Response> root(@Context UriInfo uri,
                                          @HeaderParam("Receipt-Nonce") String nonce,
                                          @HeaderParam("Receipt-Secret") String secret) {
        return query(PaymentIds.random(), uri, nonce, secret);
    }

    /** Payment pointer {@code $host/{paymentId}}: a payment the payer names. */
    @GET
    @Path("{paymentId}")
    @Produces(SPSP4_JSON)
    public CompletionStage<Response> payment(@PathParam("paymentId") String paymentId,
                                             @Context UriInfo uri,
                                             @HeaderParam("Receipt-Nonce") String nonce,
                                             @HeaderParam("Receipt-Secret") String secret) {
        if (!PaymentIds.isValid(paymentId)) {
            return done(error(400, "payment id must be " + PaymentIds.rule()));
        }
        return query(paymentId, uri, nonce, secret);
    }

    private CompletionStage<Response> query(String paymentId, UriInfo uri, String nonce,
                                            String secret) {
        AgentConfig config = agent.config();
        if (!config.spspEnabled()) {
            return done(error(404, "SPSP is disabled (SPSP_ENABLED=false)"));
        }
        if (!agent.on()) {
            return done(error(404, "no receiver here: local delivery is off"
                    + " (BUSINESS_LOGIC_URL unset or LOCAL_DELIVERY_ENABLED=false)"));
        }
        AgentDelivery.Receiving at = agent.receiving();
        if (!at.on()) {
            return done(error(503, at.offReason()));
        }
        Optional<ReceiptRequest> receipt;
        try {
            receipt = receipt(nonce, secret);
        } catch (IllegalArgumentException e) {
            return done(error(400, e.getMessage()));
        }
        return agent.businessLogic().paymentSetup(paymentId, uri.getQueryParameters())
                .thenApply(setup -> created(setup, paymentId, at, receipt));
    }

    private Response created(PaymentSetup setup, String ourId, AgentDelivery.Receiving at,
                             Optional<ReceiptRequest> receipt) {
        if (setup.outcome() == PaymentSetup.Outcome.DENIED) {
            return error(403, setup.reason());
        }
        if (setup.outcome() == PaymentSetup.Outcome.UNAVAILABLE) {
            LOG.warning(() -> "event=payment_setup_failed reason=\"" + setup.reason() + "\"");
            return error(503, setup.reason());
        }
        String paymentId = setup.paymentId() == null ? ourId : setup.paymentId();
        if (!PaymentIds.isValid(paymentId)) {
            return error(503, "payment-setup answered a paymentId that is not "
                    + PaymentIds.rule());
        }
        if (setup.metadata() != null && !agent.sessions().open(paymentId, setup.metadata())) {
            return error(503, "too many payment sessions; try again later");
        }
        StreamCredentials credentials = agent.receiver().newConnection(at.baseAddress(),
                paymentId, receipt);
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("destination_account", credentials.destinationAccount().value())
                .add("shared_secret",
                        Base64.getEncoder().encodeToString(credentials.sharedSecret()));
        if (receipt.isPresent()) {
            body.add("receipts_enabled", true);
        }
        return Response.ok(body.build().toString(), SPSP4_JSON)
                .header("Cache-Control", "no-store").build();
    }

    /** RFC 39: both headers or neither. */
    private static Optional<ReceiptRequest> receipt(String nonce, String secret) {
        if (nonce == null && secret == null) {
            return Optional.empty();
        }
        if (nonce == null || secret == null) {
            throw new IllegalArgumentException("receipts need both Receipt-Nonce and"
                    + " Receipt-Secret");
        }
        return Optional.of(new ReceiptRequest(bytes("Receipt-Nonce", nonce, RECEIPT_NONCE_BYTES),
                bytes("Receipt-Secret", secret, RECEIPT_SECRET_BYTES)));
    }

    private static byte[] bytes(String header, String base64, int length) {
        byte[] value;
        try {
            value = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            value = null;
        }
        if (value == null || value.length != length) {
            throw new IllegalArgumentException(header + " must be " + length
                    + " bytes, base64");
        }
        return value;
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.createObjectBuilder().add("error", message).build().toString())
                .header("Cache-Control", "no-store").build();
    }

    private static CompletionStage<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}
