package dev.ilpconnector.web.btp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.btp.BtpCodec;
import dev.ilpconnector.codec.btp.BtpError;
import dev.ilpconnector.codec.btp.BtpMessage;
import dev.ilpconnector.codec.btp.BtpPacket;
import dev.ilpconnector.codec.btp.BtpProtocolData;
import dev.ilpconnector.codec.btp.BtpResponse;
import dev.ilpconnector.codec.btp.BtpTransfer;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpErrorCode;
import dev.ilpconnector.codec.ilp.IlpFulfill;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpReject;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.packetswitch.LinkDownException;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.packetswitch.Rejects;
import dev.ilpconnector.packetswitch.SubProtocolException;
import dev.ilpconnector.packetswitch.SubProtocolHandler;
import dev.ilpconnector.packetswitch.SubProtocols;
import dev.ilpconnector.peer.BtpUrl;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.PeerDirectory;
import dev.ilpconnector.peer.Relation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Frame handling of one BTP session against a fake sender: no container, no network. */
class BtpSessionTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String OUR_ADDRESS = "test.us";

    /** Vector message_auth_as_ilp_plugin_btp_client: user alice, token secret-token, id 1. */
    private static final String AUTH_ALICE = "0600000001370103046175746800000d617574685f7573"
            + "65726e616d650105616c6963650a617574685f746f6b656e010c7365637265742d746f6b656e";
    /** Vector prepare_basic (amount 107 to example.alice). */
    private static final String PREPARE = "0c53000000000000006b3230313731323233303132313430"
            + "3534396" + "8389fc771ca125c585811f7493d5f467395db1954a866baca78c52b6fb9c4e10d657861"
            + "6d706c652e616c6963650b68656c6c6f20776f726c64";
    /** Vector fulfill_basic. */
    private static final String FULFILL = "0d2a5dca9544eca7c4588ae3c2877232d4ffd853d03ace2db9"
            + "3138636" + "44bd387871b097468616e6b20796f75";

    private final FakeSender sender = new FakeSender();
    private final LinkRegistry links = new LinkRegistry();
    private final SubProtocols subProtocols = new SubProtocols();
    private final List<Handled> handled = new ArrayList<>();
    private final PeerDirectory peers = new PeerDirectory(List.of(
            incoming("alice", "secret-token"),
            incoming("bob", "bob-token"),
            incoming("carol", "shared"),
            incoming("dave", "shared"),
            new PeerConfig("upstream", Relation.PARENT,
                    Optional.of(BtpUrl.parse("btp+ws://us:up-token@127.0.0.1:7768")),
                    Optional.empty(), "XRP", 9, -1L, 0L, List.of())));
    private final BtpServices services = new BtpServices(
            (peerId, prepare) -> {
                CompletableFuture<IlpResponse> outcome = new CompletableFuture<>();
                handled.add(new Handled(peerId, prepare, outcome));
                return outcome;
            },
            new PeerAuthenticator(() -> peers), links, new Rejects(IlpAddress.of(OUR_ADDRESS)),
            subProtocols);

    private record Handled(String peerId, IlpPrepare prepare,
                           CompletableFuture<IlpResponse> outcome) {
    }

    // ------------------------------------------------------------------ authentication

    @Test
    void authSuccessAnswersResponseAndRegistersTheLink() {
        BtpSession session = BtpSession.server(sender, services);
        session.onFrame(HEX.parseHex(AUTH_ALICE));

        BtpResponse response = assertInstanceOf(BtpResponse.class, sender.only());
        assertEquals(1, response.requestId());
        assertTrue(session.isConnected());
        assertEquals("alice", session.peerId());
        assertSame(session, links.link("alice"));
        assertNull(sender.closedReason);
    }

    @Test
    void aPeerWhoseClosedConnectionsStillHoldWritersIsRefusedMore() {
        links.load("alice").stalledWriters.set(BtpLimits.STALLED_WRITERS_PER_PEER_MAX);
        BtpSession refused = BtpSession.server(sender, services);
        refused.onFrame(HEX.parseHex(AUTH_ALICE));

        BtpError error = assertInstanceOf(BtpError.class, sender.only());
        assertEquals("F00", error.code());
        assertFalse(refused.isConnected());
        assertNull(links.link("alice"));
        // Once one of them breaks, the peer may connect again.
        links.load("alice").stalledWriters.decrementAndGet();
        FakeSender again = new FakeSender();
        BtpSession accepted = BtpSession.server(again, services);
        accepted.onFrame(HEX.parseHex(AUTH_ALICE));
        assertTrue(accepted.isConnected());
    }

    @Test
    void authWithWrongTokenAnswersF00AndCloses() {
        BtpSession session = BtpSession.server(sender, services);
        session.onFrame(auth(9, "alice", "wrong-token"));

        BtpError error = assertInstanceOf(BtpError.class, sender.only());
        assertEquals(9, error.requestId());
        assertEquals("F00", error.code());
        assertEquals("NotAcceptedError", error.name());
        assertTrue(sender.closedReason != null);
        assertFalse(session.isConnected());
        assertNull(links.link("alice"));
    }

    @Test
    void firstPacketOtherThanAuthIsRefused() {
        BtpSession session = BtpSession.server(sender, services);
        session.onFrame(message(3, BtpProtocolData.ilp(HEX.parseHex(PREPARE))));

        BtpError error = assertInstanceOf(BtpError.class, sender.only());
        assertEquals(3, error.requestId());
        assertEquals("F00", error.code());
        assertTrue(sender.closedReason != null);
        assertTrue(handled.isEmpty());
    }

    @Test
    void authWithoutTokenIsRefused() {
        BtpSession session = BtpSession.server(sender, services);
        session.onFrame(message(4, BtpProtocolData.auth(), BtpProtocolData.authUsername("alice")));

        assertEquals("F00", assertInstanceOf(BtpError.class, sender.only()).code());
        assertFalse(session.isConnected());
    }

    @Test
    void emptyUsernameIsResolvedByAUniqueToken() {
        BtpSession session = BtpSession.server(sender, services);
        session.onFrame(auth(2, "", "bob-token"));

        assertInstanceOf(BtpResponse.class, sender.only());
        assertEquals("bob", session.peerId());
        assertSame(session, links.link("bob"));
    }

    @Test
    void emptyUsernameWithATokenTwoPeersShareIsRefused() {
        BtpSession session = BtpSession.server(sender, services);
        session.onFrame(auth(2, "", "shared"));

        assertEquals("F00", assertInstanceOf(BtpError.class, sender.only()).code());
        assertFalse(session.isConnected());
    }

    @Test
    void aPeerWeDialCannotLogInToUs() {
        BtpSession session = BtpSession.server(sender, services);
        session.onFrame(auth(2, "upstream", "up-token"));

        assertEquals("F00", assertInstanceOf(BtpError.class, sender.only()).code());
    }

    @Test
    void authDeadlineClosesAnUnauthenticatedSessionOnly() {
        BtpSession waiting = BtpSession.server(sender, services);
        waiting.authDeadlinePassed();
        assertTrue(sender.closedReason != null);

        FakeSender other = new FakeSender();
        BtpSession done = BtpSession.server(other, services);
        done.onFrame(HEX.parseHex(AUTH_ALICE));
        done.authDeadlinePassed();
        assertNull(other.closedReason);
    }

    // ------------------------------------------------------------------ incoming Prepares

    @Test
    void prepareGoesToTheSwitchAndItsFulfillComesBackUnderTheSameRequestId() {
        BtpSession session = authenticated();
        session.onFrame(message(12345, BtpProtocolData.ilp(HEX.parseHex(PREPARE))));

        assertEquals(1, handled.size());
        assertEquals("alice", handled.get(0).peerId());
        assertEquals(107, handled.get(0).prepare().amount());
        assertTrue(sender.frames.isEmpty(), "nothing is sent before the switch answers");

        IlpFulfill fulfill = (IlpFulfill) IlpCodec.decodeResponse(HEX.parseHex(FULFILL));
        handled.get(0).outcome().complete(fulfill);

        BtpResponse response = assertInstanceOf(BtpResponse.class, sender.only());
        assertEquals(12345, response.requestId());
        BtpProtocolData ilp = response.protocolData().get(0);
        assertEquals("ilp", ilp.protocolName());
        assertEquals(BtpProtocolData.CONTENT_OCTET_STREAM, ilp.contentType());
        assertArrayEquals(HEX.parseHex(FULFILL), ilp.data());
        assertEquals(0, session.inFlight());
    }

    @Test
    void malformedIlpInsideAValidMessageIsAnF01RejectFromUs() {
        BtpSession session = authenticated();
        session.onFrame(message(77, BtpProtocolData.ilp(HEX.parseHex("0c0100"))));

        BtpResponse response = assertInstanceOf(BtpResponse.class, sender.only());
        assertEquals(77, response.requestId());
        IlpReject reject = ilpReject(response);
        assertEquals(IlpErrorCode.F01_INVALID_PACKET, reject.code());
        assertEquals(OUR_ADDRESS, reject.triggeredBy());
        assertTrue(handled.isEmpty());
        assertTrue(session.isConnected());
    }

    @Test
    void malformedFrameGetsF01WithItsRequestIdAndTheSessionContinues() {
        BtpSession session = authenticated();
        // A Message header (type 6, requestId 0x00000042) followed by a lying length prefix.
        session.onFrame(HEX.parseHex("060000004205ff"));

        BtpError error = assertInstanceOf(BtpError.class, sender.only());
        assertEquals(0x42, error.requestId());
        assertEquals("F01", error.code());
        assertEquals("InvalidFieldsError", error.name());
        assertNull(sender.closedReason);
        assertTrue(session.isConnected());

        session.onFrame(message(43, BtpProtocolData.ilp(HEX.parseHex(PREPARE))));
        assertEquals(1, handled.size(), "the next frame is handled as usual");
    }

    @Test
    void unreadableFrameIsDroppedSilently() {
        BtpSession session = authenticated();
        session.onFrame(new byte[] {6, 0});
        session.onFrame(HEX.parseHex("030000000100"));

        assertTrue(sender.frames.isEmpty(), "RFC 23 §Flow: no answer to unreadable packets");
        assertTrue(session.isConnected());
    }

    @Test
    void inFlightIsBoundedWithT03() {
        BtpSession session = authenticated();
        int max = BtpLimits.IN_FLIGHT_PER_PEER_MAX;
        byte[] prepare = HEX.parseHex(PREPARE);
        for (int i = 0; i < max; i++) {
            session.onFrame(message(i, BtpProtocolData.ilp(prepare)));
        }
        assertEquals(max, handled.size());
        assertTrue(sender.frames.isEmpty());

        session.onFrame(message(max, BtpProtocolData.ilp(prepare)));
        BtpResponse busy = assertInstanceOf(BtpResponse.class, sender.only());
        assertEquals(max, busy.requestId());
        assertEquals(IlpErrorCode.T03_CONNECTOR_BUSY, ilpReject(busy).code());
        assertEquals(max, handled.size(), "the switch never saw it");

        handled.get(0).outcome().complete(IlpCodec.decodeResponse(HEX.parseHex(FULFILL)));
        sender.frames.clear();
        session.onFrame(message(max + 1, BtpProtocolData.ilp(prepare)));
        assertEquals(max + 1, handled.size(), "room again once one is answered");
    }

    // ------------------------------------------------------------------ a peer's sessions

    @Test
    void aNewSessionReplacesTheOldWhichAnswersWhatWasInFlightThenCloses() throws Exception {
        FakeSender oldSender = new FakeSender();
        BtpSession old = authenticated(oldSender);
        old.onFrame(message(70, BtpProtocolData.ilp(HEX.parseHex(PREPARE))));
        CompletableFuture<IlpResponse> ours =
                old.sendPrepare(IlpCodec.decodePrepare(HEX.parseHex(PREPARE)));
        long oursId = oldSender.frames.get(0).requestId();
        oldSender.frames.clear();

        FakeSender newSender = new FakeSender();
        BtpSession newer = authenticated(newSender);

        assertSame(newer, links.link("alice"));
        assertFalse(old.isConnected(), "the switch no longer picks the old session");
        assertEquals(BtpSession.State.REPLACED, old.state());
        assertNull(oldSender.closedReason, "it still has work in flight");
        // The peer's Prepare in flight on the old session is answered there.
        handled.get(0).outcome().complete(IlpCodec.decodeResponse(HEX.parseHex(FULFILL)));
        BtpResponse answered = assertInstanceOf(BtpResponse.class, oldSender.only());
        assertEquals(70, answered.requestId());
        assertNull(oldSender.closedReason, "our Prepare still waits for the peer");
        // The peer's answer to our Prepare still arrives on the old session.
        old.onFrame(BtpCodec.encode(new BtpResponse(oursId,
                List.of(BtpProtocolData.ilp(HEX.parseHex(FULFILL))))));
        assertInstanceOf(IlpFulfill.class, ours.get(1, TimeUnit.SECONDS));
        assertEquals("replaced by a newer session", oldSender.closedReason);
        // Closing the old one leaves the new one registered.
        old.onClosed();
        assertSame(newer, links.link("alice"));
        assertTrue(newer.isConnected());
    }

    @Test
    void aReplacedSessionWithNothingInFlightClosesAtOnce() {
        FakeSender oldSender = new FakeSender();
        BtpSession old = authenticated(oldSender);
        authenticated(new FakeSender());

        assertEquals("replaced by a newer session", oldSender.closedReason);
        assertTrue(old.sendPrepare(IlpCodec.decodePrepare(HEX.parseHex(PREPARE)))
                .isCompletedExceptionally(), "nothing new goes out on it");
    }

    @Test
    void prepareArrivingOnAReplacedSessionIsT01AndNeverReachesTheSwitch() {
        FakeSender oldSender = new FakeSender();
        BtpSession old = authenticated(oldSender);
        old.onFrame(message(1, BtpProtocolData.ilp(HEX.parseHex(PREPARE))));
        authenticated(new FakeSender());
        oldSender.frames.clear();

        // A route update is a Prepare to peer.route.update: it is refused the same way.
        IlpPrepare routeUpdate = new IlpPrepare(0, Instant.now().plusSeconds(30), new byte[32],
                IlpAddress.of("peer.route.update"), new byte[0]);
        old.onFrame(message(2, BtpProtocolData.ilp(IlpCodec.encode(routeUpdate))));

        BtpResponse refused = assertInstanceOf(BtpResponse.class, oldSender.only());
        assertEquals(2, refused.requestId());
        assertEquals(IlpErrorCode.T01_PEER_UNREACHABLE, ilpReject(refused).code());
        assertEquals(1, handled.size(), "only the Prepare sent before the replacement");
    }

    @Test
    void inFlightBoundHoldsPerPeerAcrossItsSessions() {
        BtpSession old = authenticated(new FakeSender());
        byte[] prepare = HEX.parseHex(PREPARE);
        for (int i = 0; i < BtpLimits.IN_FLIGHT_PER_PEER_MAX; i++) {
            old.onFrame(message(i, BtpProtocolData.ilp(prepare)));
        }
        FakeSender newSender = new FakeSender();
        BtpSession newer = authenticated(newSender);

        newer.onFrame(message(5, BtpProtocolData.ilp(prepare)));

        BtpResponse busy = assertInstanceOf(BtpResponse.class, newSender.only());
        assertEquals(IlpErrorCode.T03_CONNECTOR_BUSY, ilpReject(busy).code());
        assertEquals(BtpLimits.IN_FLIGHT_PER_PEER_MAX, handled.size());
        handled.get(0).outcome().complete(IlpCodec.decodeResponse(HEX.parseHex(FULFILL)));
        newer.onFrame(message(6, BtpProtocolData.ilp(prepare)));
        assertEquals(BtpLimits.IN_FLIGHT_PER_PEER_MAX + 1, handled.size(), "room again");
    }

    @Test
    void pendingBoundHoldsPerPeerAcrossItsSessions() throws Exception {
        BtpSession old = authenticated(new FakeSender());
        IlpPrepare prepare = IlpCodec.decodePrepare(HEX.parseHex(PREPARE));
        for (int i = 0; i < BtpLimits.PENDING_PER_PEER_MAX; i++) {
            old.sendPrepare(prepare);
        }
        BtpSession newer = authenticated(new FakeSender());

        IlpReject busy = (IlpReject) newer.sendPrepare(prepare).get(1, TimeUnit.SECONDS);

        assertEquals(IlpErrorCode.T03_CONNECTOR_BUSY, busy.code());
    }

    @Test
    void aPeerReconnectingInALoopHasFewReplacedSessionsLeftOpen() {
        List<FakeSender> senders = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            FakeSender s = new FakeSender();
            senders.add(s);
            BtpSession session = authenticated(s);
            // each session leaves a Prepare in flight, which would keep it draining
            session.onFrame(message(i, BtpProtocolData.ilp(HEX.parseHex(PREPARE))));
        }
        long open = senders.stream().filter(s -> s.closedReason == null).count();

        assertTrue(open <= BtpLimits.DRAINING_PER_PEER_MAX + 1, "open: " + open);
        assertNull(senders.get(49).closedReason, "the newest is the link");
        // every Prepare is still answered by the switch, on whichever session is left
        assertEquals(50, handled.size());
    }

    @Test
    void failingSwitchFutureIsAnsweredT00() {
        BtpSession session = authenticated();
        session.onFrame(message(5, BtpProtocolData.ilp(HEX.parseHex(PREPARE))));
        handled.get(0).outcome().completeExceptionally(new IllegalStateException("boom"));

        BtpResponse response = assertInstanceOf(BtpResponse.class, sender.only());
        assertEquals(IlpErrorCode.T00_INTERNAL_ERROR, ilpReject(response).code());
        assertEquals(0, session.inFlight());
    }

    @Test
    void transferIsAcknowledged() {
        BtpSession session = authenticated();
        session.onFrame(BtpCodec.encode(new BtpTransfer(6, 1000, List.of())));

        assertEquals(6, assertInstanceOf(BtpResponse.class, sender.only()).requestId());
    }

    @Test
    void messageWithoutIlpIsAcknowledged() {
        BtpSession session = authenticated();
        session.onFrame(message(8, new BtpProtocolData("info", 1, new byte[] {'x'})));

        assertEquals(8, assertInstanceOf(BtpResponse.class, sender.only()).requestId());
    }

    // ------------------------------------------------------------------ outgoing Prepares

    @Test
    void responsesAreCorrelatedByRequestIdInAnyOrder() throws Exception {
        BtpSession session = authenticated();
        IlpPrepare prepare = IlpCodec.decodePrepare(HEX.parseHex(PREPARE));
        CompletableFuture<IlpResponse> first = session.sendPrepare(prepare);
        CompletableFuture<IlpResponse> second = session.sendPrepare(prepare);

        BtpMessage m1 = assertInstanceOf(BtpMessage.class, sender.frames.get(0));
        BtpMessage m2 = assertInstanceOf(BtpMessage.class, sender.frames.get(1));
        assertTrue(m1.requestId() != m2.requestId());
        assertArrayEquals(HEX.parseHex(PREPARE),
                BtpProtocolData.find(m1.protocolData(), "ilp").orElseThrow().data());
        assertEquals(2, session.pending());

        IlpReject reject = new Rejects(IlpAddress.of("test.them")).reject(
                IlpErrorCode.F02_UNREACHABLE, "no route");
        session.onFrame(response(m2.requestId(), IlpCodec.encode(reject)));
        assertFalse(first.isDone());
        assertEquals(IlpErrorCode.F02_UNREACHABLE,
                ((IlpReject) second.get(1, TimeUnit.SECONDS)).code());

        session.onFrame(response(m1.requestId(), HEX.parseHex(FULFILL)));
        assertInstanceOf(IlpFulfill.class, first.get(1, TimeUnit.SECONDS));
        assertEquals(0, session.pending());
    }

    @Test
    void requestIdsAreUint32AndWrapAround() {
        BtpSession session = new BtpSession(sender, services, true, "", 0xFFFF_FFFFL);
        session.onFrame(HEX.parseHex(AUTH_ALICE));
        sender.frames.clear();
        IlpPrepare prepare = IlpCodec.decodePrepare(HEX.parseHex(PREPARE));
        session.sendPrepare(prepare);
        session.sendPrepare(prepare);

        assertEquals(0xFFFF_FFFFL, sender.frames.get(0).requestId());
        assertEquals(0L, sender.frames.get(1).requestId());
    }

    @Test
    void btpErrorAnsweringOurPrepareIsAT01RejectFromUs() throws Exception {
        BtpSession session = authenticated();
        CompletableFuture<IlpResponse> result =
                session.sendPrepare(IlpCodec.decodePrepare(HEX.parseHex(PREPARE)));
        long id = sender.frames.get(0).requestId();
        session.onFrame(BtpCodec.encode(new BtpError(id, "F00", "NotAcceptedError",
                Instant.now(), new byte[0], List.of())));

        IlpReject reject = (IlpReject) result.get(1, TimeUnit.SECONDS);
        assertEquals(IlpErrorCode.T01_PEER_UNREACHABLE, reject.code());
        assertEquals(OUR_ADDRESS, reject.triggeredBy());
    }

    @Test
    void unexpectedResponseIsIgnored() {
        BtpSession session = authenticated();
        session.onFrame(response(999, HEX.parseHex(FULFILL)));

        assertTrue(sender.frames.isEmpty());
        assertTrue(session.isConnected());
    }

    @Test
    void completionByAnyoneRemovesThePendingEntryAndALateAnswerIsDropped() {
        BtpSession session = authenticated();
        CompletableFuture<IlpResponse> result =
                session.sendPrepare(IlpCodec.decodePrepare(HEX.parseHex(PREPARE)));
        long id = sender.frames.get(0).requestId();
        // The switch's expiry timeout wins.
        result.completeExceptionally(new TimeoutException());
        assertEquals(0, session.pending());

        sender.frames.clear();
        session.onFrame(response(id, HEX.parseHex(FULFILL)));
        assertTrue(sender.frames.isEmpty());
    }

    @Test
    void sendFailureCompletesWithLinkDown() {
        BtpSession session = authenticated();
        sender.failSends = true;
        CompletableFuture<IlpResponse> result =
                session.sendPrepare(IlpCodec.decodePrepare(HEX.parseHex(PREPARE)));

        ExecutionException e = assertThrows(
                ExecutionException.class, () -> result.get(1, TimeUnit.SECONDS));
        assertInstanceOf(LinkDownException.class, e.getCause());
        assertEquals(0, session.pending());
    }

    @Test
    void pendingIsBoundedWithT03() throws Exception {
        BtpSession session = authenticated();
        IlpPrepare prepare = IlpCodec.decodePrepare(HEX.parseHex(PREPARE));
        for (int i = 0; i < BtpLimits.PENDING_PER_PEER_MAX; i++) {
            session.sendPrepare(prepare);
        }
        int sent = sender.frames.size();
        IlpReject busy = (IlpReject) session.sendPrepare(prepare).get(1, TimeUnit.SECONDS);

        assertEquals(IlpErrorCode.T03_CONNECTOR_BUSY, busy.code());
        assertEquals(sent, sender.frames.size(), "not sent");
        assertEquals(BtpLimits.PENDING_PER_PEER_MAX, session.pending());
    }

    @Test
    void closeFailsPendingWithLinkDownAndUnregisters() {
        BtpSession session = authenticated();
        CompletableFuture<IlpResponse> result =
                session.sendPrepare(IlpCodec.decodePrepare(HEX.parseHex(PREPARE)));
        session.onClosed();

        assertTrue(result.isCompletedExceptionally());
        assertNull(links.link("alice"));
        assertFalse(session.isConnected());
        assertTrue(session.sendPrepare(IlpCodec.decodePrepare(HEX.parseHex(PREPARE)))
                .isCompletedExceptionally());
    }

    @Test
    void prepareBeforeAuthIsNotSent() {
        BtpSession session = BtpSession.server(sender, services);
        assertTrue(session.sendPrepare(IlpCodec.decodePrepare(HEX.parseHex(PREPARE)))
                .isCompletedExceptionally());
        assertTrue(sender.frames.isEmpty());
    }

    // ------------------------------------------------------------------ client side

    @Test
    void clientSendsAuthAndRegistersOnResponse() {
        BtpSession session = BtpSession.client("upstream", sender, services);
        CompletableFuture<Void> auth = session.authenticate("us", "up-token");

        BtpMessage message = assertInstanceOf(BtpMessage.class, sender.only());
        List<BtpProtocolData> data = message.protocolData();
        assertEquals("auth", data.get(0).protocolName());
        assertEquals("us", BtpProtocolData.find(data, "auth_username").orElseThrow().dataAsText());
        assertEquals("up-token",
                BtpProtocolData.find(data, "auth_token").orElseThrow().dataAsText());
        assertFalse(auth.isDone());
        assertNull(links.link("upstream"));

        session.onFrame(BtpCodec.encode(new BtpResponse(message.requestId(), List.of())));
        assertTrue(auth.isDone() && !auth.isCompletedExceptionally());
        assertSame(session, links.link("upstream"));
    }

    @Test
    void clientAuthRefusedFailsAndCloses() {
        BtpSession session = BtpSession.client("upstream", sender, services);
        CompletableFuture<Void> auth = session.authenticate("us", "bad");
        long id = sender.only().requestId();

        session.onFrame(BtpCodec.encode(new BtpError(id, "F00", "NotAcceptedError",
                Instant.now(), new byte[0], List.of())));
        assertTrue(auth.isCompletedExceptionally());
        assertTrue(sender.closedReason != null);
        assertNull(links.link("upstream"));
    }

    @Test
    void clientAndServerSessionsTalkToEachOther() throws Exception {
        // Two sessions wired back to back: the same class on both ends of one BTP connection.
        LoopSender toServer = new LoopSender();
        LoopSender toClient = new LoopSender();
        BtpSession server = BtpSession.server(toClient, services);
        LinkRegistry clientLinks = new LinkRegistry();
        BtpServices clientServices = new BtpServices((peer, p) -> CompletableFuture
                .completedFuture(IlpCodec.decodeResponse(HEX.parseHex(FULFILL))),
                new PeerAuthenticator(() -> peers), clientLinks,
                new Rejects(IlpAddress.of("test.client")), new SubProtocols());
        BtpSession client = BtpSession.client("server", toServer, clientServices);
        toServer.target = server;
        toClient.target = client;

        client.authenticate("alice", "secret-token").get(1, TimeUnit.SECONDS);
        assertTrue(server.isConnected());
        IlpResponse answer = server.sendPrepare(IlpCodec.decodePrepare(HEX.parseHex(PREPARE)))
                .get(1, TimeUnit.SECONDS);
        assertInstanceOf(IlpFulfill.class, answer);
    }

    @Test
    void subProtocolRequestsReachTheirHandlerAndAnswersComeBack() throws Exception {
        // A claim-like sub-protocol on the server side; the client sends a Message and a
        // Transfer through its Link face and reads the Response data or the Error.
        List<String> seen = new ArrayList<>();
        subProtocols.register("test_claim", new SubProtocolHandler() {
            @Override
            public CompletionStage<List<BtpProtocolData>> onMessage(
                    String peerId, List<BtpProtocolData> data) {
                String text = data.get(0).dataAsText();
                seen.add(peerId + " message " + text);
                if (text.equals("bad")) {
                    throw SubProtocolException.notAccepted("bad claim");
                }
                return CompletableFuture.completedFuture(List.of(new BtpProtocolData(
                        "test_claim", BtpProtocolData.CONTENT_TEXT_PLAIN_UTF8,
                        ("ack " + text).getBytes(StandardCharsets.UTF_8))));
            }

            @Override
            public CompletionStage<List<BtpProtocolData>> onTransfer(
                    String peerId, long amount, List<BtpProtocolData> data) {
                seen.add(peerId + " transfer " + amount);
                return CompletableFuture.completedFuture(List.of());
            }
        });
        LoopSender toServer = new LoopSender();
        LoopSender toClient = new LoopSender();
        BtpSession server = BtpSession.server(toClient, services);
        BtpServices clientServices = new BtpServices((peer, p) -> new CompletableFuture<>(),
                new PeerAuthenticator(() -> peers), new LinkRegistry(),
                new Rejects(IlpAddress.of("test.client")), new SubProtocols());
        BtpSession client = BtpSession.client("server", toServer, clientServices);
        toServer.target = server;
        toClient.target = client;
        client.authenticate("alice", "secret-token").get(1, TimeUnit.SECONDS);

        List<BtpProtocolData> answer = client.sendMessage(List.of(claim("7"))).get(1,
                TimeUnit.SECONDS);
        assertEquals("ack 7", answer.get(0).dataAsText());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> client.sendMessage(List.of(claim("bad"))).get(1, TimeUnit.SECONDS));
        SubProtocolException error = assertInstanceOf(SubProtocolException.class,
                refused.getCause());
        assertEquals("F00", error.code());
        assertEquals("bad claim", error.getMessage());
        assertEquals(List.of(), client.sendTransfer(5, List.of(claim("t"))).get(1,
                TimeUnit.SECONDS));
        assertEquals(List.of("alice message 7", "alice message bad", "alice transfer 5"), seen);
        assertTrue(server.isConnected(), "a refused request leaves the link up");
    }

    @Test
    void subProtocolRequestFailsWhenTheLinkCloses() {
        BtpSession session = authenticated();
        CompletableFuture<List<BtpProtocolData>> request = session.sendMessage(
                List.of(claim("1")));
        session.onClosed();
        ExecutionException down = assertThrows(ExecutionException.class,
                () -> request.get(1, TimeUnit.SECONDS));
        assertInstanceOf(LinkDownException.class, down.getCause());
    }

    private static BtpProtocolData claim(String text) {
        return new BtpProtocolData("test_claim", BtpProtocolData.CONTENT_TEXT_PLAIN_UTF8,
                text.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ helpers

    private BtpSession authenticated() {
        return authenticated(sender);
    }

    /** A session of alice writing to {@code to}; it replaces any earlier one of hers. */
    private BtpSession authenticated(FakeSender to) {
        BtpSession session = BtpSession.server(to, services);
        session.onFrame(HEX.parseHex(AUTH_ALICE));
        assertTrue(session.isConnected());
        to.frames.clear();
        return session;
    }

    private static PeerConfig incoming(String id, String token) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of(token), "XRP", 9,
                -1L, -1_000_000L, List.of());
    }

    private static byte[] auth(long requestId, String username, String token) {
        return message(requestId, BtpProtocolData.auth(), BtpProtocolData.authUsername(username),
                BtpProtocolData.authToken(token));
    }

    private static byte[] message(long requestId, BtpProtocolData... data) {
        return BtpCodec.encode(new BtpMessage(requestId, List.of(data)));
    }

    private static byte[] response(long requestId, byte[] ilp) {
        return BtpCodec.encode(new BtpResponse(requestId, List.of(BtpProtocolData.ilp(ilp))));
    }

    private static IlpReject ilpReject(BtpResponse response) {
        byte[] ilp = BtpProtocolData.find(response.protocolData(), "ilp").orElseThrow().data();
        return assertInstanceOf(IlpReject.class, IlpCodec.decodeResponse(ilp));
    }

    /** Records what the session writes, decoded; completes sends at once (or fails them). */
    private static final class FakeSender implements FrameSender {
        final List<BtpPacket> frames = new ArrayList<>();
        String closedReason;
        boolean failSends;

        @Override
        public CompletionStage<Void> send(byte[] frame) {
            if (failSends) {
                return CompletableFuture.failedFuture(new LinkDownException("test"));
            }
            frames.add(BtpCodec.decode(frame));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(String reason) {
            closedReason = reason;
        }

        BtpPacket only() {
            assertEquals(1, frames.size(), () -> "frames: " + frames);
            return frames.get(0);
        }
    }

    /** Delivers every frame straight into the session on the other end. */
    private static final class LoopSender implements FrameSender {
        BtpSession target;

        @Override
        public CompletionStage<Void> send(byte[] frame) {
            target.onFrame(frame);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close(String reason) {
            target.onClosed();
        }
    }
}
