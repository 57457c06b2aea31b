package dev.ilpconnector.node;

import dev.ilpconnector.accounting.LedgerAccounting;
import dev.ilpconnector.ledger.LedgerStatus;
import dev.ilpconnector.settlement.ManualSettlement;
import dev.ilpconnector.settlement.Settlements;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * The node's accounting as an EJB singleton, for the admin API and health checks: peer
 * balances, the ledger's status and the settlements that follow them. The switch holds and
 * commits through the assembly's {@link LedgerAccounting}, never through this bean.
 */
@Singleton
@Startup
@DependsOn("ConnectorNode")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeAccounting {

    @EJB
    private ConnectorNode node;

    private NodeAssembly assembly;

    @PostConstruct
    void start() {
        assembly = node.assembly();
    }

    /**
     * The peer's balance as the ledger has it now.
     *
     * @throws IllegalArgumentException for an unknown peer
     * @throws IllegalStateException    when the ledger does not answer in time
     */
    public PeerBalance balance(String peerId) {
        return assembly.balance(peerId);
    }

    /** Which ledger, whether durable, whether reachable now; never blocks. */
    public LedgerStatus ledgerStatus() {
        return assembly.ledgerStatus();
    }

    /** Balance policy, settlements in flight, incoming settlements. */
    public Settlements settlements() {
        return assembly.settlements();
    }

    /** The settlement requests waiting for an operator. */
    public ManualSettlement manualSettlement() {
        return assembly.manualSettlement();
    }
}
