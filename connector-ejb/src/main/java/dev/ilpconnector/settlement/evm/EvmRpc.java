package dev.ilpconnector.settlement.evm;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The JSON-RPC calls the engine makes, blocking ({@code send()}, never web3j's own async pool)
 * and each bounded by the configured timeout: callers run on the settlement executor only.
 * Failures are {@link IOException}s (network, timeout, JSON-RPC error).
 */
public final class EvmRpc implements AutoCloseable {

    /** 20% above the node's estimate: state may change between estimate and inclusion. */
    private static final int GAS_MARGIN_PERCENT = 120;

    private final Web3j web3j;
    private final OkHttpClient http;
    private final long chainId;

    public EvmRpc(String url, Duration timeout, long chainId) {
        this.http = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout)
                .readTimeout(timeout).build();
        this.web3j = Web3j.build(new HttpService(url, http));
        this.chainId = chainId;
    }

    public long chainId() throws IOException {
        return check(web3j.ethChainId().send()).getChainId().longValueExact();
    }

    public boolean hasCode(String address) throws IOException {
        String code = check(web3j.ethGetCode(address, DefaultBlockParameterName.LATEST).send())
                .getCode();
        return code != null && !code.equals("0x") && !code.isEmpty();
    }

    /** Calls a view function; its decoded outputs. */
    @SuppressWarnings("rawtypes")
    public List<Type> call(String contract, Function function) throws IOException {
        EthCall result = check(web3j.ethCall(Transaction.createEthCallTransaction(null,
                contract, FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST)
                .send());
        if (result.isReverted()) {
            throw new IOException("call reverted: " + result.getRevertReason());
        }
        return FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
    }

    /** The node says the call reverts as things stand: nothing was sent. */
    public static final class WouldRevertException extends IOException {
        private static final long serialVersionUID = 1L;

        WouldRevertException(String message) {
            super(message);
        }
    }

    /** A signed EIP-1559 transaction, not sent yet: its hash is known before it leaves. */
    public record SignedTx(String hash, String raw) {
    }

    /**
     * Signs a call of {@code function} on {@code contract} at the account's next nonce, with
     * gas estimated (a call that would revert fails here, before anything is sent).
     */
    public SignedTx sign(EvmKey key, String contract, Function function) throws IOException {
        String data = FunctionEncoder.encode(function);
        String from = key.address();
        var estimate = web3j.ethEstimateGas(Transaction.createFunctionCallTransaction(from, null,
                null, null, contract, data)).send();
        if (estimate.hasError()) {
            String message = estimate.getError().getMessage();
            if (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("revert")) {
                throw new WouldRevertException(message);
            }
            throw new IOException("eth_estimateGas: " + message);
        }
        BigInteger gas = estimate.getAmountUsed().multiply(BigInteger.valueOf(GAS_MARGIN_PERCENT))
                .divide(BigInteger.valueOf(100));
        BigInteger nonce = check(web3j.ethGetTransactionCount(from,
                DefaultBlockParameterName.PENDING).send()).getTransactionCount();
        BigInteger tip = check(web3j.ethMaxPriorityFeePerGas().send()).getMaxPriorityFeePerGas();
        BigInteger base = Optional.ofNullable(check(web3j.ethGetBlockByNumber(
                DefaultBlockParameterName.LATEST, false).send()).getBlock().getBaseFeePerGas())
                .orElse(BigInteger.ZERO);
        // Room for the base fee to double before the transaction is included.
        BigInteger maxFee = base.shiftLeft(1).add(tip);
        RawTransaction tx = RawTransaction.createTransaction(chainId, nonce, gas, contract,
                BigInteger.ZERO, data, tip, maxFee);
        byte[] signed = TransactionEncoder.signMessage(tx, key.credentials());
        return new SignedTx(Numeric.toHexString(Hash.sha3(signed)), Numeric.toHexString(signed));
    }

    /**
     * Sends (or sends again) a signed transaction.
     *
     * @return false when the chain has used its nonce already (it was mined, or another
     *         transaction took the nonce: the receipt tells which)
     */
    public boolean broadcast(SignedTx tx) throws IOException {
        var sent = web3j.ethSendRawTransaction(tx.raw()).send();
        if (sent.hasError()) {
            String message = String.valueOf(sent.getError().getMessage()).toLowerCase(
                    java.util.Locale.ROOT);
            if (message.contains("already known") || message.contains("already imported")) {
                return true;
            }
            if (message.contains("nonce too low")) {
                return false;
            }
            throw new IOException("transaction refused: " + sent.getError().getMessage());
        }
        return true;
    }

    public Optional<TransactionReceipt> receipt(String hash) throws IOException {
        return check(web3j.ethGetTransactionReceipt(hash).send()).getTransactionReceipt();
    }

    /** The latest block's number and timestamp (seconds). */
    public record Head(BigInteger number, long timestamp) {
    }

    public Head head() throws IOException {
        var block = check(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()).getBlock();
        return new Head(block.getNumber(), block.getTimestamp().longValueExact());
    }

    /** Logs of {@code address} with {@code topic0} in blocks {@code from..to}. */
    public List<Log> logs(String address, String topic0, BigInteger from, BigInteger to)
            throws IOException {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(from),
                DefaultBlockParameter.valueOf(to), address);
        filter.addSingleTopic(topic0);
        EthLog result = check(web3j.ethGetLogs(filter).send());
        return result.getLogs().stream().map(r -> (Log) r.get()).toList();
    }

    private static <T extends Response<?>> T check(T response) throws IOException {
        if (response.hasError()) {
            throw new IOException("JSON-RPC error " + response.getError().getCode() + ": "
                    + response.getError().getMessage());
        }
        return response;
    }

    @Override
    public void close() {
        // Not web3j.shutdown(): that stops web3j's static pool, shared by every instance (and
        // never used here: no sendAsync, no flowables).
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
