package io.certgauge.cli;

import io.certgauge.Main;
import io.certgauge.config.Config;
import io.certgauge.config.Defaults;
import io.certgauge.config.Target;
import io.certgauge.config.Targets;
import io.certgauge.export.json.JsonApi;
import io.certgauge.result.Snapshot;
import io.certgauge.result.TargetResult;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code certgauge inspect}: a readable report of one endpoint, or JSON with {@code --json}. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description =
                "Probe one endpoint and print every certificate of its chain, the path and every"
                        + " finding. Exit 0 when the chain was read, 1 when the probe failed.")
public final class InspectCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "HOST[:PORT]",
            description = "The endpoint; IPv6 as [::1]:443.")
    String endpoint;

    @Mixin EndpointOptions options;

    @Option(names = "--json", description = "Print the /api/v1/targets JSON of this target.")
    boolean json;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    @Override
    public Integer call() {
        Target target;
        try {
            Target spec = Targets.parseSpec(endpoint, Defaults.BUILT_IN);
            String specStarttls = spec.starttls() == null ? null : spec.starttls().wireName();
            target = options.target(spec.host(), spec.port(), specStarttls);
        } catch (IllegalArgumentException e) {
            System.err.println("certgauge inspect: " + e.getMessage());
            return Main.EXIT_USAGE;
        }

        Clock clock = Clock.systemUTC();
        TargetResult result = Probes.probe(target, clock);

        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (json) {
            Config config =
                    new Config(null, 1, Defaults.BUILT_IN, List.of(target), List.of(), List.of());
            out.print(new JsonApi(clock).targets(new Snapshot(config, List.of(result))));
            out.println();
        } else {
            out.print(new InspectReport(clock, ZoneId.systemDefault()).render(result));
        }
        return result.probeOk() ? 0 : Main.EXIT_FAILURE;
    }
}
