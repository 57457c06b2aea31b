package dev.ilpconnector.bench.echo;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Sends every binary message straight back: the WebSocket transport and nothing else. */
public final class EchoEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxBinaryMessageBufferSize(1 << 16);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) frame -> {
            try {
                session.getBasicRemote().sendBinary(frame);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
