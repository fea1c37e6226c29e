package io.certgauge;

import io.certgauge.chain.Analyzer;
import io.certgauge.chain.TrustMaterial;
import io.certgauge.config.Config;
import io.certgauge.config.ConfigException;
import io.certgauge.config.ConfigLoader;
import io.certgauge.export.prometheus.PrometheusExporter;
import io.certgauge.fetch.CachingFetcher;
import io.certgauge.fetch.HttpFetcher;
import io.certgauge.http.HttpApi;
import io.certgauge.probe.Prober;
import io.certgauge.probe.TlsProber;
import io.certgauge.result.ResultStore;
import io.certgauge.schedule.ConfigWatcher;
import io.certgauge.schedule.Scheduler;
import io.certgauge.schedule.TargetChecker;
import io.certgauge.schedule.TrustCache;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon: loads the targets file, probes on schedule, serves the results over HTTP and reloads
 * the file when it changes, on SIGHUP or on {@code POST /-/reload}. The wiring of every part
 * happens here and nowhere else.
 */
public final class Application implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private final Path configFile;
    private final Scheduler scheduler;
    private final HttpApi http;
    private final ConfigWatcher watcher;
    private final SelfMonitor monitor;
    private final HttpFetcher fetcher;

    private Application(Path configFile, Config config, Settings settings, Clock clock) {
        this.configFile = configFile;
        Prober prober = new TlsProber();
        // One fetcher and one cache for every target: OCSP answers, CRLs and AIA
        // intermediates are shared by the many targets of one CA.
        this.fetcher = new HttpFetcher();
        Analyzer analyzer = new Analyzer(clock, new CachingFetcher(fetcher, clock));
        TargetChecker checker =
                new TargetChecker(
                        prober, analyzer, new TrustCache(TrustMaterial.systemDefault()), clock);
        ResultStore store = new ResultStore(config);
        PrometheusExporter prometheus =
                new PrometheusExporter(store::snapshot, clock, Version.current(), clock.instant());
        this.monitor = new SelfMonitor(prometheus.selfMetrics(), clock);
        this.scheduler = new Scheduler(checker, store, monitor, clock);
        this.http =
                new HttpApi(
                        store,
                        scheduler,
                        checker,
                        prometheus,
                        this::reload,
                        settings.lifecycle(),
                        clock);
        this.watcher = new ConfigWatcher(configFile, this::reload);
        monitor.configLoaded(config, true);
        scheduler.apply(config);
    }

    /** How the daemon listens. */
    public record Settings(InetSocketAddress listen, boolean lifecycle) {}

    /**
     * Loads the configuration and starts everything.
     *
     * @throws ConfigException when the targets file is wrong: nothing was started
     */
    public static Application start(Path configFile, Settings settings, Clock clock)
            throws ConfigException {
        LOG.info("loading {}", configFile);
        Config config = ConfigLoader.load(configFile);
        LOG.info("loaded {} targets from {}", config.targets().size(), configFile);
        Application app = new Application(configFile, config, settings, clock);
        app.http.start(settings.listen());
        app.watcher.start();
        Signals.onHangup(app::reload);
        return app;
    }

    /** The port the HTTP server listens on. */
    public int port() {
        return http.port();
    }

    /**
     * Reads the targets file again and switches to it; a file with mistakes keeps the running
     * configuration and is reported in {@code certgauge_config_last_reload_successful}.
     *
     * @return the problems, one a line, or empty when the reload succeeded
     */
    public synchronized String reload() {
        try {
            Config config = ConfigLoader.load(configFile);
            scheduler.apply(config);
            monitor.configLoaded(config, true);
            LOG.info("reloaded {}: {} targets", configFile, config.targets().size());
            return "";
        } catch (ConfigException e) {
            monitor.configLoaded(null, false);
            LOG.error(
                    "reload of {} failed, keeping the running configuration:\n{}",
                    configFile,
                    e.getMessage());
            return e.getMessage();
        }
    }

    /** Blocks until the first round of probes finished. */
    public void awaitFirstRound() throws InterruptedException {
        scheduler.awaitRound(Duration.ofDays(1));
    }

    /** Blocks until the JVM is asked to stop (SIGTERM, Ctrl-C), then closes everything. */
    public void runUntilShutdown() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    close();
                                    stopped.countDown();
                                },
                                "certgauge-shutdown"));
        stopped.await();
    }

    @Override
    public void close() {
        LOG.info("shutting down");
        watcher.close();
        http.close();
        scheduler.close();
        fetcher.close();
    }
}
