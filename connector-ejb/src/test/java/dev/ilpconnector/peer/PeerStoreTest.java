package dev.ilpconnector.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerStoreTest {

    @TempDir
    Path dir;

    @Test
    void whatIsSavedIsLoadedBack() throws Exception {
        PeerStore store = PeerStore.in(dir);
        assertEquals(PeerStore.Changes.NONE, store.load(), "no file yet: no changes");
        PeerStore.Changes changes = new PeerStore.Changes(
                Map.of("carol", Map.of("relation", "child", "btp.token", "a=b:c\\d\n",
                        "asset.scale", "9")),
                Set.of("bob"));
        store.save(changes);
        assertEquals(changes, PeerStore.in(dir).load());
        assertFalse(Files.exists(dir.resolve(PeerStore.FILE_NAME + ".tmp")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve(PeerStore.FILE_NAME))), "it holds tokens");
        store.save(PeerStore.Changes.NONE);
        assertEquals(PeerStore.Changes.NONE, store.load());
    }

    @Test
    void aForeignKeyIsRefused() throws Exception {
        Files.writeString(dir.resolve(PeerStore.FILE_NAME), "something=else\n");
        assertThrows(IllegalStateException.class, () -> PeerStore.in(dir).load());
    }

    @Test
    void memoryOnlyKeepsNothing() {
        PeerStore store = PeerStore.memoryOnly();
        store.save(new PeerStore.Changes(Map.of(), Set.of("bob")));
        assertEquals(PeerStore.Changes.NONE, store.load());
        assertFalse(store.durable());
    }
}
