/**
 * The EVM payment-channel contracts as the Java side sees them, and a real local chain for tests.
 *
 * <p>{@link dev.ilpconnector.contracts.ContractJson} loads the ABI and bytecode that solc-js
 * compiled from {@code contracts/src/*.sol} into this jar ({@code M2MToken},
 * {@code TokenNetworkRegistry}, {@code TokenNetwork}). {@link dev.ilpconnector.contracts.Anvil}
 * runs the anvil node from {@code contracts/node_modules} on a free loopback port, and
 * {@link dev.ilpconnector.contracts.ContractsDeployer} deploys the contracts there and funds
 * accounts with web3j. Tests of other modules depend on this jar in test scope; nothing here is
 * part of the connector at run time.
 */
package dev.ilpconnector.contracts;
