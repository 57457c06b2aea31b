/**
 * The running node: reads the configuration once, builds the ledger, routing table and packet
 * switch, and hands them to the web module (BTP links, admin API, health). The only package of
 * the core that uses Jakarta EE (an EJB singleton) and MicroProfile Config.
 */
package dev.ilpconnector.node;
