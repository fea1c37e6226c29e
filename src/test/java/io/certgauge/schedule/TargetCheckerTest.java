package io.certgauge.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.Analyzer;
import io.certgauge.chain.FindingCode;
import io.certgauge.chain.TrustMaterial;
import io.certgauge.config.ConfigLoader;
import io.certgauge.config.Target;
import io.certgauge.demo.DemoTlsServer;
import io.certgauge.demo.LoopbackPki;
import io.certgauge.demo.Pki;
import io.certgauge.probe.ProbeErrorReason;
import io.certgauge.probe.ProbeFailed;
import io.certgauge.probe.Resolver;
import io.certgauge.probe.TlsProber;
import io.certgauge.result.AddressResult;
import io.certgauge.result.TargetResult;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetCheckerTest {

    private static final String LB = "lb.certgauge.test";
    private static final InetAddress FIRST = LoopbackPki.loopback("127.0.0.1");
    private static final InetAddress SECOND = LoopbackPki.loopback("127.0.0.2");

    @TempDir Path dir;

    private final LoopbackPki pki = new LoopbackPki();
    private final TestClock clock = new TestClock(LoopbackPki.NOW);

    @AfterEach
    void stopServers() {
        pki.close();
    }

    private TargetChecker checker(TrustMaterial base, Resolver resolver) {
        return new TargetChecker(
                new TlsProber(resolver, clock), new Analyzer(clock), new TrustCache(base), clock);
    }

    private TargetChecker checker(TrustMaterial base) {
        return checker(
                base,
                host -> {
                    throw new UnknownHostException("tests resolve no name here: " + host);
                });
    }

    /** The targets of a YAML file made of {@code lines}, loaded as the daemon loads it. */
    private List<Target> targets(String... lines) throws Exception {
        Path file = Files.writeString(dir.resolve("targets.yaml"), String.join("\n", lines));
        return ConfigLoader.load(file).targets();
    }

    private static AddressResult only(TargetResult result) {
        assertThat(result.addresses()).hasSize(1);
        return result.addresses().get(0);
    }

    @Nested
    class Trust {

        @Test
        void chainIsJudgedAgainstTheTargetsCaFile() throws Exception {
            DemoTlsServer server = pki.serve("web.certgauge.test", 200);
            pki.writeCaFile(dir.resolve("ca.pem"));
            List<Target> targets =
                    targets(
                            "targets:",
                            "  - {name: with-ca, host: 127.0.0.1, port: " + server.port() + ",",
                            "     sni: web.certgauge.test, ca_file: ca.pem}",
                            "  - {name: without-ca, host: 127.0.0.1, port: " + server.port() + ",",
                            "     sni: web.certgauge.test}");
            TargetChecker checker = checker(TrustMaterial.empty());

            AddressResult withCa = only(checker.check(targets.get(0), null));
            AddressResult withoutCa = only(checker.check(targets.get(1), null));

            assertThat(withCa.probeOk()).isTrue();
            assertThat(withCa.report().verified()).isTrue();
            assertThat(withCa.report().findings()).isEmpty();
            assertThat(withoutCa.report().verified()).isFalse();
            assertThat(withoutCa.report().findings())
                    .extracting(f -> f.code())
                    .containsExactly(FindingCode.UNTRUSTED);
        }

        @Test
        void privateTrueMakesPublicRootsPrivate() throws Exception {
            // 310 days, issued after 2026-03-15: too long for a public root (200 days then).
            DemoTlsServer server = pki.serve("web.certgauge.test", 300);
            List<Target> targets =
                    targets(
                            "targets:",
                            "  - {name: public, host: 127.0.0.1, port: " + server.port() + ",",
                            "     sni: web.certgauge.test}",
                            "  - {name: private, host: 127.0.0.1, port: " + server.port() + ",",
                            "     sni: web.certgauge.test, private: true}");
            TrustMaterial publicRoot =
                    TrustMaterial.fromCertificates(List.of(pki.root().certificate()), true);
            TargetChecker checker = checker(publicRoot);

            AddressResult asPublic = only(checker.check(targets.get(0), null));
            AddressResult asPrivate = only(checker.check(targets.get(1), null));

            assertThat(asPublic.report().publicRoot()).isTrue();
            assertThat(asPublic.report().has(FindingCode.LIFETIME_TOO_LONG)).isTrue();
            assertThat(asPrivate.report().verified()).isTrue();
            assertThat(asPrivate.report().publicRoot()).isFalse();
            assertThat(asPrivate.report().findings()).isEmpty();
        }
    }

    @Nested
    class LastKnownChain {

        @Test
        void probeThatFailsAfterASuccessKeepsTheLastChainOnDisplay() throws Exception {
            DemoTlsServer server = pki.serve("web.certgauge.test", 200);
            pki.writeCaFile(dir.resolve("ca.pem"));
            Target target =
                    targets(
                                    "targets:",
                                    "  - {host: 127.0.0.1, port: " + server.port() + ",",
                                    "     sni: web.certgauge.test, ca_file: ca.pem}")
                            .get(0);
            TargetChecker checker = checker(TrustMaterial.empty());
            TargetResult first = checker.check(target, null);
            server.close();
            clock.advance(Duration.ofHours(1));

            TargetResult second = checker.check(target, first);

            AddressResult before = only(first);
            AddressResult after = only(second);
            assertThat(after.probeOk()).isFalse();
            assertThat(after.failure())
                    .get()
                    .extracting(ProbeFailed::reason)
                    .isEqualTo(ProbeErrorReason.REFUSED);
            assertThat(after.address()).isEqualTo("127.0.0.1");
            assertThat(after.report()).isSameAs(before.report());
            assertThat(after.lastSuccess()).isEqualTo(before.lastSuccess());
            assertThat(after.lastSuccess().orElseThrow()).isBefore(second.probedAt());
            assertThat(second.probeOk()).isFalse();
        }

        @Test
        void dnsFailureAfterASuccessKeepsEveryKnownAddressesLastChain() throws Exception {
            Pki.Issued leaf = pki.leaf(LB, 200);
            int port = pki.serveOnOnePort(FIRST, leaf, SECOND, leaf);
            AtomicInteger lookups = new AtomicInteger();
            Resolver failsTheSecondTime =
                    host -> {
                        if (lookups.incrementAndGet() > 1) {
                            throw new UnknownHostException(host);
                        }
                        return List.of(SECOND, FIRST);
                    };
            Target target = targets("targets: [\"" + LB + ":" + port + "\"]").get(0);
            TargetChecker checker = checker(TrustMaterial.empty(), failsTheSecondTime);
            TargetResult first = checker.check(target, null);
            clock.advance(Duration.ofHours(1));

            TargetResult second = checker.check(target, first);

            assertThat(first.addresses())
                    .extracting(AddressResult::address)
                    .containsExactly("127.0.0.1", "127.0.0.2");
            assertThat(second.addresses())
                    .extracting(AddressResult::address)
                    .containsExactly("127.0.0.1", "127.0.0.2");
            for (int i = 0; i < 2; i++) {
                AddressResult before = first.addresses().get(i);
                AddressResult after = second.addresses().get(i);
                assertThat(after.failure())
                        .get()
                        .extracting(ProbeFailed::reason)
                        .isEqualTo(ProbeErrorReason.DNS);
                assertThat(after.failure().orElseThrow().address()).isEqualTo(after.address());
                assertThat(after.report()).isSameAs(before.report());
                assertThat(after.lastSuccess()).isEqualTo(before.lastSuccess());
            }
        }

        @Test
        void dnsFailureWithNothingKnownShowsOneFailureWithoutAddressOrChain() throws Exception {
            Target target = targets("targets: [\"" + LB + ":443\"]").get(0);

            TargetResult result = checker(TrustMaterial.empty()).check(target, null);

            AddressResult failed = only(result);
            assertThat(failed.address()).isEmpty();
            assertThat(failed.failure())
                    .get()
                    .extracting(ProbeFailed::reason)
                    .isEqualTo(ProbeErrorReason.DNS);
            assertThat(failed.report()).isNull();
            assertThat(result.worstAddress()).isEmpty();
        }
    }

    @Nested
    class SeveralAddresses {

        private TargetResult check(Pki.Issued first, Pki.Issued second) throws Exception {
            int port = pki.serveOnOnePort(FIRST, first, SECOND, second);
            Target target = targets("targets: [\"" + LB + ":" + port + "\"]").get(0);
            return checker(TrustMaterial.empty(), host -> List.of(FIRST, SECOND))
                    .check(target, null);
        }

        @Test
        void differentLeavesGiveInconsistentAddresses() throws Exception {
            TargetResult result = check(pki.leaf(LB, 200), pki.leaf(LB, 20));

            assertThat(result.probeOk()).isTrue();
            assertThat(result.targetFindings())
                    .singleElement()
                    .satisfies(
                            f -> {
                                assertThat(f.code()).isEqualTo(FindingCode.INCONSISTENT_ADDRESSES);
                                assertThat(f.message())
                                        .contains("127.0.0.1 serves", "127.0.0.2 serves");
                            });
            assertThat(result.findingCodes()).contains(FindingCode.INCONSISTENT_ADDRESSES);
        }

        @Test
        void theSameLeafEverywhereIsConsistent() throws Exception {
            Pki.Issued leaf = pki.leaf(LB, 200);

            TargetResult result = check(leaf, leaf);

            assertThat(result.probeOk()).isTrue();
            assertThat(result.addresses()).hasSize(2);
            assertThat(result.targetFindings()).isEmpty();
        }
    }
}
