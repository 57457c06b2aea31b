package dev.ilpconnector.node;

import dev.ilpconnector.config.ConfigException;
import dev.ilpconnector.config.SettlementChoice;
import dev.ilpconnector.config.SettlementConfigLoader;
import dev.ilpconnector.settlement.ManualSettlement;
import dev.ilpconnector.settlement.PeerEngines;
import dev.ilpconnector.settlement.SettlementAnswers;
import dev.ilpconnector.settlement.SettlementEngine;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Builds each peer's settlement engine from the config's {@link SettlementChoice}. */
final class SettlementAssembly {

    private SettlementAssembly() {
    }

    /** @throws ConfigException naming {@code settlement.dir} when its store cannot be opened */
    static PeerEngines engines(SettlementChoice choice, ManualSettlement manual) {
        SettlementAnswers answers;
        try {
            answers = choice.dir().isPresent() ? SettlementAnswers.open(choice.dir().get())
                    : SettlementAnswers.inMemory();
        } catch (IOException e) {
            throw new ConfigException(SettlementConfigLoader.DIR, "cannot be opened: " + e);
        }
        Map<String, SettlementEngine> byPeer = new HashMap<>();
        choice.byPeer().forEach((peer, engine) -> {
            if (engine == SettlementChoice.Engine.MANUAL) {
                byPeer.put(peer, manual);
            } else {
                throw new ConfigException("peer." + peer + ".settlement",
                        "is evm: the EVM engine is not in this build yet");
            }
        });
        return new PeerEngines(byPeer, manual, answers);
    }
}
