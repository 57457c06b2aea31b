package dev.ilpconnector.bench.load;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * BTP load for any connector (bench/load.sh runs it). Two roles:
 *
 * <pre>
 * sink --url btp+ws://user:token@host:port/path [--timeout S]
 *     fulfills every Prepare; prints "SINK READY" once authenticated
 * gen --url U [--url U ...] --dest ADDRESS [--count N] [--duration S] [--concurrency C]
 *     [--warmup W] [--data-bytes B] [--amount A | --amount-min A --amount-max B] [--echo]
 *     [--pid name=PID ...] [--json FILE]
 *     keeps C Prepares in flight over the connections; prints one JSON object
 * stream --url U --spsp URL [--count N] [--duration S] [--concurrency C] [--warmup W]
 *     [--amount A] [--pid name=PID ...] [--json FILE]
 *     one STREAM sender: one SPSP query, one connection, C STREAM Prepares in flight
 * </pre>
 *
 * <p>For gen and sink the condition is SHA-256 of a fixed fulfillment both roles share.
 */
public final class BtpLoad {

    private static final byte[] FULFILLMENT = new byte[32];

    static {
        Arrays.fill(FULFILLMENT, (byte) 0x42);
    }

    private BtpLoad() {
    }

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            throw new IllegalArgumentException("usage: gen|sink --key value ...");
        }
        Args args = new Args(argv, 1);
        switch (argv[0]) {
            case "sink" -> sink(args);
            case "gen" -> gen(args, false);
            case "stream" -> gen(args, true);
            default -> throw new IllegalArgumentException("unknown role " + argv[0]);
        }
    }

    private static void sink(Args args) throws Exception {
        Sink sink = new Sink(FULFILLMENT);
        sink.open(args.required("url"));
        System.out.println("SINK READY");
        System.out.flush();
        long timeoutS = args.number("timeout", 3600);
        try {
            String why = sink.connection().closed().get(timeoutS, TimeUnit.SECONDS);
            System.out.println("SINK CLOSED by peer (" + why + ") after " + sink.fulfilled()
                    + " fulfills");
        } catch (java.util.concurrent.TimeoutException e) {
            System.out.println("SINK TIMEOUT after " + sink.fulfilled() + " fulfills");
        }
    }

    private static void gen(Args args, boolean stream) throws Exception {
        long amount = args.number("amount", 1);
        StreamPackets packets = stream ? StreamPackets.fromSpsp(args.required("spsp")) : null;
        Generator.Settings settings = new Generator.Settings(args.all("url"),
                stream ? packets.destination() : args.get("dest", "test.echo"),
                args.number("count", 100_000),
                args.number("duration", 30), (int) args.number("concurrency", 50),
                args.number("warmup", 2_000), (int) args.number("data-bytes", 8),
                args.number("amount-min", amount), args.number("amount-max", amount),
                args.flag("echo"), FULFILLMENT);
        if (settings.urls().isEmpty()) {
            throw new IllegalArgumentException("--url is required");
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (String named : args.all("pid")) {
            String[] kv = named.split("=", 2);
            pids.put(kv[0], Long.parseLong(kv[1]));
        }
        pids.put("generator", ProcessHandle.current().pid());
        Generator generator = stream ? new Generator(settings, packets)
                : new Generator(settings);
        Map<String, Object> result = generator.run(new CpuSampler(pids));
        String json = Generator.json(result);
        System.out.println(json);
        String file = args.get("json", null);
        if (file != null) {
            Files.writeString(Path.of(file), json + "\n", StandardCharsets.UTF_8);
        }
    }
}
