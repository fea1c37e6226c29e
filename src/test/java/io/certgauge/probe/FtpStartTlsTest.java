package io.certgauge.probe;

import static io.certgauge.probe.Probes.NAME;
import static io.certgauge.probe.Probes.loopback;
import static io.certgauge.probe.Probes.onlyChainRead;
import static io.certgauge.probe.Probes.onlyFailure;
import static io.certgauge.probe.Probes.prober;
import static io.certgauge.probe.Probes.withStartTls;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FtpStartTlsTest {

    private final ServerIdentity identity = ServerIdentity.forName(NAME);

    private static ProbeTarget ftpAt(int port) {
        return withStartTls(loopback(port), StartTls.FTP);
    }

    private StartTlsServer server(List<String> greeting, String authAnswer) {
        return new StartTlsServer(
                identity,
                (socket, received) -> {
                    TextLines lines = new TextLines(socket);
                    for (String line : greeting) {
                        lines.writeLine(line);
                    }
                    received.add(lines.readLine());
                    lines.writeLine(authAnswer);
                    return authAnswer.startsWith("234");
                });
    }

    @Test
    void chainIsReadAfterAuthTlsBehindAMultiLineBanner() throws Exception {
        // RFC 959 section 4.2: the lines inside a multi-line reply need not carry the code.
        StartTlsServer ftp =
                server(
                        List.of(
                                "220-Welcome to the test archive",
                                " 220 is not the end here",
                                "220 ready"),
                        "234 Proceed with negotiation.");

        try (RawTestServer server = RawTestServer.start(ftp)) {
            ChainRead read = onlyChainRead(prober().probe(ftpAt(server.port())));

            assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
            assertThat(ftp.received).containsExactly("AUTH TLS");
        }
    }

    @Test
    void preliminaryReplyBeforeTheGreetingIsWaitedFor() throws Exception {
        StartTlsServer ftp =
                server(List.of("120 ready in 1 minute", "220 ready"), "234 AUTH TLS successful");

        try (RawTestServer server = RawTestServer.start(ftp)) {
            ChainRead read = onlyChainRead(prober().probe(ftpAt(server.port())));

            assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
        }
    }

    @Test
    void refusedAuthTlsIsAStartTlsFailureQuotingTheReply() throws Exception {
        StartTlsServer ftp = server(List.of("220 ProFTPD Server"), "500 AUTH not understood");

        try (RawTestServer server = RawTestServer.start(ftp)) {
            ProbeFailed failed = onlyFailure(prober().probe(ftpAt(server.port())));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
            assertThat(failed.message())
                    .isEqualTo("AUTH TLS answered 500 AUTH not understood (expected 234)");
        }
    }

    @Test
    void greetingThatRefusesServiceIsAStartTlsFailure() throws Exception {
        StartTlsServer ftp =
                new StartTlsServer(
                        identity,
                        (socket, received) -> {
                            new TextLines(socket).writeLine("421 Too many users, try later");
                            return false;
                        });

        try (RawTestServer server = RawTestServer.start(ftp)) {
            ProbeFailed failed = onlyFailure(prober().probe(ftpAt(server.port())));

            assertThat(failed.message())
                    .isEqualTo(
                            "FTP greeting answered 421 Too many users, try later (expected 220)");
        }
    }
}
