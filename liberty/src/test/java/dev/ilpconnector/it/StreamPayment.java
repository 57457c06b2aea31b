package dev.ilpconnector.it;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One STREAM payment between the JS scripts: stream-receiver.js behind one BTP link,
 * stream-sender.js behind another; SPSP discovery on a loopback port picked by the receiver.
 */
final class StreamPayment {

    private static final Pattern READY =
            Pattern.compile("RECEIVER READY address=(\\S+) spsp=(\\S+)");
    private static final Pattern RECEIVED = Pattern.compile("RECEIVED_TOTAL=(\\d+) OK");
    private static final Pattern SENT = Pattern.compile("SENT_TOTAL=(\\d+) DELIVERED=(\\d+)");

    /** What happened; {@code received} is what the receiver counted. */
    record Result(String receiverAddress, long sent, long delivered, long received) {
    }

    private StreamPayment() {
    }

    /**
     * Pays {@code amount} from the sender's link to the receiver's link and waits for both
     * scripts to finish (bounded by {@code timeout} each).
     */
    static Result pay(NodeJs js, String receiverBtp, String senderBtp, long amount,
                      Duration timeout) throws Exception {
        String seconds = Long.toString(timeout.toSeconds());
        try (LoggedProcess receiver = js.start("stream-receiver.js", "--btp", receiverBtp,
                "--spsp-port", "0", "--expect", Long.toString(amount), "--timeout", seconds)) {
            Matcher ready = receiver.awaitLine(READY, Duration.ofSeconds(60));
            String address = ready.group(1);
            String spsp = ready.group(2);
            try (LoggedProcess sender = js.start("stream-sender.js", "--btp", senderBtp,
                    "--spsp", spsp, "--amount", Long.toString(amount), "--timeout", seconds)) {
                int senderExit = sender.awaitExit(timeout.plusSeconds(15));
                if (senderExit != 0) {
                    throw new AssertionError("stream-sender.js exit " + senderExit + ":\n"
                            + sender.output() + "\n--- receiver:\n" + receiver.tail());
                }
                Matcher sent = sender.awaitLine(SENT, Duration.ofSeconds(5));
                int receiverExit = receiver.awaitExit(Duration.ofSeconds(30));
                if (receiverExit != 0) {
                    throw new AssertionError("stream-receiver.js exit " + receiverExit + ":\n"
                            + receiver.output());
                }
                Matcher received = receiver.awaitLine(RECEIVED, Duration.ofSeconds(5));
                return new Result(address, Long.parseLong(sent.group(1)),
                        Long.parseLong(sent.group(2)), Long.parseLong(received.group(1)));
            }
        }
    }
}
