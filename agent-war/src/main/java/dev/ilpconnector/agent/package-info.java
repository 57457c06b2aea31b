/**
 * The agent runtime (docs/agent.md): an SPSP + STREAM receiver on its own port that turns
 * incoming ILP payments into calls to the operator's business logic. {@code AgentRuntime} wires
 * it from the node's configuration and attaches it to the node's local delivery while the WAR
 * runs; the JAX-RS resources serve the agent port's root.
 */
package dev.ilpconnector.agent;
