package dev.ilpconnector.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child process whose stdout+stderr go to a log file and to an in-memory line buffer that
 * tests can wait on ({@link #awaitLine}). {@link #close()} ends the process and everything it
 * started, always: first politely (SIGTERM), then forcibly after {@link #STOP_GRACE}.
 */
public class LoggedProcess implements AutoCloseable {

    /** How long a process may take to stop after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** Lines kept in memory for {@link #awaitLine}; the log file keeps everything. */
    static final int LINES_KEPT_MAX = 200_000;

    private final String name;
    private final Process process;
    private final Path log;
    private final List<String> lines = new ArrayList<>();
    private final Thread pump;
    private final Thread shutdownHook;
    private boolean eof;

    LoggedProcess(String name, List<String> command, Path workDir, Map<String, String> env,
                  Path log) throws IOException {
        this.name = name;
        this.log = log;
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        this.process = pb.start();
        this.pump = new Thread(this::pumpOutput, "log-" + name);
        this.pump.setDaemon(true);
        this.pump.start();
        // if the test JVM dies before close(), do not leave servers behind
        this.shutdownHook = new Thread(this::kill, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The environment every child gets: nothing of the caller's beyond what tools need. */
    static Map<String, String> baseEnvironment() {
        Map<String, String> env = new java.util.HashMap<>();
        for (String key : List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR",
                "NODE_EXTRA_CA_CERTS", "SSL_CERT_FILE", "SSL_CERT_DIR")) {
            String value = System.getenv(key);
            if (value != null) {
                env.put(key, value);
            }
        }
        return env;
    }

    private void pumpOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                synchronized (lines) {
                    if (lines.size() < LINES_KEPT_MAX) {
                        lines.add(line);
                    }
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the stream closes when the process is killed; the log file says what we got
            synchronized (lines) {
                lines.add("[LoggedProcess] output ended: " + e);
            }
        } finally {
            synchronized (lines) {
                eof = true;
                lines.notifyAll();
            }
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything printed so far. */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /**
     * Waits until a line (printed since start) matches {@code pattern}.
     * @throws AssertionError on timeout or when the process ended without printing it
     */
    public Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        synchronized (lines) {
            while (true) {
                for (; checked < lines.size(); checked++) {
                    Matcher m = pattern.matcher(lines.get(checked));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (eof) {
                    throw new AssertionError(name + " ended (exit " + exitCodeOrNull()
                            + ") without printing /" + pattern + "/; log " + log + ":\n" + tail());
                }
                if (left <= 0) {
                    throw new AssertionError(name + " did not print /" + pattern + "/ within "
                            + timeout + "; log " + log + ":\n" + tail());
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout + "; log " + log
                    + ":\n" + tail());
        }
        pump.join(TimeUnit.SECONDS.toMillis(5)); // let the last lines arrive
        return process.exitValue();
    }

    private Integer exitCodeOrNull() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** The last lines, for failure messages. */
    public String tail() {
        synchronized (lines) {
            int from = Math.max(0, lines.size() - 40);
            return String.join("\n", lines.subList(from, lines.size()));
        }
    }

    /** Stops the process and all its descendants; idempotent; never throws. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting and runs the hook itself
        }
    }

    private void kill() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            try {
                p.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                p.destroyForcibly();
                awaitGone(p);
            }
        }
        try {
            pump.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL is not instant: the caller may delete the process's files next. */
    private static void awaitGone(ProcessHandle p) {
        try {
            p.onExit().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception stillThere) {
            // a zombie or an unkillable process: its files are left alone
        }
    }
}
