package dev.ilpconnector.settlement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every engine's answer by idempotency key, on disk before the node acts on it: a node that
 * dies after an operator confirmed (or an engine settled) and before the ledger posted asks
 * the engine again at start-up under the same key, and gets this answer back instead of a
 * second request to pay.
 *
 * <p>Lines {@code key S|F detail} in a {@link LineJournal}, fsynced per answer. One line per
 * settlement ever made: small next to the ledger's own journal.
 */
public final class SettlementAnswers implements AutoCloseable {

    static final String FILE = "answers.log";

    private final Map<String, SettlementOutcome> answers = new HashMap<>();
    private final LineJournal journal;

    private SettlementAnswers(LineJournal journal) {
        this.journal = journal;
        for (List<String> line : journal.lines()) {
            if (line.size() != 3 || !(line.get(1).equals("S") || line.get(1).equals("F"))) {
                throw new IllegalStateException("settlement answers: bad line " + line);
            }
            answers.putIfAbsent(line.get(0), line.get(1).equals("S")
                    ? SettlementOutcome.settled(line.get(2))
                    : SettlementOutcome.failed(line.get(2)));
        }
    }

    /** Kept in memory only: for a node whose ledger is in memory too. */
    public static SettlementAnswers inMemory() {
        return new SettlementAnswers(LineJournal.none());
    }

    /** Opens (or creates) the answers in {@code dir}. */
    public static SettlementAnswers open(Path dir) throws IOException {
        return new SettlementAnswers(LineJournal.open(dir, FILE));
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
        journal.append(key, outcome.settled() ? "S" : "F", outcome.detail());
        answers.put(key, outcome);
        return outcome;
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }
}
