package dev.ilpconnector.contracts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Deploys {@code M2MToken}, {@code TokenNetworkRegistry} and the token's {@code TokenNetwork}
 * with web3j, and sends the transactions tests need (fund an account, approve, open a
 * channel, ...), signed with one key. Every transaction is estimated first, so a revert surfaces
 * as a {@link ChainCallException} carrying the contract's custom error.
 *
 * <pre>{@code
 * try (Anvil anvil = Anvil.start()) {
 *     ContractsDeployer deployer = new ContractsDeployer(anvil.web3j(), anvil.credentials(0),
 *             anvil.chainId());
 *     ContractsDeployer.Deployment d = deployer.deploy(ContractsDeployer.DEFAULT_SUPPLY);
 *     deployer.fund(d.token(), nodeAddress, BigInteger.valueOf(1_000_000_000L));
 * }
 * }</pre>
 */
public final class ContractsDeployer {

    /** One billion M2M (6 decimals), minted to the deployer by {@link #deploy(BigInteger)}. */
    public static final BigInteger DEFAULT_SUPPLY = BigInteger.TEN.pow(15);

    private static final long RECEIPT_POLL_MS = 50;
    private static final int RECEIPT_POLLS_MAX = 600;
    private static final BigInteger ETHER_TRANSFER_GAS = BigInteger.valueOf(21_000);

    /** Where the three contracts of one deployment live. */
    public record Deployment(long chainId, String token, String registry, String tokenNetwork) {
    }

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final RawTransactionManager transactions;
    private final PollingTransactionReceiptProcessor receipts;

    public ContractsDeployer(Web3j web3j, Credentials credentials, long chainId) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
        this.receipts = new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MS,
                RECEIPT_POLLS_MAX);
        this.transactions = new RawTransactionManager(web3j, credentials, chainId, receipts);
    }

    /** The same chain, signing with another key (e.g. a channel's sender or receiver). */
    public ContractsDeployer withKey(Credentials other) {
        return new ContractsDeployer(web3j, other, chainId);
    }

    /** The address that signs this deployer's transactions. */
    public String address() {
        return credentials.getAddress();
    }

    /**
     * Deploys M2MToken with {@code initialSupply} units minted to this key, the registry, and
     * the token's TokenNetwork through the registry.
     */
    public Deployment deploy(BigInteger initialSupply) {
        String token = deploy(ContractJson.load(ContractJson.M2M_TOKEN),
                new Uint256(initialSupply));
        String registry = deploy(ContractJson.load(ContractJson.TOKEN_NETWORK_REGISTRY));
        String tokenNetwork = createTokenNetwork(registry, token);
        return new Deployment(chainId, token, registry, tokenNetwork);
    }

    /** Deploys one contract with ABI-encoded constructor arguments; returns its address. */
    public String deploy(ContractJson contract, Type<?>... constructorArgs) {
        String data = contract.bytecode() + FunctionEncoder.encodeConstructor(
                Arrays.asList(constructorArgs));
        TransactionReceipt receipt = send(null, data, "deploy " + contract.name());
        return receipt.getContractAddress();
    }

    /** Creates {@code token}'s TokenNetwork through the registry; returns its address. */
    public String createTokenNetwork(String registry, String token) {
        send(registry, new Function("createTokenNetwork", List.of(new Address(token)),
                List.of()));
        List<Type> out = call(registry, new Function("tokenNetworks", List.of(new Address(token)),
                List.of(new TypeReference<Address>() { })));
        return out.get(0).getValue().toString();
    }

    /** Transfers {@code amount} token units from this key to {@code to}. */
    public TransactionReceipt fund(String token, String to, BigInteger amount) {
        return send(token, new Function("transfer", List.of(new Address(to), new Uint256(amount)),
                List.of()));
    }

    /** Lets {@code spender} (a TokenNetwork) pull up to {@code amount} of this key's tokens. */
    public TransactionReceipt approve(String token, String spender, BigInteger amount) {
        return send(token, new Function("approve",
                List.of(new Address(spender), new Uint256(amount)), List.of()));
    }

    /** The token balance of {@code owner}. */
    public BigInteger balanceOf(String token, String owner) {
        List<Type> out = call(token, new Function("balanceOf", List.of(new Address(owner)),
                List.of(new TypeReference<Uint256>() { })));
        return (BigInteger) out.get(0).getValue();
    }

    /** Sends {@code wei} of ether from this key to {@code to} (gas for a node's own key). */
    public TransactionReceipt sendEther(String to, BigInteger wei) {
        try {
            EthSendTransaction sent = transactions.sendTransaction(gasPrice(), ETHER_TRANSFER_GAS,
                    to, "", wei);
            return awaitReceipt(sent, "send ether to " + to);
        } catch (IOException e) {
            throw new UncheckedIOException("send ether to " + to, e);
        }
    }

    /** Sends a transaction calling {@code function} on {@code contract}; waits for success. */
    public TransactionReceipt send(String contract, Function function) {
        return send(contract, FunctionEncoder.encode(function), function.getName());
    }

    /** Calls a view {@code function} on {@code contract} at the latest block; decodes it. */
    @SuppressWarnings("rawtypes")
    public List<Type> call(String contract, Function function) {
        try {
            EthCall result = web3j.ethCall(Transaction.createEthCallTransaction(address(),
                    contract, FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST)
                    .send();
            if (result.hasError() || result.isReverted()) {
                throw new ChainCallException(function.getName() + " reverted: "
                        + (result.hasError() ? result.getError().getMessage()
                                : result.getRevertReason()), revertData(result.getError()));
            }
            return FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
        } catch (IOException e) {
            throw new UncheckedIOException("eth_call " + function.getName(), e);
        }
    }

    private TransactionReceipt send(String to, String data, String what) {
        try {
            Transaction estimate = to == null
                    ? Transaction.createContractTransaction(address(), null, null, data)
                    : Transaction.createFunctionCallTransaction(address(), null, null, null, to,
                            data);
            EthEstimateGas gas = web3j.ethEstimateGas(estimate).send();
            if (gas.hasError()) {
                throw new ChainCallException(what + " reverted: " + gas.getError().getMessage(),
                        revertData(gas.getError()));
            }
            // a margin over the estimate: state can change between estimate and mining
            BigInteger gasLimit = gas.getAmountUsed().multiply(BigInteger.valueOf(5))
                    .divide(BigInteger.valueOf(4));
            EthSendTransaction sent = transactions.sendTransaction(gasPrice(), gasLimit,
                    to == null ? "" : to, data, BigInteger.ZERO, to == null);
            return awaitReceipt(sent, what);
        } catch (IOException e) {
            throw new UncheckedIOException(what, e);
        }
    }

    private TransactionReceipt awaitReceipt(EthSendTransaction sent, String what)
            throws IOException {
        if (sent.hasError()) {
            throw new ChainCallException(what + " refused: " + sent.getError().getMessage(),
                    revertData(sent.getError()));
        }
        TransactionReceipt receipt;
        try {
            receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
        } catch (TransactionException e) {
            throw new IOException(what + ": no receipt for " + sent.getTransactionHash(), e);
        }
        if (!receipt.isStatusOK()) {
            throw new ChainCallException(what + " failed in tx " + receipt.getTransactionHash(),
                    null);
        }
        return receipt;
    }

    private BigInteger gasPrice() throws IOException {
        return web3j.ethGasPrice().send().getGasPrice();
    }

    private static String revertData(Response.Error error) {
        if (error == null || error.getData() == null) {
            return null;
        }
        String data = error.getData().replace("\"", "").strip();
        return data.startsWith("0x") ? data : null;
    }
}
