package dev.ilpconnector.agent.callback;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.stream.Payable;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Calls the business logic and turns whatever happens into a decision. Bounded: at most
 * {@link #IN_FLIGHT_MAX} calls at once (beyond: {@code T03}, the sender slows down), each within
 * its time budget ({@code T00} after it; an answer that comes later is logged
 * {@code event=business_logic_late}, and changes nothing). Never blocks: the transport runs the
 * HTTP call on a container thread of its own.
 */
public final class BusinessLogicClient {

    private static final Logger LOG = Logger.getLogger(BusinessLogicClient.class.getName());
    /**
     * Calls in flight at most: enough for a busy sender at the business logic's latency, small
     * enough that a stalled business logic cannot tie up the executor and the connection pool.
     */
    public static final int IN_FLIGHT_MAX = 256;
    /**
     * Looked up once: {@code Json.createX} looks the provider up on every call (a ServiceLoader
     * scan and a failed class load each time, a tenth of the agent's CPU per payment).
     */
    static final JsonProvider JSON = JsonProvider.provider();
    /** The longest part of a business-logic answer quoted in a reject message or log. */
    private static final int QUOTE_CHARS_MAX = 120;

    private final Transport transport;
    private final Duration timeout;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT_MAX);

    /**
     * @param transport HTTP to {@code BUSINESS_LOGIC_URL}
     * @param timeout   {@code BUSINESS_LOGIC_TIMEOUT}: the longest wait for any answer
     */
    public BusinessLogicClient(Transport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /** The configured business-logic timeout. */
    public Duration timeout() {
        return timeout;
    }

    /**
     * {@code POST /handle-payment}; completes within {@code budget} (never exceptionally).
     *
     * @param budget how long the answer may take: the packet's expiry leaves no more
     */
    public CompletableFuture<PaymentDecision> handlePayment(PaymentRequest request,
                                                           Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            return CompletableFuture.completedFuture(PaymentDecision.internalError(
                    "too little time left to ask the business logic"));
        }
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.completedFuture(PaymentDecision.refuse(
                    IlpErrorCode.T03_CONNECTOR_BUSY, "business logic busy: " + IN_FLIGHT_MAX
                            + " payments in flight"));
        }
        long ms = budget.toMillis();
        CompletableFuture<PaymentDecision> decision = new CompletableFuture<>();
        decision.completeOnTimeout(PaymentDecision.internalError(
                "business logic did not answer within " + ms + " ms"), ms, TimeUnit.MILLISECONDS);
        call(() -> transport.handlePayment(request.toJson()))
                .whenComplete((answer, failure) -> {
                    inFlight.release();
                    PaymentDecision d = failure != null
                            ? PaymentDecision.internalError("business logic unreachable: "
                                    + cause(failure))
                            : decide(answer);
                    if (!decision.complete(d) && failure == null) {
                        LOG.warning(() -> "event=business_logic_late paymentId="
                                + request.paymentId() + " budgetMs=" + ms + " status="
                                + answer.status());
                    }
                });
        return decision;
    }

    /**
     * {@code POST /payment-setup} for one SPSP query; completes within the timeout (never
     * exceptionally). A business logic without the endpoint (404) allows every payment.
     */
    public CompletableFuture<PaymentSetup> paymentSetup(String paymentId,
                                                        Map<String, List<String>> query) {
        JsonObjectBuilder params = JSON.createObjectBuilder();
        query.forEach((key, values) -> {
            if (!values.isEmpty()) {
                params.add(key, values.get(0));
            }
        });
        String body = JSON.createObjectBuilder().add("paymentId", paymentId)
                .add("queryParams", params).build().toString();
        return bounded(() -> transport.paymentSetup(body), BusinessLogicClient::setup,
                PaymentSetup::unavailable);
    }

    /** {@code GET /health}: null when the business logic says it is up, else why not. */
    public CompletableFuture<String> health() {
        return bounded(transport::health, answer -> answer.status() / 100 == 2
                ? null : "business logic /health answered HTTP " + answer.status(), why -> why);
    }

    private <T> CompletableFuture<T> bounded(Supplier<CompletionStage<Transport.Answer>> request,
                                             Function<Transport.Answer, T> map,
                                             Function<String, T> failed) {
        if (!inFlight.tryAcquire()) {
            return CompletableFuture.completedFuture(failed.apply("business logic busy: "
                    + IN_FLIGHT_MAX + " calls in flight"));
        }
        long ms = timeout.toMillis();
        CompletableFuture<T> result = new CompletableFuture<>();
        result.completeOnTimeout(failed.apply("business logic did not answer within " + ms
                + " ms"), ms, TimeUnit.MILLISECONDS);
        call(request).whenComplete((answer, failure) -> {
            inFlight.release();
            result.complete(failure != null
                    ? failed.apply("business logic unreachable: " + cause(failure))
                    : map.apply(answer));
        });
        return result;
    }

    /** Runs the transport call; a transport that throws is a failed call, not our failure. */
    private static CompletableFuture<Transport.Answer> call(
            Supplier<CompletionStage<Transport.Answer>> request) {
        try {
            return request.get().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The handle-payment answer as a decision: 2xx with a well-formed body, else T00. */
    static PaymentDecision decide(Transport.Answer answer) {
        if (answer.status() / 100 != 2) {
            return PaymentDecision.internalError("business logic answered HTTP "
                    + answer.status());
        }
        JsonObject json = object(answer.body());
        JsonValue accept = json == null ? null : json.get("accept");
        if (accept != JsonValue.TRUE && accept != JsonValue.FALSE) {
            return PaymentDecision.internalError("business logic answer malformed: "
                    + quote(answer.body()));
        }
        if (accept == JsonValue.TRUE) {
            JsonValue data = json.get("data");
            if (data == null || data == JsonValue.NULL) {
                return PaymentDecision.ACCEPT;
            }
            byte[] bytes = data instanceof JsonString s ? base64(s.getString()) : null;
            if (bytes == null) {
                return PaymentDecision.internalError("business logic answer malformed: data is"
                        + " not a base64 string");
            }
            if (bytes.length > Payable.REPLY_DATA_MAX) {
                return PaymentDecision.internalError("business logic answer malformed: data is"
                        + " over " + Payable.REPLY_DATA_MAX + " bytes");
            }
            return PaymentDecision.accept(bytes);
        }
        JsonObject reason = json.get("rejectReason") instanceof JsonObject r ? r : null;
        String code = reason == null ? "" : reason.getString("code", "");
        String message = reason == null ? "" : reason.getString("message", "");
        return PaymentDecision.refuse(RejectReasons.ilpCode(code),
                message.isEmpty() ? "refused by the business logic: " + code : message);
    }

    /** Standard or URL-safe base64, padded or not; null when it is neither. */
    private static byte[] base64(String text) {
        try {
            return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(text) : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The payment-setup answer: 404 allows without metadata; a malformed one is unavailable. */
    static PaymentSetup setup(Transport.Answer answer) {
        if (answer.status() == 404) {
            return PaymentSetup.allowed(null, null);
        }
        if (answer.status() / 100 != 2) {
            return PaymentSetup.unavailable("payment-setup answered HTTP " + answer.status());
        }
        JsonObject json = object(answer.body());
        JsonValue allow = json == null ? null : json.get("allow");
        JsonValue id = json == null ? null : json.get("paymentId");
        JsonValue metadata = json == null ? null : json.get("metadata");
        boolean wellFormed = (allow == JsonValue.TRUE || allow == JsonValue.FALSE)
                && (id == null || id == JsonValue.NULL
                        || id.getValueType() == JsonValue.ValueType.STRING)
                && (metadata == null || metadata == JsonValue.NULL
                        || metadata.getValueType() == JsonValue.ValueType.OBJECT);
        if (!wellFormed) {
            return PaymentSetup.unavailable("payment-setup answer malformed: "
                    + quote(answer.body()));
        }
        if (allow == JsonValue.FALSE) {
            return new PaymentSetup(PaymentSetup.Outcome.DENIED, null, null,
                    "payment-setup did not allow this payment");
        }
        return PaymentSetup.allowed(
                id instanceof JsonString s ? s.getString() : null,
                metadata instanceof JsonObject m ? m : null);
    }

    private static JsonObject object(String body) {
        if (body == null) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(body))) {
            return reader.read() instanceof JsonObject o ? o : null;
        } catch (JsonException | IllegalStateException e) {
            return null;
        }
    }

    private static String quote(String body) {
        String text = body == null ? "" : body.replaceAll("[\\r\\n\\t]", " ");
        return "'" + (text.length() > QUOTE_CHARS_MAX
                ? text.substring(0, QUOTE_CHARS_MAX) + "..." : text) + "'";
    }

    private static String cause(Throwable failure) {
        Throwable c = failure;
        while ((c instanceof CompletionException || c.getClass().getName().endsWith(
                "ProcessingException")) && c.getCause() != null) {
            c = c.getCause();
        }
        String message = c.getMessage();
        return c.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
