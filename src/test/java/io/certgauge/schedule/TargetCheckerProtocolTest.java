package io.certgauge.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.Analyzer;
import io.certgauge.chain.ChainReport;
import io.certgauge.chain.Finding;
import io.certgauge.chain.FindingCode;
import io.certgauge.chain.TrustMaterial;
import io.certgauge.config.Defaults;
import io.certgauge.config.Target;
import io.certgauge.config.Targets;
import io.certgauge.demo.DemoTlsServer;
import io.certgauge.demo.Pki;
import io.certgauge.probe.ChainRead;
import io.certgauge.probe.TlsProber;
import io.certgauge.result.AddressResult;
import io.certgauge.result.TargetResult;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The protocol finding end to end: a loopback server limited to one TLS version, probed by the real
 * prober, analysed by the real analyzer, through the checker that hands the negotiated version from
 * one to the other.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TargetCheckerProtocolTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String NAME = "old-tls.checker.test";

    @ParameterizedTest
    @CsvSource({"TLSv1, true", "TLSv1.1, true", "TLSv1.2, false", "TLSv1.3, false"})
    void serverLimitedToAnOldVersionIsDeprecatedProtocol(String version, boolean deprecated)
            throws Exception {
        Pki.Issued root =
                Pki.root("Checker Root")
                        .validFrom(NOW.minus(Duration.ofDays(30)))
                        .validFor(Duration.ofDays(3650))
                        .issue();
        Pki.Issued leaf =
                Pki.leaf(NAME)
                        .issuedBy(root)
                        .validFrom(NOW.minus(Duration.ofDays(5)))
                        .validFor(Duration.ofDays(90))
                        .issue();
        TrustCache trust =
                new TrustCache(
                        new TrustMaterial(
                                List.of(new TrustMaterial.Anchor(root.certificate(), false)),
                                List.of()));
        TargetChecker checker =
                new TargetChecker(new TlsProber(), new Analyzer(CLOCK), trust, CLOCK);

        try (DemoTlsServer server =
                DemoTlsServer.start(
                        InetAddress.getByName("127.0.0.1"),
                        leaf.privateKey(),
                        List.of(leaf.certificate()),
                        List.of(version))) {
            Target target =
                    Targets.adHoc("127.0.0.1", server.port(), NAME, null, Defaults.BUILT_IN);

            TargetResult result = checker.check(target, null);

            assertThat(result.addresses()).hasSize(1);
            AddressResult address = result.addresses().get(0);
            assertThat(address.last()).isInstanceOf(ChainRead.class);
            assertThat(((ChainRead) address.last()).protocol()).isEqualTo(version);
            ChainReport report = address.chain().orElseThrow();
            assertThat(report.findings())
                    .extracting(Finding::code)
                    .containsExactlyElementsOf(
                            deprecated ? List.of(FindingCode.DEPRECATED_PROTOCOL) : List.of());
        }
    }
}
