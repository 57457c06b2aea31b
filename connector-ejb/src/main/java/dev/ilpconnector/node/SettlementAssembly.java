package dev.ilpconnector.node;

import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.EvmChainCheck;
import dev.ilpconnector.config.EvmSettlementConfig;
import dev.ilpconnector.config.SettlementChoice;
import dev.ilpconnector.config.SettlementConfigLoader;
import dev.ilpconnector.packetswitch.LinkRegistry;
import dev.ilpconnector.peer.PeerConfig;
import dev.ilpconnector.settlement.ManualSettlement;
import dev.ilpconnector.settlement.PeerEngines;
import dev.ilpconnector.settlement.SettlementAnswers;
import dev.ilpconnector.settlement.SettlementEngine;
import dev.ilpconnector.settlement.evm.EvmNode;
import dev.ilpconnector.settlement.evm.EvmRpc;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds each peer's settlement engine from the config's {@link SettlementChoice}. */
final class SettlementAssembly {

    private SettlementAssembly() {
    }

    /**
     * Checks the chain and opens the EVM engine's store when a peer settles on EVM.
     *
     * @throws ConfigException naming the key the chain contradicts, or {@code settlement.dir}
     */
    static Optional<EvmNode> evm(SettlementChoice choice, LinkRegistry links,
                                 Function<String, Optional<PeerConfig>> peers,
                                 ScheduledExecutorService executor) {
        if (choice.evm().isEmpty()) {
            return Optional.empty();
        }
        EvmSettlementConfig config = choice.evm().get();
        EvmRpc rpc = new EvmRpc(config.rpcUrl(), config.rpcTimeout(), config.chainId());
        try {
            EvmChainCheck.Facts facts = EvmChainCheck.check(config, rpc);
            return Optional.of(EvmNode.open(config, rpc, facts.tokenNetwork(), facts.decimals(),
                    choice.dir().orElseThrow(), links, peers, executor, choice.byPeer().entrySet()
                            .stream().filter(e -> e.getValue() == SettlementChoice.Engine.EVM)
                            .map(Map.Entry::getKey).collect(Collectors.toSet())));
        } catch (IOException e) {
            rpc.close();
            throw new ConfigException(SettlementConfigLoader.DIR, "cannot be opened: " + e);
        } catch (RuntimeException e) {
            rpc.close();
            throw e;
        }
    }

    /** @throws ConfigException naming {@code settlement.dir} when its store cannot be opened */
    static PeerEngines engines(SettlementChoice choice, ManualSettlement manual,
                               Optional<EvmNode> evm) {
        SettlementAnswers answers;
        try {
            answers = choice.dir().isPresent() ? SettlementAnswers.open(choice.dir().get())
                    : SettlementAnswers.inMemory();
        } catch (IOException e) {
            throw new ConfigException(SettlementConfigLoader.DIR, "cannot be opened: " + e);
        }
        Map<String, SettlementEngine> byPeer = new HashMap<>();
        choice.byPeer().forEach((peer, engine) -> byPeer.put(peer,
                engine == SettlementChoice.Engine.EVM ? evm.orElseThrow().engine() : manual));
        return new PeerEngines(byPeer, manual, answers);
    }
}
