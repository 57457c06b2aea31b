package dev.ilpconnector.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One compiled contract as {@code scripts/compile.js} wrote it into this jar:
 * {@code dev/ilpconnector/contracts/<name>.json} holding {@code {contractName, abi, bytecode}}.
 */
public final class ContractJson {

    public static final String M2M_TOKEN = "M2MToken";
    public static final String TOKEN_NETWORK_REGISTRY = "TokenNetworkRegistry";
    public static final String TOKEN_NETWORK = "TokenNetwork";

    private static final String RESOURCE_DIR = "dev/ilpconnector/contracts/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String abi;
    private final String bytecode;

    private ContractJson(String name, String abi, String bytecode) {
        this.name = name;
        this.abi = abi;
        this.bytecode = bytecode;
    }

    /** Loads {@code name}'s ABI and creation bytecode from the class path. */
    public static ContractJson load(String name) {
        String resource = RESOURCE_DIR + name + ".json";
        try (InputStream in = ContractJson.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no compiled contract " + resource
                        + " on the class path (the contracts module's build writes it)");
            }
            JsonNode root = JSON.readTree(in);
            String bytecode = root.path("bytecode").asText("");
            if (!root.path("abi").isArray() || !bytecode.matches("0x[0-9a-f]+")) {
                throw new IllegalArgumentException(resource + " lacks an abi array or bytecode");
            }
            return new ContractJson(name, root.get("abi").toString(), bytecode);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The contract's name, e.g. {@code TokenNetwork}. */
    public String name() {
        return name;
    }

    /** The ABI as a JSON array text. */
    public String abi() {
        return abi;
    }

    /** The creation bytecode, {@code 0x}-prefixed hex, without constructor arguments. */
    public String bytecode() {
        return bytecode;
    }

    @Override
    public String toString() {
        return "ContractJson[" + name + ", " + (bytecode.length() - 2) / 2 + " bytes]";
    }
}
