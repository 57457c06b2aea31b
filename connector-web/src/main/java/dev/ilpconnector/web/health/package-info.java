/**
 * MicroProfile Health checks: the node's readiness, the process's liveness, and the state of
 * the BTP links we dial. A peer being down never makes this node unready: the node still serves
 * every other peer, and an orchestrator that pulled it out of service would only spread the
 * outage. Link state is reported as data of an UP readiness check instead.
 *
 * <p>Reads the node; nothing inside the node imports this package.
 */
package dev.ilpconnector.web.health;
