package dev.ilpconnector.ledger;

import static dev.ilpconnector.ledger.TransferResult.ALREADY_VOIDED;
import static dev.ilpconnector.ledger.TransferResult.EXISTS;
import static dev.ilpconnector.ledger.TransferResult.EXISTS_DIFFERENT;
import static dev.ilpconnector.ledger.TransferResult.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded ledger's journal: replay, torn tails, corruption, idempotency, fsync order. */
class EmbeddedLedgerJournalTest {

    static final int USD = 1;
    static final Duration T30 = Duration.ofSeconds(30);
    static final Duration INTENT = Duration.ofDays(30);

    @TempDir
    Path tmp;
    final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    final List<EmbeddedLedger> open = new ArrayList<>();
    final LedgerId alice = LedgerId.forName("peer:alice");
    final LedgerId house = LedgerId.forName("connector:usd");

    @AfterEach
    void closeAll() {
        open.forEach(EmbeddedLedger::close);
    }

    EmbeddedLedger open(Path dir) throws IOException {
        return open(dir, Journal.FSYNC);
    }

    EmbeddedLedger open(Path dir, Journal.Sync sync) throws IOException {
        return open(dir, sync, LedgerLimits.JOURNAL_COMPACT_AFTER_BYTES);
    }

    EmbeddedLedger open(Path dir, Journal.Sync sync, long compactAfterBytes) throws IOException {
        EmbeddedLedger l = EmbeddedLedger.open(dir, Thread::new, now::get, sync,
                LedgerLimits.PENDING_TRANSFERS_MAX, LedgerLimits.FINISHED_TRANSFERS_RETAINED,
                compactAfterBytes);
        open.add(l);
        return l;
    }

    void close(EmbeddedLedger l) {
        l.close();
        open.remove(l);
    }

    static <T> T get(CompletionStage<T> s) {
        return EmbeddedLedgerTest.get(s);
    }

    void accounts(EmbeddedLedger l) {
        assertEquals(AccountResult.OK, get(l.createAccount(
                new AccountSpec(alice, USD, AccountSpec.CODE_PEER, -1_000_000))));
        assertEquals(AccountResult.OK, get(l.createAccount(
                AccountSpec.unlimited(house, USD, AccountSpec.CODE_CONNECTOR))));
    }

    static AccountBalance bal(EmbeddedLedger l, LedgerId a) {
        return l.balanceNow(a).orElseThrow();
    }

    static Path journal(Path dir) {
        return dir.resolve(Journal.FILE_NAME);
    }

    @Test
    void randomOperationsReplayToThePreCrashState() throws Exception {
        EmbeddedLedger ledger = randomOperationsThenCrashAndReplay(
                LedgerLimits.JOURNAL_COMPACT_AFTER_BYTES);
        assertEquals(0, ledger.compactions());
    }

    @Test
    void randomOperationsReplayToThePreCrashStateAcrossCompactionsWhileRunning()
            throws Exception {
        EmbeddedLedger ledger = randomOperationsThenCrashAndReplay(4096);
        assertTrue(ledger.compactions() >= 3, "compactions: " + ledger.compactions());
    }

    /**
     * Random operations (sweeps included) on packet legs and settlement transfers, then a copy
     * of the file is replayed: packet legs pending at the crash are voided, settlement ones are
     * kept (posting each in both ledgers answers the same). Returns the original ledger.
     */
    private EmbeddedLedger randomOperationsThenCrashAndReplay(long compactAfterBytes)
            throws Exception {
        // mvn ... -DargLine=-Djournal.seed=N replays a failing run's operations
        long seed = Long.getLong("journal.seed", System.nanoTime());
        System.out.println("EmbeddedLedgerJournalTest seed=" + seed);
        Random rnd = new Random(seed);
        Path dir = tmp.resolve("a");
        EmbeddedLedger ledger = open(dir, Journal.FSYNC, compactAfterBytes);
        List<LedgerId> ids = new ArrayList<>();
        long[] limits = {AccountSpec.NO_LIMIT, 0, -5000, 100, -1};
        for (int i = 0; i < 6; i++) {
            LedgerId id = LedgerId.forName("acct" + i);
            ids.add(id);
            assertEquals(AccountResult.OK, get(ledger.createAccount(
                    new AccountSpec(id, 1 + i % 2, 1, limits[i % limits.length]))));
        }
        // id -> {debit, credit, amount, seconds, code}
        Map<LedgerId, Object[]> created = new HashMap<>();
        List<LedgerId> transferIds = new ArrayList<>();
        List<CompletionStage<?>> acknowledged = new ArrayList<>();
        for (int step = 0; step < 5_000; step++) {
            int op = rnd.nextInt(20);
            if (op < 9 || transferIds.isEmpty()) {
                LedgerId id = LedgerId.random();
                LedgerId d = ids.get(rnd.nextInt(ids.size()));
                LedgerId c = ids.get(rnd.nextInt(ids.size()));
                long amount = rnd.nextInt(4) == 0 ? -1L - rnd.nextInt(100) : 1 + rnd.nextInt(900);
                int seconds = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(5);
                int code = rnd.nextInt(3) == 0 ? Ledger.CODE_SETTLEMENT : Ledger.CODE_ILP_PACKET;
                CompletionStage<TransferResult> r = seconds == 0
                        ? ledger.createPosted(id, d, c, amount, code)
                        : ledger.createPending(id, d, c, amount, code,
                                Duration.ofSeconds(seconds));
                acknowledged.add(r);
                if (get(r) == OK) {
                    transferIds.add(id);
                    created.put(id, new Object[] {d, c, amount, seconds, code});
                }
            } else if (op < 15) {
                LedgerId id = transferIds.get(rnd.nextInt(transferIds.size()));
                acknowledged.add(op < 12 ? ledger.post(id) : ledger.voidPending(id));
            } else if (op < 17) {
                now.addAndGet(rnd.nextInt(300)); // short ticks: pendings are left at the crash
                ledger.sweepExpired();
            } else if (op < 18) {
                acknowledged.add(ledger.setMinBalance(ids.get(1 + rnd.nextInt(5)),
                        limits[rnd.nextInt(limits.length)]));
            } else {
                acknowledged.add(ledger.createAccount(new AccountSpec(
                        LedgerId.forName("late" + step), 1, 1, -rnd.nextInt(100))));
                ids.add(LedgerId.forName("late" + step));
            }
        }
        for (CompletionStage<?> s : acknowledged) {
            get(s); // every acknowledged operation is durable now
        }
        // Expiries the sweep wrote are not waited for by anyone; a durable write after them
        // puts them on disk too (unflushed, a restart would keep and then expire them itself).
        get(ledger.createAccount(AccountSpec.unlimited(LedgerId.forName("barrier"), 1, 1)));
        int pendingAtCrash = ledger.pendingCount();
        // what a kill -9 leaves: the file as it is, without close()
        Path crashed = tmp.resolve("crashed");
        Files.createDirectories(crashed);
        Files.copy(journal(dir), journal(crashed));
        EmbeddedLedger replayed = open(crashed);
        int kept = replayed.pendingCount();
        assertTrue(replayed.replayReport().contains("kept " + kept + " pending transfers other"
                + " than packet legs, voided " + (pendingAtCrash - kept) + " pending"),
                "seed=" + seed + " pending at crash " + pendingAtCrash + ": "
                        + replayed.replayReport());
        // What the restart did to the packet legs, done to the original: what is left pending
        // there is what the restart kept. Posting each settlement transfer answers the same.
        for (Map.Entry<LedgerId, Object[]> e : created.entrySet()) {
            if ((Integer) e.getValue()[3] > 0
                    && (Integer) e.getValue()[4] == Ledger.CODE_ILP_PACKET) {
                get(ledger.voidPending(e.getKey()));
            }
        }
        assertEquals(ledger.pendingCount(), kept, "seed=" + seed + " settlement transfers kept");
        for (Map.Entry<LedgerId, Object[]> e : created.entrySet()) {
            if ((Integer) e.getValue()[3] > 0
                    && (Integer) e.getValue()[4] == Ledger.CODE_SETTLEMENT) {
                assertEquals(get(ledger.post(e.getKey())), get(replayed.post(e.getKey())),
                        "seed=" + seed + " " + e.getKey());
            }
        }
        for (LedgerId id : ids) {
            assertEquals(bal(ledger, id), bal(replayed, id), "seed=" + seed + " " + id);
        }
        assertEquals(0, replayed.pendingCount());
        replayed.checkInvariants();
        // every finished create, retried with the same id and content, is EXISTS: no money moves
        AccountBalance a0 = bal(replayed, ids.get(0));
        for (LedgerId id : transferIds.subList(0, Math.min(200, transferIds.size()))) {
            Object[] t = created.get(id);
            int seconds = (Integer) t[3];
            int code = (Integer) t[4];
            TransferResult r = get(seconds == 0
                    ? replayed.createPosted(id, (LedgerId) t[0], (LedgerId) t[1], (Long) t[2],
                            code)
                    : replayed.createPending(id, (LedgerId) t[0], (LedgerId) t[1], (Long) t[2],
                            code, Duration.ofSeconds(seconds)));
            assertEquals(EXISTS, r, "seed=" + seed + " retry of " + id);
        }
        assertEquals(a0, bal(replayed, ids.get(0)));
        // a second restart replays the snapshot the first one wrote: same state again
        close(replayed);
        EmbeddedLedger again = open(crashed);
        for (LedgerId id : ids) {
            assertEquals(bal(ledger, id), bal(again, id), "seed=" + seed);
        }
        again.checkInvariants();
        return ledger;
    }

    @Test
    void compactionsUnderConcurrentTransfersLoseNothing() throws Exception {
        Path dir = tmp.resolve("a");
        EmbeddedLedger ledger = open(dir, Journal.FSYNC, 8192);
        List<LedgerId> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(LedgerId.forName("c" + i));
            get(ledger.createAccount(AccountSpec.unlimited(ids.get(i), USD, 1)));
        }
        List<Thread> threads = new ArrayList<>();
        List<CompletionStage<TransferResult>> posts =
                java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean done =
                new java.util.concurrent.atomic.AtomicBoolean();
        for (int w = 0; w < 4; w++) {
            int worker = w;
            threads.add(new Thread(() -> {
                Random rnd = new Random(worker);
                for (int i = 0; i < 3000; i++) {
                    LedgerId d = ids.get(rnd.nextInt(6));
                    LedgerId c = ids.get((ids.indexOf(d) + 1 + rnd.nextInt(5)) % 6);
                    LedgerId t = LedgerId.random();
                    get(ledger.createPending(t, d, c, 1 + rnd.nextInt(100), 1, T30));
                    posts.add(rnd.nextInt(4) == 0 ? ledger.voidPending(t) : ledger.post(t));
                }
            }));
        }
        Thread sweeper = new Thread(() -> {
            while (!done.get()) {
                ledger.sweepExpired(); // compacts whenever 8 KiB were appended
            }
        });
        sweeper.start();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(60_000);
        }
        done.set(true);
        sweeper.join(60_000);
        posts.forEach(EmbeddedLedgerJournalTest::get);
        // how many is up to the scheduler; with 8 KiB of ~2 MB appended, there are dozens
        assertTrue(ledger.compactions() >= 1, "compactions: " + ledger.compactions());
        Path crashed = tmp.resolve("crashed");
        Files.createDirectories(crashed);
        Files.copy(journal(dir), journal(crashed));
        EmbeddedLedger replayed = open(crashed);
        for (LedgerId id : ids) {
            assertEquals(bal(ledger, id), bal(replayed, id));
        }
        replayed.checkInvariants();
    }

    @Test
    void tornTailAtEveryOffsetOfTheLastRecordIsDroppedAndReported() throws Exception {
        Path dir = tmp.resolve("a");
        EmbeddedLedger ledger = open(dir);
        accounts(ledger);
        LedgerId p = LedgerId.random();
        assertEquals(OK, get(ledger.createPending(p, alice, house, 700, 1, T30)));
        assertEquals(OK, get(ledger.post(p)));
        long goodEnd = Files.size(journal(dir));
        assertEquals(OK, get(ledger.createPosted(LedgerId.random(), alice, house, 5, 2)));
        close(ledger);
        byte[] full = Files.readAllBytes(journal(dir));
        assertTrue(full.length > goodEnd);
        AccountBalance withoutLast = AccountBalance.ofUnsigned64(0, 700, 0, 0);
        for (int cut = (int) goodEnd; cut <= full.length; cut++) {
            Path d = tmp.resolve("cut" + cut);
            Files.createDirectories(d);
            Files.write(journal(d), java.util.Arrays.copyOf(full, cut));
            EmbeddedLedger l = open(d);
            boolean complete = cut == full.length;
            assertEquals(complete ? AccountBalance.ofUnsigned64(0, 705, 0, 0) : withoutLast,
                    bal(l, alice), "cut at " + cut);
            assertTrue(l.replayReport().contains("torn tail of "
                    + (complete ? 0 : cut - goodEnd) + " bytes"), l.replayReport());
            l.checkInvariants();
            close(l);
            // the file it left behind is clean: a second start drops nothing
            EmbeddedLedger again = open(d);
            assertTrue(again.replayReport().contains("torn tail of 0 bytes"));
            assertEquals(bal(l, alice), bal(again, alice));
            close(again);
        }
    }

    @Test
    void badChecksumInTheLastRecordIsATornTail() throws Exception {
        Path dir = tmp.resolve("a");
        EmbeddedLedger ledger = open(dir);
        accounts(ledger);
        assertEquals(OK, get(ledger.createPosted(LedgerId.random(), alice, house, 9, 2)));
        long goodEnd = Files.size(journal(dir));
        assertEquals(OK, get(ledger.createPosted(LedgerId.random(), alice, house, 5, 2)));
        close(ledger);
        byte[] bytes = Files.readAllBytes(journal(dir));
        bytes[bytes.length - 3] ^= 0x10; // inside the amount of the last record
        Files.write(journal(dir), bytes);
        EmbeddedLedger l = open(dir);
        assertEquals(AccountBalance.ofUnsigned64(0, 9, 0, 0), bal(l, alice));
        assertTrue(l.replayReport().contains("torn tail of " + (bytes.length - goodEnd)));
    }

    @Test
    void damageInTheMiddleStopsStartUp() throws Exception {
        Path dir = tmp.resolve("a");
        EmbeddedLedger ledger = open(dir);
        accounts(ledger);
        long middle = Files.size(journal(dir));
        assertEquals(OK, get(ledger.createPosted(LedgerId.random(), alice, house, 9, 2)));
        assertEquals(OK, get(ledger.createPosted(LedgerId.random(), alice, house, 5, 2)));
        close(ledger);
        byte[] bytes = Files.readAllBytes(journal(dir));
        bytes[(int) middle + 20] ^= 0x01; // the first transfer's record, not the last
        Files.write(journal(dir), bytes);
        JournalCorruptException e = assertThrows(JournalCorruptException.class,
                () -> open(dir));
        assertTrue(e.getMessage().contains("damaged record at offset " + middle), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertTrue(Files.readAllBytes(journal(dir)).length == bytes.length, "file untouched");
    }

    @Test
    void aForeignFileStopsStartUp() throws Exception {
        Path dir = tmp.resolve("a");
        Files.createDirectories(dir);
        Files.writeString(journal(dir), "this is not a journal");
        JournalCorruptException e = assertThrows(JournalCorruptException.class,
                () -> open(dir));
        assertTrue(e.getMessage().contains("bad file header"), e.getMessage());
    }

    @Test
    void retriesAfterARestartMoveNoMoneyAndPendingsAreVoided() throws Exception {
        Path dir = tmp.resolve("a");
        EmbeddedLedger ledger = open(dir);
        accounts(ledger);
        LedgerId t = LedgerId.random();
        assertEquals(OK, get(ledger.createPosted(t, alice, house, 40, 2)));
        LedgerId held = LedgerId.random();
        assertEquals(OK, get(ledger.createPending(held, alice, house, 300, 1, T30)));
        assertEquals(AccountResult.OK, get(ledger.setMinBalance(alice, -500)));
        close(ledger);

        EmbeddedLedger restarted = open(dir);
        assertEquals(AccountBalance.ofUnsigned64(0, 40, 0, 0), bal(restarted, alice));
        assertEquals(EXISTS, get(restarted.createPosted(t, alice, house, 40, 2)));
        assertEquals(EXISTS_DIFFERENT, get(restarted.createPosted(t, alice, house, 41, 2)));
        assertEquals(AccountBalance.ofUnsigned64(0, 40, 0, 0), bal(restarted, alice));
        assertEquals(ALREADY_VOIDED, get(restarted.post(held)));
        assertEquals(AccountResult.EXISTS, get(restarted.createAccount(
                new AccountSpec(alice, USD, AccountSpec.CODE_PEER, -500))), "limit was kept");
        assertEquals(TransferResult.EXCEEDS_LIMIT,
                get(restarted.createPending(LedgerId.random(), alice, house, 461, 1, T30)));
        assertTrue(restarted.replayReport().contains("voided 1 pending"),
                restarted.replayReport());
        LedgerStatus status = restarted.status();
        assertTrue(status.durable());
        assertTrue(status.detail().contains(dir.toString()), status.detail());
    }

    @Test
    void aSettlementPastTheRetentionBoundIsStillExistsAfterARestart() throws Exception {
        Path dir = tmp.resolve("retention");
        EmbeddedLedger ledger = openRetaining(dir, 16);
        accounts(ledger);
        LedgerId settlement = LedgerId.forName("settlement-in:alice:wire-42");
        assertEquals(OK, get(ledger.createPosted(settlement, house, alice, 40,
                Ledger.CODE_SETTLEMENT)));
        for (int i = 0; i < 100; i++) {
            assertEquals(OK, get(ledger.createPosted(LedgerId.random(), alice, house, 1,
                    Ledger.CODE_ILP_PACKET)));
        }
        close(ledger);

        EmbeddedLedger restarted = openRetaining(dir, 16);
        assertEquals(EXISTS, get(restarted.createPosted(settlement, house, alice, 40,
                Ledger.CODE_SETTLEMENT)), "the snapshot kept it");
        assertEquals(AccountBalance.ofUnsigned64(0, 100, 0, 40), bal(restarted, alice));
    }

    private EmbeddedLedger openRetaining(Path dir, int finishedRetained) throws IOException {
        EmbeddedLedger l = EmbeddedLedger.open(dir, Thread::new, now::get, Journal.FSYNC,
                LedgerLimits.PENDING_TRANSFERS_MAX, finishedRetained,
                LedgerLimits.JOURNAL_COMPACT_AFTER_BYTES);
        open.add(l);
        return l;
    }

    @Test
    void aSettlementIntentSurvivesARestartAndAPacketHoldDoesNot() throws Exception {
        Path dir = tmp.resolve("a");
        EmbeddedLedger ledger = open(dir);
        accounts(ledger);
        LedgerId intent = LedgerId.random();
        LedgerId hold = LedgerId.random();
        assertEquals(OK, get(ledger.createPending(intent, alice, house, 600_000,
                Ledger.CODE_SETTLEMENT, INTENT)));
        assertEquals(OK, get(ledger.createPending(hold, alice, house, 300,
                Ledger.CODE_ILP_PACKET, T30)));
        close(ledger);
        now.addAndGet(Duration.ofHours(2).toMillis()); // down for longer than an hour

        EmbeddedLedger restarted = open(dir);
        assertEquals(AccountBalance.ofUnsigned64(600_000, 0, 0, 0), bal(restarted, alice));
        assertEquals(1, restarted.pendingCount());
        assertEquals(ALREADY_VOIDED, get(restarted.post(hold)));
        assertTrue(restarted.replayReport().contains(
                "kept 1 pending transfers other than packet legs, voided 1 pending transfers"),
                restarted.replayReport());
        // still held against the limit (-1,000,000): 400,000 more fit, not one unit beyond
        assertEquals(TransferResult.EXCEEDS_LIMIT, get(restarted.createPending(LedgerId.random(),
                alice, house, 400_001, Ledger.CODE_ILP_PACKET, T30)));
        assertEquals(EXISTS, get(restarted.createPending(intent, alice, house, 600_000,
                Ledger.CODE_SETTLEMENT, INTENT)), "a retry of the intent finds it");
        restarted.checkInvariants();
        close(restarted);

        EmbeddedLedger again = open(dir); // the snapshot written at the last start carries it
        assertEquals(OK, get(again.post(intent)));
        assertEquals(AccountBalance.ofUnsigned64(0, 600_000, 0, 0), bal(again, alice));
        again.checkInvariants();
    }

    @Test
    void anIntentKeepsItsOriginalExpiryAndIsReleasedByTheSweepAfterIt() throws Exception {
        Path dir = tmp.resolve("a");
        EmbeddedLedger ledger = open(dir);
        accounts(ledger);
        LedgerId intent = LedgerId.random();
        assertEquals(OK, get(ledger.createPending(intent, alice, house, 500,
                Ledger.CODE_SETTLEMENT, Duration.ofHours(1))));
        close(ledger);
        now.addAndGet(Duration.ofMinutes(50).toMillis());
        close(open(dir)); // two restarts within the hour: replayed, snapshot, replayed again
        EmbeddedLedger restarted = open(dir);
        assertEquals(0, restarted.sweepExpired(), "50 minutes in: still held");
        assertEquals(1, restarted.pendingCount());

        now.addAndGet(Duration.ofMinutes(10).toMillis()); // an hour after it was created
        assertEquals(1, restarted.sweepExpired(), "not an hour after the restart");
        assertTrue(bal(restarted, alice).nothingPending());
        assertEquals(TransferResult.PENDING_EXPIRED, get(restarted.post(intent)));
        close(restarted);

        // past its expiry at replay: restored, then released by the first sweep
        LedgerId late = LedgerId.random();
        EmbeddedLedger third = open(dir);
        assertEquals(OK, get(third.createPending(late, alice, house, 700,
                Ledger.CODE_SETTLEMENT, Duration.ofHours(1))));
        close(third);
        now.addAndGet(Duration.ofHours(3).toMillis());
        EmbeddedLedger fourth = open(dir);
        assertEquals(BigInteger.valueOf(700), bal(fourth, alice).debitsPending());
        assertEquals(1, fourth.sweepExpired());
        assertTrue(bal(fourth, alice).nothingPending());
        assertEquals(TransferResult.PENDING_EXPIRED, get(fourth.voidPending(late)));
        fourth.checkInvariants();
    }

    @Test
    void aCompactionWhileRunningCarriesTheIntent() throws Exception {
        Path dir = tmp.resolve("a");
        EmbeddedLedger ledger = open(dir, Journal.FSYNC, 4096);
        accounts(ledger);
        LedgerId intent = LedgerId.random();
        assertEquals(OK, get(ledger.createPending(intent, alice, house, 900,
                Ledger.CODE_SETTLEMENT, INTENT)));
        for (int i = 0; ledger.compactions() < 2 && i < 10_000; i++) {
            assertEquals(OK, get(ledger.createPosted(LedgerId.random(), house, alice, 1,
                    Ledger.CODE_SETTLEMENT)));
            ledger.sweepExpired();
        }
        assertTrue(ledger.compactions() >= 2, "compactions: " + ledger.compactions());
        // what a kill -9 leaves: the file as it is, without close()
        Path crashed = tmp.resolve("crashed");
        Files.createDirectories(crashed);
        Files.copy(journal(dir), journal(crashed));

        EmbeddedLedger replayed = open(crashed);
        assertEquals(BigInteger.valueOf(900), bal(replayed, alice).debitsPending());
        assertEquals(OK, get(replayed.post(intent)));
        replayed.checkInvariants();
    }

    @Test
    void aJournalOfFormatVersion1StopsStartUpSayingSo() throws Exception {
        Path dir = tmp.resolve("a");
        Files.createDirectories(dir);
        ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_BYTES);
        header.put(JournalFormat.MAGIC).putInt(1);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 12);
        header.putInt((int) crc.getValue());
        Files.write(journal(dir), header.array());
        JournalCorruptException e = assertThrows(JournalCorruptException.class,
                () -> open(dir));
        assertTrue(e.getMessage().contains("journal format version 1 is not supported by this"
                + " node (it reads version 2)"), e.getMessage());
    }

    @Test
    void aSecondLedgerOnTheSameDirectoryIsRefused() throws Exception {
        Path dir = tmp.resolve("a");
        open(dir);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> open(dir));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }

    @Test
    void aPostCompletesOnlyAfterItsGroupIsForcedAndOneForceCoversTheQueue() throws Exception {
        CountDownLatch proceed = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicInteger forces = new AtomicInteger();
        AtomicLong sizeAtForce = new AtomicLong();
        // 1, 2: the two accounts
        Journal.Sync gated = holdingForce(3, forces, sizeAtForce, entered, proceed);
        Path dir = tmp.resolve("a");
        EmbeddedLedger ledger = open(dir, gated);
        accounts(ledger);
        LedgerId p = LedgerId.random();
        assertEquals(OK, get(ledger.createPending(p, alice, house, 10, 1, T30)));
        CompletableFuture<TransferResult> post = ledger.post(p).toCompletableFuture();
        assertTrue(entered.await(30, TimeUnit.SECONDS), "the writer forces the post's group");
        assertEquals(Files.size(journal(dir)), sizeAtForce.get(), "written before the force");
        assertFalse(post.isDone(), "no answer before the group is on disk");
        List<CompletableFuture<TransferResult>> queued = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            queued.add(ledger.createPosted(LedgerId.random(), alice, house, 1, 2)
                    .toCompletableFuture());
        }
        assertFalse(queued.get(49).isDone());
        proceed.countDown();
        assertEquals(OK, post.get(10, TimeUnit.SECONDS));
        for (CompletableFuture<TransferResult> q : queued) {
            assertEquals(OK, q.get(10, TimeUnit.SECONDS));
        }
        assertEquals(4, forces.get(), "the 50 queued transfers share one fsync");
        // what an operator reads in GET /admin/ledger: 2 accounts, create, post, 50 transfers
        Map<String, Long> counters = ledger.status().counters();
        assertEquals(54L, counters.get("journalRecords"));
        assertEquals(4L, counters.get("journalFsyncs"));
    }

    @Test
    void anIntentsVoidIsAnsweredOnlyOnceItIsOnDisk() throws Exception {
        CountDownLatch proceed = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        // 1, 2: the two accounts; 3: the intent
        Journal.Sync gated = holdingForce(4, new AtomicInteger(), new AtomicLong(), entered,
                proceed);
        EmbeddedLedger ledger = open(tmp.resolve("a"), gated);
        accounts(ledger);
        LedgerId intent = LedgerId.random();
        assertEquals(OK, get(ledger.createPending(intent, alice, house, 10,
                Ledger.CODE_SETTLEMENT, T30)));
        CompletableFuture<TransferResult> voided = ledger.voidPending(intent)
                .toCompletableFuture();
        assertTrue(entered.await(30, TimeUnit.SECONDS), "the writer forces the void's group");
        assertFalse(voided.isDone(), "a failed settlement is not answered before it is on disk:"
                + " a restart would bring the intent back");
        proceed.countDown();
        assertEquals(OK, voided.get(10, TimeUnit.SECONDS));
    }

    /**
     * A sync that counts forces in {@code forces} and holds the {@code n}th one, after noting
     * the file size and counting {@code entered} down, until {@code proceed}.
     */
    private static Journal.Sync holdingForce(int n, AtomicInteger forces, AtomicLong sizeAtForce,
            CountDownLatch entered, CountDownLatch proceed) {
        return channel -> {
            if (forces.incrementAndGet() == n) {
                sizeAtForce.set(channel.size());
                entered.countDown();
                try {
                    proceed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            channel.force(false);
        };
    }
}
