package dev.ilpconnector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ilpconnector.config.SettlementChoice.Engine;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.peer.Relation;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which engine settles with which peer, and the EVM keys' checks that need no chain. */
class SettlementChoiceTest {

    /** anvil's dev account 0: the seed's sample EVM_PRIVATE_KEY. */
    static final String DEV_KEY_0 =
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    /** Not a dev key: any scalar in range will do. */
    static final String OTHER_KEY =
            "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    static final String TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    static final String REGISTRY = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";

    private final List<PeerConfig> peers = List.of(peer("alice"), peer("bob"));
    private final Map<String, String> values = new HashMap<>();
    private final Optional<Path> ledgerDir = Optional.of(Path.of("/var/lib/node/ledger"));

    private SettlementChoice load() {
        return SettlementConfigLoader.engines(key -> Optional.ofNullable(values.get(key)),
                peers, ledgerDir);
    }

    private void evm() {
        values.put("evm.private.key", DEV_KEY_0);
        values.put("m2m.token.address", TOKEN);
        values.put("token.network.registry", REGISTRY);
        values.put("base.l2.rpc.url", "http://127.0.0.1:8545");
    }

    @Test
    void noEvmKeySetMeansManualForEveryPeer() {
        SettlementChoice choice = load();

        assertEquals(Engine.MANUAL, choice.engineOf("alice"));
        assertEquals(Engine.MANUAL, choice.engineOf("bob"));
        assertTrue(choice.evm().isEmpty());
        assertEquals(Optional.of(Path.of("/var/lib/node/settlement")), choice.dir());
    }

    @Test
    void evmIsTheDefaultOnceConfiguredAndAPeerMayStayManual() {
        evm();
        values.put("peer.bob.settlement", "manual");

        SettlementChoice choice = load();

        assertEquals(Engine.EVM, choice.engineOf("alice"));
        assertEquals(Engine.MANUAL, choice.engineOf("bob"));
        EvmSettlementConfig config = choice.evm().orElseThrow();
        assertEquals(84_532, config.chainId());
        assertEquals("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", config.key().address());
    }

    @Test
    void mainnetIsBase() {
        evm();
        values.put("evm.private.key", OTHER_KEY);
        values.put("network.mode", "MAINNET");

        assertEquals(8_453, load().evm().orElseThrow().chainId());
    }

    @Test
    void theKeyIsNeverPrinted() {
        evm();
        EvmSettlementConfig config = load().evm().orElseThrow();

        assertFalse(config.toString().contains(DEV_KEY_0.substring(2)), config.toString());
        assertFalse(config.key().toString().contains(DEV_KEY_0.substring(2)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "settlement.preference|xrp|config error: settlement.preference 'xrp' has no engine yet",
        "settlement.preference|both|config error: settlement.preference 'both' has no engine",
        "peer.bob.settlement|aptos|config error: peer.bob.settlement 'aptos' has no engine yet",
        "peer.bob.settlement|paypal|config error: peer.bob.settlement must be evm or manual",
        "network.mode|devnet|config error: network.mode must be testnet or mainnet",
        "m2m.token.address|0x5fbdb2315678afecb367f032d93f642f64180aa|config error:"
            + " m2m.token.address must be 0x and 40 hex digits",
        "m2m.token.address|0x5FbDB2315678afecb367f032d93F642f64180AA3|config error:"
            + " m2m.token.address fails its EIP-55 checksum",
        "token.network.registry|0x0000000000000000000000000000000000000000|config error:"
            + " token.network.registry is the zero address",
        "evm.private.key|0x1234|config error: evm.private.key must be 32 bytes as 64 hex digits",
        "evm.private.key|FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141|config"
            + " error: evm.private.key is out of range for secp256k1",
        "evm.private.key|0000000000000000000000000000000000000000000000000000000000000000|config"
            + " error: evm.private.key is out of range for secp256k1",
        "network.mode|mainnet|config error: evm.private.key is one of anvil's public dev keys",
        "key.backend|aws-kms|config error: key.backend 'aws-kms' is not available yet",
        "base.l2.rpc.url|ws://127.0.0.1:8545|config error: base.l2.rpc.url must be an http(s)",
        "settlement.dir|none|config error: settlement.dir must be a directory: EVM settlement",
        "settlement.evm.min.settle.timeout|0|config error: settlement.evm.min.settle.timeout"
            + " must be an integer 1..",
    })
    void badEvmValueStopsStartUpNamingTheKey(String key, String value, String message) {
        evm();
        values.put(key, value);

        ConfigException e = assertThrows(ConfigException.class, this::load);

        assertTrue(e.getMessage().startsWith(message), e.getMessage());
        assertFalse(e.getMessage().contains("ac0974bec39a17e36ba4a6b4d238ff944bacb478"),
                "the key is never quoted");
    }

    @Test
    void aMissingAddressIsNamed() {
        evm();
        values.remove("token.network.registry");

        ConfigException e = assertThrows(ConfigException.class, this::load);

        assertEquals("token.network.registry", e.key());
    }

    @Test
    void askingForEvmWithoutItsKeysStopsStartUp() {
        values.put("peer.alice.settlement", "evm");

        ConfigException e = assertThrows(ConfigException.class, this::load);

        assertEquals("peer.alice.settlement", e.key());
    }

    private static PeerConfig peer(String id) {
        return new PeerConfig(id, Relation.CHILD, Optional.empty(), Optional.of(id + "-token"),
                "USD", 6, 0L, 0, List.of());
    }
}
