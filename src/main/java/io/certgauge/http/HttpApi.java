package io.certgauge.http;

import io.certgauge.config.Config;
import io.certgauge.config.Target;
import io.certgauge.export.json.JsonApi;
import io.certgauge.export.nagios.NagiosReport;
import io.certgauge.export.nagios.PluginOutput;
import io.certgauge.export.prometheus.PrometheusExporter;
import io.certgauge.export.zabbix.LabelFilter;
import io.certgauge.export.zabbix.ZabbixExporter;
import io.certgauge.result.ResultStore;
import io.certgauge.result.Snapshot;
import io.certgauge.result.TargetResult;
import io.certgauge.schedule.Scheduler;
import io.certgauge.schedule.TargetChecker;
import io.certgauge.verdict.DaysRange;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every output of the latest results over HTTP. Scrapes read a snapshot and never probe,
 * except {@code /probe}. Thread-safe.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    private final ResultStore store;
    private final Scheduler scheduler;
    private final OnDemandProbe onDemand;
    private final PrometheusExporter prometheus;
    private final Supplier<String> reload;
    private final boolean lifecycle;
    private final NagiosReport nagios;
    private final ZabbixExporter zabbix;
    private final JsonApi json;
    private final StatusPage statusPage;
    private Javalin server;

    public HttpApi(
            ResultStore store,
            Scheduler scheduler,
            TargetChecker checker,
            PrometheusExporter prometheus,
            Supplier<String> reload,
            boolean lifecycle,
            Clock clock) {
        this.store = store;
        this.scheduler = scheduler;
        this.onDemand = new OnDemandProbe(checker);
        this.prometheus = prometheus;
        this.reload = reload;
        this.lifecycle = lifecycle;
        this.nagios = new NagiosReport(clock, ZoneId.systemDefault());
        this.zabbix = new ZabbixExporter(clock);
        this.json = new JsonApi(clock);
        this.statusPage = new StatusPage(clock);
    }

    /**
     * Starts listening.
     *
     * @throws IllegalStateException with a readable message when the address cannot be bound
     */
    public void start(InetSocketAddress listen) {
        server =
                Javalin.create(
                        config -> {
                            config.startup.showJavalinBanner = false;
                            config.startup.showOldJavalinVersionWarning = false;
                            config.jetty.host = listen.getHostString();
                            config.jetty.port = listen.getPort();
                            config.routes.get("/metrics", this::metrics);
                            config.routes.get("/probe", this::probe);
                            config.routes.get("/zabbix/discovery", this::zabbixDiscovery);
                            config.routes.get("/zabbix/targets", this::zabbixTargets);
                            config.routes.get("/api/v1/targets", this::apiTargets);
                            config.routes.get("/nagios", this::nagios);
                            config.routes.get(
                                    "/healthz", ctx -> ctx.contentType(TEXT).result("ok\n"));
                            config.routes.get("/readyz", this::readyz);
                            config.routes.post("/-/reload", this::reload);
                            config.routes.get("/", this::statusPage);
                        });
        try {
            server.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot listen on "
                            + listen.getHostString()
                            + ":"
                            + listen.getPort()
                            + " ("
                            + rootMessage(e)
                            + "); choose another with --listen",
                    e);
        }
        LOG.info("listening on {}:{}", listen.getHostString(), port());
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }

    private void metrics(Context ctx) {
        String accept = ctx.header("Accept");
        ctx.contentType(PrometheusExporter.CONTENT_TYPE);
        ctx.result(accept == null ? prometheus.scrape() : prometheus.scrape(accept));
        if (accept != null && accept.contains("application/openmetrics-text")) {
            ctx.contentType("application/openmetrics-text; version=1.0.0; charset=utf-8");
        }
    }

    private void probe(Context ctx) {
        Config config = store.snapshot().config();
        OnDemandProbe.Request request;
        try {
            request =
                    OnDemandProbe.Request.of(
                            ctx.queryParam("target"),
                            ctx.queryParam("sni"),
                            ctx.queryParam("starttls"),
                            config);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST).contentType(TEXT).result(e.getMessage() + "\n");
            return;
        }
        Optional<String> refusal = onDemand.refusal(request, config);
        if (refusal.isPresent()) {
            ctx.status(HttpStatus.FORBIDDEN).contentType(TEXT).result(refusal.get() + "\n");
            return;
        }
        Optional<TargetResult> result = onDemand.probe(request);
        if (result.isEmpty()) {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", "1")
                    .contentType(TEXT)
                    .result(
                            "503: "
                                    + OnDemandProbe.MAX_IN_FLIGHT
                                    + " /probe requests are running already; try again later\n");
            return;
        }
        ctx.contentType(PrometheusExporter.CONTENT_TYPE).result(prometheus.render(result.get()));
    }

    private void zabbixDiscovery(Context ctx) {
        ctx.contentType(JSON).result(zabbix.discovery(store.snapshot(), labelFilter(ctx)));
    }

    private void zabbixTargets(Context ctx) {
        ctx.contentType(JSON).result(zabbix.targets(store.snapshot(), labelFilter(ctx)));
    }

    private void apiTargets(Context ctx) {
        ctx.contentType(JSON).result(json.targets(store.snapshot()));
    }

    private void nagios(Context ctx) {
        String id = ctx.queryParam("target");
        Snapshot snapshot = store.snapshot();
        PluginOutput output;
        if (id == null || id.isEmpty()) {
            output = NagiosReport.unknown("no target given; ask /nagios?target=ID");
            ctx.status(HttpStatus.BAD_REQUEST);
        } else {
            Optional<TargetResult> result = snapshot.find(id);
            if (result.isEmpty()) {
                output = NagiosReport.unknown("no target '" + id + "' in the configuration");
                ctx.status(HttpStatus.NOT_FOUND);
            } else {
                output = renderNagios(ctx, result.get());
            }
        }
        ctx.contentType(TEXT).result(output.text());
    }

    private PluginOutput renderNagios(Context ctx, TargetResult result) {
        String warning = ctx.queryParam("warning");
        String critical = ctx.queryParam("critical");
        if (warning == null && critical == null) {
            return nagios.render(result);
        }
        try {
            Target target = result.target();
            DaysRange w =
                    warning != null
                            ? DaysRange.parse(warning)
                            : DaysRange.below(target.thresholds().warningDays());
            DaysRange c =
                    critical != null
                            ? DaysRange.parse(critical)
                            : DaysRange.below(target.thresholds().criticalDays());
            return nagios.render(result, w, c);
        } catch (IllegalArgumentException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            return NagiosReport.unknown(e.getMessage());
        }
    }

    private void readyz(Context ctx) {
        if (scheduler.ready()) {
            ctx.contentType(TEXT).result("ready\n");
        } else {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .contentType(TEXT)
                    .result("first round of probes still running\n");
        }
    }

    private void reload(Context ctx) {
        if (!lifecycle) {
            ctx.status(HttpStatus.FORBIDDEN)
                    .contentType(TEXT)
                    .result("reload over HTTP is off; start with --web.enable-lifecycle\n");
            return;
        }
        String problems = reload.get();
        if (problems.isEmpty()) {
            ctx.contentType(TEXT).result("reloaded\n");
        } else {
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .contentType(TEXT)
                    .result(
                            "reload failed, the previous configuration keeps running:\n"
                                    + problems
                                    + "\n");
        }
    }

    private void statusPage(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(statusPage.render(store.snapshot()));
    }

    private static LabelFilter labelFilter(Context ctx) {
        Map<String, String> required = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (!e.getValue().isEmpty()) {
                required.put(e.getKey(), e.getValue().get(0));
            }
        }
        return new LabelFilter(required);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
