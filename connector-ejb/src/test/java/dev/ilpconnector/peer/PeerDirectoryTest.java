package dev.ilpconnector.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerDirectoryTest {

    private static PeerConfig child(String id, String token) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of(token), "XRP", 9,
                -1L, 0, List.of());
    }

    @Test
    void changesShowAtOnceAndReachTheListeners() {
        PeerDirectory peers = new PeerDirectory(List.of(child("alice", "a")));
        List<String> heard = new ArrayList<>();
        peers.addListener(new PeerListener() {
            @Override
            public void peerAdded(PeerConfig peer) {
                heard.add("added " + peer.id());
            }

            @Override
            public void peerChanged(PeerConfig before, PeerConfig after) {
                heard.add("changed " + before.id());
            }

            @Override
            public void peerRemoved(PeerConfig peer) {
                heard.add("removed " + peer.id());
            }
        });
        peers.add(child("carol", "c"));
        assertTrue(peers.authenticate("carol", "c").isPresent());
        assertThrows(IllegalArgumentException.class, () -> peers.add(child("carol", "x")));
        peers.replace(child("carol", "c2"));
        assertFalse(peers.authenticate("carol", "c").isPresent(), "the old token is gone");
        assertTrue(peers.authenticate("carol", "c2").isPresent());
        assertTrue(peers.remove("carol"));
        assertFalse(peers.remove("carol"));
        assertEquals(List.of("alice"), peers.all().stream().map(PeerConfig::id).toList());
        assertEquals(List.of("added carol", "changed carol", "removed carol"), heard);
    }
}
