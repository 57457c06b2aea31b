package dev.ilpconnector.agent.callback;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/**
 * The business logic's HTTP API as a MicroProfile REST Client interface, relative to
 * {@code BUSINESS_LOGIC_URL}. Answers are taken as raw responses: status and body are judged by
 * {@link BusinessLogicClient}, not by exception mappers.
 */
@Path("/")
public interface BusinessLogicApi {

    /** {@code POST /handle-payment} or {@code POST /payment-setup}. */
    @POST
    @Path("{endpoint}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    CompletionStage<Response> post(@PathParam("endpoint") String endpoint, String json);

    /** {@code GET /health}. */
    @GET
    @Path("{endpoint}")
    CompletionStage<Response> get(@PathParam("endpoint") String endpoint);
}
