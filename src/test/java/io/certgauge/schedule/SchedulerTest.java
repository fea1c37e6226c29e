package io.certgauge.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.chain.Analyzer;
import io.certgauge.chain.TrustMaterial;
import io.certgauge.config.Config;
import io.certgauge.config.ConfigLoader;
import io.certgauge.config.Target;
import io.certgauge.config.Thresholds;
import io.certgauge.demo.DemoTlsServer;
import io.certgauge.demo.LoopbackPki;
import io.certgauge.probe.IpFamily;
import io.certgauge.probe.ProbeOutcome;
import io.certgauge.probe.ProbeTarget;
import io.certgauge.probe.Prober;
import io.certgauge.probe.TlsProber;
import io.certgauge.result.ResultStore;
import io.certgauge.result.Snapshot;
import io.certgauge.result.TargetResult;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchedulerTest {

    /** Bound for waits on real servers; generous, since a busy machine is slow, not wrong. */
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir Path dir;

    private final LoopbackPki pki = new LoopbackPki();
    private final Clock clock = LoopbackPki.clock();
    private final CountingProber prober =
            new CountingProber(
                    new TlsProber(
                            host -> {
                                throw new UnknownHostException(host);
                            },
                            clock));
    private final AtomicInteger stored = new AtomicInteger();
    private final ProbeListener listener =
            new ProbeListener() {
                @Override
                public void probed(TargetResult result) {
                    stored.incrementAndGet();
                }
            };
    private Scheduler scheduler;
    private ResultStore store;

    @AfterEach
    void stop() {
        prober.open();
        if (scheduler != null) {
            scheduler.close();
        }
        pki.close();
    }

    /** Counts probes per port and can hold the next few at a gate until the test opens it. */
    private static final class CountingProber implements Prober {
        private final Prober real;
        private final Map<Integer, AtomicInteger> probes = new ConcurrentHashMap<>();
        private final AtomicInteger toHold = new AtomicInteger();
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile CountDownLatch arrived = new CountDownLatch(0);

        CountingProber(Prober real) {
            this.real = real;
        }

        /** Holds the next {@code count} probes at the gate; later ones pass. */
        void close(int count) {
            arrived = new CountDownLatch(count);
            gate = new CountDownLatch(1);
            toHold.set(count);
        }

        void open() {
            gate.countDown();
        }

        boolean awaitArrivals() throws InterruptedException {
            return arrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }

        int probes(int port) {
            return probes.getOrDefault(port, new AtomicInteger()).get();
        }

        @Override
        public List<ProbeOutcome> probe(ProbeTarget target) {
            probes.computeIfAbsent(target.port(), p -> new AtomicInteger()).incrementAndGet();
            if (toHold.getAndDecrement() > 0) {
                arrived.countDown();
                try {
                    gate.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return real.probe(target);
        }
    }

    private Config config(String name, String... lines) throws Exception {
        Path file = Files.writeString(dir.resolve(name), String.join("\n", lines));
        return ConfigLoader.load(file);
    }

    private static String target(String name, int port) {
        return "  - {name: "
                + name
                + ", host: 127.0.0.1, port: "
                + port
                + ", sni: "
                + name
                + ".certgauge.test, ca_file: ca.pem}";
    }

    private Scheduler start(Config config) {
        store = new ResultStore(config);
        TargetChecker checker =
                new TargetChecker(
                        prober, new Analyzer(clock), new TrustCache(TrustMaterial.empty()), clock);
        scheduler = new Scheduler(checker, store, listener, clock);
        scheduler.apply(config);
        return scheduler;
    }

    @Nested
    class FirstRound {

        @Test
        void probesEveryTargetOnceAtOnceAndThenIsReady() throws Exception {
            pki.writeCaFile(dir.resolve("ca.pem"));
            DemoTlsServer a = pki.serve("a.certgauge.test", 200);
            DemoTlsServer b = pki.serve("b.certgauge.test", 100);
            DemoTlsServer c = pki.serve("c.certgauge.test", 20);
            Config config =
                    config(
                            "targets.yaml",
                            "defaults: {interval: 1h}",
                            "targets:",
                            target("a", a.port()),
                            target("b", b.port()),
                            target("c", c.port()));
            prober.close(3);

            start(config);

            assertThat(prober.awaitArrivals()).as("all three probes running together").isTrue();
            assertThat(scheduler.ready()).isFalse();
            prober.open();
            assertThat(scheduler.awaitRound(PATIENCE)).isTrue();
            assertThat(scheduler.ready()).isTrue();
            assertThat(List.of(a, b, c))
                    .allSatisfy(s -> assertThat(prober.probes(s.port())).isEqualTo(1));
            assertThat(store.snapshot().targets())
                    .allSatisfy(
                            r -> {
                                assertThat(r.probeOk()).isTrue();
                                assertThat(r.findingCodes()).isEmpty();
                            });
        }

        @Test
        void emptyConfigurationIsReadyAtOnce() throws Exception {
            start(config("targets.yaml", "targets: []"));

            assertThat(scheduler.awaitRound(PATIENCE)).isTrue();
            assertThat(scheduler.ready()).isTrue();
        }
    }

    @Nested
    class Backlog {

        @Test
        void aTargetWaitsInTheQueueOnceHoweverManyTicksPass() throws Exception {
            // When probes take longer than the interval allows (dead hosts, low concurrency),
            // every tick used to queue another probe of every target: the queue grew without
            // end, and a healthy target's turn came later and later.
            pki.writeCaFile(dir.resolve("ca.pem"));
            int closed;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                closed = socket.getLocalPort();
            }
            Config config =
                    config(
                            "targets.yaml",
                            "defaults: {interval: 20ms}",
                            "concurrency: 1",
                            "targets:",
                            target("a", closed),
                            target("b", closed));
            prober.close(1);

            start(config);
            assertThat(prober.awaitArrivals()).isTrue();
            Thread.sleep(500); // some 25 intervals pass while the one worker is held

            assertThat(scheduler.queuedProbes()).isLessThanOrEqualTo(2);
        }
    }

    @Nested
    class Jitter {

        private Target target(String id, String host, Duration interval) {
            return new Target(
                    id,
                    host,
                    host,
                    443,
                    null,
                    null,
                    Map.of(),
                    null,
                    interval,
                    Duration.ofSeconds(10),
                    IpFamily.ANY,
                    Thresholds.DEFAULT,
                    true,
                    false,
                    0);
        }

        @ParameterizedTest(name = "{0} every {1}")
        @CsvSource({
            "www.example.co.jp:443, PT1H",
            "例え.jp:443, PT1H",
            "mail.example.co.jp:587/smtp, PT5M",
            "intranet, PT24H",
            "[2001:db8::10]:443, PT10S",
            "tiny, PT0.05S",
        })
        void isStablePerIdAndBelowATenthOfTheInterval(String id, Duration interval) {
            long jitter = Scheduler.jitterMillis(target(id, "a.example.co.jp", interval));

            long again = Scheduler.jitterMillis(target(id, "b.example.co.jp", interval));

            assertThat(again).isEqualTo(jitter);
            assertThat(jitter).isNotNegative().isLessThan(interval.toMillis() / 10);
        }

        @Test
        void isZeroWhenATenthOfTheIntervalIsUnderAMillisecond() {
            long jitter = Scheduler.jitterMillis(target("x", "x", Duration.ofMillis(9)));

            assertThat(jitter).isZero();
        }

        @Test
        void spreadsManyTargetsOverTheWindow() {
            Duration hour = Duration.ofHours(1);

            Set<Long> offsets =
                    IntStream.range(0, 200)
                            .mapToObj(i -> target("host-" + i + ".example.co.jp:443", "h", hour))
                            .map(Scheduler::jitterMillis)
                            .collect(Collectors.toSet());

            assertThat(offsets).hasSizeGreaterThan(190);
            assertThat(offsets.stream().mapToLong(Long::longValue).max().orElseThrow())
                    .isGreaterThan(hour.toMillis() / 20);
        }
    }

    @Nested
    class Overlap {

        @Test
        void targetIsNeverProbedTwiceAtOnce() throws Exception {
            try (SlowServer slow = new SlowServer(300)) {
                Config config =
                        config(
                                "targets.yaml",
                                "concurrency: 8",
                                "targets:",
                                "  - {host: 127.0.0.1, port: "
                                        + slow.port()
                                        + ", interval: 50ms, timeout: 5s}");

                start(config);

                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (slow.accepted() < 4 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(slow.accepted()).as("probes repeated").isGreaterThanOrEqualTo(4);
                assertThat(slow.mostOpenAtOnce()).isEqualTo(1);
            }
        }
    }

    @Nested
    class Apply {

        @Test
        void keepsUnchangedTargetsProbesNewOnesAndDropsRemovedOnes() throws Exception {
            pki.writeCaFile(dir.resolve("ca.pem"));
            DemoTlsServer kept = pki.serve("kept.certgauge.test", 200);
            DemoTlsServer removed = pki.serve("removed.certgauge.test", 200);
            DemoTlsServer added = pki.serve("added.certgauge.test", 200);
            start(
                    config(
                            "first.yaml",
                            "defaults: {interval: 1h}",
                            "targets:",
                            target("kept", kept.port()),
                            target("removed", removed.port())));
            scheduler.awaitRound(PATIENCE);
            TargetResult keptBefore = store.snapshot().find("kept").orElseThrow();
            // Written in another order, so only the line of the kept target changes.
            Config next =
                    config(
                            "second.yaml",
                            "defaults: {interval: 1h}",
                            "targets:",
                            target("added", added.port()),
                            target("kept", kept.port()));

            scheduler.apply(next);

            assertThat(scheduler.awaitRound(PATIENCE)).isTrue();
            Snapshot snapshot = store.snapshot();
            assertThat(snapshot.targets())
                    .extracting(r -> r.target().id())
                    .containsExactly("added", "kept");
            assertThat(snapshot.find("removed")).isEmpty();
            TargetResult keptAfter = snapshot.find("kept").orElseThrow();
            assertThat(keptAfter.probedAt()).isEqualTo(keptBefore.probedAt());
            assertThat(keptAfter.addresses()).isEqualTo(keptBefore.addresses());
            assertThat(snapshot.find("added").orElseThrow().probeOk()).isTrue();
            assertThat(prober.probes(kept.port())).isEqualTo(1);
            assertThat(prober.probes(added.port())).isEqualTo(1);
            assertThat(prober.probes(removed.port())).isEqualTo(1);
        }

        @Test
        void probesAChangedTargetAgainAtOnce() throws Exception {
            pki.writeCaFile(dir.resolve("ca.pem"));
            DemoTlsServer server = pki.serve("web.certgauge.test", 200);
            start(
                    config(
                            "first.yaml",
                            "defaults: {interval: 1h}",
                            "targets:",
                            "  - {name: web, host: 127.0.0.1, port: " + server.port() + "}"));
            scheduler.awaitRound(PATIENCE);
            Config next =
                    config(
                            "second.yaml",
                            "defaults: {interval: 1h}",
                            "targets:",
                            "  - {name: web, host: 127.0.0.1, port: "
                                    + server.port()
                                    + ", sni: web.certgauge.test, ca_file: ca.pem}");

            scheduler.apply(next);

            assertThat(scheduler.awaitRound(PATIENCE)).isTrue();
            assertThat(prober.probes(server.port())).isEqualTo(2);
            assertThat(store.snapshot().find("web").orElseThrow().findingCodes()).isEmpty();
        }

        @Test
        void resultOfAProbeStartedBeforeTheTargetChangedIsDropped() throws Exception {
            pki.writeCaFile(dir.resolve("ca.pem"));
            DemoTlsServer server = pki.serve("web.certgauge.test", 200);
            prober.close(1);
            start(
                    config(
                            "first.yaml",
                            "defaults: {interval: 1h}",
                            "targets:",
                            "  - {name: web, host: 127.0.0.1, port: " + server.port() + "}"));
            assertThat(prober.awaitArrivals()).isTrue();
            scheduler.apply(
                    config(
                            "second.yaml",
                            "defaults: {interval: 1h}",
                            "targets:",
                            "  - {name: web, host: 127.0.0.1, port: "
                                    + server.port()
                                    + ", sni: web.certgauge.test, ca_file: ca.pem}"));
            assertThat(scheduler.awaitRound(PATIENCE)).isTrue();

            prober.open();

            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (stored.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(stored).as("the held probe ended").hasValue(2);
            TargetResult shown = store.snapshot().find("web").orElseThrow();
            assertThat(shown.target().sni()).isEqualTo("web.certgauge.test");
            assertThat(shown.findingCodes()).isEmpty();
        }
    }
}
