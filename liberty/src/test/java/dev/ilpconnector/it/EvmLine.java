package dev.ilpconnector.it;

import dev.ilpconnector.contracts.Anvil;
import dev.ilpconnector.contracts.ContractsDeployer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The two-node line the EVM ITs share, on one anvil: child {@code alice} → node A → peer link
 * → node B → child {@code sink}. A (anvil key 1) settles with B (key 2) through a channel once
 * A owes B {@code aSettleThreshold}; alice and the sink settle by hand. Each IT adds its own
 * keys to the two configurations before it starts the nodes.
 */
record EvmLine(Map<String, String> a, Map<String, String> b) {

    static EvmLine of(Anvil anvil, ContractsDeployer.Deployment chain, Path dir,
                      String aSettleThreshold) {
        int[] ports = Ports.free(2);
        Map<String, String> b = node("test.b", anvil, chain, 2, dir.resolve("b"));
        b.put("HTTP_PORT", Integer.toString(ports[1]));
        b.put("CONNECTOR_PEERS", "a,sink");
        ConnectorProcess.peer(b, "a", "RELATION", "peer", "BTP_TOKEN", "a-token",
                "MIN_BALANCE", "-100000");
        ConnectorProcess.peer(b, "sink", "RELATION", "child", "BTP_TOKEN", "sink-token",
                "SETTLEMENT", "manual", "SETTLE_THRESHOLD", "1000000000");
        Map<String, String> a = node("test.a", anvil, chain, 1, dir.resolve("a"));
        a.put("HTTP_PORT", Integer.toString(ports[0]));
        a.put("CONNECTOR_PEERS", "alice,b");
        ConnectorProcess.peer(a, "alice", "RELATION", "child", "BTP_TOKEN", "alice-token",
                "MIN_BALANCE", "-100000", "SETTLEMENT", "manual");
        ConnectorProcess.peer(a, "b", "RELATION", "peer", "BTP_URL",
                "btp+ws://a:a-token@127.0.0.1:" + ports[1] + "/btp", "ROUTES", "test.b",
                "SETTLE_THRESHOLD", aSettleThreshold, "SETTLE_TO", "0");
        return new EvmLine(a, b);
    }

    /** A node on the anvil's contracts, signing with anvil's dev key {@code key}. */
    static Map<String, String> node(String address, Anvil anvil,
                                    ContractsDeployer.Deployment chain, int key, Path dir) {
        return ConnectorProcess.config(
                "ILP_ADDRESS", address,
                "ADMIN_API_TOKEN", EvmSettlementIT.ADMIN,
                "ASSET_CODE", "USD", "ASSET_SCALE", "6",
                "LEDGER_DIR", dir.resolve("ledger").toString(),
                "SETTLEMENT_DIR", dir.resolve("settlement").toString(),
                "NETWORK_MODE", "testnet",
                "BASE_L2_RPC_URL", anvil.rpcUrl(),
                "M2M_TOKEN_ADDRESS", chain.token(),
                "TOKEN_NETWORK_REGISTRY", chain.registry(),
                "EVM_PRIVATE_KEY", anvil.privateKeys().get(key),
                "SETTLEMENT_EVM_MIN_SETTLE_TIMEOUT", "60",
                "SETTLEMENT_EVM_SETTLE_TIMEOUT", "60");
    }
}
