package dev.ilpconnector.ledger.tigerbeetle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tigerbeetle.Client;
import com.tigerbeetle.IdBatch;
import com.tigerbeetle.TransferBatch;
import com.tigerbeetle.UInt128;
import dev.ilpconnector.ledger.AccountResult;
import dev.ilpconnector.ledger.AccountSpec;
import dev.ilpconnector.ledger.Ledger;
import dev.ilpconnector.ledger.LedgerId;
import dev.ilpconnector.ledger.LedgerUnavailableException;
import dev.ilpconnector.ledger.TransferResult;
import dev.ilpconnector.ledger.UserData;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What only the TigerBeetle ledger does (the shared semantics are in the contract suite). */
@ExtendWith(TigerBeetleExtension.class)
class TigerBeetleLedgerTest {

    private final int asset = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    private final LedgerId peer = LedgerId.random();
    private final LedgerId house = LedgerId.random();
    private TigerBeetleServer server;
    private TigerBeetleLedger ledger;

    @BeforeEach
    void open(TigerBeetleServer tigerBeetle) throws Exception {
        server = tigerBeetle;
        ledger = server.ledger();
        assertEquals(AccountResult.OK, get(ledger.createAccount(
                new AccountSpec(peer, asset, AccountSpec.CODE_PEER, -1_000_000))));
        assertEquals(AccountResult.OK, get(ledger.createAccount(
                AccountSpec.unlimited(house, asset, AccountSpec.CODE_CONNECTOR))));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    /** A packet's legs carry its condition's first 16 bytes: the cluster links them. */
    @Test
    void aPendingTransferCarriesItsUserDataIntoTheCluster() throws Exception {
        LedgerId t = LedgerId.random();
        UserData data = new UserData(0x0123_4567_89ab_cdefL, 0xfedc_ba98_7654_3210L);
        assertEquals(TransferResult.OK, get(ledger.createPending(t, peer, house, 5,
                Ledger.CODE_ILP_PACKET, Duration.ofSeconds(7), data)));
        try (Client client = new Client(UInt128.asBytes(0), new String[] {server.address()})) {
            TransferBatch found = client.lookupTransfersAsync(new IdBatch(
                    UInt128.asBytes(t.lo(), t.hi()))).get(30, TimeUnit.SECONDS);
            assertTrue(found.next());
            assertEquals(data.hi(), found.getUserData128(UInt128.MostSignificant));
            assertEquals(data.lo(), found.getUserData128(UInt128.LeastSignificant));
            assertEquals(7, found.getTimeout());
            assertEquals(asset, found.getLedger());
        }
        // The same transfer with other user data is another transfer, not a replay.
        assertEquals(TransferResult.EXISTS_DIFFERENT, get(ledger.createPending(t, peer, house,
                5, Ledger.CODE_ILP_PACKET, Duration.ofSeconds(7), UserData.NONE)));
    }

    /** Concurrent callers share requests: far fewer round trips than calls. */
    @Test
    void concurrentCallsGoOutInSharedRequests() throws Exception {
        long before = ledger.transferRequestsSent();
        int calls = 4_000;
        List<CompletableFuture<TransferResult>> results = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            results.add(ledger.createPosted(LedgerId.random(), house, peer, 1,
                    Ledger.CODE_SETTLEMENT).toCompletableFuture());
        }
        for (CompletableFuture<TransferResult> r : results) {
            assertEquals(TransferResult.OK, r.get(30, TimeUnit.SECONDS));
        }
        long requests = ledger.transferRequestsSent() - before;
        assertTrue(requests * 10 <= calls, calls + " calls took " + requests + " requests");
        assertEquals(BigInteger.valueOf(calls), get(ledger.balance(peer)).orElseThrow()
                .netPosted());
    }

    /** Nobody listening: start-up gives up after its wait with an outage, not a hang. */
    @Test
    void aClusterThatDoesNotAnswerIsAnOutageAfterTheWait() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LedgerUnavailableException e = assertThrows(LedgerUnavailableException.class,
                () -> TigerBeetleLedger.connect(BigInteger.ZERO, List.of("127.0.0.1:" + port),
                        Duration.ofMillis(200), Duration.ofMillis(500),
                        ForkJoinPool.commonPool()));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertFalse(ledger.status().detail().contains("unreachable"), ledger.status().detail());
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
