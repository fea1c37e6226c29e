package io.certgauge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.certgauge.chain.Analyzer;
import io.certgauge.chain.FindingCode;
import io.certgauge.chain.TrustMaterial;
import io.certgauge.config.Config;
import io.certgauge.config.ConfigLoader;
import io.certgauge.config.Target;
import io.certgauge.probe.TlsProber;
import io.certgauge.result.TargetResult;
import io.certgauge.schedule.TargetChecker;
import io.certgauge.schedule.TrustCache;
import io.certgauge.verdict.Status;
import io.certgauge.verdict.Verdict;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's endpoints, probed and judged by the real checker on the targets file the demo writes:
 * each must show what its overview line promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoEndpointsTest {

    /** {@code STATE: first word, ...} as the overview line says it. */
    private static final Pattern PROMISE = Pattern.compile("^(healthy|WARNING|CRITICAL): (\\S+)");

    private static final Pattern DAYS = Pattern.compile("(\\d+) days (left)?");

    @TempDir static Path dir;

    private final Clock clock = LoopbackPki.clock();
    private final Map<String, TargetResult> results = new LinkedHashMap<>();
    private DemoEndpoints demo;
    private Config config;

    @BeforeAll
    void probeEveryEndpoint() throws Exception {
        demo = DemoEndpoints.start(dir, LoopbackPki.NOW);
        config = ConfigLoader.load(demo.targetsFile());
        TlsProber prober =
                new TlsProber(
                        host -> {
                            throw new UnknownHostException("the demo resolves no name: " + host);
                        },
                        clock);
        TargetChecker checker =
                new TargetChecker(
                        prober, new Analyzer(clock), new TrustCache(TrustMaterial.empty()), clock);
        for (Target target : config.targets()) {
            results.put(target.id(), checker.check(target, null));
        }
    }

    @AfterAll
    void stop() throws Exception {
        demo.close();
    }

    Iterable<DemoEndpoints.Endpoint> endpoints() {
        return demo.endpoints();
    }

    @Test
    void targetsFileListsEveryEndpointWithItsName() {
        assertThat(config.targets())
                .extracting(Target::id)
                .containsExactlyElementsOf(
                        demo.endpoints().stream().map(DemoEndpoints.Endpoint::name).toList());
        assertThat(config.targets())
                .allSatisfy(
                        t -> {
                            assertThat(t.caFile()).isEqualTo(demo.caFile());
                            assertThat(t.labels()).containsEntry("department", "情報システム部");
                        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void endpointShowsWhatItsOverviewPromises(DemoEndpoints.Endpoint endpoint) {
        TargetResult result = results.get(endpoint.name());
        Matcher promise = PROMISE.matcher(endpoint.shows());
        assertThat(promise.find()).as("overview line %s", endpoint.shows()).isTrue();

        Verdict verdict = Verdict.of(result, clock);

        assertThat(result.probeOk()).isTrue();
        assertThat(verdict.status()).isEqualTo(status(promise.group(1)));
        assertThat(result.findingCodes())
                .containsExactlyInAnyOrderElementsOf(codesNamed(promise.group(2)));
        Matcher days = DAYS.matcher(endpoint.shows());
        if (days.find()) {
            assertThat(verdict.daysLeft().orElseThrow())
                    .isCloseTo(Double.parseDouble(days.group(1)), within(0.01));
        }
    }

    @Test
    void validEndpointHasNoFinding() {
        TargetResult valid = results.get("valid");

        assertThat(valid.findingCodes()).isEmpty();
        assertThat(valid.reports())
                .singleElement()
                .satisfies(r -> assertThat(r.verified()).isTrue());
    }

    private static Status status(String word) {
        return word.equals("healthy") ? Status.OK : Status.valueOf(word);
    }

    /** The finding code a word names, if it names one ({@code expires} names none). */
    private static Set<FindingCode> codesNamed(String word) {
        return Arrays.stream(FindingCode.values())
                .filter(code -> code.code().equals(word))
                .collect(Collectors.toSet());
    }
}
