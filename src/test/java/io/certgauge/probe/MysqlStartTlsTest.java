package io.certgauge.probe;

import static io.certgauge.probe.Probes.NAME;
import static io.certgauge.probe.Probes.loopback;
import static io.certgauge.probe.Probes.onlyChainRead;
import static io.certgauge.probe.Probes.onlyFailure;
import static io.certgauge.probe.Probes.prober;
import static io.certgauge.probe.Probes.withStartTls;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MysqlStartTlsTest {

    /**
     * Length 32, sequence 1; capabilities PROTOCOL_41, SSL and SECURE_CONNECTION (0x8a00), maximum
     * packet 16 MiB, character set 33, 23 zero bytes; integers little-endian.
     */
    private static final String SSL_REQUEST_HEX =
            "20000001" + "008a0000" + "00000001" + "21" + "00".repeat(23);

    private final ServerIdentity identity = ServerIdentity.forName(NAME);

    private static ProbeTarget mysqlAt(int port) {
        return withStartTls(loopback(port), StartTls.MYSQL);
    }

    /** A MySQL 8 initial handshake packet (protocol 10) with the given capability flags. */
    private static byte[] greeting(int capabilities) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.write(10);
        payload.writeBytes("8.0.36\0".getBytes(StandardCharsets.US_ASCII));
        payload.writeBytes(new byte[] {7, 0, 0, 0}); // connection id
        payload.writeBytes("abcdefgh".getBytes(StandardCharsets.US_ASCII)); // scramble 1
        payload.write(0);
        payload.write(capabilities & 0xff);
        payload.write((capabilities >> 8) & 0xff);
        payload.write(0xff); // character set
        payload.writeBytes(new byte[] {2, 0}); // status flags
        payload.write((capabilities >> 16) & 0xff);
        payload.write((capabilities >> 24) & 0xff);
        payload.write(21);
        payload.writeBytes(new byte[10]);
        payload.writeBytes("ijklmnopqrst\0".getBytes(StandardCharsets.US_ASCII));
        payload.writeBytes("caching_sha2_password\0".getBytes(StandardCharsets.US_ASCII));
        return packet(0, payload.toByteArray());
    }

    private static byte[] packet(int sequence, byte[] payload) {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.writeBytes(
                new byte[] {
                    (byte) payload.length,
                    (byte) (payload.length >> 8),
                    (byte) (payload.length >> 16),
                    (byte) sequence
                });
        packet.writeBytes(payload);
        return packet.toByteArray();
    }

    private StartTlsServer greetingWith(byte[] greeting, boolean thenTls) {
        return new StartTlsServer(
                identity,
                (socket, received) -> {
                    OutputStream out = socket.getOutputStream();
                    out.write(greeting);
                    out.flush();
                    if (thenTls) {
                        received.add(
                                HexFormat.of().formatHex(socket.getInputStream().readNBytes(36)));
                    }
                    return thenTls;
                });
    }

    @Test
    void chainIsReadAfterTheSslRequest() throws Exception {
        StartTlsServer mysql = greetingWith(greeting(0xdfffffff), true);

        try (RawTestServer server = RawTestServer.start(mysql)) {
            ChainRead read = onlyChainRead(prober().probe(mysqlAt(server.port())));

            assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
            assertThat(mysql.received).containsExactly(SSL_REQUEST_HEX);
        }
    }

    @Test
    void serverWithoutClientSslIsAStartTlsFailureNamingItsVersion() throws Exception {
        int withoutSsl = 0xdfffffff & ~MysqlStartTls.CLIENT_SSL;

        try (RawTestServer server =
                RawTestServer.start(greetingWith(greeting(withoutSsl), false))) {
            ProbeFailed failed = onlyFailure(prober().probe(mysqlAt(server.port())));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
            assertThat(failed.message())
                    .isEqualTo(
                            "server 8.0.36 does not offer TLS"
                                    + " (no CLIENT_SSL in capabilities 0xdffff7ff)");
        }
    }

    @Test
    void errorPacketInsteadOfAGreetingIsAStartTlsFailureQuotingIt() throws Exception {
        ByteArrayOutputStream error = new ByteArrayOutputStream();
        error.writeBytes(new byte[] {(byte) 0xff, 0x6a, 0x04});
        error.writeBytes(
                "Host '127.0.0.1' is not allowed to connect to this MySQL server"
                        .getBytes(StandardCharsets.UTF_8));

        try (RawTestServer server =
                RawTestServer.start(greetingWith(packet(0, error.toByteArray()), false))) {
            ProbeFailed failed = onlyFailure(prober().probe(mysqlAt(server.port())));

            assertThat(failed.message())
                    .isEqualTo(
                            "server refused the connection: error 1130: Host '127.0.0.1' is not"
                                    + " allowed to connect to this MySQL server");
        }
    }
}
