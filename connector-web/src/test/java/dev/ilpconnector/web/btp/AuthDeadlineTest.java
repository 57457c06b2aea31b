package dev.ilpconnector.web.btp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.btp.BtpCodec;
import dev.ilpconnector.codec.btp.BtpMessage;
import dev.ilpconnector.codec.btp.BtpProtocolData;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.Rejects;
import dev.ilpconnector.packetswitch.SubProtocols;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.peer.Relation;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The auth deadline's timer goes away with the session's authentication, not 5 s later. */
class AuthDeadlineTest {

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final PeerDirectory peers = new PeerDirectory(List.of(new PeerConfig("alice",
            Relation.CHILD, Optional.empty(), Optional.of("secret"), "XRP", 9, -1L, 0L,
            List.of())));
    private final BtpServices services = new BtpServices(
            (peer, prepare) -> new CompletableFuture<>(), new PeerAuthenticator(() -> peers),
            new LinkRegistry(), new Rejects(IlpAddress.of("test.us")), new SubProtocols());
    private String closed;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void anAuthenticatedSessionCancelsItsDeadline() {
        scheduler.setRemoveOnCancelPolicy(true);
        BtpSession session = BtpSession.server(new Sender(), services);
        ScheduledFuture<?> timer = AuthDeadline.arm(session, scheduler);

        session.onFrame(BtpCodec.encode(new BtpMessage(1, List.of(BtpProtocolData.auth(),
                BtpProtocolData.authUsername("alice"), BtpProtocolData.authToken("secret")))));

        assertTrue(session.isConnected());
        assertTrue(timer.isCancelled(), "deadline still armed after auth");
        assertEquals(0, scheduler.getQueue().size());
    }

    @Test
    void aSessionThatClosesCancelsItsDeadline() {
        BtpSession session = BtpSession.server(new Sender(), services);
        ScheduledFuture<?> timer = AuthDeadline.arm(session, scheduler);

        session.onClosed();

        assertTrue(timer.isCancelled());
    }

    @Test
    void aSilentSessionIsStillClosedAtItsDeadline() {
        BtpSession session = BtpSession.server(new Sender(), services);
        ScheduledFuture<?> timer = AuthDeadline.arm(session, scheduler);

        assertFalse(timer.isCancelled());
        session.authDeadlinePassed(); // what the timer runs when it fires
        assertEquals("auth timeout", closed);
    }

    private final class Sender implements FrameSender {
        @Override
        public CompletionStage<Void> send(byte[] frame) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(String reason) {
            closed = reason;
        }
    }
}
