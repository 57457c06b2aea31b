package dev.ilpconnector.config;

import dev.ilpconnector.settlement.evm.EvmRpc;
import dev.ilpconnector.settlement.evm.TokenNetworkAbi;
import dev.ilpconnector.settlement.evm.TokenNetworkClient;
import java.io.IOException;
import java.math.BigInteger;

/**
 * The start-up checks of EVM settlement that need the chain: the RPC answers with
 * {@code NETWORK_MODE}'s chain id, there is code at the token and the registry, and the
 * registry names a token network (with code) for the token. Each failure stops start-up with
 * one line naming the key.
 */
public final class EvmChainCheck {

    /** What the chain told us. */
    public record Facts(String tokenNetwork, int decimals) {
    }

    private EvmChainCheck() {
    }

    /** @throws ConfigException naming the key whose value the chain contradicts */
    public static Facts check(EvmSettlementConfig config, EvmRpc rpc) {
        try {
            long chainId = rpc.chainId();
            if (chainId != config.chainId()) {
                throw new ConfigException(EvmSettlementConfig.NETWORK_MODE, "is "
                        + config.mode().name().toLowerCase(java.util.Locale.ROOT)
                        + " (chain " + config.chainId() + ") but "
                        + EvmSettlementConfig.RPC_URL + " serves chain " + chainId);
            }
            if (!rpc.hasCode(config.token())) {
                throw new ConfigException(EvmSettlementConfig.TOKEN, "has no contract code at "
                        + config.token() + " on chain " + chainId);
            }
            if (!rpc.hasCode(config.registry())) {
                throw new ConfigException(EvmSettlementConfig.REGISTRY, "has no contract code"
                        + " at " + config.registry() + " on chain " + chainId);
            }
            String network = TokenNetworkClient.networkOf(rpc, config.registry(),
                    config.token()).orElseThrow(() -> new ConfigException(
                            EvmSettlementConfig.TOKEN, "has no TokenNetwork in the registry "
                            + config.registry()));
            if (!rpc.hasCode(network)) {
                throw new ConfigException(EvmSettlementConfig.REGISTRY, "names TokenNetwork "
                        + network + " for the token, which has no code");
            }
            int decimals = ((BigInteger) rpc.call(config.token(), TokenNetworkAbi.decimals())
                    .get(0).getValue()).intValueExact();
            return new Facts(network, decimals);
        } catch (IOException e) {
            throw new ConfigException(EvmSettlementConfig.RPC_URL, "does not answer: "
                    + e.getMessage());
        }
    }
}
