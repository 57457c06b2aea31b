package dev.ilpconnector.agent.callback;

import java.util.concurrent.CompletionStage;

/** HTTP to the business logic: JSON in, status and body out. Never blocks the caller. */
public interface Transport {

    /** {@code POST {BUSINESS_LOGIC_URL}/path} with a JSON body. */
    CompletionStage<Answer> post(String path, String json);

    /** {@code GET {BUSINESS_LOGIC_URL}/path}. */
    CompletionStage<Answer> get(String path);

    /** What came back: the HTTP status and the body as text. */
    record Answer(int status, String body) {
    }
}
