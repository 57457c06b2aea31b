package dev.ilpconnector.ledger.tigerbeetle;

import com.tigerbeetle.Client;
import com.tigerbeetle.IdBatch;
import com.tigerbeetle.UInt128;
import java.io.IOException;
import java.math.BigInteger;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real TigerBeetle server for tests: the binary from {@code TIGERBEETLE_BIN} (default
 * {@code ../shared/bin/tigerbeetle}, relative to the repository root), a data file formatted
 * under the module's {@code target/tigerbeetle/}, a free loopback port, {@code --cache-grid=256MiB}
 * (it still takes about 2.5 GiB). At most one per test JVM: {@link #shared} keeps it in JUnit's
 * root store, which stops it by its process id when the run ends. A missing binary fails the
 * test that asked for the server; it never skips.
 */
public final class TigerBeetleServer implements ExtensionContext.Store.CloseableResource {

    /** Env var (or system property {@code tigerbeetle.bin}) naming the server binary. */
    public static final String BIN_ENV = "TIGERBEETLE_BIN";
    static final String BIN_DEFAULT = "../shared/bin/tigerbeetle";
    private static final long FORMAT_WAIT_S = 120;
    private static final long ANSWER_WAIT_S = 120;
    private static final long STOP_WAIT_S = 20;

    private static final Executor COMPLETIONS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "tigerbeetle-test-completions");
        t.setDaemon(true);
        return t;
    });

    private final Path binary;
    private final Path dataFile;
    private final Path log;
    private final int port;
    private Process process;

    private TigerBeetleServer(Path binary, Path dataFile, Path log, int port) {
        this.binary = binary;
        this.dataFile = dataFile;
        this.log = log;
        this.port = port;
    }

    /** The server of this test JVM; formatted and started on first use. */
    public static TigerBeetleServer shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(TigerBeetleServer.class, k -> start(),
                        TigerBeetleServer.class);
    }

    private static TigerBeetleServer start() {
        Path binary = binary();
        Path dir = Paths.get("target", "tigerbeetle").toAbsolutePath();
        int port = freePort();
        TigerBeetleServer server = new TigerBeetleServer(binary,
                dir.resolve("0_0-" + port + ".tigerbeetle"), dir.resolve("server-" + port + ".log"),
                port);
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(server.dataFile); // format refuses an existing file
            server.format();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.launch();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tigerbeetle-stop"));
        return server;
    }

    /** {@code 127.0.0.1:port}, what TIGERBEETLE_ADDRESSES takes. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** A ledger on this server: 5 s call timeout, replies completed on two daemon threads. */
    public TigerBeetleLedger ledger() {
        return TigerBeetleLedger.connect(BigInteger.ZERO, List.of(address()),
                Duration.ofSeconds(5), Duration.ofSeconds(30), COMPLETIONS);
    }

    /** Process id of the running server. */
    public long pid() {
        return process.pid();
    }

    /** Kills the server ({@code kill -9} by pid): the data file stays for {@link #restart}. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(process);
        }
    }

    /** Starts the server again on the same data file and port; returns once it answers. */
    public synchronized void restart() {
        kill();
        launch();
    }

    /** Stops the server (SIGTERM, then SIGKILL) and deletes its 1 GiB data file. */
    @Override
    public synchronized void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor(process);
        }
        try {
            Files.deleteIfExists(dataFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format() throws IOException {
        Process p = new ProcessBuilder(binary.toString(), "format", "--cluster=0", "--replica=0",
                "--replica-count=1", dataFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            if (!p.waitFor(FORMAT_WAIT_S, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("tigerbeetle format failed, see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting", e);
        }
    }

    private synchronized void launch() {
        try {
            process = new ProcessBuilder(binary.toString(), "start", "--addresses=" + address(),
                    "--cache-grid=256MiB", dataFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitAnswer();
    }

    /** One lookup through the real client: the server is up when it answers. */
    private void awaitAnswer() {
        Client client = new Client(UInt128.asBytes(0), new String[] {address()});
        try {
            IdBatch ids = new IdBatch(1);
            ids.add(1L);
            client.lookupAccountsAsync(ids).get(ANSWER_WAIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            // The client's close waits for the unanswered request forever: leave it behind.
            Thread closer = new Thread(client::close, "tigerbeetle-probe-close");
            closer.setDaemon(true);
            closer.start();
            throw new IllegalStateException("tigerbeetle on " + address() + " did not answer"
                    + " within " + ANSWER_WAIT_S + " s, see " + log, e);
        }
        client.close();
    }

    private static void waitFor(Process p) {
        try {
            if (!p.waitFor(STOP_WAIT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(STOP_WAIT_S, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The binary: TIGERBEETLE_BIN, relative paths against the repository root. */
    static Path binary() {
        String configured = System.getProperty("tigerbeetle.bin", System.getenv(BIN_ENV));
        String raw = configured == null || configured.isBlank() ? BIN_DEFAULT : configured;
        Path path = Paths.get(raw);
        if (!path.isAbsolute()) {
            path = repositoryRoot().resolve(path);
        }
        path = path.normalize();
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            throw new IllegalStateException("TigerBeetle server binary not found or not executable"
                    + " at " + path + " (set " + BIN_ENV + "; default " + BIN_DEFAULT
                    + " relative to the repository root)");
        }
        return path;
    }

    /** The first directory upwards from the working directory that holds checkstyle.xml. */
    private static Path repositoryRoot() {
        Path start = Paths.get("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("checkstyle.xml"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (checkstyle.xml) above " + start);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
