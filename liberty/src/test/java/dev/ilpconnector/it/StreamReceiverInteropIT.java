package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.codec.ildcp.Ildcp;
import dev.ilpconnector.codec.ildcp.IldcpResponse;
import dev.ilpconnector.codec.ilp.IlpAddress;
import dev.ilpconnector.codec.ilp.IlpCodec;
import dev.ilpconnector.codec.ilp.IlpPrepare;
import dev.ilpconnector.codec.ilp.IlpResponse;
import dev.ilpconnector.stream.Payable;
import dev.ilpconnector.stream.ReceiptRequest;
import dev.ilpconnector.stream.ReceiverAsset;
import dev.ilpconnector.stream.StreamCredentials;
import dev.ilpconnector.stream.StreamPrepare;
import dev.ilpconnector.stream.StreamReceiver;
import dev.ilpconnector.stream.Undecryptable;
import dev.ilpconnector.stream.Unfulfillable;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reference STREAM sender (ilp-protocol-stream 2.7.1 {@code createConnection}, in
 * {@code stream-loopback-sender.js}) pays our {@link StreamReceiver} with no server between:
 * its plugin writes each Prepare to stdout, this test answers it with the receiver (and
 * IL-DCP itself) on stdin. The library must see our asset, get every unit delivered and
 * verify our last receipt with its own {@code verifyReceipt}; our Fulfills must add up to
 * what it says it delivered, and probes must never be fulfilled.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StreamReceiverInteropIT {

    private static final IlpAddress BASE = IlpAddress.of("test.agent");
    private static final ReceiverAsset ASSET = new ReceiverAsset("USD", 6);
    private static final long AMOUNT = 300_000;
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void jsSenderPaysOurReceiverAndVerifiesItsReceipts() throws Exception {
        NodeJs js = NodeJs.installed();
        SecureRandom random = new SecureRandom();
        byte[] serverSecret = new byte[32];
        byte[] receiptNonce = new byte[16];
        byte[] receiptSecret = new byte[32];
        random.nextBytes(serverSecret);
        random.nextBytes(receiptNonce);
        random.nextBytes(receiptSecret);
        StreamReceiver receiver = new StreamReceiver(serverSecret, Clock.systemUTC(), 16,
                Duration.ofMinutes(5));
        StreamCredentials credentials = receiver.newConnection(BASE, "pay-js",
                Optional.of(new ReceiptRequest(receiptNonce, receiptSecret)));

        Path log = ItPaths.work().resolve("js-logs/stream-loopback-sender.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(System.getProperty("ilp.it.node", "node"),
                "stream-loopback-sender.js",
                "--destination", credentials.destinationAccount().value(),
                "--secret", Base64.getEncoder().encodeToString(credentials.sharedSecret()),
                "--amount", Long.toString(AMOUNT),
                "--receiptSecret", HEX.formatHex(receiptSecret),
                "--timeout", "60")
                .directory(js.dir().toFile())
                .redirectError(log.toFile());
        Process node = pb.start();
        Tally tally = new Tally();
        JsonObject result;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(
                node.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(node.getOutputStream(),
                        StandardCharsets.UTF_8)) {
            result = converse(receiver, out, in, tally);
        } finally {
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        assertEquals(0, node.exitValue(), "sender exit; log " + log + ":\n"
                + Files.readString(log));

        assertEquals(Long.toString(AMOUNT), result.getString("sent"));
        assertEquals(Long.toString(AMOUNT), result.getString("delivered"));
        assertEquals(AMOUNT, tally.fulfilled, "our Fulfills add up to the delivered amount");
        assertEquals("USD", result.getString("destinationAssetCode"));
        assertEquals(6, result.getInt("destinationAssetScale"));
        assertEquals("1", result.getString("receiptStreamId"));
        assertEquals(Long.toString(AMOUNT), result.getString("receiptTotal"),
                "the JS library verified our last receipt: total = delivered");
        assertTrue(tally.unfulfillable > 0, "the sender probed first: " + tally);
        assertEquals(0, tally.undecryptable, tally.toString());
        assertTrue(tally.data.toString().startsWith("hello from the JS STREAM sender"),
                tally.data.toString());
    }

    /** Answers Prepares until the sender prints its result. */
    private static JsonObject converse(StreamReceiver receiver, BufferedReader out, Writer in,
            Tally tally) throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("RESULT ")) {
                return Json.createReader(new StringReader(line.substring(7))).readObject();
            }
            String[] parts = line.split(" ");
            assertEquals("PREPARE", parts[0], line);
            IlpPrepare prepare = IlpCodec.decodePrepare(HEX.parseHex(parts[2]));
            IlpResponse response = answer(receiver, prepare, tally);
            in.write("REPLY " + parts[1] + " " + HEX.formatHex(IlpCodec.encode(response))
                    + "\n");
            in.flush();
        }
        throw new AssertionError("sender ended without a result: " + tally);
    }

    private static IlpResponse answer(StreamReceiver receiver, IlpPrepare prepare,
            Tally tally) {
        if (Ildcp.isRequest(prepare)) {
            return Ildcp.fulfill(new IldcpResponse(IlpAddress.of("test.agent-parent.sender"),
                    ASSET.scale(), ASSET.code()));
        }
        StreamPrepare opened = receiver.open(prepare, BASE, ASSET);
        if (opened instanceof Payable p) {
            tally.fulfilled += p.amount();
            tally.data.append(new String(p.streamData(), StandardCharsets.UTF_8));
            return p.fulfill();
        }
        if (opened instanceof Unfulfillable u) {
            tally.unfulfillable++;
            return u.reject();
        }
        tally.undecryptable++;
        return ((Undecryptable) opened).reject();
    }

    private static final class Tally {
        long fulfilled;
        int unfulfillable;
        int undecryptable;
        final StringBuilder data = new StringBuilder();

        @Override
        public String toString() {
            return "fulfilled=" + fulfilled + " unfulfillable=" + unfulfillable
                    + " undecryptable=" + undecryptable;
        }
    }
}
