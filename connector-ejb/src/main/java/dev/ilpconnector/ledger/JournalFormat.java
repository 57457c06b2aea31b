package dev.ilpconnector.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Byte layout of the embedded ledger's journal (see {@code docs/accounting.md}, "Journal
 * format"). Big-endian throughout.
 *
 * <pre>
 * file   = header record*
 * header = magic "ILPLEDGR" (8) | version u32 | crc32c(magic, version) u32      (16 bytes)
 * record = length u32 | crc32c(length, body) u32 | body                         (8 + length)
 * body   = type u8 | fields of that type (fixed length per type)
 * </pre>
 *
 * <p>The checksum covers the length too, so a damaged length is caught like a damaged body.
 */
final class JournalFormat {

    static final byte[] MAGIC = "ILPLEDGR".getBytes(StandardCharsets.US_ASCII);
    /**
     * Version 2: pending transfers carry their absolute expiry (settlement intents outlive a
     * restart). Version 1 files are refused with a message saying so.
     */
    static final int VERSION = 2;
    static final int HEADER_BYTES = 16;
    static final int FRAME_BYTES = 8;

    /** Account created: id, ledger u32, code u16, minBalance i64. */
    static final byte ACCOUNT = 1;
    /** Limit changed: id, minBalance i64. */
    static final byte LIMIT = 2;
    /**
     * Pending transfer created: id, debit, credit, amount u64, code u16, timeout s u32,
     * expiresAt i64 (ms since the epoch: restored as it was, not restarted, after a restart).
     */
    static final byte PENDING = 3;
    /** Single-phase transfer posted at once: id, debit, credit, amount u64, code u16. */
    static final byte POSTED = 4;
    /** Pending transfer posted: id. */
    static final byte POST = 5;
    /** Pending transfer voided: id. */
    static final byte VOID = 6;
    /** Pending transfer released by its timeout: id. */
    static final byte EXPIRE = 7;
    /** Snapshot of an account: ACCOUNT fields + debitsPosted u128, creditsPosted u128. */
    static final byte SNAPSHOT_ACCOUNT = 8;
    /**
     * Snapshot of a finished transfer kept for idempotency: id, debit, credit, amount u64,
     * code u16, timeout s u32 (0: single-phase), final state u8.
     */
    static final byte SNAPSHOT_TRANSFER = 9;

    private static final int ID = 16;
    private static final int[] BODY_BYTES = {
        0,
        1 + ID + 4 + 2 + 8,                       // ACCOUNT
        1 + ID + 8,                               // LIMIT
        1 + 3 * ID + 8 + 2 + 4 + 8,               // PENDING
        1 + 3 * ID + 8 + 2,                       // POSTED
        1 + ID,                                   // POST
        1 + ID,                                   // VOID
        1 + ID,                                   // EXPIRE
        1 + ID + 4 + 2 + 8 + 2 * ID,              // SNAPSHOT_ACCOUNT
        1 + 3 * ID + 8 + 2 + 4 + 1,               // SNAPSHOT_TRANSFER
    };
    /** Largest record body; a length above it can only be damage. */
    static final int BODY_BYTES_MAX = 1 + 3 * ID + 8 + 2 + 4 + 8;

    private JournalFormat() {
    }

    /** Body length of a record type; 0 for an unknown type. */
    static int bodyBytes(byte type) {
        return type > 0 && type < BODY_BYTES.length ? BODY_BYTES[type] : 0;
    }

    static void putHeader(ByteBuffer out) {
        int start = out.position();
        out.put(MAGIC).putInt(VERSION);
        out.putInt(crc(out, start, 12));
    }

    static void putAccount(ByteBuffer out, CRC32C crc, AccountSpec spec) {
        int start = begin(out, ACCOUNT);
        putId(out, spec.id());
        out.putInt(spec.ledger()).putShort((short) spec.code()).putLong(spec.minBalance());
        end(out, start, crc);
    }

    static void putLimit(ByteBuffer out, CRC32C crc, LedgerId account, long minBalance) {
        int start = begin(out, LIMIT);
        putId(out, account);
        out.putLong(minBalance);
        end(out, start, crc);
    }

    /**
     * A {@link #PENDING} ({@code seconds > 0}) or {@link #POSTED} record; {@code expiresAtMillis}
     * is written for a pending one only.
     */
    static void putCreate(ByteBuffer out, CRC32C crc, LedgerId id, LedgerId debit,
            LedgerId credit, long amount, int code, int seconds, long expiresAtMillis) {
        int start = begin(out, seconds > 0 ? PENDING : POSTED);
        putTransferFields(out, id, debit, credit, amount, code);
        if (seconds > 0) {
            out.putInt(seconds).putLong(expiresAtMillis);
        }
        end(out, start, crc);
    }

    /** A {@link #POST}, {@link #VOID} or {@link #EXPIRE} record. */
    static void putFinish(ByteBuffer out, CRC32C crc, byte type, LedgerId id) {
        int start = begin(out, type);
        putId(out, id);
        end(out, start, crc);
    }

    static void putSnapshotAccount(ByteBuffer out, CRC32C crc, AccountSpec spec, U128 debits,
            U128 credits) {
        int start = begin(out, SNAPSHOT_ACCOUNT);
        putId(out, spec.id());
        out.putInt(spec.ledger()).putShort((short) spec.code()).putLong(spec.minBalance());
        out.putLong(debits.hi).putLong(debits.lo).putLong(credits.hi).putLong(credits.lo);
        end(out, start, crc);
    }

    static void putSnapshotTransfer(ByteBuffer out, CRC32C crc, LedgerId id, LedgerId debit,
            LedgerId credit, long amount, int code, int seconds, int state) {
        int start = begin(out, SNAPSHOT_TRANSFER);
        putTransferFields(out, id, debit, credit, amount, code);
        out.putInt(seconds).put((byte) state);
        end(out, start, crc);
    }

    private static void putTransferFields(ByteBuffer out, LedgerId id, LedgerId debit,
            LedgerId credit, long amount, int code) {
        putId(out, id);
        putId(out, debit);
        putId(out, credit);
        out.putLong(amount).putShort((short) code);
    }

    /** Writes the length and the type, leaving room for the checksum. */
    private static int begin(ByteBuffer out, byte type) {
        int start = out.position();
        out.putInt(bodyBytes(type)).putInt(0).put(type);
        return start;
    }

    /** Checks the body's length and fills in the checksum. */
    private static void end(ByteBuffer out, int start, CRC32C crc) {
        int length = out.getInt(start);
        if (out.position() - start - FRAME_BYTES != length) {
            throw new IllegalStateException("journal record length mismatch");
        }
        out.putInt(start + 4, checksum(out, start, length, crc));
    }

    private static int checksum(ByteBuffer buf, int start, int length, CRC32C crc) {
        crc.reset();
        crc.update(buf.array(), buf.arrayOffset() + start, 4);
        crc.update(buf.array(), buf.arrayOffset() + start + FRAME_BYTES, length);
        return (int) crc.getValue();
    }

    private static void putId(ByteBuffer out, LedgerId id) {
        out.putLong(id.hi()).putLong(id.lo());
    }

    static LedgerId getId(ByteBuffer in) {
        return new LedgerId(in.getLong(), in.getLong());
    }

    /** Largest record, framing included. */
    static int recordBytesMax() {
        return FRAME_BYTES + BODY_BYTES_MAX;
    }

    /**
     * Length of the valid record at {@code at} in {@code buf} (reading up to {@code limit}),
     * or -1 when there is none: incomplete, unknown type, wrong length or checksum.
     */
    static int validRecordBytes(ByteBuffer buf, int at, int limit, CRC32C crc) {
        if (limit - at < FRAME_BYTES + 1) {
            return -1;
        }
        int length = buf.getInt(at);
        if (length < 1 || length > BODY_BYTES_MAX || limit - at - FRAME_BYTES < length
                || bodyBytes(buf.get(at + FRAME_BYTES)) != length) {
            return -1;
        }
        return checksum(buf, at, length, crc) == buf.getInt(at + 4) ? FRAME_BYTES + length : -1;
    }

    /**
     * The format version of the header at {@code buf}'s position; -1 when it is not a journal
     * header (wrong magic or checksum).
     */
    static int headerVersion(ByteBuffer buf) {
        int start = buf.position();
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf.get(start + i) != MAGIC[i]) {
                return -1;
            }
        }
        return buf.getInt(start + 12) == crc(buf, start, 12) ? buf.getInt(start + 8) : -1;
    }

    private static int crc(ByteBuffer buf, int start, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), buf.arrayOffset() + start, length);
        return (int) crc.getValue();
    }
}
