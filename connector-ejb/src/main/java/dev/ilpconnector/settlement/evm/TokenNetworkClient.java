package dev.ilpconnector.settlement.evm;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Our account's view of one TokenNetwork: reads channels, and sends the transactions of the
 * engine, each under an idempotency key: the signed transaction's hash is in the
 * {@link ChannelStore} before it is broadcast, so a retry (or a restart) finds it, waits for
 * its receipt or sends the same bytes again, and never pays twice. Blocking; called on the
 * settlement executor only. One transaction at a time (the account's nonces are sequential).
 */
public final class TokenNetworkClient {

    private static final Logger LOG = Logger.getLogger(TokenNetworkClient.class.getName());
    private static final long RECEIPT_POLL_MS = 200;

    private final EvmRpc rpc;
    private final EvmKey key;
    private final String tokenNetwork;
    private final String token;
    private final ChannelStore store;
    private final Duration receiptWait;

    /**
     * @param receiptWait how long one call waits for a receipt before it gives up for now (the
     *                    transaction stays known under its key)
     */
    public TokenNetworkClient(EvmRpc rpc, EvmKey key, String tokenNetwork, String token,
                              ChannelStore store, Duration receiptWait) {
        this.rpc = rpc;
        this.key = key;
        this.tokenNetwork = EvmAddress.parse(tokenNetwork);
        this.token = EvmAddress.parse(token);
        this.store = store;
        this.receiptWait = receiptWait;
    }

    /** A transaction that was mined and reverted: it certainly did nothing. */
    public static final class RevertedException extends Exception {
        private static final long serialVersionUID = 1L;

        RevertedException(String message) {
            super(message);
        }
    }

    public String tokenNetwork() {
        return tokenNetwork;
    }

    public String address() {
        return key.address();
    }

    public EvmRpc rpc() {
        return rpc;
    }

    public TokenNetworkAbi.ChannelView channel(BigInteger channelId) throws IOException {
        return TokenNetworkAbi.ChannelView.of(rpc.call(tokenNetwork,
                TokenNetworkAbi.getChannel(channelId)));
    }

    /** The contract's EIP-712 digest of {@code claim}. */
    public byte[] claimDigest(Claim claim) throws IOException {
        return ((Bytes32) rpc.call(tokenNetwork, TokenNetworkAbi.claimDigest(claim)).get(0))
                .getValue();
    }

    public BigInteger tokenBalance(String account) throws IOException {
        return (BigInteger) rpc.call(token, TokenNetworkAbi.balanceOf(account)).get(0)
                .getValue();
    }

    /**
     * Opens a channel to {@code receiver} with {@code deposit}: approves the token network,
     * then opens.
     *
     * @return the new channel's id
     */
    public BigInteger openChannel(String idempotencyKey, String receiver, BigInteger deposit,
                                  long settleTimeout) throws IOException, RevertedException {
        submit("approve-open:" + idempotencyKey, token,
                TokenNetworkAbi.approve(tokenNetwork, deposit));
        TransactionReceipt receipt = submit("open:" + idempotencyKey, tokenNetwork,
                TokenNetworkAbi.openChannel(receiver, deposit, settleTimeout));
        for (Log log : receipt.getLogs()) {
            if (EvmAddress.same(log.getAddress(), tokenNetwork)
                    && log.getTopics().get(0).equals(TokenNetworkAbi.CHANNEL_OPENED_TOPIC)) {
                return Numeric.toBigInt(log.getTopics().get(1));
            }
        }
        throw new IOException("openChannel mined without ChannelOpened: " + receipt
                .getTransactionHash());
    }

    /** Raises the channel's deposit to {@code total} (approving the difference first). */
    public void deposit(String idempotencyKey, BigInteger channelId, BigInteger current,
                        BigInteger total) throws IOException, RevertedException {
        submit("approve-deposit:" + idempotencyKey, token,
                TokenNetworkAbi.approve(tokenNetwork, total.subtract(current)));
        submit("deposit:" + idempotencyKey, tokenNetwork,
                TokenNetworkAbi.deposit(channelId, total));
    }

    /** Any other call of the token network (close, update, settle, claim) under a key. */
    public TransactionReceipt send(String idempotencyKey, Function function)
            throws IOException, RevertedException {
        return submit(idempotencyKey, tokenNetwork, function);
    }

    private synchronized TransactionReceipt submit(String txKey, String contract,
                                                   Function function)
            throws IOException, RevertedException {
        Optional<String> known = store.tx(txKey);
        EvmRpc.SignedTx tx;
        if (known.isPresent()) {
            String[] parts = known.get().split(" ");
            tx = new EvmRpc.SignedTx(parts[0], parts[1]);
            Optional<TransactionReceipt> mined = rpc.receipt(tx.hash());
            if (mined.isPresent()) {
                return checked(txKey, mined.get());
            }
            if (!rpc.broadcast(tx) && rpc.receipt(tx.hash()).isEmpty()) {
                // Its nonce went to another transaction: this one can never be mined.
                LOG.warning("event=evm_tx_replaced key=" + txKey + " tx=" + tx.hash());
                tx = fresh(txKey, contract, function);
            }
        } else {
            tx = fresh(txKey, contract, function);
        }
        return checked(txKey, awaitReceipt(tx));
    }

    private EvmRpc.SignedTx fresh(String txKey, String contract, Function function)
            throws IOException, RevertedException {
        EvmRpc.SignedTx tx;
        try {
            tx = rpc.sign(key, contract, function);
        } catch (EvmRpc.WouldRevertException e) {
            throw new RevertedException(function.getName() + " would revert: " + e.getMessage());
        }
        store.recordTx(txKey, tx.hash() + " " + tx.raw());
        LOG.info("event=evm_tx_sent key=" + txKey + " call=" + function.getName() + " tx="
                + tx.hash());
        rpc.broadcast(tx);
        return tx;
    }

    private TransactionReceipt awaitReceipt(EvmRpc.SignedTx tx) throws IOException {
        long end = System.nanoTime() + receiptWait.toNanos();
        while (true) {
            Optional<TransactionReceipt> mined = rpc.receipt(tx.hash());
            if (mined.isPresent()) {
                return mined.get();
            }
            if (System.nanoTime() > end) {
                throw new IOException("transaction " + tx.hash() + " not mined within "
                        + receiptWait);
            }
            try {
                Thread.sleep(RECEIPT_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + tx.hash(), e);
            }
        }
    }

    private static TransactionReceipt checked(String txKey, TransactionReceipt receipt)
            throws RevertedException {
        if (!receipt.isStatusOK()) {
            throw new RevertedException("transaction " + receipt.getTransactionHash() + " for "
                    + txKey + " reverted");
        }
        return receipt;
    }

    /** The TokenNetwork the registry names for {@code token}; empty when none. */
    public static Optional<String> networkOf(EvmRpc rpc, String registry, String token)
            throws IOException {
        String found = ((Address) rpc.call(registry, TokenNetworkAbi.tokenNetworks(token))
                .get(0)).getValue();
        return new BigInteger(Numeric.cleanHexPrefix(found), 16).signum() == 0
                ? Optional.empty() : Optional.of(EvmAddress.parse(found));
    }
}
