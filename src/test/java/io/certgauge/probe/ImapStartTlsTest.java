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
class ImapStartTlsTest {

    private final ServerIdentity identity = ServerIdentity.forName(NAME);

    private static ProbeTarget imapAt(int port) {
        return withStartTls(loopback(port), StartTls.IMAP);
    }

    @Test
    void chainIsReadAfterTheTaggedOkEvenWithUntaggedLinesBeforeIt() throws Exception {
        StartTlsServer imap =
                new StartTlsServer(
                        identity,
                        (socket, received) -> {
                            TextLines lines = new TextLines(socket);
                            lines.writeLine(
                                    "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready");
                            received.add(lines.readLine());
                            lines.writeLine("* CAPABILITY IMAP4rev1 STARTTLS");
                            lines.writeLine("a001 OK Begin TLS negotiation now");
                            return true;
                        });

        try (RawTestServer server = RawTestServer.start(imap)) {
            ChainRead read = onlyChainRead(prober().probe(imapAt(server.port())));

            assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
            assertThat(imap.received).containsExactly("a001 STARTTLS");
        }
    }

    @Test
    void taggedRefusalIsAStartTlsFailureQuotingIt() throws Exception {
        StartTlsServer imap =
                new StartTlsServer(
                        identity,
                        (socket, received) -> {
                            TextLines lines = new TextLines(socket);
                            lines.writeLine("* OK IMAP4rev1 ready");
                            received.add(lines.readLine());
                            lines.writeLine("a001 BAD Unknown command STARTTLS\t");
                            return false;
                        });

        try (RawTestServer server = RawTestServer.start(imap)) {
            ProbeFailed failed = onlyFailure(prober().probe(imapAt(server.port())));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
            assertThat(failed.message())
                    .isEqualTo(
                            "STARTTLS answered a001 BAD Unknown command STARTTLS (expected a001"
                                    + " OK)");
        }
    }

    @Test
    void greetingOtherThanOkIsAStartTlsFailure() throws Exception {
        StartTlsServer imap =
                new StartTlsServer(
                        identity,
                        (socket, received) -> {
                            new TextLines(socket)
                                    .writeLine("* BYE Too many connections from your address");
                            return false;
                        });

        try (RawTestServer server = RawTestServer.start(imap)) {
            ProbeFailed failed = onlyFailure(prober().probe(imapAt(server.port())));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
            assertThat(failed.message())
                    .isEqualTo(
                            "IMAP greeting answered * BYE Too many connections from your address"
                                    + " (expected * OK)");
        }
    }
}
