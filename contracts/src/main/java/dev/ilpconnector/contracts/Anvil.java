package dev.ilpconnector.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * A real anvil node (Foundry's local EVM, from {@code contracts/node_modules}) on a free loopback
 * port, for tests. Anvil picks the port itself ({@code --port 0}) and the node is ready when it
 * answers {@code eth_chainId} with the chain id asked for. {@link #close()} stops the process by
 * its pid; a JVM shutdown hook does the same if a test forgets.
 *
 * <pre>{@code
 * try (Anvil anvil = Anvil.start()) {
 *     Web3j web3j = anvil.web3j();
 *     Credentials deployer = anvil.credentials(0);
 *     ...
 * }
 * }</pre>
 */
public final class Anvil implements AutoCloseable {

    /** Base Sepolia's chain id, what {@code NETWORK_MODE=testnet} expects. */
    public static final long DEFAULT_CHAIN_ID = 84532L;
    /** System property naming the anvil binary, checked before the search. */
    public static final String BINARY_PROPERTY = "anvil.binary";
    /** Environment variable naming the anvil binary, checked after the property. */
    public static final String BINARY_ENV = "ANVIL_BINARY";

    private static final Logger LOG = Logger.getLogger(Anvil.class.getName());
    private static final Path NPM_BINARY =
            Path.of("node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MS = 50;
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path binary;
    private final Path dir;
    private final long chainId;
    private final int port;
    private final List<String> privateKeys;
    private final Web3j web3j;
    private final HttpService http;
    private Process process;
    private Thread shutdownHook;
    private int launches;

    private Anvil(Path binary, Path dir, long chainId, int port, List<String> privateKeys,
            Process process, Thread shutdownHook) {
        this.binary = binary;
        this.dir = dir;
        this.chainId = chainId;
        this.port = port;
        this.privateKeys = List.copyOf(privateKeys);
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.launches = 1;
        this.http = new HttpService(rpcUrl());
        this.web3j = Web3j.build(http);
    }

    /** Starts anvil with chain id {@value #DEFAULT_CHAIN_ID}. */
    public static Anvil start() throws IOException {
        return start(DEFAULT_CHAIN_ID);
    }

    /** Starts anvil with the given chain id and waits until it answers. */
    public static Anvil start(long chainId) throws IOException {
        Path binary = findBinary();
        Path dir = Files.createTempDirectory("anvil-");
        Path log = dir.resolve("anvil-1.log");
        Path config = dir.resolve("config.json");
        Process process = launch(binary, dir, log, chainId, 0, config);
        Thread hook = stopOnExit(process);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Anvil anvil = null;
        boolean ready = false;
        try {
            int port = awaitPort(process, log, deadline);
            List<String> keys = awaitKeys(process, log, config, deadline);
            anvil = new Anvil(binary, dir, chainId, port, keys, process, hook);
            anvil.awaitChainId(log, deadline);
            ready = true;
            LOG.info("anvil started pid=" + process.pid() + " port=" + port
                    + " chainId=" + chainId);
            return anvil;
        } finally {
            if (anvil == null) {
                stop(process, hook);
                deleteQuietly(dir);
            } else if (!ready) {
                anvil.close();
            }
        }
    }

    /**
     * Stops the node as an outage would (the RPC URL refuses connections) but keeps its chain:
     * anvil dumps its state on exit and {@link #restartNode()} loads it again.
     */
    public void stopNode() {
        if (process != null) {
            stop(process, shutdownHook);
            LOG.info("anvil stopped pid=" + process.pid() + " port=" + port + " (state kept)");
            process = null;
            shutdownHook = null;
        }
    }

    /** Starts the node again on the same port with the chain {@link #stopNode()} kept. */
    public void restartNode() throws IOException {
        if (process != null) {
            throw new IllegalStateException("anvil is running, pid=" + process.pid());
        }
        Path log = dir.resolve("anvil-" + (++launches) + ".log");
        process = launch(binary, dir, log, chainId, port, null);
        shutdownHook = stopOnExit(process);
        try {
            awaitChainId(log, System.nanoTime() + START_TIMEOUT.toNanos());
        } catch (IOException | RuntimeException e) {
            stopNode();
            throw e;
        }
        LOG.info("anvil restarted pid=" + process.pid() + " port=" + port);
    }

    /** Runs anvil on loopback; {@code --state} dumps the chain on exit and loads it at start. */
    private static Process launch(Path binary, Path dir, Path log, long chainId, int port,
            Path configOut) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--chain-id", Long.toString(chainId),
                "--state", dir.resolve("state.json").toString()));
        if (configOut != null) {
            command.addAll(List.of("--config-out", configOut.toString()));
        }
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    private static Thread stopOnExit(Process process) {
        Thread hook = new Thread(process::destroyForcibly, "anvil-stop-" + process.pid());
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static int awaitPort(Process process, Path log, long deadline) throws IOException {
        while (true) {
            Matcher m = LISTENING.matcher(read(log));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            awaitPoll(process, log, deadline);
        }
    }

    private static List<String> awaitKeys(Process process, Path log, Path config, long deadline)
            throws IOException {
        while (true) {
            List<String> keys = readKeys(config);
            if (keys != null) {
                return keys;
            }
            awaitPoll(process, log, deadline);
        }
    }

    private void awaitChainId(Path log, long deadline) throws IOException {
        while (true) {
            Long answered = answeredChainId();
            if (answered != null) {
                if (answered != chainId) {
                    throw new IOException("anvil answers chain id " + answered
                            + ", not " + chainId);
                }
                return;
            }
            awaitPoll(process, log, deadline);
        }
    }

    /** Sleeps one poll interval; fails when anvil died or the start timeout passed. */
    private static void awaitPoll(Process process, Path log, long deadline) throws IOException {
        if (!process.isAlive()) {
            throw new IOException("anvil exited with " + process.exitValue() + ": " + tail(log));
        }
        if (System.nanoTime() > deadline) {
            throw new IOException("anvil not ready within " + START_TIMEOUT + ": " + tail(log));
        }
        sleep(POLL_MS);
    }

    /**
     * The anvil binary: {@code -Danvil.binary}, {@code $ANVIL_BINARY}, else
     * {@code node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil} in the contracts module,
     * found by walking up from this class's jar or classes directory and from the working
     * directory (so a test of any module in the reactor finds it).
     */
    public static Path findBinary() {
        String configured = System.getProperty(BINARY_PROPERTY, System.getenv(BINARY_ENV));
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException(BINARY_PROPERTY + "/" + BINARY_ENV + " names "
                        + p + ", which is not an executable file");
            }
            return p;
        }
        List<Path> starts = new ArrayList<>();
        try {
            starts.add(Path.of(Anvil.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toAbsolutePath());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            LOG.log(Level.FINE, "no code source for Anvil; searching from the working dir", e);
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path d = start; d != null; d = d.getParent()) {
                for (Path candidate : List.of(d.resolve(NPM_BINARY),
                        d.resolve("contracts").resolve(NPM_BINARY))) {
                    if (Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        throw new IllegalStateException("anvil binary not found under contracts/node_modules "
                + "(the contracts module's build runs npm ci; or set -D" + BINARY_PROPERTY + ")");
    }

    /** The JSON-RPC URL, {@code http://127.0.0.1:<port>}. */
    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long chainId() {
        return chainId;
    }

    /** The anvil process id; -1 while {@link #stopNode() stopped}. */
    public long pid() {
        return process == null ? -1 : process.pid();
    }

    /** A web3j client on this node, shut down by {@link #close()}. */
    public Web3j web3j() {
        return web3j;
    }

    /** The dev accounts' private keys ({@code 0x}-prefixed hex), each funded with 10000 ETH. */
    public List<String> privateKeys() {
        return privateKeys;
    }

    /** Credentials of dev account {@code index} (0 to 9). */
    public Credentials credentials(int index) {
        return Credentials.create(privateKeys.get(index));
    }

    /** Moves the chain's clock forward by {@code seconds} and mines a block at the new time. */
    public void increaseTime(long seconds) throws IOException {
        rpc("evm_increaseTime", List.of(seconds));
        mine();
    }

    /** Saves the chain's state; {@link #revertTo(String)} brings it back (once per id). */
    public String snapshot() throws IOException {
        return String.valueOf(rpc("evm_snapshot", List.of()));
    }

    /** Restores a {@link #snapshot()}; fails when anvil no longer knows the id. */
    public void revertTo(String snapshotId) throws IOException {
        if (!Boolean.TRUE.equals(rpc("evm_revert", List.of(snapshotId)))) {
            throw new IOException("evm_revert " + snapshotId + " refused");
        }
    }

    /** Mines one block now. */
    public void mine() throws IOException {
        rpc("evm_mine", List.of());
    }

    /** The latest block's timestamp in seconds. */
    public long blockTimestamp() throws IOException {
        return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getTimestamp().longValueExact();
    }

    private Object rpc(String method, List<?> params) throws IOException {
        Response<?> r = new Request<>(method, params, http, RawResponse.class).send();
        if (r.hasError()) {
            throw new IOException(method + " failed: " + r.getError().getMessage());
        }
        return r.getResult();
    }

    private Long answeredChainId() {
        try {
            BigInteger id = web3j.ethChainId().send().getChainId();
            return id == null ? null : id.longValueExact();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Stops anvil (by its pid) and deletes its state, logs and config. */
    @Override
    public void close() {
        web3j.shutdown();
        if (process != null) {
            stop(process, shutdownHook);
            LOG.info("anvil stopped pid=" + process.pid());
            process = null;
        }
        deleteQuietly(dir);
    }

    private static void stop(Process process, Thread hook) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "JVM shutting down; its hook stops anvil", e);
        }
    }

    private static List<String> readKeys(Path config) {
        try {
            if (!Files.isRegularFile(config)) {
                return null;
            }
            JsonNode keys = JSON.readTree(config.toFile()).path("private_keys");
            if (!keys.isArray() || keys.isEmpty()) {
                return null;
            }
            List<String> out = new ArrayList<>();
            keys.forEach(k -> out.add(k.asText()));
            return out;
        } catch (IOException e) {
            return null; // still being written
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static String tail(Path log) throws IOException {
        String s = read(log).strip();
        return s.length() <= 2000 ? s : s.substring(s.length() - 2000);
    }

    private static void sleep(long ms) throws IOException {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for anvil", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.log(Level.FINE, "cannot delete " + dir, e);
        }
    }

    /** A JSON-RPC answer whose result is not needed. */
    public static final class RawResponse extends Response<Object> {
    }
}
