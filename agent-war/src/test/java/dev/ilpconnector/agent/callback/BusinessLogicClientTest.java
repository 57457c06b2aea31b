package dev.ilpconnector.agent.callback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.stream.Payable;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessLogicClientTest {

    private static final Duration BUDGET = Duration.ofSeconds(5);

    /** A business logic that answers every call with the next queued answer (or never). */
    private static final class FakeTransport implements Transport {
        final List<String> paths = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        final List<CompletableFuture<Answer>> pending = new ArrayList<>();
        Answer next;
        RuntimeException thrown;

        @Override
        public CompletionStage<Answer> handlePayment(String json) {
            paths.add("handle-payment");
            bodies.add(json);
            return answer();
        }

        @Override
        public CompletionStage<Answer> paymentSetup(String json) {
            paths.add("payment-setup");
            bodies.add(json);
            return answer();
        }

        @Override
        public CompletionStage<Answer> health() {
            paths.add("health");
            return answer();
        }

        private CompletionStage<Answer> answer() {
            if (thrown != null) {
                throw thrown;
            }
            CompletableFuture<Answer> f = new CompletableFuture<>();
            if (next != null) {
                f.complete(next);
            } else {
                pending.add(f);
            }
            return f;
        }
    }

    private final FakeTransport transport = new FakeTransport();
    private final BusinessLogicClient client =
            new BusinessLogicClient(transport, Duration.ofSeconds(5));

    private static PaymentRequest request(JsonObject metadata) {
        return new PaymentRequest("pay-1", "test.node.abc", 1234, Instant.parse(
                "2026-12-06T02:00:00.123Z"), new byte[] {1, 2, 3}, metadata);
    }

    private PaymentDecision pay(int status, String body) throws Exception {
        transport.next = new Transport.Answer(status, body);
        return client.handlePayment(request(null), BUDGET).get(1, TimeUnit.SECONDS);
    }

    @Test
    void theRequestIsTheSeedsJson() throws Exception {
        JsonObject metadata = Json.createObjectBuilder().add("product", "p1").build();
        transport.next = new Transport.Answer(200, "{\"accept\":true}");
        client.handlePayment(request(metadata), BUDGET).get(1, TimeUnit.SECONDS);
        assertEquals(List.of("handle-payment"), transport.paths);
        JsonObject sent = Json.createReader(new StringReader(transport.bodies.get(0)))
                .readObject();
        assertEquals("pay-1", sent.getString("paymentId"));
        assertEquals("test.node.abc", sent.getString("destination"));
        assertEquals("1234", sent.getString("amount"), "a decimal string");
        assertEquals("2026-12-06T02:00:00.123Z", sent.getString("expiresAt"));
        assertEquals("AQID", sent.getString("data"), "base64 STREAM data");
        assertEquals("p1", sent.getJsonObject("metadata").getString("product"));
    }

    @Test
    void anUnsignedAmountStaysUnsigned() throws Exception {
        PaymentRequest big = new PaymentRequest("p", "test.x", -1L, Instant.EPOCH, new byte[0],
                null);
        JsonObject sent = Json.createReader(new StringReader(big.toJson())).readObject();
        assertEquals("18446744073709551615", sent.getString("amount"));
        assertFalse(sent.containsKey("metadata"));
    }

    @Test
    void acceptIsAFulfillThatCarriesTheData() throws Exception {
        PaymentDecision plain = pay(200, "{\"accept\":true}");
        assertTrue(plain.accepted());
        assertEquals(0, plain.data().length);
        PaymentDecision withData = pay(200, "{\"accept\":true,\"data\":\"AQID\"}");
        assertTrue(withData.accepted());
        assertArrayEquals(new byte[] {1, 2, 3}, withData.data());
        assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff},
                pay(200, "{\"accept\":true,\"data\":\"-_8\"}").data(), "base64url too");
        String tooLong = java.util.Base64.getEncoder().encodeToString(
                new byte[Payable.REPLY_DATA_MAX + 1]);
        PaymentDecision over = pay(200, "{\"accept\":true,\"data\":\"" + tooLong + "\"}");
        assertEquals(IlpErrorCode.T00_INTERNAL_ERROR, over.code());
        assertTrue(over.message().contains("over 16384 bytes"), over.message());
    }

    @ParameterizedTest
    @CsvSource({
        "insufficient_funds, T04",
        "expired, R00",
        "invalid_request, F00",
        "invalid_amount, F03",
        "unexpected_payment, F06",
        "application_error, F99",
        "internal_error, T00",
        "something_else, F99",
    })
    void eachRejectReasonHasItsIlpCode(String reason, String code) throws Exception {
        PaymentDecision d = pay(200, "{\"accept\":false,\"rejectReason\":{\"code\":\"" + reason
                + "\",\"message\":\"no way\"}}");
        assertFalse(d.accepted());
        assertEquals(IlpErrorCode.of(code), d.code());
        assertEquals("no way", d.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "500|{\"accept\":true}|business logic answered HTTP 500",
        "302|{\"accept\":true}|business logic answered HTTP 302",
        "200|<html>|business logic answer malformed",
        "200|{\"accept\":\"yes\"}|business logic answer malformed",
        "200|[true]|business logic answer malformed",
        "200||business logic answer malformed",
        "200|{\"accept\":true,\"data\":7}|business logic answer malformed",
        "200|{\"accept\":true,\"data\":\"not base64!\"}|business logic answer malformed",
    })
    void aBrokenAnswerIsNeverAFulfill(int status, String body, String message) throws Exception {
        PaymentDecision d = pay(status, body == null ? "" : body);
        assertFalse(d.accepted());
        assertEquals(IlpErrorCode.T00_INTERNAL_ERROR, d.code());
        assertTrue(d.message().startsWith(message), d.message());
    }

    @Test
    void anUnreachableBusinessLogicIsT00NamingTheCause() throws Exception {
        CompletableFuture<PaymentDecision> d = client.handlePayment(request(null), BUDGET);
        transport.pending.get(0).completeExceptionally(new ConnectException("Connection refused"));
        PaymentDecision decision = d.get(1, TimeUnit.SECONDS);
        assertEquals(IlpErrorCode.T00_INTERNAL_ERROR, decision.code());
        assertEquals("business logic unreachable: ConnectException Connection refused",
                decision.message());
        transport.thrown = new IllegalStateException("client closed");
        decision = client.handlePayment(request(null), BUDGET).get(1, TimeUnit.SECONDS);
        assertEquals(IlpErrorCode.T00_INTERNAL_ERROR, decision.code());
    }

    @Test
    void noAnswerWithinTheBudgetIsT00AndALateAnswerIsLogged() throws Exception {
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(BusinessLogicClient.class.getName());
        log.addHandler(handler);
        try {
            PaymentDecision d = client.handlePayment(request(null), Duration.ofMillis(50))
                    .get(2, TimeUnit.SECONDS);
            assertEquals(IlpErrorCode.T00_INTERNAL_ERROR, d.code());
            assertEquals("business logic did not answer within 50 ms", d.message());
            transport.pending.get(0).complete(new Transport.Answer(200, "{\"accept\":true}"));
            assertEquals(1, logged.size());
            assertEquals(Level.WARNING, logged.get(0).getLevel());
            assertTrue(logged.get(0).getMessage().startsWith(
                    "event=business_logic_late paymentId=pay-1"), logged.get(0).getMessage());
        } finally {
            log.removeHandler(handler);
        }
    }

    @Test
    void noTimeLeftMeansNoCall() throws Exception {
        PaymentDecision d = client.handlePayment(request(null), Duration.ZERO)
                .get(1, TimeUnit.SECONDS);
        assertEquals(IlpErrorCode.T00_INTERNAL_ERROR, d.code());
        assertTrue(transport.paths.isEmpty());
    }

    @Test
    void callsInFlightAreBoundedT03Beyond() throws Exception {
        List<CompletableFuture<PaymentDecision>> calls = new ArrayList<>();
        for (int i = 0; i < BusinessLogicClient.IN_FLIGHT_MAX; i++) {
            calls.add(client.handlePayment(request(null), BUDGET));
        }
        PaymentDecision over = client.handlePayment(request(null), BUDGET)
                .get(1, TimeUnit.SECONDS);
        assertEquals(IlpErrorCode.T03_CONNECTOR_BUSY, over.code());
        assertEquals(BusinessLogicClient.IN_FLIGHT_MAX, transport.pending.size());
        transport.pending.get(0).complete(new Transport.Answer(200, "{\"accept\":true}"));
        assertTrue(calls.get(0).get(1, TimeUnit.SECONDS).accepted());
        transport.next = new Transport.Answer(200, "{\"accept\":true}");
        assertTrue(client.handlePayment(request(null), BUDGET).get(1, TimeUnit.SECONDS)
                .accepted(), "a finished call frees its place");
    }

    @Test
    void paymentSetupSendsTheQueryAndKeepsTheMetadata() throws Exception {
        transport.next = new Transport.Answer(200,
                "{\"allow\":true,\"paymentId\":\"order-7\",\"metadata\":{\"product\":\"p1\"}}");
        PaymentSetup setup = client.paymentSetup("pay-1", Map.of("product", List.of("p1")))
                .get(1, TimeUnit.SECONDS);
        assertEquals(PaymentSetup.Outcome.ALLOWED, setup.outcome());
        assertEquals("order-7", setup.paymentId());
        assertEquals("p1", setup.metadata().getString("product"));
        assertEquals("payment-setup", transport.paths.get(0));
        JsonObject sent = Json.createReader(new StringReader(transport.bodies.get(0)))
                .readObject();
        assertEquals("pay-1", sent.getString("paymentId"));
        assertEquals("p1", sent.getJsonObject("queryParams").getString("product"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200|{\"allow\":false}|DENIED",
        "200|{\"allow\":true}|ALLOWED",
        "404|not here|ALLOWED",
        "500|{}|UNAVAILABLE",
        "200|{\"allow\":\"maybe\"}|UNAVAILABLE",
        "200|{\"allow\":true,\"metadata\":[1]}|UNAVAILABLE",
        "200|{\"allow\":true,\"paymentId\":5}|UNAVAILABLE",
        "200|garbage|UNAVAILABLE",
    })
    void paymentSetupOutcomes(int status, String body, PaymentSetup.Outcome outcome)
            throws Exception {
        transport.next = new Transport.Answer(status, body);
        PaymentSetup setup = client.paymentSetup("p", Map.of()).get(1, TimeUnit.SECONDS);
        assertEquals(outcome, setup.outcome(), setup.reason());
    }

    @Test
    void paymentSetupDownIsUnavailable() throws Exception {
        CompletableFuture<PaymentSetup> setup = client.paymentSetup("p", Map.of());
        transport.pending.get(0).completeExceptionally(new ConnectException("refused"));
        assertEquals(PaymentSetup.Outcome.UNAVAILABLE, setup.get(1, TimeUnit.SECONDS).outcome());
    }

    @Test
    void healthIsTheBusinessLogicsHealth() throws Exception {
        transport.next = new Transport.Answer(200, "{\"status\":\"UP\"}");
        assertNull(client.health().get(1, TimeUnit.SECONDS));
        transport.next = new Transport.Answer(503, "{}");
        assertEquals("business logic /health answered HTTP 503",
                client.health().get(1, TimeUnit.SECONDS));
        assertEquals("health", transport.paths.get(0));
    }
}
