package io.certgauge.probe;

import static io.certgauge.probe.Probes.NAME;
import static io.certgauge.probe.Probes.loopback;
import static io.certgauge.probe.Probes.onlyChainRead;
import static io.certgauge.probe.Probes.onlyFailure;
import static io.certgauge.probe.Probes.prober;
import static io.certgauge.probe.Probes.withStartTls;
import static io.certgauge.probe.Probes.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SmtpStartTlsTest {

    private static final List<String> EHLO_WITH_STARTTLS =
            List.of("250-mx.probe.test greets you", "250-SIZE 1000000", "250 STARTTLS");

    /** A small SMTP server: multi-line greeting, the given EHLO and STARTTLS replies. */
    private static final class SmtpServer implements RawTestServer.Handler {
        private final List<String> ehloReply;
        private final String starttlsReply;
        private final SSLContext tls;
        final List<String> received = new CopyOnWriteArrayList<>();

        SmtpServer(List<String> ehloReply, String starttlsReply, ServerIdentity identity)
                throws Exception {
            this.ehloReply = ehloReply;
            this.starttlsReply = starttlsReply;
            this.tls = identity.serverContext();
        }

        @Override
        public void handle(Socket socket) throws Exception {
            socket.setSoTimeout(5000);
            TextLines lines = new TextLines(socket);
            lines.writeLine("220-mx.probe.test ESMTP");
            lines.writeLine("220 ready when you are");
            received.add(lines.readLine());
            for (String line : ehloReply) {
                lines.writeLine(line);
            }
            try {
                received.add(lines.readLine());
            } catch (EOFException clientGaveUp) {
                return;
            }
            lines.writeLine(starttlsReply);
            if (starttlsReply.startsWith("220")) {
                TlsTestServer.handshakeAsServer(
                        tls, TlsTestServer.Options.defaults(), socket, seen -> {});
            }
        }
    }

    private static ProbeTarget smtpAt(int port) {
        return withStartTls(loopback(port), StartTls.SMTP);
    }

    @Nested
    class Upgrade {

        @ParameterizedTest
        @EnumSource(names = {"SMTP", "SUBMISSION"})
        void chainIsReadAfterTheDialogue(StartTls protocol) throws Exception {
            ServerIdentity identity = ServerIdentity.forName(NAME);
            SmtpServer smtp = new SmtpServer(EHLO_WITH_STARTTLS, "220 go ahead", identity);

            try (RawTestServer server = RawTestServer.start(smtp)) {
                ProbeTarget target = withStartTls(loopback(server.port()), protocol);

                ChainRead read = onlyChainRead(prober().probe(target));

                assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
                assertThat(smtp.received).containsExactly("EHLO [127.0.0.1]", "STARTTLS");
            }
        }

        @Test
        void ehloNamesAnIpv6ClientWithTheIpv6AddressLiteral() {
            String argument = SmtpStartTls.ehloArgument(MapResolver.parse("::1"));

            assertThat(argument).isEqualTo("[IPv6:::1]");
        }
    }

    @Nested
    class Refusals {

        @Test
        void serverThatDoesNotAdvertiseStartTlsIsAStartTlsFailureQuotingItsReply()
                throws Exception {
            List<String> ehlo = List.of("250-mx.probe.test greets you", "250 SIZE 1000000");
            SmtpServer smtp = new SmtpServer(ehlo, "", ServerIdentity.forName(NAME));

            try (RawTestServer server = RawTestServer.start(smtp)) {
                ProbeFailed failed = onlyFailure(prober().probe(smtpAt(server.port())));

                assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
                assertThat(failed.message())
                        .isEqualTo(
                                "server does not advertise STARTTLS; EHLO answer: 250-mx.probe.test"
                                        + " greets you / 250 SIZE 1000000");
            }
        }

        @Test
        void serverThatRefusesTheStartTlsCommandIsAStartTlsFailure() throws Exception {
            String refusal = "454 4.7.0 TLS not available  ";
            SmtpServer smtp =
                    new SmtpServer(EHLO_WITH_STARTTLS, refusal, ServerIdentity.forName(NAME));

            try (RawTestServer server = RawTestServer.start(smtp)) {
                ProbeFailed failed = onlyFailure(prober().probe(smtpAt(server.port())));

                assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
                assertThat(failed.message())
                        .isEqualTo("STARTTLS answered 454 4.7.0 TLS not available (expected 220)");
            }
        }

        @Test
        void serverThatGreetsWithAnErrorIsAStartTlsFailure() throws Exception {
            try (RawTestServer server =
                    RawTestServer.start(
                            socket -> new TextLines(socket).writeLine("554 no service for you"))) {
                ProbeFailed failed = onlyFailure(prober().probe(smtpAt(server.port())));

                assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
                assertThat(failed.message())
                        .isEqualTo("SMTP greeting answered 554 no service for you (expected 220)");
            }
        }

        @Test
        void silentSmtpServerEndsInTimeoutDuringTheDialogue() throws Exception {
            try (RawTestServer server =
                    RawTestServer.start(
                            socket ->
                                    socket.getInputStream()
                                            .transferTo(OutputStream.nullOutputStream()))) {
                ProbeTarget target = withTimeout(smtpAt(server.port()), Duration.ofSeconds(1));

                ProbeFailed failed = onlyFailure(prober().probe(target));

                assertThat(failed.reason()).isEqualTo(ProbeErrorReason.TIMEOUT);
                assertThat(failed.message()).endsWith("STARTTLS stalled)");
            }
        }
    }
}
