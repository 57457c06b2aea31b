package dev.ilpconnector.agent.callback;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * {@link Transport} over a MicroProfile REST Client built with {@link RestClientBuilder} (never
 * injected with {@code @RestClient}: Payara bug #7655 breaks the EAR after a restart). Each call
 * runs on the given executor (one hand-off, never on the caller's thread); connections are
 * pooled and kept alive.
 */
public final class RestTransport implements Transport, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RestTransport.class.getName());
    /**
     * The socket waits this much longer than the business-logic timeout, so that a late answer
     * still arrives and is logged ({@code event=business_logic_late}) instead of vanishing.
     */
    static final Duration LATE_ANSWER_WINDOW = Duration.ofSeconds(30);
    /**
     * Liberty: the {@code server.xml} SSL configuration of https:// business logic (the JDK's
     * CAs and BTP_TLS_TRUSTSTORE). Other servers ignore the property.
     */
    static final String LIBERTY_SSL_REF = "com.ibm.ws.jaxrs.client.ssl.config";
    static final String SSL_CONFIG = "agentClientSSL";

    /** Dead pooled connections tried before a payment-setup or health call gives up. */
    static final int DEAD_CONNECTION_RETRIES = 2;

    /**
     * MicroProfile Rest Client 4: without the default mapper a 4xx/5xx answer is a response
     * like any other (the mapper also reads the config on every answer).
     */
    static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";

    private final BusinessLogicApi api;
    private final ExecutorService executor;

    /**
     * @param baseUrl  {@code BUSINESS_LOGIC_URL}
     * @param timeout  {@code BUSINESS_LOGIC_TIMEOUT}, also the connect timeout
     * @param executor runs the calls (container threads: never a WebSocket thread)
     */
    public RestTransport(URI baseUrl, Duration timeout, ExecutorService executor) {
        this.executor = executor;
        this.api = RestClientBuilder.newBuilder()
                .baseUri(baseUrl)
                .property(DISABLE_DEFAULT_MAPPER, true)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.plus(LATE_ANSWER_WINDOW).toMillis(), TimeUnit.MILLISECONDS)
                .property(LIBERTY_SSL_REF, SSL_CONFIG)
                // RESTEasy's pool: one kept-alive connection per call in flight at most
                .property("resteasy.connectionPoolSize", BusinessLogicClient.IN_FLIGHT_MAX)
                .property("resteasy.maxPooledPerRoute", BusinessLogicClient.IN_FLIGHT_MAX)
                .build(BusinessLogicApi.class);
    }

    @Override
    public CompletionStage<Answer> handlePayment(String json) {
        return answered(() -> api.handlePayment(json));
    }

    /**
     * Sent again when a pooled connection turns out to be dead before any answer (the business
     * logic restarted since): nothing was set up, so asking again is safe. {@code
     * /handle-payment} is never sent twice; its failure is a T00 the sender retries.
     */
    @Override
    public CompletionStage<Answer> paymentSetup(String json) {
        return retriedOnDeadConnection(() -> answered(() -> api.paymentSetup(json)),
                DEAD_CONNECTION_RETRIES);
    }

    @Override
    public CompletionStage<Answer> health() {
        return retriedOnDeadConnection(() -> answered(api::health),
                DEAD_CONNECTION_RETRIES);
    }

    private CompletionStage<Answer> retriedOnDeadConnection(
            Supplier<CompletionStage<Answer>> call, int retries) {
        CompletionStage<Answer> first = call.get();
        if (retries == 0) {
            return first;
        }
        return first.exceptionallyCompose(failure -> deadConnection(failure)
                ? retriedOnDeadConnection(call, retries - 1)
                : CompletableFuture.failedStage(failure));
    }

    /**
     * A pooled connection the server had closed: an I/O failure before any answer that is not
     * a timeout (a timeout may mean the business logic is working on the request).
     */
    static boolean deadConnection(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedIOException) {
                return false;
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every HTTP answer, also 4xx/5xx (the default mapper is off; should a server add it back,
     * its {@link WebApplicationException} still carries the response).
     */
    private CompletionStage<Answer> answered(Supplier<Response> call) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return answer(call.get());
            } catch (WebApplicationException refused) {
                return answer(refused.getResponse());
            }
        }, executor);
    }

    private static Answer answer(Response response) {
        try (response) {
            String body;
            try {
                body = response.hasEntity() ? response.readEntity(String.class) : "";
            } catch (IllegalStateException | ProcessingException consumed) {
                body = ""; // the mapper may have read it already; the status says enough
            }
            return new Answer(response.getStatus(), body);
        }
    }

    /** Closes the pooled connections. */
    @Override
    public void close() {
        if (api instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing the business-logic client", e);
            }
        }
    }
}
