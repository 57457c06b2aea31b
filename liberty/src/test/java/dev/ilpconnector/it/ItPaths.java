package dev.ilpconnector.it;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are. Failsafe passes the paths as system properties (see liberty/pom.xml);
 * the defaults let a test run from an IDE with the working directory {@code liberty/}.
 */
final class ItPaths {

    private ItPaths() {
    }

    /** The runnable server jar produced by {@code mvn package}. */
    static Path connectorJar() {
        Path jar = Path.of(System.getProperty("ilp.it.connector.jar", "target/ilp-connector.jar"))
                .toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("runnable jar " + jar + " missing: run mvn -B package first");
        }
        return jar;
    }

    /** The JS test tree in the sources (package.json, package-lock.json, scripts). */
    static Path jsSources() {
        return Path.of(System.getProperty("ilp.it.js.src", "src/test/js")).toAbsolutePath();
    }

    /** The copy of the JS test tree where {@code npm ci} runs (under target/). */
    static Path jsWork() {
        return Path.of(System.getProperty("ilp.it.js.dir", "target/js")).toAbsolutePath();
    }

    /** Working files of the ITs: node directories and logs. */
    static Path work() {
        return Path.of(System.getProperty("ilp.it.work", "target/it")).toAbsolutePath();
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
