/**
 * The connector core. {@link dev.ilpconnector.Limits} names every size, count and time bound
 * the codecs enforce, with its unit and RFC reference; the sub-packages are described in
 * docs/architecture.md.
 *
 * <p>Plain Java: imports no {@code jakarta.*}.
 */
package dev.ilpconnector;
