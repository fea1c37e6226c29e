package io.certgauge.probe;

import static io.certgauge.probe.Probes.NAME;
import static io.certgauge.probe.Probes.loopback;
import static io.certgauge.probe.Probes.onlyChainRead;
import static io.certgauge.probe.Probes.onlyFailure;
import static io.certgauge.probe.Probes.prober;
import static io.certgauge.probe.Probes.withStartTls;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PostgresStartTlsTest {

    /** Length 8, then 1234 and 5679 as two 16-bit halves: the protocol's SSLRequest. */
    private static final String SSL_REQUEST_HEX = "00000008" + "04d2" + "162f";

    private final ServerIdentity identity = ServerIdentity.forName(NAME);

    private static ProbeTarget postgresAt(int port) {
        return withStartTls(loopback(port), StartTls.POSTGRES);
    }

    private StartTlsServer answering(byte[] answer) {
        return new StartTlsServer(
                identity,
                (socket, received) -> {
                    received.add(HexFormat.of().formatHex(socket.getInputStream().readNBytes(8)));
                    OutputStream out = socket.getOutputStream();
                    out.write(answer);
                    out.flush();
                    return answer[0] == 'S';
                });
    }

    /** An ErrorResponse as a server that does not know SSLRequest would send. */
    private static byte[] errorResponse(String message) throws Exception {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (String field : new String[] {"SFATAL", "C08P01", "M" + message}) {
            fields.write(field.getBytes(StandardCharsets.UTF_8));
            fields.write(0);
        }
        fields.write(0);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(packet);
        out.writeByte('E');
        out.writeInt(4 + fields.size());
        out.write(fields.toByteArray());
        return packet.toByteArray();
    }

    @Test
    void chainIsReadAfterTheServerAnswersS() throws Exception {
        StartTlsServer postgres = answering(new byte[] {'S'});

        try (RawTestServer server = RawTestServer.start(postgres)) {
            ChainRead read = onlyChainRead(prober().probe(postgresAt(server.port())));

            assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
            assertThat(postgres.received).containsExactly(SSL_REQUEST_HEX);
        }
    }

    @Test
    void answerNIsAStartTlsFailure() throws Exception {
        try (RawTestServer server = RawTestServer.start(answering(new byte[] {'N'}))) {
            ProbeFailed failed = onlyFailure(prober().probe(postgresAt(server.port())));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
            assertThat(failed.message())
                    .isEqualTo("server answered N to SSLRequest: TLS is not enabled");
        }
    }

    @Test
    void errorResponseIsAStartTlsFailureQuotingItsMessage() throws Exception {
        byte[] error = errorResponse("unsupported frontend protocol 1234.5679");

        try (RawTestServer server = RawTestServer.start(answering(error))) {
            ProbeFailed failed = onlyFailure(prober().probe(postgresAt(server.port())));

            assertThat(failed.message())
                    .isEqualTo(
                            "server answered SSLRequest with an error:"
                                    + " unsupported frontend protocol 1234.5679");
        }
    }
}
