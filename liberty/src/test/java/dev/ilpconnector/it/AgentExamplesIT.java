package dev.ilpconnector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The business-logic examples of {@code examples/} work as documented: the TypeScript one
 * passes {@code npm ci && npm test && npm run build}, and each of them, started as its README
 * says, is paid by an agent: a JS STREAM sender pays 300,000 by SPSP and the example counts it.
 * Both are the business logic of one node, one after the other on the same port.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class AgentExamplesIT {

    private static final long AMOUNT = 300_000;
    private static final Pattern LISTENING = Pattern.compile("business logic listening on");

    /** The repository's examples/ (ilp.it.js.src is liberty/src/test/js). */
    private static Path examples() {
        return ItPaths.jsSources().toAbsolutePath().getParent().getParent().getParent()
                .getParent().resolve("examples");
    }

    @Test
    void bothExamplesArePaidByTheAgent() throws Exception {
        NodeJs js = NodeJs.installed();
        Path ts = copy(examples().resolve("business-logic-typescript"),
                ItPaths.work().resolve("examples/business-logic-typescript"));
        for (String script : List.of("ci", "test", "run build")) {
            List<String> command = new java.util.ArrayList<>(List.of(
                    System.getProperty("ilp.it.npm", "npm")));
            command.addAll(List.of(script.split(" ")));
            command.addAll(List.of("--no-audit", "--no-fund"));
            try (LoggedProcess npm = new LoggedProcess("npm-" + script.replace(' ', '-'),
                    command, ts, LoggedProcess.baseEnvironment(),
                    ItPaths.work().resolve("js-logs/example-npm-" + script.replace(' ', '-')
                            + ".log"))) {
                assertEquals(0, npm.awaitExit(NodeJs.NPM_CI_TIMEOUT), "npm " + script + ":\n"
                        + npm.tail());
            }
        }
        int port = Ports.free();
        Map<String, String> env = LoggedProcess.baseEnvironment();
        env.put("PORT", Integer.toString(port));
        Map<String, String> config = AgentIT.shop("agent-examples-it", "http://127.0.0.1:" + port);
        try (ConnectorProcess node = ConnectorProcess.startReady("agent-examples-it", config)) {
            try (LoggedProcess example = new LoggedProcess("example-ts", List.of(
                    System.getProperty("ilp.it.node", "node"), "dist/src/server.js"), ts, env,
                    ItPaths.work().resolve("js-logs/example-ts.log"))) {
                example.awaitLine(LISTENING, Duration.ofSeconds(30));
                paid(js, node, example, "ts-" + System.nanoTime());
            }
            Path java = ItPaths.javaExecutable();
            try (LoggedProcess example = new LoggedProcess("example-java", List.of(
                    java.toString(), "BusinessLogic.java"),
                    examples().resolve("business-logic-java"), env,
                    ItPaths.work().resolve("js-logs/example-java.log"))) {
                example.awaitLine(LISTENING, Duration.ofSeconds(60));
                paid(js, node, example, "java-" + System.nanoTime());
            }
        }
    }

    /** Pays the example by SPSP and waits until it has counted the whole amount. */
    private static void paid(NodeJs js, ConnectorProcess node, LoggedProcess example,
                             String paymentId) throws Exception {
        AgentSender.Result r = AgentSender.pay(js, node, node.agentUri() + "/" + paymentId
                + "?product=p1", AMOUNT, Duration.ofSeconds(60));
        assertEquals(0, r.exit(), r.output());
        assertEquals(AMOUNT, r.delivered());
        example.awaitLine(Pattern.compile("paid paymentId=" + paymentId + " .*total=" + AMOUNT
                + "\\b.*p1"), Duration.ofSeconds(10));
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(f);
                if (rel.startsWith("node_modules") || rel.startsWith("dist")) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}
