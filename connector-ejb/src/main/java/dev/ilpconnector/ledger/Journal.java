package dev.ilpconnector.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * The embedded ledger's append-only journal file with group commit.
 *
 * <p>Callers append records (under their account locks, so records of one account are in the
 * order the changes were applied) into an in-memory buffer and get the record's end position.
 * One writer thread swaps the buffer out, writes it and forces it to disk: one fsync covers
 * every record appended meanwhile. {@link #whenDurable} completes once a position is on disk,
 * so a caller answers only after its record (and everything before it) is durable.
 *
 * <p>The writer is a dedicated thread from the caller's {@link ThreadFactory} (the node passes
 * the container's managed thread factory): it spends its life blocked in fsync or waiting for
 * work, which would tie up a pool thread of a managed executor and trip its hung-thread
 * detection. Futures are completed on the writer thread right after the fsync; what runs on
 * them (the switch sending a Fulfill) does not block.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Journal.class.getName());

    static final String FILE_NAME = "ledger.journal";
    private static final String TEMP_NAME = "ledger.journal.tmp";
    private static final String LOCK_NAME = "ledger.lock";

    /** Buffer of one group at start; it grows when a group outgrows it. */
    private static final int GROUP_BYTES_INITIAL = 64 * 1024;
    /**
     * Bytes appended but not yet durable above which new transfers are refused
     * ({@link TransferResult#BUSY}) until the disk catches up. Posts and voids of held
     * transfers still append, so the backlog stays below this plus two records per pending
     * transfer ({@link LedgerLimits#PENDING_TRANSFERS_MAX}).
     */
    static final long BACKLOG_BYTES_MAX = 16L << 20;
    private static final long CLOSE_WAIT_SECONDS = 10;

    /** How a written group is made durable; tests hold or observe it. */
    interface Sync {
        void force(FileChannel channel) throws IOException;
    }

    /** fdatasync: the data and the file length, not the modification time. */
    static final Sync FSYNC = channel -> channel.force(false);

    private final Path file;
    /** Appended to by the writer; replaced at a compaction. */
    private FileChannel channel;
    /** Appended bytes after which the journal asks for a snapshot ({@link #wantsSnapshot}). */
    private final long compactAfterBytes;
    /** Position of the last snapshot's cut; guarded by lock. */
    private long snapshotAt;
    /** A snapshot waiting for the writer; guarded by lock. */
    private Rotation rotation;
    private volatile long compactions;
    private final FileChannel lockChannel;
    private final Sync sync;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final CRC32C crc = new CRC32C(); // guarded by lock
    private final ArrayDeque<Waiter<?>> waiters = new ArrayDeque<>(); // guarded, by position
    private ByteBuffer active = ByteBuffer.allocate(GROUP_BYTES_INITIAL); // guarded
    private ByteBuffer spare = ByteBuffer.allocate(GROUP_BYTES_INITIAL); // writer's
    private boolean closing; // guarded
    private boolean writerWaiting; // guarded
    /** File offset of {@link #active}'s first byte; guarded by lock. */
    private long activeBase;
    /** File offset just past the last record appended; written under lock. */
    private volatile long appended;
    /** File offset up to which the file is on disk; written under lock. */
    private volatile long durable;
    private volatile Throwable failure;
    private volatile long groups;
    /** Records appended since start; written under lock. */
    private volatile long records;
    private final Thread writer;

    private Journal(Path file, FileChannel channel, FileChannel lockChannel, Sync sync,
            ThreadFactory threads, long compactAfterBytes) throws IOException {
        this.file = file;
        this.channel = channel;
        this.compactAfterBytes = compactAfterBytes;
        this.lockChannel = lockChannel;
        this.sync = sync;
        this.appended = channel.size();
        this.durable = appended;
        this.activeBase = appended;
        this.snapshotAt = appended;
        this.writer = threads.newThread(this::writeLoop);
        if (writer == null) {
            throw new IllegalStateException("thread factory gave no thread for the journal");
        }
        writer.setName("ledger-journal-writer");
        writer.start();
    }

    // ---------------------------------------------------------------- start-up

    /**
     * Creates {@code dir} if needed and locks it for this process (two nodes appending to one
     * journal would corrupt it). Keep the returned channel open while the journal is in use.
     */
    static FileChannel lockDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(LOCK_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = ch.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            held = null;
        }
        if (held == null) {
            ch.close();
            throw new IllegalStateException("ledger directory " + dir
                    + " is in use by another ledger (" + LOCK_NAME + " is locked)");
        }
        return ch;
    }

    /**
     * Replays {@code dir}'s journal, if any, into {@code target}. A torn last record is dropped
     * and the file truncated to the valid prefix.
     *
     * @return what was read; {@code null} when there is no journal yet
     */
    static JournalReader.Result replay(Path dir, JournalReader.Target target)
            throws IOException {
        Path path = dir.resolve(FILE_NAME);
        if (!Files.exists(path)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            JournalReader.Result result = new JournalReader(ch).read(target);
            if (result.tornBytes() > 0) {
                LOG.warning("event=ledger_journal_torn_tail file=" + path + " offset="
                        + result.validEnd() + " dropped_bytes=" + result.tornBytes()
                        + ": the last write was cut off (crash); it was never acknowledged");
                ch.truncate(result.validEnd());
                ch.force(true);
            }
            return result;
        }
    }

    /**
     * Starts a fresh journal file that begins with a snapshot of the ledger (written by
     * {@code snapshot}), replacing the old one atomically, and starts the writer thread.
     * Rewriting at every start bounds the file to the state plus what one run appends.
     */
    static Journal start(Path dir, FileChannel lockChannel, Consumer<SnapshotWriter> snapshot,
            ThreadFactory threads, Sync sync, long compactAfterBytes) throws IOException {
        FileChannel ch = writeSnapshotFile(dir, snapshot);
        return new Journal(dir.resolve(FILE_NAME), ch, lockChannel, sync, threads,
                compactAfterBytes);
    }

    /**
     * Writes header and snapshot to a temporary file, forces it, renames it over the journal
     * (atomic: a crash leaves the old file or the new one) and returns it open for appending.
     */
    private static FileChannel writeSnapshotFile(Path dir, Consumer<SnapshotWriter> snapshot)
            throws IOException {
        Path temp = dir.resolve(TEMP_NAME);
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            SnapshotWriter out = new SnapshotWriter(ch);
            snapshot.accept(out);
            out.flush();
            ch.force(true);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Path path = dir.resolve(FILE_NAME);
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(path.getParent());
        FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE);
        ch.position(ch.size());
        return ch;
    }

    /** Makes the rename durable (POSIX); a no-op where directories cannot be opened. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            LOG.fine("directory fsync not supported: " + e);
        }
    }

    // ---------------------------------------------------------------- appending

    long appendAccount(AccountSpec spec) {
        lock.lock();
        try {
            room();
            JournalFormat.putAccount(active, crc, spec);
            return appended();
        } finally {
            lock.unlock();
        }
    }

    long appendLimit(LedgerId account, long minBalance) {
        lock.lock();
        try {
            room();
            JournalFormat.putLimit(active, crc, account, minBalance);
            return appended();
        } finally {
            lock.unlock();
        }
    }

    long appendCreate(LedgerId id, LedgerId debit, LedgerId credit, long amount, int code,
            int seconds, long expiresAtMillis) {
        lock.lock();
        try {
            room();
            JournalFormat.putCreate(active, crc, id, debit, credit, amount, code, seconds,
                    expiresAtMillis);
            return appended();
        } finally {
            lock.unlock();
        }
    }

    long appendFinish(byte type, LedgerId id) {
        lock.lock();
        try {
            room();
            JournalFormat.putFinish(active, crc, type, id);
            return appended();
        } finally {
            lock.unlock();
        }
    }

    /** Fails when the journal cannot take records; grows the group buffer when needed. */
    private void room() {
        if (failure != null || closing) {
            throw new IllegalStateException("ledger journal " + file + " is "
                    + (failure != null ? "failed: " + failure : "closed"));
        }
        if (active.remaining() < JournalFormat.recordBytesMax()) {
            ByteBuffer bigger = ByteBuffer.allocate(active.capacity() * 2);
            bigger.put(active.flip());
            active = bigger;
        }
    }

    /** Accounts for the record just put into {@link #active}; caller holds the lock. */
    private long appended() {
        long end = activeBase + active.position();
        appended = end;
        records++;
        if (writerWaiting) {
            work.signal();
        }
        return end;
    }

    /** File offset just past everything appended so far. */
    long appendedPosition() {
        return appended;
    }

    /** True when so much is waiting for the disk that new transfers should wait. */
    boolean backlogged() {
        return appended - durable > BACKLOG_BYTES_MAX;
    }

    /**
     * A stage that completes with {@code value} once the file is durable up to
     * {@code position}; {@code done} (an already completed stage of {@code value}) when it is
     * already. Fails when the journal failed.
     */
    <T> CompletionStage<T> whenDurable(long position, T value, CompletionStage<T> done) {
        if (position <= durable) {
            return done;
        }
        lock.lock();
        try {
            if (failure != null) {
                return CompletableFuture.failedStage(failed());
            }
            if (position <= durable) {
                return done;
            }
            CompletableFuture<T> f = new CompletableFuture<>();
            waiters.add(new Waiter<>(position, f, value));
            if (writerWaiting) {
                work.signal();
            }
            return f;
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- writer

    private void writeLoop() {
        while (true) {
            ByteBuffer group;
            long end;
            long start;
            Rotation rotate;
            lock.lock();
            try {
                while (active.position() == 0 && rotation == null && !closing) {
                    writerWaiting = true;
                    try {
                        work.await();
                    } catch (InterruptedException e) {
                        closing = true; // the container is stopping: flush what is there
                    } finally {
                        writerWaiting = false;
                    }
                }
                if (active.position() == 0 && rotation == null) {
                    return; // closing, nothing left
                }
                group = active;
                active = spare;
                spare = group;
                start = activeBase;
                end = activeBase + group.position();
                activeBase = end;
                rotate = rotation;
                rotation = null;
            } finally {
                lock.unlock();
            }
            try {
                group.flip();
                if (rotate != null) {
                    // the records before the cut are in the snapshot; the file after it starts
                    // with the snapshot and goes on with the records after the cut
                    group.position((int) (rotate.cut() - start));
                    rotate(rotate);
                }
                while (group.hasRemaining()) {
                    channel.write(group);
                }
                sync.force(channel);
            } catch (IOException | RuntimeException e) {
                fail(e);
                return;
            }
            group.clear();
            groups++;
            completeUpTo(end);
        }
    }

    private void rotate(Rotation r) throws IOException {
        long started = System.nanoTime();
        FileChannel old = channel;
        channel = writeSnapshotFile(file.getParent(), r.snapshot());
        old.close();
        compactions++;
        LOG.info("event=ledger_journal_compacted file=" + file + " bytes=" + channel.size()
                + " ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    /**
     * True when enough was appended since the last snapshot that the ledger should call
     * {@link #snapshotAtCut} (and none is under way).
     */
    boolean wantsSnapshot() {
        lock.lock();
        try {
            return rotation == null && appended - snapshotAt > compactAfterBytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the file by a snapshot taken now. The caller must hold off every append while
     * this runs (all account locks) and {@code snapshot} must write the state as of this
     * moment; the writer thread writes it, so this returns at once.
     */
    void snapshotAtCut(Consumer<SnapshotWriter> snapshot) {
        lock.lock();
        try {
            if (rotation == null && failure == null && !closing) {
                rotation = new Rotation(appended, snapshot);
                snapshotAt = appended;
                if (writerWaiting) {
                    work.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Bytes appended since the last snapshot (what the next compaction will fold in). */
    long bytesSinceSnapshot() {
        lock.lock();
        try {
            return appended - snapshotAt;
        } finally {
            lock.unlock();
        }
    }

    /** Snapshots written while running. */
    long compactions() {
        return compactions;
    }

    private void completeUpTo(long end) {
        List<Waiter<?>> done = new ArrayList<>();
        lock.lock();
        try {
            durable = end;
            while (!waiters.isEmpty() && waiters.peek().position() <= end) {
                done.add(waiters.poll());
            }
        } finally {
            lock.unlock();
        }
        for (Waiter<?> w : done) {
            w.complete();
        }
    }

    private void fail(Throwable e) {
        LOG.log(Level.SEVERE, "event=ledger_journal_failed file=" + file
                + ": money-moving operations fail from now on", e);
        List<Waiter<?>> pendingWaiters;
        lock.lock();
        try {
            failure = e;
            pendingWaiters = new ArrayList<>(waiters);
            waiters.clear();
        } finally {
            lock.unlock();
        }
        for (Waiter<?> w : pendingWaiters) {
            w.future().completeExceptionally(failed());
        }
    }

    private IllegalStateException failed() {
        return new IllegalStateException("ledger journal " + file + " failed: " + failure,
                failure);
    }

    /** Null while healthy; the write or fsync failure that stopped the journal. */
    Throwable failure() {
        return failure;
    }

    /** Groups written (each one fsync) since start. */
    long groups() {
        return groups;
    }

    /** Records appended since start: with {@link #groups} it gives records per fsync. */
    long records() {
        return records;
    }

    Path file() {
        return file;
    }

    /** Writes what is appended, stops the writer, closes the file and the directory lock. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            writer.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warning("event=ledger_journal_close_timeout file=" + file);
        }
        try {
            channel.close();
            lockChannel.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "event=ledger_journal_close_failed file=" + file, e);
        }
    }

    private record Rotation(long cut, Consumer<SnapshotWriter> snapshot) {
    }

    private record Waiter<T>(long position, CompletableFuture<T> future, T value) {
        void complete() {
            future.complete(value);
        }
    }

    /** Buffered record output for the start-up snapshot. */
    static final class SnapshotWriter {
        private final FileChannel channel;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        private final CRC32C crc = new CRC32C();

        SnapshotWriter(FileChannel channel) {
            this.channel = channel;
            JournalFormat.putHeader(buf);
        }

        void account(AccountSpec spec, U128 debitsPosted, U128 creditsPosted) {
            room();
            JournalFormat.putSnapshotAccount(buf, crc, spec, debitsPosted, creditsPosted);
        }

        void transfer(LedgerId id, LedgerId debit, LedgerId credit, long amount, int code,
                int seconds, int state) {
            room();
            JournalFormat.putSnapshotTransfer(buf, crc, id, debit, credit, amount, code,
                    seconds, state);
        }

        void pending(LedgerId id, LedgerId debit, LedgerId credit, long amount, int code,
                int seconds, long expiresAtMillis) {
            room();
            JournalFormat.putCreate(buf, crc, id, debit, credit, amount, code, seconds,
                    expiresAtMillis);
        }

        private void room() {
            if (buf.remaining() < JournalFormat.recordBytesMax()) {
                flush();
            }
        }

        void flush() {
            buf.flip();
            try {
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buf.clear();
        }
    }
}
