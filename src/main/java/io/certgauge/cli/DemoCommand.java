package io.certgauge.cli;

import io.certgauge.Application;
import io.certgauge.Main;
import io.certgauge.demo.DemoEndpoints;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code certgauge demo}: TLS endpoints on loopback with certificates made at start, one per
 * situation certgauge reports, served by the daemon exactly as {@code serve} would. Offline.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Start loopback TLS endpoints with generated certificates and serve "
                        + "what certgauge finds in them, offline.")
public final class DemoCommand implements Callable<Integer> {

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            defaultValue = "127.0.0.1:9795",
            converter = ListenAddress.class,
            description = "Where the HTTP server listens (default: ${DEFAULT-VALUE}).")
    InetSocketAddress listen;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description =
                    "Where to write the demo's CA and targets files (default: a new"
                            + " certgauge-demo-* directory in the temporary directory).")
    Path dir;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemUTC();
        // A fresh directory per run by default: a second demo must never rewrite the targets
        // file a running one watches.
        Path target = dir != null ? dir : Files.createTempDirectory("certgauge-demo-");
        if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
            System.err.println(
                    "certgauge demo: --dir " + dir + " is not a directory; give a directory");
            return Main.EXIT_USAGE;
        }
        DemoEndpoints endpoints = DemoEndpoints.start(target.toAbsolutePath(), clock.instant());
        if (dir == null) {
            // The default directory is the demo's own: leave nothing behind on a normal stop.
            // Registered directory first, as deleteOnExit works in reverse order.
            target.toFile().deleteOnExit();
            endpoints.caFile().toFile().deleteOnExit();
            endpoints.targetsFile().toFile().deleteOnExit();
        }
        Application app =
                Application.start(
                        endpoints.targetsFile(), new Application.Settings(listen, false), clock);
        app.awaitFirstRound();

        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        printOverview(endpoints, app.port(), out);
        app.runUntilShutdown();
        return 0;
    }

    private void printOverview(DemoEndpoints endpoints, int port, PrintStream out) {
        String host =
                listen.getAddress() == null || listen.getAddress().isAnyLocalAddress()
                        ? "127.0.0.1"
                        : listen.getHostString();
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        String jar = "java -jar target/certgauge.jar";
        out.println(
                "certgauge demo is running: "
                        + endpoints.endpoints().size()
                        + " TLS endpoints on 127.0.0.1, certificates made just now.");
        out.println("CA file:      " + endpoints.caFile());
        out.println("targets file: " + endpoints.targetsFile());
        out.println();
        for (DemoEndpoints.Endpoint e : endpoints.endpoints()) {
            out.printf("  %-20s 127.0.0.1:%-5d %s%n", e.name(), e.port(), e.shows());
        }
        out.println();
        out.println("Status page:   " + base + "/");
        out.println("Try:");
        out.println("  curl -s " + base + "/metrics | grep -E 'expiry_days|validation_error'");
        out.println("  curl -s " + base + "/zabbix/targets");
        out.println("  curl -s '" + base + "/nagios?target=expiring-5d'");
        out.println("  " + jar + " check --from " + base + " --target expiring-20d; echo exit=$?");
        DemoEndpoints.Endpoint first = endpoints.endpoints().get(1);
        out.println(
                "  "
                        + jar
                        + " check -H 127.0.0.1 -p "
                        + first.port()
                        + " --sni "
                        + first.sni()
                        + " --ca-file "
                        + endpoints.caFile()
                        + "; echo exit=$?");
        out.println(
                "  "
                        + jar
                        + " inspect 127.0.0.1:"
                        + endpoints.endpoints().get(5).port()
                        + " --sni "
                        + endpoints.endpoints().get(5).sni());
        out.println("Stop with Ctrl-C.");
    }
}
