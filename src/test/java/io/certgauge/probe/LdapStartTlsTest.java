package io.certgauge.probe;

import static io.certgauge.probe.Probes.NAME;
import static io.certgauge.probe.Probes.loopback;
import static io.certgauge.probe.Probes.onlyChainRead;
import static io.certgauge.probe.Probes.onlyFailure;
import static io.certgauge.probe.Probes.prober;
import static io.certgauge.probe.Probes.withStartTls;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LdapStartTlsTest {

    /**
     * The StartTLS request as RFC 4511 section 4.14.1 defines it, encoded by hand: LDAPMessage
     * SEQUENCE, messageID 1, [APPLICATION 23] with requestName [0] "1.3.6.1.4.1.1466.20037".
     */
    private static final String REQUEST_HEX =
            "301d020101" + "7718" + "8016" + "312e332e362e312e342e312e313436362e3230303337";

    /** Success, with the responseName that OpenLDAP adds (RFC 4511 section 4.14.2). */
    private static final String SUCCESS_HEX =
            "3024020101"
                    + "781f"
                    + "0a0100"
                    + "0400"
                    + "0400"
                    + "8a16"
                    + "312e332e362e312e342e312e313436362e3230303337";

    private final ServerIdentity identity = ServerIdentity.forName(NAME);

    private static ProbeTarget ldapAt(int port) {
        return withStartTls(loopback(port), StartTls.LDAP);
    }

    private StartTlsServer answering(byte[] answer, boolean thenTls) {
        return new StartTlsServer(
                identity,
                (socket, received) -> {
                    Ber.Element request = Ber.read(socket.getInputStream(), Ber.SEQUENCE, 1024);
                    received.add(
                            HexFormat.of()
                                    .formatHex(Ber.element(request.tag(), request.content())));
                    OutputStream out = socket.getOutputStream();
                    out.write(answer);
                    out.flush();
                    return thenTls;
                });
    }

    /** An ExtendedResponse to {@code id} with a result code and a diagnostic message. */
    private static byte[] response(int id, int resultCode, String diagnostic, String name) {
        byte[] nameField =
                name == null
                        ? new byte[0]
                        : Ber.element(
                                LdapStartTls.RESPONSE_NAME,
                                name.getBytes(StandardCharsets.US_ASCII));
        return Ber.element(
                Ber.SEQUENCE,
                Ber.element(Ber.INTEGER, new byte[] {(byte) id}),
                Ber.element(
                        LdapStartTls.EXTENDED_RESPONSE,
                        Ber.element(Ber.ENUMERATED, new byte[] {(byte) resultCode}),
                        Ber.element(Ber.OCTET_STRING),
                        Ber.element(Ber.OCTET_STRING, diagnostic.getBytes(StandardCharsets.UTF_8)),
                        nameField));
    }

    @Test
    void requestIsTheStartTlsExtendedOperation() {
        assertThat(HexFormat.of().formatHex(LdapStartTls.request())).isEqualTo(REQUEST_HEX);
    }

    @Test
    void chainIsReadAfterASuccessfulExtendedResponse() throws Exception {
        StartTlsServer ldap = answering(HexFormat.of().parseHex(SUCCESS_HEX), true);

        try (RawTestServer server = RawTestServer.start(ldap)) {
            ChainRead read = onlyChainRead(prober().probe(ldapAt(server.port())));

            assertThat(read.chain()).containsExactlyElementsOf(identity.chain());
            assertThat(ldap.received).containsExactly(REQUEST_HEX);
        }
    }

    @Test
    void refusalIsAStartTlsFailureWithTheResultCodeAndDiagnostic() throws Exception {
        byte[] refusal = response(1, 52, "TLS not configured\n", LdapStartTls.START_TLS_OID);
        StartTlsServer ldap = answering(refusal, false);

        try (RawTestServer server = RawTestServer.start(ldap)) {
            ProbeFailed failed = onlyFailure(prober().probe(ldapAt(server.port())));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
            assertThat(failed.message())
                    .isEqualTo(
                            "StartTLS answered resultCode 52 (unavailable): TLS not configured"
                                    + " (expected resultCode 0, success)");
        }
    }

    @Test
    void noticeOfDisconnectionIsAStartTlsFailureSayingSo() throws Exception {
        byte[] notice =
                response(
                        0,
                        2,
                        "unsupported extended operation",
                        LdapStartTls.NOTICE_OF_DISCONNECTION_OID);
        StartTlsServer ldap = answering(notice, false);

        try (RawTestServer server = RawTestServer.start(ldap)) {
            ProbeFailed failed = onlyFailure(prober().probe(ldapAt(server.port())));

            assertThat(failed.message())
                    .isEqualTo(
                            "server sent a notice of disconnection, resultCode 2 (protocolError):"
                                    + " unsupported extended operation");
        }
    }

    @Test
    void answerThatIsNotLdapIsAStartTlsFailureWithoutWaitingForMore() throws Exception {
        byte[] text = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        StartTlsServer ldap = answering(text, false);

        try (RawTestServer server = RawTestServer.start(ldap)) {
            ProbeFailed failed = onlyFailure(prober().probe(ldapAt(server.port())));

            assertThat(failed.reason()).isEqualTo(ProbeErrorReason.STARTTLS);
            assertThat(failed.message())
                    .startsWith("answer starts with 0x48, not 0x30 as expected")
                    .doesNotContain("\r", "\n");
        }
    }
}
