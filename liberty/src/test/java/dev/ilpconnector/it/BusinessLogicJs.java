package dev.ilpconnector.it;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The merchant's business logic of the agent ITs: {@code src/test/js/business-logic.js} on a free
 * loopback port, which prints every call it gets. Close it to take it down (calls are refused
 * afterwards).
 */
final class BusinessLogicJs implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("BUSINESS LOGIC READY url=(\\S+)");
    private static final String HANDLE_PAYMENT = "HANDLE_PAYMENT ";
    private static final String PAYMENT_SETUP = "PAYMENT_SETUP ";

    private final LoggedProcess process;
    private final String url;

    private BusinessLogicJs(LoggedProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * @param mode  how handle-payment answers: accept, reject:CODE, slow:MS, status:N, garbage,
     *              down (per payment: the SPSP query's {@code mode} parameter)
     * @param setup how payment-setup answers: allow, absent, garbage, status:N
     */
    static BusinessLogicJs start(NodeJs js, String mode, String setup)
            throws IOException, InterruptedException {
        LoggedProcess p = js.start("business-logic.js", "--mode", mode, "--setup", setup);
        try {
            Matcher ready = p.awaitLine(READY, Duration.ofSeconds(30));
            return new BusinessLogicJs(p, ready.group(1));
        } catch (AssertionError | InterruptedException e) {
            p.close();
            throw e;
        }
    }

    /** BUSINESS_LOGIC_URL */
    String url() {
        return url;
    }

    /** The /handle-payment requests it got for {@code paymentId}, in order. */
    List<JsonObject> payments(String paymentId) {
        return calls(HANDLE_PAYMENT).stream()
                .filter(c -> c.getString("paymentId", "").equals(paymentId)).toList();
    }

    /** The /payment-setup requests it got for {@code paymentId}. */
    List<JsonObject> setups(String paymentId) {
        return calls(PAYMENT_SETUP).stream()
                .filter(c -> c.getString("paymentId", "").equals(paymentId)).toList();
    }

    /**
     * Waits until a payment-setup call for {@code paymentId} was printed (the answer may reach
     * the payer before the line reaches us).
     */
    void awaitSetup(String paymentId) throws InterruptedException {
        process.awaitLine(Pattern.compile(PAYMENT_SETUP + ".*\"paymentId\":\""
                + Pattern.quote(paymentId) + "\""), Duration.ofSeconds(10));
    }

    /** Sum of the amounts of {@link #payments}. */
    long paid(String paymentId) {
        return payments(paymentId).stream()
                .mapToLong(p -> Long.parseLong(p.getString("amount"))).sum();
    }

    private List<JsonObject> calls(String prefix) {
        return process.output().lines().filter(l -> l.startsWith(prefix))
                .map(l -> AdminClient.parseObject(l.substring(prefix.length()))).toList();
    }

    @Override
    public void close() {
        process.close();
    }
}
