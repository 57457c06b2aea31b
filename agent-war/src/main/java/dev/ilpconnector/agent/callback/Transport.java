package dev.ilpconnector.agent.callback;

import java.util.concurrent.CompletionStage;

/** HTTP to the business logic: JSON in, status and body out. Never blocks the caller. */
public interface Transport {

    /** {@code POST {BUSINESS_LOGIC_URL}/handle-payment}. */
    CompletionStage<Answer> handlePayment(String json);

    /** {@code POST {BUSINESS_LOGIC_URL}/payment-setup}. */
    CompletionStage<Answer> paymentSetup(String json);

    /** {@code GET {BUSINESS_LOGIC_URL}/health}. */
    CompletionStage<Answer> health();

    /** What came back: the HTTP status and the body as text. */
    record Answer(int status, String body) {
    }
}
