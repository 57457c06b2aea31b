/**
 * The console's HTTP side: the security headers on every file of {@code /explorer/}. The
 * console itself is a static React app (src/main/frontend) that talks to {@code /admin} with
 * the operator's token and to the feed with a one-time ticket. Imports nothing of the connector.
 */
package dev.ilpconnector.explorer.web;
