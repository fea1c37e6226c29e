package io.certgauge.schedule;

import io.certgauge.config.Config;
import io.certgauge.config.Target;
import io.certgauge.result.ResultStore;
import io.certgauge.result.TargetResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes every target of the configuration: the first round at once, bounded only by the
 * configuration's {@code concurrency}, then each target every {@code interval} with a stable jitter
 * of up to a tenth of it, so load spreads evenly. A target is never probed twice at the same time:
 * a probe due while the previous one still runs is skipped. Thread-safe.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final TargetChecker checker;
    private final ResultStore store;
    private final ProbeListener listener;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ThreadPoolExecutor workers;
    private final Map<String, Scheduled> scheduled = new HashMap<>();
    private volatile CountDownLatch firstRound = new CountDownLatch(0);
    private volatile boolean ready;

    /** One target's repeating probe. */
    private final class Scheduled {
        final Target target;
        final AtomicBoolean running = new AtomicBoolean();

        /** A probe of this target waits for a worker; a tick then adds no other. */
        final AtomicBoolean queued = new AtomicBoolean();

        volatile ScheduledFuture<?> future;

        /** Replaced or removed by {@link #apply}; guarded by the scheduler's lock. */
        boolean retired;

        Scheduled(Target target) {
            this.target = target;
        }

        void runOnce(Runnable whenDone) {
            if (!running.compareAndSet(false, true)) {
                LOG.debug("{}: previous probe still running, skipping this one", target.id());
                // The running probe stands in for this one, also in a round's count.
                whenDone.run();
                return;
            }
            try {
                TargetResult result = checker.check(target, store.get(target));
                store(result);
                listener.probed(result);
            } catch (RuntimeException e) {
                LOG.error("{}: probe failed unexpectedly", target.id(), e);
            } finally {
                running.set(false);
                whenDone.run();
            }
        }

        /**
         * Stores the result unless a reload replaced this target meanwhile: a probe of the old
         * definition (another ca_file, say) must not overwrite what the new one found.
         */
        private void store(TargetResult result) {
            synchronized (Scheduler.this) {
                if (retired) {
                    LOG.debug(
                            "{}: dropping a result of the definition before the reload",
                            target.id());
                    return;
                }
                store.put(result);
            }
        }

        /**
         * Queues a probe unless one is waiting already: when probes fall behind the interval, the
         * queue holds each target once and every target keeps its turn.
         */
        void enqueue(Executor workers, Runnable whenDone) {
            if (!queued.compareAndSet(false, true)) {
                whenDone.run();
                return;
            }
            workers.execute(
                    () -> {
                        queued.set(false);
                        runOnce(whenDone);
                    });
        }

        void retire() {
            retired = true;
            future.cancel(false);
        }
    }

    public Scheduler(
            TargetChecker checker, ResultStore store, ProbeListener listener, Clock clock) {
        this.checker = checker;
        this.store = store;
        this.listener = listener;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("certgauge-timer"));
        this.workers =
                new ThreadPoolExecutor(
                        1,
                        1,
                        60,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        daemon("certgauge-probe"));
    }

    /**
     * Starts probing a configuration, or switches to a new one: targets that are new or changed are
     * probed at once, unchanged ones keep their schedule, removed ones stop.
     */
    public synchronized void apply(Config config) {
        resize(config.concurrency());
        store.reconfigure(config);

        Map<String, Scheduled> keep = new HashMap<>();
        List<Target> fresh = new ArrayList<>();
        for (Target target : config.targets()) {
            Scheduled old = scheduled.remove(target.id());
            if (old != null && sameProbe(old.target, target)) {
                keep.put(target.id(), old);
            } else {
                if (old != null) {
                    old.retire();
                }
                fresh.add(target);
            }
        }
        scheduled.values().forEach(Scheduled::retire);
        scheduled.clear();
        scheduled.putAll(keep);

        startRound(fresh);
    }

    /** Blocks until the first round since the last {@link #apply} finished, or the timeout. */
    public boolean awaitRound(Duration timeout) throws InterruptedException {
        return firstRound.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * True once the first round after start finished; stays true across reloads, so readiness does
     * not flap when the configuration changes.
     */
    public boolean ready() {
        return ready;
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private void startRound(List<Target> targets) {
        CountDownLatch latch = new CountDownLatch(targets.size());
        firstRound = latch;
        if (targets.isEmpty()) {
            ready = true;
        }
        Instant started = clock.instant();
        AtomicInteger left = new AtomicInteger(targets.size());
        // The latch opens last, so whoever awaits the round sees it finished in every respect.
        Runnable oneDone =
                () -> {
                    if (left.decrementAndGet() == 0) {
                        Duration took = Duration.between(started, clock.instant());
                        LOG.info("probed {} targets in {} ms", targets.size(), took.toMillis());
                        ready = true;
                        listener.roundFinished(targets.size(), took);
                    }
                    latch.countDown();
                };
        for (Target target : targets) {
            Scheduled s = new Scheduled(target);
            scheduled.put(target.id(), s);
            s.enqueue(workers, oneDone);
            long interval = target.interval().toMillis();
            long first = interval + jitterMillis(target);
            s.future =
                    timer.scheduleAtFixedRate(
                            () -> s.enqueue(workers, () -> {}),
                            first,
                            interval,
                            TimeUnit.MILLISECONDS);
        }
    }

    /** Probes waiting for a worker; for tests. */
    int queuedProbes() {
        return workers.getQueue().size();
    }

    private void resize(int concurrency) {
        if (concurrency > workers.getMaximumPoolSize()) {
            workers.setMaximumPoolSize(concurrency);
            workers.setCorePoolSize(concurrency);
        } else {
            workers.setCorePoolSize(concurrency);
            workers.setMaximumPoolSize(concurrency);
        }
    }

    /** A stable offset from the target's id, up to a tenth of its interval. */
    static long jitterMillis(Target target) {
        long tenth = target.interval().toMillis() / 10;
        if (tenth == 0) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(target.id().getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % tenth;
    }

    private static boolean sameProbe(Target a, Target b) {
        return a.withLine(0).equals(b.withLine(0));
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
