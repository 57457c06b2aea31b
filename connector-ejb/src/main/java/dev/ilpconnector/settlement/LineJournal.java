package dev.ilpconnector.settlement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * An append-only file of text lines, each on disk (fsync) before {@link #append} returns. A last
 * line without its newline was torn by a crash, never acted on, and is cut off at open. Fields
 * are tab-separated and escaped, so any text fits in one line.
 */
public final class LineJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LineJournal.class.getName());

    private final FileChannel file;
    private final List<List<String>> replay;

    private LineJournal(FileChannel file, List<List<String>> replay) {
        this.file = file;
        this.replay = replay;
    }

    /** Opens (or creates) {@code dir/name}; {@link #lines()} holds what it had. */
    public static LineJournal open(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        Path path = dir.resolve(name);
        List<List<String>> lines = new ArrayList<>();
        long good = 0;
        if (Files.exists(path)) {
            byte[] bytes = Files.readAllBytes(path);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    lines.add(fields(new String(bytes, start, i - start, StandardCharsets.UTF_8)));
                    start = i + 1;
                }
            }
            good = start;
            if (good < bytes.length) {
                LOG.warning("event=journal_torn path=" + path + " dropped="
                        + (bytes.length - good) + " bytes");
            }
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        channel.truncate(good);
        channel.position(good);
        return new LineJournal(channel, List.copyOf(lines));
    }

    /** A journal that keeps nothing (the node keeps its state in memory only). */
    public static LineJournal none() {
        return new LineJournal(null, List.of());
    }

    /** The lines found at open, each as its fields. */
    public List<List<String>> lines() {
        return replay;
    }

    /**
     * Appends one line of fields and forces it to disk.
     *
     * @throws UncheckedIOException when it is not on disk: the caller must not act on it
     */
    public synchronized void append(String... fields) {
        if (file == null) {
            return;
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            line.append(escape(fields[i]));
        }
        line.append('\n');
        try {
            ByteBuffer buf = ByteBuffer.wrap(line.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                file.write(buf);
            }
            file.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("journal write failed", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }

    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        for (String f : line.split("\t", -1)) {
            out.add(unescape(f));
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A")
                .replace("\r", "%0D");
    }

    private static String unescape(String s) {
        return s.replace("%0D", "\r").replace("%0A", "\n").replace("%09", "\t")
                .replace("%25", "%");
    }
}
