package dev.ilpconnector.agent.callback;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures of a payment-setup call may be asked again. */
class RestTransportTest {

    @Test
    void aConnectionClosedBeforeAnyAnswerIsAskedAgain() {
        // What the HTTP client reports for a kept-alive connection the server closed meanwhile.
        IOException noResponse = new IOException("127.0.0.1:3000 failed to respond");
        assertTrue(RestTransport.deadConnection(new CompletionException(
                new RuntimeException("processing", noResponse))));
        assertTrue(RestTransport.deadConnection(new ConnectException("refused")));
    }

    @Test
    void aTimeoutOrAnApplicationFailureIsNot() {
        assertFalse(RestTransport.deadConnection(new CompletionException(
                new RuntimeException("processing", new SocketTimeoutException("read")))));
        assertFalse(RestTransport.deadConnection(new IllegalStateException("no I/O here")));
    }
}
