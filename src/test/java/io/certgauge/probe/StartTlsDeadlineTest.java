package io.certgauge.probe;

import static io.certgauge.probe.Probes.loopback;
import static io.certgauge.probe.Probes.onlyFailure;
import static io.certgauge.probe.Probes.prober;
import static io.certgauge.probe.Probes.withStartTls;
import static io.certgauge.probe.Probes.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every STARTTLS dialogue ends at the probe's deadline, whatever the server does. */
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StartTlsDeadlineTest {

    private static final Duration SHORT = Duration.ofMillis(500);

    @ParameterizedTest
    @EnumSource(StartTls.class)
    void silentServerEndsInTimeoutDuringTheDialogue(StartTls protocol) throws Exception {
        try (RawTestServer server =
                RawTestServer.start(
                        socket ->
                                socket.getInputStream()
                                        .transferTo(OutputStream.nullOutputStream()))) {
            ProbeTarget target =
                    withTimeout(withStartTls(loopback(server.port()), protocol), SHORT);

            ProbeFailed failed = onlyFailure(prober().probe(target));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.TIMEOUT);
            assertThat(failed.message())
                    .startsWith("no answer within 500ms (connect ")
                    .endsWith("STARTTLS stalled)");
        }
    }

    @Test
    void greetingDrippedOneByteAtATimeEndsInTimeout() throws Exception {
        // Each byte arrives well within a read timeout, so only the deadline ends the read.
        try (RawTestServer server =
                RawTestServer.start(
                        socket -> {
                            OutputStream out = socket.getOutputStream();
                            for (byte b : "* OK ".repeat(100).getBytes(StandardCharsets.US_ASCII)) {
                                out.write(b);
                                out.flush();
                                Thread.sleep(100);
                            }
                        })) {
            ProbeTarget target =
                    withTimeout(
                            withStartTls(loopback(server.port()), StartTls.IMAP),
                            Duration.ofSeconds(1));

            ProbeFailed failed = onlyFailure(prober().probe(target));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.TIMEOUT);
            assertThat(failed.message()).endsWith("STARTTLS stalled)");
        }
    }
}
