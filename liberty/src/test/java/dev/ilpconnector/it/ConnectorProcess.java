package dev.ilpconnector.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One connector node: {@code java -jar liberty/target/ilp-connector.jar} with the given
 * environment (the connector's MicroProfile Config keys), its own free HTTP/HTTPS ports, its
 * own extract directory ({@code WLP_JAR_EXTRACT_DIR}) and console log under
 * {@code target/it-nodes/}, so several nodes can run at once. Use with try-with-resources:
 * {@link #close()} stops the JVM (and anything it started) always. {@link #stop()} and
 * {@link #restart()} take a node down and bring it back on the same ports.
 */
public final class ConnectorProcess implements AutoCloseable {

    /** Cold start of the runnable jar is ~5 s on 2 cores; leave room for a loaded CI machine. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String name;
    private final int httpPort;
    private final int httpsPort;
    private final int agentPort;
    private final Map<String, String> env;
    private final List<String> jvmOptions;
    private Path dir;
    private LoggedProcess process;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ConnectorProcess(String name, Map<String, String> config, List<String> jvmOptions)
            throws IOException {
        this.name = name;
        this.env = LoggedProcess.baseEnvironment();
        env.putAll(config);
        int[] ports = Ports.free(3);
        env.putIfAbsent("HTTP_PORT", Integer.toString(ports[0]));
        env.putIfAbsent("HTTPS_PORT", Integer.toString(ports[1]));
        env.putIfAbsent("AGENT_PORT", Integer.toString(ports[2]));
        this.httpPort = Integer.parseInt(env.get("HTTP_PORT"));
        this.httpsPort = Integer.parseInt(env.get("HTTPS_PORT"));
        this.agentPort = Integer.parseInt(env.get("AGENT_PORT"));
        this.jvmOptions = List.copyOf(jvmOptions);
        launch();
    }

    private void launch() throws IOException {
        this.dir = ItPaths.work().resolve("it-nodes")
                .resolve(name + "-" + ProcessHandle.current().pid() + "-"
                        + SEQUENCE.incrementAndGet());
        Files.createDirectories(dir);
        // a fresh extract directory per node: nodes never share a server directory
        env.put("WLP_JAR_EXTRACT_DIR", dir.resolve("wlp-extract").toString());
        List<String> command = new ArrayList<>();
        command.add(ItPaths.javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(ItPaths.connectorJar().toString());
        this.process = new LoggedProcess(name, command, dir, env, dir.resolve("console.log"));
    }

    /** Starts a node; does not wait for it. */
    public static ConnectorProcess start(String name, Map<String, String> config)
            throws IOException {
        return start(name, config, List.of());
    }

    /** Starts a node with extra JVM options (system properties); does not wait for it. */
    public static ConnectorProcess start(String name, Map<String, String> config,
                                         List<String> jvmOptions) throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx512m"));
        options.addAll(jvmOptions);
        return new ConnectorProcess(name, config, options);
    }

    /** Starts a node and waits until {@code /health/ready} says UP; stops it on failure. */
    public static ConnectorProcess startReady(String name, Map<String, String> config)
            throws IOException, InterruptedException {
        return startReady(name, config, List.of());
    }

    /** {@link #startReady(String, Map)} with extra JVM options. */
    public static ConnectorProcess startReady(String name, Map<String, String> config,
                                              List<String> jvmOptions)
            throws IOException, InterruptedException {
        ConnectorProcess node = start(name, config, jvmOptions);
        try {
            node.awaitReady(READY_TIMEOUT);
            return node;
        } catch (AssertionError | RuntimeException | InterruptedException e) {
            node.close();
            throw e;
        }
    }

    /** A config map that keeps insertion order (nicer in logs). */
    public static Map<String, String> config(String... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("want key, value pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** Adds the keys of one peer ({@code PEER_<ID>_...}) to {@code config}. */
    public static void peer(Map<String, String> config, String id, String... keyValues) {
        String prefix = "PEER_" + id.toUpperCase(java.util.Locale.ROOT) + "_";
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(prefix + keyValues[i], keyValues[i + 1]);
        }
    }

    /**
     * A child for the JS STREAM endpoints: XRP/9 like the JS test network, token
     * {@code <id>-token}, at most 100,000 per packet (so a 1,000,000 payment takes many packets,
     * STREAM learning the limit from F08) and credit for any test payment.
     */
    public static void streamChild(Map<String, String> config, String id) {
        peer(config, id,
                "RELATION", "child",
                "BTP_TOKEN", id + "-token",
                "ASSET_CODE", "XRP",
                "ASSET_SCALE", "9",
                "MAX_PACKET_AMOUNT", "100000",
                "MIN_BALANCE", "-1000000000000");
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    public int httpsPort() {
        return httpsPort;
    }

    /** The agent runtime's port (SPSP, the business logic's health; docs/agent.md). */
    public int agentPort() {
        return agentPort;
    }

    /** http://127.0.0.1:AGENT_PORT */
    public URI agentUri() {
        return URI.create("http://127.0.0.1:" + agentPort);
    }

    public long pid() {
        return process.pid();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** ws://127.0.0.1:PORT/btp */
    public URI btpUri() {
        return URI.create("ws://127.0.0.1:" + httpPort + "/btp");
    }

    /** The URL an ilp-plugin-btp client uses: btp+ws://user:token@127.0.0.1:PORT/btp */
    public String btpUrl(String username, String token) {
        return "btp+ws://" + username + ":" + token + "@127.0.0.1:" + httpPort + "/btp";
    }

    public LoggedProcess process() {
        return process;
    }

    /** Console log of the JVM (Liberty's console output: messages, our JUL lines at INFO+). */
    public Path consoleLog() {
        return process.log();
    }

    /** Liberty's messages.log inside the extract directory (exists once the server launched). */
    public Path messagesLog() {
        return dir.resolve("wlp-extract/wlp/usr/servers/ilp-connector/logs/messages.log");
    }

    /** GET /health/ready: the status code, or -1 when nothing listens yet. */
    public int readyStatus() throws InterruptedException {
        return status("/health/ready");
    }

    public int status(String path) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(baseUri().resolve(path))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (ConnectException notListening) {
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Polls /health/ready until 200 (UP); fails fast when the JVM exits. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (readyStatus() == 200) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited before it was ready; log "
                        + consoleLog() + ":\n" + process.tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " not ready within " + timeout + "; log "
                        + consoleLog() + ":\n" + process.tail());
            }
            Thread.sleep(POLL.toMillis()); // polling interval of an HTTP check, not a sync point
        }
    }

    /**
     * Stops the node (its links drop, its state in memory is gone) and starts it again with the
     * same config on the same ports, in a fresh directory; does not wait for it.
     */
    public void restart() throws IOException {
        stop();
        launch();
    }

    /** Stops the node; {@link #restart()} brings it back, {@link #close()} is still safe. */
    public void stop() {
        process.close();
        pruneExtractDirectory();
    }

    /**
     * Deletes what the stopped node extracted from the jar (Liberty's runtime and the
     * application, ~115 MB a node) and keeps what it wrote: logs, ledger, settlement store. A
     * run starts some 60 nodes; the extracted copies filled a CI machine's disk. Best effort:
     * {@link #close()} must not throw, and a JVM still dying keeps its files.
     */
    private void pruneExtractDirectory() {
        if (process.isAlive()) {
            return;
        }
        Path wlp = dir.resolve("wlp-extract/wlp");
        Path server = wlp.resolve("usr/servers/ilp-connector");
        for (Path extracted : List.of(wlp.resolve("lib"), wlp.resolve("dev"), wlp.resolve("bin"),
                wlp.resolve("templates"), server.resolve("apps"), server.resolve("workarea"))) {
            deleteRecursively(extracted);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("cannot prune " + root + ": " + e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ConnectorProcess[" + name + " http=" + httpPort + " pid=" + pid() + "]";
    }
}
