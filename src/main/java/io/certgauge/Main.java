package io.certgauge;

import io.certgauge.cli.CheckCommand;
import io.certgauge.cli.DemoCommand;
import io.certgauge.cli.InspectCommand;
import io.certgauge.cli.ServeCommand;
import io.certgauge.probe.JdkTlsPolicy;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code serve}, {@code demo}, {@code check} and {@code inspect}. Exit codes:
 * {@code check} follows the Nagios plugin guidelines (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); the
 * others give 0 when done, 1 on a runtime failure and 2 for bad arguments or a bad targets file,
 * with one readable line per problem on stderr and no stack trace unless {@code --debug}.
 */
@Command(
        name = "certgauge",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Watches TLS certificates for Prometheus, Zabbix and Nagios/Icinga.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            CheckCommand.class,
            InspectCommand.class
        })
public final class Main implements Callable<Integer> {

    /** Exit code of serve, demo and inspect for bad arguments or a bad targets file. */
    public static final int EXIT_USAGE = 2;

    /** Exit code of serve, demo and inspect for a runtime failure. */
    public static final int EXIT_FAILURE = 1;

    public static void main(String[] args) {
        JdkTlsPolicy.relax();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code; for tests. */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        // picocli asks the handlers of the command line that executes (this root one) even for
        // a mistake in a subcommand, so the handlers below dispatch check's plugin contract.
        commandLine.setParameterExceptionHandler(Main::usageError);
        commandLine.setExecutionExceptionHandler(Main::runtimeError);
        return commandLine.execute(args);
    }

    /** No command given: a usage mistake like any other, so the usage goes to stderr. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.err);
        return EXIT_USAGE;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        if (cmd.getCommand() instanceof CheckCommand) {
            return CheckCommand.usageError(e, args);
        }
        cmd.getErr().println("certgauge: " + e.getMessage());
        cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return EXIT_USAGE;
    }

    private static int runtimeError(
            Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (cmd.getCommand() instanceof CheckCommand) {
            return CheckCommand.internalError(e, cmd, parseResult);
        }
        cmd.getErr().println("certgauge: " + describe(e));
        if (debugRequested(parseResult)) {
            e.printStackTrace(cmd.getErr());
        }
        return EXIT_FAILURE;
    }

    private static boolean debugRequested(CommandLine.ParseResult result) {
        for (CommandLine.ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** A one-line description of an exception: its message, or its type when it has none. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        return message != null && !message.isBlank() ? message : e.getClass().getSimpleName();
    }

    /** Reads the version from the jar's manifest. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"certgauge " + Version.current()};
        }
    }
}
