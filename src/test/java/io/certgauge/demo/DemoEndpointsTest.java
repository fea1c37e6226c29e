package io.certgauge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.Analyzer;
import io.certgauge.chain.Finding;
import io.certgauge.chain.FindingCode;
import io.certgauge.chain.TrustMaterial;
import io.certgauge.config.Defaults;
import io.certgauge.config.Target;
import io.certgauge.config.Targets;
import io.certgauge.probe.TlsProber;
import io.certgauge.result.TargetResult;
import io.certgauge.schedule.TargetChecker;
import io.certgauge.schedule.TrustCache;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DemoEndpointsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir static Path dir;
    private DemoEndpoints demo;
    private TargetChecker checker;

    @BeforeAll
    void start() throws Exception {
        demo = DemoEndpoints.start(dir, NOW);
        checker = new TargetChecker(new TlsProber(), new Analyzer(CLOCK),
                new TrustCache(TrustMaterial.empty()), CLOCK);
    }

    @AfterAll
    void stop() throws Exception {
        demo.close();
    }

    private List<FindingCode> findingsOf(String name) {
        DemoEndpoints.Endpoint endpoint = demo.endpoints().stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no demo endpoint " + name));
        Target target = Targets.withCaFile(Targets.adHoc("127.0.0.1", endpoint.port(),
                endpoint.sni(), null, Defaults.BUILT_IN), demo.caFile());

        TargetResult result = checker.check(target, null);

        return result.addresses().get(0).chain().orElseThrow().findings().stream()
                .map(Finding::code)
                .toList();
    }

    @ParameterizedTest
    @CsvSource({"valid, ''", "weak-key, weak_key", "weak-signature, weak_signature",
        "deprecated-protocol, deprecated_protocol"})
    void endpointShowsTheFindingItIsNamedFor(String name, String code) {
        List<FindingCode> found = findingsOf(name);

        assertThat(found).extracting(FindingCode::code)
                .containsExactlyElementsOf(code.isEmpty() ? List.of() : List.of(code));
    }

    @ParameterizedTest
    @CsvSource({"weak-key, weak_key", "weak-signature, weak_signature",
        "deprecated-protocol, deprecated_protocol"})
    void overviewLineNamesTheFinding(String name, String code) {
        DemoEndpoints.Endpoint endpoint = demo.endpoints().stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow();

        assertThat(endpoint.shows()).contains(code);
        assertThat(endpoint.sni()).isEqualTo(name + "." + DemoEndpoints.DOMAIN);
    }
}
