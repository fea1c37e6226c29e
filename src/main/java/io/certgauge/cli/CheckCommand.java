package io.certgauge.cli;

import io.certgauge.Main;
import io.certgauge.Version;
import io.certgauge.config.Durations;
import io.certgauge.config.Target;
import io.certgauge.export.nagios.NagiosReport;
import io.certgauge.export.nagios.PluginOutput;
import io.certgauge.result.TargetResult;
import io.certgauge.verdict.DaysRange;
import io.certgauge.verdict.Status;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code certgauge check}: a Nagios/Icinga plugin. One probe (or the daemon's latest result with
 * {@code --from}), one status line with perfdata, then detail lines; exit 0/1/2/3. Every problem
 * with the arguments is UNKNOWN (3) on stdout, which is what the plugin host reads.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = CheckCommand.VersionLine.class,
        // A plugin host shows the first line only: --help and --version are UNKNOWN there too.
        headerHeading = "CERTGAUGE UNKNOWN - usage help only, nothing was checked%n",
        exitCodeOnUsageHelp = 3,
        exitCodeOnVersionHelp = 3,
        exitCodeOnInvalidInput = 3,
        exitCodeOnExecutionException = 3,
        description =
                "Nagios/Icinga plugin: probe one endpoint (or ask a running daemon) and report its"
                        + " certificate's state. Exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.")
public final class CheckCommand implements Callable<Integer> {

    /** Longest plugin text read from a daemon; a real one is a few lines. */
    static final int MAX_ANSWER_BYTES = 1 << 20;

    @Option(
            names = {"-H", "--host"},
            paramLabel = "HOST",
            description = "Host name or IP.")
    String host;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            description = "TCP port (default 443, or the STARTTLS protocol's).")
    Integer port;

    @Mixin EndpointOptions endpoint;

    @Option(
            names = {"-w", "--warning"},
            paramLabel = "DAYS",
            description =
                    "Warn below this many days (a Nagios range when it holds : @ or ~; "
                            + "default 30, or the target's own with --from).")
    String warning;

    @Option(
            names = {"-c", "--critical"},
            paramLabel = "DAYS",
            description = "Critical below this many days (default 7, or the target's own).")
    String critical;

    @Option(
            names = {"-v", "--verbose"},
            description = "Also print every certificate of the chain (may be repeated).")
    boolean[] verbose = new boolean[0];

    @Option(
            names = "--from",
            paramLabel = "URL",
            description = "Ask a running daemon (its base URL) instead of probing.")
    String from;

    @Option(names = "--target", paramLabel = "ID", description = "The target id, with --from.")
    String target;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    @Override
    public Integer call() {
        try {
            return from != null ? fromDaemon() : probe();
        } catch (IllegalArgumentException e) {
            return unknown(e.getMessage());
        }
    }

    private int probe() {
        if (host == null) {
            return unknown("no host given; use -H HOST, or --from URL --target ID");
        }
        if (target != null) {
            return unknown("--target goes with --from URL");
        }
        Target t = endpoint.target(host, port, null);
        DaysRange w = range(warning, t.thresholds().warningDays());
        DaysRange c = range(critical, t.thresholds().criticalDays());

        Clock clock = Clock.systemUTC();
        TargetResult result = Probes.probe(t, clock);
        PluginOutput output = new NagiosReport(clock, ZoneId.systemDefault()).render(result, w, c);

        out.print(output.text());
        if (verbose.length > 0) {
            out.println();
            out.print(new InspectReport(clock, ZoneId.systemDefault()).render(result));
        }
        return output.exitCode();
    }

    private int fromDaemon() {
        if (target == null) {
            return unknown("--from needs --target ID");
        }
        if (host != null) {
            return unknown("give either -H HOST or --from URL, not both");
        }
        if (warning != null) {
            DaysRange.parse(warning);
        }
        if (critical != null) {
            DaysRange.parse(critical);
        }
        String base = from.endsWith("/") ? from.substring(0, from.length() - 1) : from;
        StringBuilder url =
                new StringBuilder(base).append("/nagios?target=").append(encode(target));
        if (warning != null) {
            url.append("&warning=").append(encode(warning));
        }
        if (critical != null) {
            url.append("&critical=").append(encode(critical));
        }
        String body;
        try {
            body = get(URI.create(url.toString()));
        } catch (IOException | IllegalArgumentException e) {
            return unknown("cannot read " + base + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown("interrupted");
        }
        out.print(printable(body));
        return stateOf(body).exitCode();
    }

    /**
     * The daemon's plugin text, read whole within the timeout (the client's own request timeout
     * ends with the headers, so a body that never ends would hold the plugin) and at most {@link
     * #MAX_ANSWER_BYTES}.
     */
    private String get(URI uri) throws IOException, InterruptedException {
        Duration deadline = Durations.parse(endpoint.timeout);
        HttpClient client = HttpClient.newBuilder().connectTimeout(deadline).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(deadline).GET().build();
        CompletableFuture<HttpResponse<byte[]>> answer =
                client.sendAsync(
                        request,
                        info ->
                                HttpResponse.BodySubscribers.mapping(
                                        HttpResponse.BodySubscribers.ofInputStream(),
                                        CheckCommand::readCapped));
        HttpResponse<byte[]> response;
        try {
            response = answer.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new HttpTimeoutException("request timed out");
        } catch (ExecutionException e) {
            Throwable cause =
                    e.getCause() instanceof UncheckedIOException
                            ? e.getCause().getCause()
                            : e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IOException(cause);
        }
        if (response.body() == null) {
            throw new IOException(
                    "answer larger than "
                            + (MAX_ANSWER_BYTES >> 20)
                            + " MiB, not a certgauge daemon");
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (!body.startsWith("CERTGAUGE ")) {
            throw new IOException("HTTP " + response.statusCode() + ", not a certgauge daemon");
        }
        return body;
    }

    /** The body, or {@code null} when it is longer than {@link #MAX_ANSWER_BYTES}. */
    private static byte[] readCapped(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_ANSWER_BYTES + 1);
            return bytes.length > MAX_ANSWER_BYTES ? null : bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why the daemon could not be read. The JDK's HTTP client reports a failed connection as a
     * {@code ConnectException} with no message anywhere in its causes.
     */
    private static String reason(Exception e) {
        if (e instanceof ConnectException && e.getMessage() == null) {
            return "cannot connect (refused or unreachable)";
        }
        return Main.describe(e);
    }

    /**
     * The text without control characters but line ends: an answer from something that is not a
     * well-behaved daemon must not drive the terminal or the plugin host's log.
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> c == '\n' || !Character.isISOControl(c))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /** The state named by the first word after {@code CERTGAUGE}; UNKNOWN when unreadable. */
    static Status stateOf(String pluginText) {
        String[] words = pluginText.split(" ", 3);
        if (words.length >= 2) {
            for (Status s : Status.values()) {
                if (s.word().equals(words[1])) {
                    return s;
                }
            }
        }
        return Status.UNKNOWN;
    }

    private static DaysRange range(String value, double fallbackDays) {
        return value != null ? DaysRange.parse(value) : DaysRange.below(fallbackDays);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private int unknown(String problem) {
        out.print(NagiosReport.unknown(problem).text());
        return Status.UNKNOWN.exitCode();
    }

    /** Bad arguments: UNKNOWN on stdout, exit 3, as the plugin guidelines ask. */
    public static int usageError(CommandLine.ParameterException e, String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(NagiosReport.unknown(e.getMessage() + "; see 'certgauge check --help'").text());
        return Status.UNKNOWN.exitCode();
    }

    /** An internal error: UNKNOWN on stdout, exit 3; the stack trace only with --debug. */
    public static int internalError(
            Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(NagiosReport.unknown("internal error: " + Main.describe(e)).text());
        if (((CheckCommand) cmd.getCommand()).debug) {
            e.printStackTrace(cmd.getErr());
        }
        return Status.UNKNOWN.exitCode();
    }

    /** {@code --version} as a plugin status line: UNKNOWN, since nothing was checked. */
    static final class VersionLine implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "CERTGAUGE UNKNOWN - certgauge "
                        + Version.current()
                        + " (version only, nothing was checked)"
            };
        }
    }
}
