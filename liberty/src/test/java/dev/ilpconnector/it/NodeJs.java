package dev.ilpconnector.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The JS side of the interop tests. {@link #installed()} copies {@code src/test/js} to
 * {@code target/js} and runs {@code npm ci} there once per build (a stamp holding the hash of
 * package.json + package-lock.json skips it afterwards; a file lock serialises concurrent
 * JVMs). {@link #start} runs one of the scripts as a {@link LoggedProcess}.
 */
public final class NodeJs {

    /** npm ci of the locked tree takes ~5 s with a warm cache, a minute or so cold. */
    static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(5);
    private static final String STAMP = ".npm-ci-stamp";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path dir;

    private NodeJs(Path dir) {
        this.dir = dir;
    }

    /** The installed JS tree (installing it first when needed). */
    public static NodeJs installed() throws IOException, InterruptedException {
        Path src = ItPaths.jsSources();
        Path work = ItPaths.jsWork();
        Files.createDirectories(work);
        synchronized (NodeJs.class) { // FileLock is per JVM; this orders threads of this JVM
            try (FileChannel ch = FileChannel.open(work.resolve(".install.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = ch.lock();
                try {
                    installLocked(src, work);
                } finally {
                    lock.release();
                }
            }
        }
        return new NodeJs(work);
    }

    private static void installLocked(Path src, Path work)
            throws IOException, InterruptedException {
        copyScripts(src, work);
        String want = hash(src.resolve("package.json"), src.resolve("package-lock.json"));
        Path stamp = work.resolve(STAMP);
        boolean fresh = Files.isDirectory(work.resolve("node_modules"))
                && Files.exists(stamp)
                && Files.readString(stamp, StandardCharsets.UTF_8).equals(want);
        if (!fresh) {
            npmCi(work);
            Files.writeString(stamp, want, StandardCharsets.UTF_8);
        }
    }

    public Path dir() {
        return dir;
    }

    /**
     * Starts {@code node <script> <args>} in the JS tree; output goes to
     * {@code target/it/js-logs/<script>-<n>.log}. Close the returned process (try-with-resources).
     */
    public LoggedProcess start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("ilp.it.node", "node"));
        command.add(script);
        command.addAll(List.of(args));
        String base = script.replace(".js", "") + "-" + ProcessHandle.current().pid() + "-"
                + SEQUENCE.incrementAndGet();
        Path log = ItPaths.work().resolve("js-logs").resolve(base + ".log");
        Map<String, String> env = LoggedProcess.baseEnvironment();
        env.put("NODE_ENV", "test");
        return new LoggedProcess(base, command, dir, env, log);
    }

    private static void copyScripts(Path src, Path work) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path rel = src.relativize(from);
                if (rel.startsWith("node_modules")) {
                    continue;
                }
                Path to = work.resolve(rel.toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void npmCi(Path work) throws IOException, InterruptedException {
        List<String> command = List.of(System.getProperty("ilp.it.npm", "npm"), "ci",
                "--no-audit", "--no-fund", "--no-progress");
        Map<String, String> env = LoggedProcess.baseEnvironment();
        try (LoggedProcess npm = new LoggedProcess("npm-ci", command, work, env,
                ItPaths.work().resolve("js-logs/npm-ci.log"))) {
            int exit = npm.awaitExit(NPM_CI_TIMEOUT);
            if (exit != 0) {
                throw new AssertionError("npm ci failed (exit " + exit + ") in " + work + ":\n"
                        + npm.tail());
            }
        }
    }

    private static String hash(Path... files) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                sha.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
