package io.certgauge.probe;

import static io.certgauge.probe.Probes.NAME;
import static io.certgauge.probe.Probes.named;
import static io.certgauge.probe.Probes.onlyFailure;
import static io.certgauge.probe.Probes.prober;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AddressesTest {

    private static final InetAddress V4 = MapResolver.parse("127.0.0.1");
    private static final InetAddress V6 = MapResolver.parse("::1");

    private static List<String> addresses(List<ProbeOutcome> outcomes) {
        return outcomes.stream().map(ProbeOutcome::address).toList();
    }

    /** A free port on 127.0.0.1 that is also free on ::1, or -1 when ::1 cannot be bound. */
    private static int portFreeOnBothLoopbacks() {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket v4 = new ServerSocket(0, 1, V4);
                    ServerSocket v6 = new ServerSocket(v4.getLocalPort(), 1, V6)) {
                return v6.getLocalPort();
            } catch (IOException busyOrNoIpv6) {
                // Try another port; after 20 tries IPv6 loopback is taken to be missing.
            }
        }
        return -1;
    }

    @Nested
    class EveryAddress {

        @Test
        void nameWithAnIpv4AndAnIpv6AddressIsProbedAtBoth() throws Exception {
            int port = portFreeOnBothLoopbacks();
            assumeThat(port).as("IPv6 loopback (::1) is not available here").isPositive();
            ServerIdentity onV4 = ServerIdentity.forName(NAME);
            ServerIdentity onV6 = ServerIdentity.forName(NAME);

            try (TlsTestServer v4 = TlsTestServer.start(V4, port, onV4);
                    TlsTestServer v6 = TlsTestServer.start(V6, port, onV6)) {
                TlsProber prober = prober(MapResolver.of(NAME, "::1", "127.0.0.1"));

                List<ProbeOutcome> outcomes = prober.probe(named(NAME, port, IpFamily.ANY));

                assertThat(addresses(outcomes)).containsExactly("127.0.0.1", "::1");
                assertThat(outcomes).allMatch(outcome -> outcome instanceof ChainRead);
                assertThat(((ChainRead) outcomes.get(0)).chain().get(0)).isEqualTo(onV4.leaf());
                assertThat(((ChainRead) outcomes.get(1)).chain().get(0)).isEqualTo(onV6.leaf());
            }
        }

        @ParameterizedTest
        @CsvSource({"ANY, 127.0.0.1 ::1", "IPV4, 127.0.0.1", "IPV6, ::1"})
        void onlyAddressesOfTheWantedFamilyAreProbed(IpFamily family, String expected) {
            // Nothing listens on port 1: each probed address reports itself refused.
            TlsProber prober = prober(MapResolver.of(NAME, "::1", "127.0.0.1"));

            List<ProbeOutcome> outcomes = prober.probe(named(NAME, 1, family));

            assertThat(addresses(outcomes)).containsExactly(expected.split(" "));
        }

        @Test
        void nameWithNoAddressOfTheWantedFamilyIsADnsFailureSayingSo() {
            TlsProber prober = prober(MapResolver.of(NAME, "127.0.0.1"));

            ProbeFailed failed = onlyFailure(prober.probe(named(NAME, 1, IpFamily.IPV6)));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.DNS);
            assertThat(failed.address()).isEmpty();
            assertThat(failed.message())
                    .isEqualTo(NAME + " has no IPv6 address (ip_family ipv6; found 127.0.0.1)");
        }

        @Test
        void ipLiteralIsNeverLookedUp() {
            MapResolver resolver = MapResolver.of(NAME, "127.0.0.1");
            ProbeTarget target =
                    new ProbeTarget("::1", "::1", 1, null, null, Probes.DEADLINE, IpFamily.ANY);

            List<ProbeOutcome> outcomes = prober(resolver).probe(target);

            assertThat(addresses(outcomes)).containsExactly("::1");
            assertThat(resolver.lookups()).isEmpty();
        }
    }

    @Nested
    class ResolutionFailures {

        @Test
        void unknownNameIsADnsFailureWithoutAnAddress() {
            TlsProber prober = prober(MapResolver.of(NAME, "127.0.0.1"));

            ProbeFailed failed =
                    onlyFailure(prober.probe(named("nowhere.probe.test", 443, IpFamily.ANY)));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.DNS);
            assertThat(failed.address()).isEmpty();
            assertThat(failed.message()).isEqualTo("unknown host nowhere.probe.test");
        }

        @Test
        void resolverThatNeverAnswersEndsInTimeoutAtTheDeadline() {
            CountDownLatch never = new CountDownLatch(1);
            TlsProber prober =
                    prober(
                            host -> {
                                try {
                                    never.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                return List.of(V4);
                            });
            ProbeTarget target =
                    Probes.withTimeout(named(NAME, 443, IpFamily.ANY), Duration.ofMillis(500));

            ProbeFailed failed = onlyFailure(prober.probe(target));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.TIMEOUT);
            assertThat(failed.message()).isEqualTo("no DNS answer for " + NAME + " within 500ms");
        }
    }
}
