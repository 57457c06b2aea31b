/**
 * Reads and validates the node's configuration once at start-up. A bad or missing value stops
 * start-up with one line naming the key ({@link dev.ilpconnector.config.ConfigException}).
 *
 * <p>Plain Java: values come in through a lookup function, so MicroProfile Config (env vars
 * win) feeds it in the server and a map feeds it in tests.
 */
package dev.ilpconnector.config;
