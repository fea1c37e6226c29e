package io.certgauge.probe;

import static io.certgauge.probe.Probes.NAME;
import static io.certgauge.probe.Probes.NOW;
import static io.certgauge.probe.Probes.loopback;
import static io.certgauge.probe.Probes.named;
import static io.certgauge.probe.Probes.onlyChainRead;
import static io.certgauge.probe.Probes.onlyFailure;
import static io.certgauge.probe.Probes.prober;
import static io.certgauge.probe.Probes.withTimeout;
import static org.assertj.core.api.Assertions.assertThat;

import io.certgauge.demo.Pki;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// A bound on each test, run on its own thread, so a prober that ignores its deadline fails
// instead of hanging.
@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TlsProberTest {

    @Nested
    class Handshake {

        @Test
        void chainIsCapturedExactlyAsSentIncludingAnExtraCertificate() throws Exception {
            Pki.Issued oldRoot = Pki.root("Old Cross Root").issue();
            ServerIdentity identity = ServerIdentity.forName(NAME).plus(oldRoot.certificate());

            try (TlsTestServer server = TlsTestServer.start(identity)) {
                ChainRead read = onlyChainRead(prober().probe(loopback(server.port())));

                assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
                assertThat(read.chain()).hasSize(3);
                assertThat(read.address()).isEqualTo("127.0.0.1");
                assertThat(read.ocspStaple()).isNull();
            }
        }

        @Test
        void aLongAndLargeChainIsCapturedToo() throws Exception {
            // Servers that send their whole CA bundle exist; the JDK's client refuses more than
            // 10 certificates or a 32 KiB Certificate message by default.
            ServerIdentity identity = ServerIdentity.forName(NAME);
            String[] names = new String[100];
            for (int i = 0; i < names.length; i++) {
                names[i] = "name-" + i + ".bundle.example.co.jp";
            }
            for (int i = 0; i < 28; i++) {
                identity =
                        identity.plus(
                                Pki.leaf("bundled-" + i + ".example.co.jp")
                                        .dnsNames(names)
                                        .issue()
                                        .certificate());
            }
            int bytes = 0;
            for (var cert : identity.chain()) {
                bytes += cert.getEncoded().length;
            }
            assertThat(bytes).isGreaterThan(32 * 1024);

            try (TlsTestServer server = TlsTestServer.start(identity)) {
                ChainRead read = onlyChainRead(prober().probe(loopback(server.port())));

                assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
            }
        }

        @Test
        void negotiatedProtocolAndCipherAreReported() throws Exception {
            TlsTestServer.Options options =
                    TlsTestServer.Options.defaults()
                            .withProtocols("TLSv1.2")
                            .withCipherSuites("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");

            try (TlsTestServer server =
                    TlsTestServer.start(ServerIdentity.forName(NAME), options)) {
                ChainRead read = onlyChainRead(prober().probe(loopback(server.port())));

                assertThat(read.protocol()).isEqualTo("TLSv1.2");
                assertThat(read.cipher()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
            }
        }

        @Test
        void startTimeComesFromTheInjectedClock() throws Exception {
            try (TlsTestServer server = TlsTestServer.start(ServerIdentity.forName(NAME))) {
                ChainRead read = onlyChainRead(prober().probe(loopback(server.port())));

                assertThat(read.startedAt()).isEqualTo(NOW);
                assertThat(read.duration()).isPositive();
            }
        }

        @Test
        void serverNameIsSentWhenTheTargetHasOne() throws Exception {
            try (TlsTestServer server = TlsTestServer.start(ServerIdentity.forName(NAME))) {
                TlsProber prober = prober(MapResolver.of(NAME, "127.0.0.1"));

                onlyChainRead(prober.probe(named(NAME, server.port(), IpFamily.ANY)));

                assertThat(server.nextHandshake().sniNames()).containsExactly(NAME);
            }
        }

        @Test
        void trailingDotOfAnAbsoluteNameIsNotSent() throws Exception {
            try (TlsTestServer server = TlsTestServer.start(ServerIdentity.forName(NAME))) {
                TlsProber prober = prober(MapResolver.of(NAME + ".", "127.0.0.1"));

                onlyChainRead(prober.probe(named(NAME + ".", server.port(), IpFamily.ANY)));

                assertThat(server.nextHandshake().sniNames()).containsExactly(NAME);
            }
        }

        @Test
        void noServerNameIsSentForAnIpHost() throws Exception {
            try (TlsTestServer server = TlsTestServer.start(ServerIdentity.forName(NAME))) {
                onlyChainRead(prober().probe(loopback(server.port())));

                assertThat(server.nextHandshake().sniNames()).isEmpty();
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
        void chainIsReadFromAServerThatDemandsAClientCertificate(String version) throws Exception {
            ServerIdentity identity = ServerIdentity.forName(NAME);
            TlsTestServer.Options options =
                    TlsTestServer.Options.defaults()
                            .withProtocols(version)
                            .demandingClientCertificate();

            try (TlsTestServer server = TlsTestServer.start(identity, options)) {
                ChainRead read = onlyChainRead(prober().probe(loopback(server.port())));

                assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
                assertThat(read.protocol()).isEqualTo(version);
            }
        }

        @Test
        void serverThatSpeaksOnlyTls10IsStillRead() throws Exception {
            ServerIdentity identity = ServerIdentity.forName(NAME);
            TlsTestServer.Options options = TlsTestServer.Options.defaults().withProtocols("TLSv1");

            try (TlsTestServer server = TlsTestServer.start(identity, options)) {
                ChainRead read = onlyChainRead(prober().probe(loopback(server.port())));

                assertThat(read.protocol()).isEqualTo("TLSv1");
                assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
            }
        }
    }

    @Nested
    class Deadlines {

        @Test
        void silentServerEndsInTimeout() throws Exception {
            try (RawTestServer server =
                    RawTestServer.start(
                            socket ->
                                    socket.getInputStream()
                                            .transferTo(OutputStream.nullOutputStream()))) {
                ProbeTarget target = withTimeout(loopback(server.port()), Duration.ofSeconds(1));

                ProbeFailed failed = onlyFailure(prober().probe(target));

                assertThat(failed.reason()).isEqualTo(ProbeErrorReason.TIMEOUT);
                assertThat(failed.message())
                        .startsWith("no answer within 1s (connect ")
                        .endsWith("handshake stalled)");
            }
        }

        @Test
        void serverThatDripsOneByteASecondEndsInTimeout() throws Exception {
            // A TLS record header announcing 16 KiB, then its body at one byte a second: every
            // read gets a byte before a read timeout would fire, so only a deadline ends it.
            byte[] header = {0x16, 0x03, 0x03, 0x40, 0x00};
            try (RawTestServer server =
                    RawTestServer.start(
                            socket -> {
                                OutputStream out = socket.getOutputStream();
                                out.write(header);
                                for (int i = 0; i < 16384; i++) {
                                    out.write(0);
                                    out.flush();
                                    Thread.sleep(1000);
                                }
                            })) {
                ProbeFailed failed = onlyFailure(prober().probe(loopback(server.port())));

                assertThat(failed.reason()).isEqualTo(ProbeErrorReason.TIMEOUT);
                assertThat(failed.message()).contains("within 2s", "handshake stalled");
            }
        }
    }

    @Nested
    class Failures {

        @Test
        void closedPortIsRefused() throws Exception {
            int port;
            try (ServerSocket reserved = new ServerSocket(0)) {
                port = reserved.getLocalPort();
            }

            ProbeFailed failed = onlyFailure(prober().probe(loopback(port)));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.REFUSED);
            assertThat(failed.message()).isEqualTo("connection refused");
            assertThat(failed.address()).isEqualTo("127.0.0.1");
        }

        @Test
        void plainTextServerOnTheTlsPortIsAHandshakeFailure() throws Exception {
            try (RawTestServer server =
                    RawTestServer.start(
                            socket -> {
                                InputStream in = socket.getInputStream();
                                in.read(new byte[512]);
                                socket.getOutputStream()
                                        .write(
                                                "HTTP/1.1 400 Bad Request\r\n\r\n"
                                                        .getBytes(StandardCharsets.US_ASCII));
                            })) {
                ProbeFailed failed = onlyFailure(prober().probe(loopback(server.port())));

                assertThat(failed.reason()).isEqualTo(ProbeErrorReason.HANDSHAKE);
                assertThat(failed.message())
                        .isEqualTo("TLS handshake failed: server sent plain text (not TLS?)");
            }
        }

        @Test
        void serverThatHangsUpAtOnceIsAHandshakeFailure() throws Exception {
            try (RawTestServer server = RawTestServer.start(socket -> socket.close())) {
                ProbeFailed failed = onlyFailure(prober().probe(loopback(server.port())));

                assertThat(failed.reason()).isEqualTo(ProbeErrorReason.HANDSHAKE);
                assertThat(failed.message())
                        .isEqualTo("TLS handshake failed: server closed the connection");
            }
        }
    }
}
