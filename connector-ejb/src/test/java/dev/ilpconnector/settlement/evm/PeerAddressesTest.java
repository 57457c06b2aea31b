package dev.ilpconnector.settlement.evm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A peer's account from its {@code evm_info} survives a restart of the node (the store). */
class PeerAddressesTest {

    /** anvil's dev accounts 1 and 2, all lower case as a peer may send them. */
    private static final String FIRST = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final String SECOND = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

    @TempDir
    Path dir;

    @Test
    void anAddressLearntBeforeARestartIsKnownAfterIt() throws Exception {
        try (ChannelStore store = ChannelStore.open(dir)) {
            PeerAddresses addresses = new PeerAddresses(store);
            assertEquals(Optional.empty(), addresses.address("bob"));
            addresses.learn("bob", FIRST);
            addresses.learn("bob", FIRST); // every link-up says it again: one line
        }
        assertEquals(1, Files.readAllLines(dir.resolve(ChannelStore.FILE)).size());
        try (ChannelStore store = ChannelStore.open(dir)) {
            PeerAddresses addresses = new PeerAddresses(store);
            assertEquals(Optional.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
                    addresses.address("bob"), "checksummed, as learnt before the restart");
            assertEquals(Optional.empty(), addresses.address("carol"));
            addresses.learn("bob", SECOND);
        }
        try (ChannelStore store = ChannelStore.open(dir)) {
            assertEquals(Optional.of("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"),
                    new PeerAddresses(store).address("bob"), "the later evm_info wins");
        }
    }

    @Test
    void aMalformedAddressIsNotStored() throws Exception {
        try (ChannelStore store = ChannelStore.open(dir)) {
            PeerAddresses addresses = new PeerAddresses(store);
            assertThrows(IllegalArgumentException.class, () -> addresses.learn("bob",
                    "0x70997970C51812dc3A010C7d01b50e0d17dc79c8")); // checksum broken
            assertEquals(Optional.empty(), addresses.address("bob"));
        }
        try (ChannelStore store = ChannelStore.open(dir)) {
            assertEquals(Optional.empty(), new PeerAddresses(store).address("bob"));
        }
    }
}
