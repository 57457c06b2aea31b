package dev.ilpconnector.ledger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

/**
 * Reads a journal file front to back and hands each record to a {@link Target}.
 *
 * <p>A record that fails its checks is the torn tail of an interrupted write when no valid
 * record follows it anywhere in the file: it and everything after it are reported as dropped.
 * When a valid record does follow, the damage is in the middle: {@link JournalCorruptException}
 * (dropping it would silently lose the records after it).
 */
final class JournalReader {

    /** Bytes read at a time; records never straddle the end of a window after a refill. */
    private static final int WINDOW_BYTES = 1 << 20;

    /** What the records say, in file order. */
    interface Target {
        void account(AccountSpec spec);

        void limit(LedgerId account, long minBalance);

        /**
         * A pending ({@code seconds > 0}, expiring at {@code expiresAtMillis}) or single-phase
         * posted transfer ({@code expiresAtMillis} then {@link Long#MAX_VALUE}).
         */
        void create(LedgerId id, LedgerId debit, LedgerId credit, long amount, int code,
                int seconds, long expiresAtMillis);

        /** {@code type}: {@link JournalFormat#POST}, {@code VOID} or {@code EXPIRE}. */
        void finish(byte type, LedgerId id);

        void snapshotAccount(AccountSpec spec, U128 debitsPosted, U128 creditsPosted);

        void snapshotTransfer(LedgerId id, LedgerId debit, LedgerId credit, long amount,
                int code, int seconds, int state);
    }

    /**
     * @param records   records applied
     * @param validEnd  file offset just past the last valid record
     * @param tornBytes bytes after {@code validEnd} that were dropped (0: the file was clean)
     */
    record Result(long records, long validEnd, long tornBytes) {
    }

    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer window = ByteBuffer.allocate(WINDOW_BYTES
            + JournalFormat.recordBytesMax());

    JournalReader(FileChannel channel) {
        this.channel = channel;
    }

    Result read(Target target) throws IOException {
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_BYTES);
        int version = size < JournalFormat.HEADER_BYTES
                || readAt(header, 0) < JournalFormat.HEADER_BYTES
                ? -1 : JournalFormat.headerVersion(header.flip());
        if (version < 0) {
            throw new JournalCorruptException("not a ledger journal of format version "
                    + JournalFormat.VERSION + " (bad file header)");
        }
        if (version != JournalFormat.VERSION) {
            // Version 1 kept no expiry for pending transfers; its records cannot be replayed
            // as version 2 records (other lengths), and guessing expiries would move money.
            throw new JournalCorruptException("journal format version " + version
                    + " is not supported by this node (it reads version "
                    + JournalFormat.VERSION + ")");
        }
        long pos = JournalFormat.HEADER_BYTES;
        long windowStart = pos;
        int windowLimit = 0;
        long records = 0;
        while (pos < size) {
            int at = (int) (pos - windowStart);
            if (windowLimit - at < JournalFormat.recordBytesMax()
                    && windowStart + windowLimit < size) {
                windowStart = pos;
                window.clear();
                windowLimit = readAt(window, pos);
                at = 0;
            }
            int n = JournalFormat.validRecordBytes(window, at, windowLimit, crc);
            if (n < 0) {
                if (validRecordAfter(pos + 1, size)) {
                    throw new JournalCorruptException("damaged record at offset " + pos
                            + " with valid records after it");
                }
                return new Result(records, pos, size - pos);
            }
            try {
                dispatch(at, target);
            } catch (RuntimeException e) {
                throw new JournalCorruptException("record at offset " + pos
                        + " cannot be replayed: " + e.getMessage());
            }
            pos += n;
            records++;
        }
        return new Result(records, pos, 0);
    }

    private void dispatch(int at, Target target) {
        ByteBuffer in = window.duplicate().position(at + JournalFormat.FRAME_BYTES);
        byte type = in.get();
        switch (type) {
            case JournalFormat.ACCOUNT -> target.account(new AccountSpec(JournalFormat.getId(in),
                    in.getInt(), Short.toUnsignedInt(in.getShort()), in.getLong()));
            case JournalFormat.LIMIT -> target.limit(JournalFormat.getId(in), in.getLong());
            case JournalFormat.PENDING -> target.create(JournalFormat.getId(in),
                    JournalFormat.getId(in), JournalFormat.getId(in), in.getLong(),
                    Short.toUnsignedInt(in.getShort()), in.getInt(), in.getLong());
            case JournalFormat.POSTED -> target.create(JournalFormat.getId(in),
                    JournalFormat.getId(in), JournalFormat.getId(in), in.getLong(),
                    Short.toUnsignedInt(in.getShort()), 0, Long.MAX_VALUE);
            case JournalFormat.POST, JournalFormat.VOID, JournalFormat.EXPIRE ->
                    target.finish(type, JournalFormat.getId(in));
            case JournalFormat.SNAPSHOT_ACCOUNT -> {
                AccountSpec spec = new AccountSpec(JournalFormat.getId(in), in.getInt(),
                        Short.toUnsignedInt(in.getShort()), in.getLong());
                target.snapshotAccount(spec, u128(in), u128(in));
            }
            case JournalFormat.SNAPSHOT_TRANSFER -> target.snapshotTransfer(
                    JournalFormat.getId(in), JournalFormat.getId(in), JournalFormat.getId(in),
                    in.getLong(), Short.toUnsignedInt(in.getShort()), in.getInt(), in.get());
            default -> throw new IllegalStateException("unknown record type " + type);
        }
    }

    private static U128 u128(ByteBuffer in) {
        U128 v = new U128();
        v.hi = in.getLong();
        v.lo = in.getLong();
        return v;
    }

    /** True when a valid record starts anywhere in {@code from .. size}. */
    private boolean validRecordAfter(long from, long size) throws IOException {
        for (long base = from; base < size; base += WINDOW_BYTES) {
            window.clear();
            int limit = readAt(window, base);
            int last = Math.min(WINDOW_BYTES, limit);
            for (int i = 0; i < last; i++) {
                if (JournalFormat.validRecordBytes(window, i, limit, crc) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Fills {@code buf} from {@code position} until full or end of file; bytes read. */
    private int readAt(ByteBuffer buf, long position) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
