package dev.ilpconnector.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The peer changes made at run time, kept beside the ledger's journal so that they survive a
 * restart: each added or changed peer's config keys ({@code peer.<id>.<key>}, as an operator
 * would set them) and the config peers that were removed ({@code removed.<id>}). A save writes
 * a new file, forces it to disk and renames it over the old one, so a crash leaves one or the
 * other, whole. Without a ledger directory the changes last until the node stops.
 */
public final class PeerStore {

    /** The file's name inside the ledger directory. */
    public static final String FILE_NAME = "peers.properties";
    private static final String PEER = "peer.";
    private static final String REMOVED = "removed.";

    /**
     * @param peers   per peer id added or changed at run time: its keys without the
     *                {@code peer.<id>.} prefix ({@code relation}, {@code btp.token}, ...)
     * @param removed config peers removed at run time
     */
    public record Changes(Map<String, Map<String, String>> peers, Set<String> removed) {

        public static final Changes NONE = new Changes(Map.of(), Set.of());

        public Changes {
            Map<String, Map<String, String>> copy = new LinkedHashMap<>();
            peers.forEach((id, keys) -> copy.put(id, Map.copyOf(keys)));
            peers = Collections.unmodifiableMap(copy);
            removed = Set.copyOf(removed);
        }
    }

    private final Path file;

    private PeerStore(Path file) {
        this.file = file;
    }

    /** Changes kept in {@code dir}/{@value #FILE_NAME}. */
    public static PeerStore in(Path dir) {
        return new PeerStore(dir.resolve(FILE_NAME));
    }

    /** Changes kept nowhere: they last until the node stops. */
    public static PeerStore memoryOnly() {
        return new PeerStore(null);
    }

    public boolean durable() {
        return file != null;
    }

    /** What was saved last; nothing when there is no file yet. */
    public Changes load() {
        if (file == null || !Files.exists(file)) {
            return Changes.NONE;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Map<String, String>> peers = new LinkedHashMap<>();
        Set<String> removed = new TreeSet<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            if (key.startsWith(REMOVED)) {
                removed.add(key.substring(REMOVED.length()));
            } else if (key.startsWith(PEER) && key.indexOf('.', PEER.length()) > 0) {
                int dot = key.indexOf('.', PEER.length());
                peers.computeIfAbsent(key.substring(PEER.length(), dot), id ->
                        new LinkedHashMap<>()).put(key.substring(dot + 1),
                        props.getProperty(key));
            } else {
                throw new IllegalStateException(file + ": unexpected key " + key);
            }
        }
        return new Changes(peers, removed);
    }

    /** The file holds incoming tokens: only the node's user may read it (where POSIX). */
    private static void createPrivate(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(path);
        }
    }

    /** Replaces what is stored with {@code changes}, durably (write, force, rename). */
    public void save(Changes changes) {
        if (file == null) {
            return;
        }
        Properties props = new Properties();
        changes.peers().forEach((id, keys) ->
                keys.forEach((k, v) -> props.setProperty(PEER + id + "." + k, v)));
        changes.removed().forEach(id -> props.setProperty(REMOVED + id, "true"));
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(tmp);
            createPrivate(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "peers changed at run time (admin API); do not edit while"
                        + " the node runs");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                dir.force(true); // the rename itself reaches the disk
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
