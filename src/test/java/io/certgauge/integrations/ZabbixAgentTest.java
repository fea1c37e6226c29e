package io.certgauge.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certgauge.Application;
import io.certgauge.demo.DemoTlsServer;
import io.certgauge.demo.LoopbackPki;
import io.certgauge.testing.Programs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent-only setup for real: zabbix_agent2 in its test mode ({@code -t}: run one item, print
 * it, exit; it never listens) with a minimal configuration that includes {@code
 * userparameter_certgauge.conf}, against a daemon in this JVM probing TLS servers on loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZabbixAgentTest {

    private static final Path USER_PARAMETERS =
            Path.of("zabbix-templates", "userparameter_certgauge.conf");

    /** The passive agent's registered port; the test agent must never take it. */
    private static final int STANDARD_AGENT_PORT = 10050;

    /** The test mode prints {@code KEY [TYPE|VALUE]}; the type is one letter. */
    private static final Pattern TEST_OUTPUT =
            Pattern.compile("\\[[a-z]\\|(.*)]\\s*$", Pattern.DOTALL);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private Path agent;
    private Path config;
    private boolean standardPortOpenBefore;
    private final LoopbackPki pki = new LoopbackPki();
    private Application app;
    private String url;

    @BeforeAll
    void startDaemonAndWriteAgentConfig(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        agent = Programs.require("zabbix_agent2");
        Programs.require("curl");
        standardPortOpenBefore = accepts(STANDARD_AGENT_PORT);
        DemoTlsServer web = pki.serve("web.certgauge.test", 200);
        DemoTlsServer shop = pki.serve("shop.certgauge.test", 20);
        pki.writeCaFile(dir.resolve("ca.pem"));
        Path targets =
                Files.writeString(
                        dir.resolve("targets.yaml"),
                        String.join(
                                "\n",
                                "defaults: {interval: 1h}",
                                "targets:",
                                target("web", web, "{owner: web-team, department: web}"),
                                target("shop", shop, "{owner: shop-team}"),
                                ""));

        app =
                Application.start(
                        targets,
                        new Application.Settings(new InetSocketAddress("127.0.0.1", 0), false),
                        LoopbackPki.clock());
        app.awaitFirstRound();
        url = "http://127.0.0.1:" + app.port();

        config = writeAgentConfig();
    }

    @AfterAll
    void stopDaemon() {
        if (app != null) {
            app.close();
        }
        pki.close();
    }

    @AfterEach
    void nothingListensOnTheStandardAgentPort() throws IOException {
        assertThat(accepts(STANDARD_AGENT_PORT))
                .as("something listens on port %d", STANDARD_AGENT_PORT)
                .isEqualTo(standardPortOpenBefore);
    }

    @Test
    void theTargetsKeyPrintsEveryTargetsVerdict() throws Exception {
        JsonNode targets = JSON.readTree(agentTest("certgauge.targets[" + url + "]"));

        assertThat(targets.fieldNames()).toIterable().containsExactlyInAnyOrder("web", "shop");
        assertThat(targets.get("web").get("probe_ok").asInt()).isEqualTo(1);
        assertThat(targets.get("web").get("days_left").asDouble()).isCloseTo(200, within(0.01));
        assertThat(targets.get("web").get("status").asText()).isEqualTo("ok");
        assertThat(targets.get("shop").get("days_left").asDouble()).isCloseTo(20, within(0.01));
        assertThat(targets.get("shop").get("status").asText()).isEqualTo("warning");
    }

    @Test
    void theFilterParameterKeepsOneTeamsTargets() throws Exception {
        JsonNode targets =
                JSON.readTree(agentTest("certgauge.targets[" + url + ",owner=shop-team]"));

        assertThat(targets.fieldNames()).toIterable().containsExactly("shop");
    }

    @Test
    void theDiscoveryKeyPrintsTheMacrosTheTemplateUses() throws Exception {
        JsonNode discovery = JSON.readTree(agentTest("certgauge.discovery[" + url + "]"));

        assertThat(discovery).hasSize(2);
        assertThat(discovery.findValuesAsText("{#TARGET}"))
                .containsExactlyInAnyOrder("web", "shop");
        assertThat(discovery.findValuesAsText("{#OWNER}"))
                .containsExactlyInAnyOrder("web-team", "shop-team");
        assertThat(discovery.findValuesAsText("{#DEPARTMENT}"))
                .containsExactlyInAnyOrder("web", "");
    }

    /** Runs one item in the agent's test mode and returns the value it printed. */
    private String agentTest(String key) throws IOException, InterruptedException {
        List<String> command = List.of(agent.toString(), "-c", config.toString(), "-t", key);
        Path out = Files.createTempFile(dir, "agent", ".out");
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();

        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(exited).as("the agent exits after one item:\n%s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Matcher value = TEST_OUTPUT.matcher(output);
        assertThat(value.find()).as("a value in:\n%s", output).isTrue();
        return value.group(1);
    }

    /**
     * The least the agent needs for its test mode: it listens nowhere in that mode, but the
     * listening settings still point at loopback and a port of this test's own, and the control
     * socket lives in the temporary directory, should a future version start either.
     */
    private Path writeAgentConfig() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("Server=127.0.0.1");
        lines.add("Hostname=certgauge-test");
        lines.add("ListenIP=127.0.0.1");
        lines.add("ListenPort=" + freeAgentPort());
        lines.add("LogType=console");
        lines.add("Timeout=30");
        lines.add("ControlSocket=" + dir.resolve("agent.sock"));
        lines.add("Include=" + USER_PARAMETERS.toAbsolutePath());
        return Files.write(dir.resolve("zabbix_agent2.conf"), lines, StandardCharsets.UTF_8);
    }

    private static String target(String name, DemoTlsServer server, String labels) {
        return "  - {name: "
                + name
                + ", host: 127.0.0.1, port: "
                + server.port()
                + ", sni: "
                + name
                + ".certgauge.test, ca_file: ca.pem, labels: "
                + labels
                + "}";
    }

    /** A port free on loopback within the range the agent accepts for ListenPort (to 32767). */
    private static int freeAgentPort() {
        int first = 20000 + new Random().nextInt(10000);
        for (int port = first; port < first + 2000; port++) {
            try (ServerSocket socket =
                    new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free loopback port from " + first);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
