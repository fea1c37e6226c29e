package io.certgauge.probe;

import static io.certgauge.probe.Probes.NAME;
import static io.certgauge.probe.Probes.loopback;
import static io.certgauge.probe.Probes.named;
import static io.certgauge.probe.Probes.onlyChainRead;
import static io.certgauge.probe.Probes.onlyFailure;
import static io.certgauge.probe.Probes.prober;
import static io.certgauge.probe.Probes.withStartTls;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class XmppStartTlsTest {

    private static final String SERVER_HEADER =
            "<?xml version='1.0'?>\n<stream:stream"
                    + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                    + " id='c2s-1' from='"
                    + NAME
                    + "' version='1.0' xml:lang='en'>";

    private static final String FEATURES_WITH_STARTTLS =
            "<stream:features>"
                    + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
                    + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                    + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>";

    private final ServerIdentity identity = ServerIdentity.forName(NAME);

    /** Bytes up to and including the first {@code >} after {@code marker}. */
    private static String readThrough(InputStream in, String marker) throws IOException {
        StringBuilder text = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            text.append((char) b);
            if (b == '>' && text.indexOf(marker) >= 0) {
                return text.toString();
            }
        }
        throw new IOException("client closed after " + text);
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private StartTlsServer server(String features, String answer) {
        return new StartTlsServer(
                identity,
                (socket, received) -> {
                    InputStream in = socket.getInputStream();
                    received.add(readThrough(in, "<stream:stream"));
                    write(socket, SERVER_HEADER + "\n" + features);
                    if (answer == null) {
                        return false;
                    }
                    received.add(readThrough(in, "<starttls"));
                    write(socket, answer);
                    return answer.contains("proceed");
                });
    }

    @Test
    void chainIsReadAfterProceedAndTheStreamIsAddressedToTheServerName() throws Exception {
        StartTlsServer xmpp =
                server(
                        FEATURES_WITH_STARTTLS,
                        "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");

        try (RawTestServer server = RawTestServer.start(xmpp)) {
            TlsProber prober = prober(MapResolver.of(NAME, "127.0.0.1"));
            ProbeTarget target =
                    withStartTls(named(NAME, server.port(), IpFamily.ANY), StartTls.XMPP);

            ChainRead read = onlyChainRead(prober.probe(target));

            assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
            assertThat(xmpp.received).hasSize(2);
            assertThat(xmpp.received.get(0))
                    .contains(
                            "<stream:stream to='" + NAME + "'",
                            "xmlns='jabber:client'",
                            "version='1.0'");
            assertThat(xmpp.received.get(1))
                    .isEqualTo("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        }
    }

    @Test
    void streamWithoutAServerNameIsAddressedToTheHost() {
        String header = XmppStartTls.streamHeader(XmppStartTls.domain(loopback(5222)));

        assertThat(header).contains(" to='127.0.0.1' ");
    }

    @Test
    void featuresWithoutStartTlsAreAStartTlsFailureQuotingThem() throws Exception {
        String features =
                "<stream:features>\n  <mechanisms"
                        + " xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>\n</stream:features>";
        StartTlsServer xmpp = server(features, null);

        try (RawTestServer server = RawTestServer.start(xmpp)) {
            ProbeFailed failed =
                    onlyFailure(
                            prober().probe(withStartTls(loopback(server.port()), StartTls.XMPP)));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
            assertThat(failed.message())
                    .isEqualTo(
                            "server does not offer STARTTLS; its features: <stream:features>"
                                    + " <mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
                                    + " </stream:features>");
        }
    }

    @Test
    void failureAnswerIsAStartTlsFailureQuotingIt() throws Exception {
        StartTlsServer xmpp =
                server(
                        FEATURES_WITH_STARTTLS,
                        "<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>");

        try (RawTestServer server = RawTestServer.start(xmpp)) {
            ProbeFailed failed =
                    onlyFailure(
                            prober().probe(withStartTls(loopback(server.port()), StartTls.XMPP)));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
            assertThat(failed.message())
                    .isEqualTo(
                            "STARTTLS answered <failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"
                                    + " (expected <proceed/>)");
        }
    }

    @Test
    void streamErrorInsteadOfFeaturesIsAStartTlsFailureQuotingIt() throws Exception {
        String error =
                "<stream:error><host-unknown"
                        + " xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>";
        StartTlsServer xmpp = server(error, null);

        try (RawTestServer server = RawTestServer.start(xmpp)) {
            ProbeFailed failed =
                    onlyFailure(
                            prober().probe(withStartTls(loopback(server.port()), StartTls.XMPP)));

            assertThat(failed.message()).isEqualTo("server ended the stream: " + error);
        }
    }
}
