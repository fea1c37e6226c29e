package io.certgauge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code certgauge inspect}: 0 when a chain was read, 1 when the probe failed, 2 bad input. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TlsServers servers;
    private TlsServers.Server server;

    @BeforeAll
    void startServer(@TempDir Path dir) throws Exception {
        servers = new TlsServers(dir, Instant.now());
        server = servers.start("inspected", -10, 200);
    }

    @AfterAll
    void stopServer() throws IOException {
        if (servers != null) {
            servers.close();
        }
    }

    @ParameterizedTest(name = "inspect {0}")
    @ValueSource(strings = {"bad:endpoint:here", "127.0.0.1:notaport", "[::1", ""})
    void aBadEndpointExitsTwoWithOneLine(String endpoint) {
        Console.Output run = Console.run("inspect", endpoint);

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(2);
        assertThat(run.errorLines()).hasSize(1);
        assertThat(run.errorLines().get(0)).startsWith("certgauge inspect: ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aRefusedPortExitsOneAndSaysWhy() throws IOException {
        int port = TlsServers.closedPort();

        Console.Output run = Console.run("inspect", "127.0.0.1:" + port, "-t", "5");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(1);
        assertThat(run.out())
                .contains("target 127.0.0.1:" + port)
                .contains("address 127.0.0.1: probe failed (refused)");
    }

    @Test
    void aChainReadExitsZeroAndListsEveryCertificate() {
        Console.Output run =
                Console.run(
                        "inspect",
                        "127.0.0.1:" + server.port(),
                        "--sni",
                        server.sni(),
                        "--ca-file",
                        servers.caFile().toString(),
                        "-t",
                        "5");

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(0);
        assertThat(run.out())
                .contains("verdict: OK")
                .contains("[0] leaf          CN=" + server.sni())
                .contains("names         DNS:" + server.sni())
                .contains("(trusted, private root)")
                .contains("findings: none");
    }

    @Test
    void jsonOutputParsesAndDescribesTheChain() throws IOException {
        Console.Output run =
                Console.run(
                        "inspect",
                        "127.0.0.1:" + server.port(),
                        "--sni",
                        server.sni(),
                        "--ca-file",
                        servers.caFile().toString(),
                        "-t",
                        "5",
                        "--json");

        JsonNode document = JSON.readTree(run.out());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(0);
        JsonNode target = document.get("targets").get(0);
        assertThat(target.get("id").asText()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(target.get("verdict").get("status").asText()).isEqualTo("ok");
        JsonNode leaf = target.get("addresses").get(0).get("chain").get(0);
        assertThat(leaf.get("subject").asText()).isEqualTo("CN=" + server.sni());
        assertThat(leaf.get("days_left").asDouble()).isBetween(199.0, 200.0);
    }

    @Test
    void jsonOfAFailedProbeStillParsesAndExitsOne() throws IOException {
        int port = TlsServers.closedPort();

        Console.Output run = Console.run("inspect", "127.0.0.1:" + port, "-t", "5", "--json");

        JsonNode document = JSON.readTree(run.out());

        assertThat(run.exitCode()).as(run.transcript()).isEqualTo(1);
        JsonNode probe = document.get("targets").get(0).get("addresses").get(0).get("probe");
        assertThat(probe.get("ok").asBoolean()).isFalse();
        assertThat(probe.toString()).contains("refused");
    }
}
