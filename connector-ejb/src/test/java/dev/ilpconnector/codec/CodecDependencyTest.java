package dev.ilpconnector.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * House rule (STYLE.md): the codec packages are plain Java. Scans their main sources (and
 * Limits) and fails on any jakarta.* or MicroProfile import or qualified use.
 */
class CodecDependencyTest {

    private static final Path MAIN = Path.of("src/main/java/dev/ilpconnector");
    /** javax.crypto is the JDK's own (module java.base), which STREAM's crypto needs. */
    private static final Pattern FORBIDDEN =
            Pattern.compile("\\b(jakarta|javax(?!\\.crypto\\.)|org\\.eclipse\\.microprofile)\\.");

    @Test
    void codecImportsNoJakartaNorMicroProfile() throws IOException {
        assertTrue(Files.isDirectory(MAIN.resolve("codec")),
                "run from the connector-ejb module directory");
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN.resolve("codec"))) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
        }
        sources.add(MAIN.resolve("Limits.java"));
        assertTrue(sources.size() > 20, "found only " + sources.size() + " sources");
        List<String> offences = new ArrayList<>();
        for (Path source : sources) {
            List<String> lines = Files.readAllLines(source);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).trim();
                if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                    continue; // comments may name what the package must not import
                }
                if (FORBIDDEN.matcher(code).find()) {
                    offences.add(source + ":" + (i + 1) + ": " + code);
                }
            }
        }
        assertEquals(List.of(), offences);
    }
}
