package dev.ilpconnector.settlement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Every engine's answer by idempotency key, on disk before the node acts on it: a node that
 * dies after an operator confirmed (or an engine settled) and before the ledger posted asks
 * the engine again at start-up under the same key, and gets this answer back instead of a
 * second request to pay.
 *
 * <p>An append-only file of lines {@code key TAB S|F TAB detail}, fsynced per answer; a last
 * line without its newline (torn by a crash) was never acted on and is dropped. One line per
 * settlement ever made: small next to the ledger's own journal.
 */
public final class SettlementAnswers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SettlementAnswers.class.getName());
    static final String FILE = "answers.log";

    private final Map<String, SettlementOutcome> answers;
    private final FileChannel file;

    private SettlementAnswers(Map<String, SettlementOutcome> answers, FileChannel file) {
        this.answers = answers;
        this.file = file;
    }

    /** Kept in memory only: for a node whose ledger is in memory too. */
    public static SettlementAnswers inMemory() {
        return new SettlementAnswers(new HashMap<>(), null);
    }

    /** Opens (or creates) the answers in {@code dir}. */
    public static SettlementAnswers open(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path path = dir.resolve(FILE);
        Map<String, SettlementOutcome> answers = new HashMap<>();
        long good = 0;
        if (Files.exists(path)) {
            byte[] bytes = Files.readAllBytes(path);
            String text = new String(bytes, StandardCharsets.UTF_8);
            int start = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
                parse(text.substring(start, nl), answers);
                start = nl + 1;
            }
            good = text.substring(0, start).getBytes(StandardCharsets.UTF_8).length;
            if (good < bytes.length) {
                LOG.warning("event=settlement_answers_torn path=" + path + " dropped="
                        + (bytes.length - good) + " bytes");
            }
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        channel.truncate(good);
        channel.position(good);
        return new SettlementAnswers(answers, channel);
    }

    /** The answer given for {@code key}, if any. */
    public synchronized Optional<SettlementOutcome> get(String key) {
        return Optional.ofNullable(answers.get(key));
    }

    /**
     * Records the answer (on disk before it returns); the first answer for a key stands.
     *
     * @return the answer that stands for the key
     * @throws UncheckedIOException when it could not be written: the caller must not act on it
     */
    public synchronized SettlementOutcome record(String key, SettlementOutcome outcome) {
        SettlementOutcome known = answers.get(key);
        if (known != null) {
            return known;
        }
        if (file != null) {
            String line = escape(key) + '\t' + (outcome.settled() ? 'S' : 'F') + '\t'
                    + escape(outcome.detail()) + '\n';
            try {
                ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    file.write(buf);
                }
                file.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("settlement answer for " + key + " not stored", e);
            }
        }
        answers.put(key, outcome);
        return outcome;
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }

    private static void parse(String line, Map<String, SettlementOutcome> into) {
        String[] parts = line.split("\t", -1);
        if (parts.length != 3 || !(parts[1].equals("S") || parts[1].equals("F"))) {
            throw new IllegalStateException("settlement answers: bad line '" + line + "'");
        }
        String detail = unescape(parts[2]);
        into.putIfAbsent(unescape(parts[0]), parts[1].equals("S")
                ? SettlementOutcome.settled(detail) : SettlementOutcome.failed(detail));
    }

    /** Keeps one answer per line whatever the detail holds. */
    private static String escape(String s) {
        return s.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A")
                .replace("\r", "%0D");
    }

    private static String unescape(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t")
                .replace("%25", "%");
    }
}
