package dev.ilpconnector.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway private CA and two server certificates it signed, made at test time with the
 * JDK's {@code keytool} under {@code target/it/pki/} (nothing is committed). All stores are
 * PKCS#12 with {@link #PASSWORD}; keys are EC P-256, valid for one day.
 * <ul>
 *   <li>{@link #trustStore()}: the CA certificate only (what an operator hands the node)</li>
 *   <li>{@link #localhost()}: key + chain for {@code localhost} / {@code 127.0.0.1}</li>
 *   <li>{@link #wrongName()}: key + chain for {@code peer.invalid} only (host name mismatch)</li>
 * </ul>
 */
final class TestPki {

    static final String PASSWORD = "it-pki-password";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** Creates a fresh CA and its certificates in a new directory. */
    static TestPki create() throws IOException, InterruptedException {
        Path dir = ItPaths.work().resolve("pki").resolve(
                ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        Files.createDirectories(dir);
        TestPki pki = new TestPki(dir);
        pki.keytool("-genkeypair", "-keystore", "ca.p12", "-alias", "ca",
                "-dname", "CN=ILP connector IT throwaway CA", "-ext", "bc:c");
        pki.keytool("-exportcert", "-keystore", "ca.p12", "-alias", "ca", "-rfc",
                "-file", "ca.crt");
        pki.keytool("-importcert", "-keystore", "trust.p12", "-alias", "ca", "-file", "ca.crt",
                "-noprompt");
        pki.server("localhost", "dns:localhost,ip:127.0.0.1");
        pki.server("wrong-name", "dns:peer.invalid");
        return pki;
    }

    /** The CA certificate, nothing else. */
    Path trustStore() {
        return dir.resolve("trust.p12");
    }

    /** Server key and chain for localhost and 127.0.0.1. */
    Path localhost() {
        return dir.resolve("localhost.p12");
    }

    /** Server key and chain for peer.invalid: trusted CA, wrong host name. */
    Path wrongName() {
        return dir.resolve("wrong-name.p12");
    }

    /** A client TLS context that trusts the CA only (for the JDK's WebSocket client). */
    SSLContext clientContext() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore())) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** name.p12: key pair, certificate signed by the CA with the given SAN, and the CA cert. */
    private void server(String name, String san) throws IOException, InterruptedException {
        String store = name + ".p12";
        keytool("-genkeypair", "-keystore", store, "-alias", "server", "-dname", "CN=" + name);
        keytool("-certreq", "-keystore", store, "-alias", "server", "-file", name + ".csr");
        keytool("-gencert", "-keystore", "ca.p12", "-alias", "ca", "-infile", name + ".csr",
                "-outfile", name + ".crt", "-rfc", "-ext", "san=" + san,
                "-ext", "ku:c=digitalSignature", "-ext", "eku=serverAuth");
        keytool("-importcert", "-keystore", store, "-alias", "ca", "-file", "ca.crt",
                "-noprompt");
        keytool("-importcert", "-keystore", store, "-alias", "server", "-file", name + ".crt");
    }

    private void keytool(String command, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ItPaths.javaExecutable().resolveSibling("keytool").toString());
        cmd.add(command);
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (command.equals("-genkeypair")) {
            cmd.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "1"));
        } else if (command.equals("-gencert")) {
            cmd.addAll(List.of("-validity", "1"));
        }
        Path log = dir.resolve("keytool-" + SEQUENCE.incrementAndGet() + command + ".log");
        try (LoggedProcess keytool = new LoggedProcess("keytool", cmd, dir,
                LoggedProcess.baseEnvironment(), log)) {
            int exit = keytool.awaitExit(KEYTOOL_TIMEOUT);
            if (exit != 0) {
                throw new AssertionError("keytool " + command + " failed (exit " + exit + "); log "
                        + log + ":\n" + keytool.tail());
            }
        }
    }
}
