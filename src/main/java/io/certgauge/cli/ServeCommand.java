package io.certgauge.cli;

import io.certgauge.Application;
import io.certgauge.Main;
import io.certgauge.config.ConfigException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code certgauge serve}: the daemon. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Probe every target of a targets file on schedule and serve the results.")
public final class ServeCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The targets file (YAML, or .txt: one host[:port][/starttls] a line).")
    Path config;

    @Option(
            names = "--listen",
            paramLabel = "HOST:PORT",
            defaultValue = "0.0.0.0:9795",
            converter = ListenAddress.class,
            description = "Where the HTTP server listens (default: ${DEFAULT-VALUE}).")
    InetSocketAddress listen;

    @Option(names = "--web.enable-lifecycle", description = "Accept POST /-/reload.")
    boolean lifecycle;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        Application app;
        try {
            app =
                    Application.start(
                            config, new Application.Settings(listen, lifecycle), Clock.systemUTC());
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_USAGE;
        }
        app.runUntilShutdown();
        return 0;
    }
}
