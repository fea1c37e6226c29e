package io.certgauge.probe;

import static io.certgauge.probe.Probes.NAME;
import static io.certgauge.probe.Probes.loopback;
import static io.certgauge.probe.Probes.onlyChainRead;
import static io.certgauge.probe.Probes.onlyFailure;
import static io.certgauge.probe.Probes.prober;
import static io.certgauge.probe.Probes.withStartTls;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Pop3StartTlsTest {

    private final ServerIdentity identity = ServerIdentity.forName(NAME);

    private static ProbeTarget pop3At(int port) {
        return withStartTls(loopback(port), StartTls.POP3);
    }

    private StartTlsServer answeringStls(String answer) {
        return new StartTlsServer(
                identity,
                (socket, received) -> {
                    TextLines lines = new TextLines(socket);
                    lines.writeLine("+OK POP3 ready");
                    received.add(lines.readLine());
                    lines.writeLine(answer);
                    return answer.startsWith("+OK");
                });
    }

    @Test
    void chainIsReadAfterStls() throws Exception {
        StartTlsServer pop3 = answeringStls("+OK Begin TLS negotiation now");

        try (RawTestServer server = RawTestServer.start(pop3)) {
            ChainRead read = onlyChainRead(prober().probe(pop3At(server.port())));

            assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
            assertThat(pop3.received).containsExactly("STLS");
        }
    }

    @Test
    void errAnswerToStlsIsAStartTlsFailureQuotingIt() throws Exception {
        StartTlsServer pop3 = answeringStls("-ERR [SYS/PERM] TLS support isn't enabled.");

        try (RawTestServer server = RawTestServer.start(pop3)) {
            ProbeFailed failed = onlyFailure(prober().probe(pop3At(server.port())));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
            assertThat(failed.message())
                    .isEqualTo(
                            "STLS answered -ERR [SYS/PERM] TLS support isn't enabled. (expected"
                                    + " +OK)");
        }
    }
}
