package dev.ilpconnector.agent.callback;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The business logic's HTTP API as a MicroProfile REST Client interface, relative to
 * {@code BUSINESS_LOGIC_URL}. Answers are taken as raw responses: status and body are judged by
 * {@link BusinessLogicClient}, not by exception mappers. Synchronous: {@link RestTransport}
 * runs each call on its executor itself (the client's own asynchronous path re-scans
 * its thread-context providers per call, a quarter of the agent's CPU per payment).
 */
@Path("/")
public interface BusinessLogicApi {

    @POST
    @Path("handle-payment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response handlePayment(String json);

    @POST
    @Path("payment-setup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response paymentSetup(String json);

    @GET
    @Path("health")
    Response health();
}
