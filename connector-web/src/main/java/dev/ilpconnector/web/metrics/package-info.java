/**
 * The node's Prometheus metrics at {@code /metrics}: the plain-Java
 * {@link dev.ilpconnector.metrics.PacketMetrics} on MicroProfile Metrics 5.1, attached to the
 * node's telemetry hub when the application starts.
 *
 * <p>Reads the node; nothing inside the node imports this package.
 */
package dev.ilpconnector.web.metrics;
