package dev.ilpconnector.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paying side of the agent ITs: {@code stream-sender.js} (ilp-protocol-stream behind
 * ilp-plugin-btp, a BTP child of the node) pays an SPSP URL of the agent and reports what its
 * plugin saw per packet ({@code --report}).
 */
final class AgentSender {

    private static final Pattern SENT = Pattern.compile("SENT_TOTAL=(\\d+) DELIVERED=(\\d+)");
    private static final Pattern PACKETS = Pattern.compile("PACKETS fulfillable=(\\d+) paid=(\\d+)"
            + " fulfills=(\\d+) rejects=(\\S*) probe_rejects=(\\S*)");
    private static final Pattern RECEIPT = Pattern.compile("RECEIPT verified=true total=(\\d+)");

    /**
     * What happened.
     *
     * @param exit         the sender's exit code (0: the whole amount arrived)
     * @param delivered    what STREAM says arrived; -1 when the payment failed
     * @param fulfillable  Prepares whose condition is the STREAM fulfillment's
     * @param paid         Fulfills of Prepares with an amount
     * @param rejects      reject codes of fulfillable Prepares, with counts
     * @param probeRejects reject codes of the others (rate probes)
     * @param receiptTotal the last receipt's verified total; -1 when none
     * @param output       the sender's output, for failure messages
     */
    record Result(int exit, long delivered, int fulfillable, int paid, int fulfills,
                  Map<String, Integer> rejects, Map<String, Integer> probeRejects,
                  long receiptTotal, String output) {
    }

    private AgentSender() {
    }

    /** Pays {@code amount} to {@code spspUrl} from the node's child {@code sender}. */
    static Result pay(NodeJs js, ConnectorProcess node, String spspUrl, long amount,
                      Duration timeout, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--btp", node.btpUrl("sender",
                "sender-token"), "--spsp", spspUrl, "--amount", Long.toString(amount),
                "--timeout", Long.toString(timeout.toSeconds()), "--report"));
        args.addAll(List.of(options));
        try (LoggedProcess sender = js.start("stream-sender.js", args.toArray(String[]::new))) {
            int exit = sender.awaitExit(timeout.plusSeconds(20));
            String out = sender.output();
            Matcher sent = SENT.matcher(out);
            Matcher packets = PACKETS.matcher(out);
            if (!packets.find()) {
                throw new AssertionError("no PACKETS line from the sender:\n" + out);
            }
            Matcher receipt = RECEIPT.matcher(out);
            return new Result(exit, sent.find() ? Long.parseLong(sent.group(2)) : -1,
                    Integer.parseInt(packets.group(1)), Integer.parseInt(packets.group(2)),
                    Integer.parseInt(packets.group(3)), codes(packets.group(4)),
                    codes(packets.group(5)),
                    receipt.find() ? Long.parseLong(receipt.group(1)) : -1, out);
        }
    }

    /** "T04:3,F99:1" */
    private static Map<String, Integer> codes(String list) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String part : list.split(",")) {
            if (!part.isEmpty()) {
                String[] kv = part.split(":");
                out.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        return out;
    }
}
