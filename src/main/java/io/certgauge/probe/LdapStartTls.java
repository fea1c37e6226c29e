package io.certgauge.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * LDAP StartTLS (RFC 4511 section 4.14, RFC 4513 section 3): an ExtendedRequest named {@value
 * #START_TLS_OID}, answered by an ExtendedResponse with resultCode 0 (success). The client speaks
 * first; the messages are BER, encoded and decoded here by hand.
 */
final class LdapStartTls implements StartTlsDialogue {

    static final String START_TLS_OID = "1.3.6.1.4.1.1466.20037";

    /** RFC 4511 section 4.4.1: the unsolicited notification a server sends before it hangs up. */
    static final String NOTICE_OF_DISCONNECTION_OID = "1.3.6.1.4.1.1466.20036";

    static final int MESSAGE_ID = 1;

    /** [APPLICATION 23] and [APPLICATION 24], constructed (RFC 4511 section 4.12). */
    static final int EXTENDED_REQUEST = 0x77;

    static final int EXTENDED_RESPONSE = 0x78;

    /** ExtendedRequest.requestName [0] and ExtendedResponse.responseName [10], primitive. */
    static final int REQUEST_NAME = 0x80;

    static final int RESPONSE_NAME = 0x8a;

    /** A StartTLS answer is some dozens of bytes; a diagnostic message may add a few hundred. */
    private static final int MAX_ANSWER = 64 * 1024;

    /** The result codes a refusal is likely to carry (RFC 4511 section 4.1.9). */
    private static final Map<Long, String> RESULT_NAMES =
            Map.of(
                    1L, "operationsError",
                    2L, "protocolError",
                    8L, "strongerAuthRequired",
                    12L, "unavailableCriticalExtension",
                    50L, "insufficientAccessRights",
                    51L, "busy",
                    52L, "unavailable",
                    53L, "unwillingToPerform",
                    80L, "other");

    @Override
    public void upgrade(Socket socket, ProbeTarget target) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request());
        out.flush();

        Ber.Element message = Ber.read(socket.getInputStream(), Ber.SEQUENCE, MAX_ANSWER);
        check(message);
    }

    /** The LDAPMessage carrying the StartTLS ExtendedRequest, without requestValue. */
    static byte[] request() {
        return Ber.element(
                Ber.SEQUENCE,
                Ber.element(Ber.INTEGER, new byte[] {MESSAGE_ID}),
                Ber.element(
                        EXTENDED_REQUEST,
                        Ber.element(
                                REQUEST_NAME, START_TLS_OID.getBytes(StandardCharsets.US_ASCII))));
    }

    private static void check(Ber.Element message) throws StartTlsException {
        Ber.Reader parts = message.children();
        long id = parts.next().intValue();
        Ber.Element operation = parts.next();
        if (operation.tag() != EXTENDED_RESPONSE) {
            throw new StartTlsException(
                    String.format(
                            "StartTLS answered LDAP operation [APPLICATION %d], not an"
                                    + " ExtendedResponse",
                            operation.tag() & 0x1f));
        }

        Ber.Reader fields = operation.children();
        long resultCode = fields.next().intValue();
        fields.next(); // matchedDN
        String diagnostic = TextLines.shorten(fields.next().text());
        String responseName = "";
        while (fields.hasNext()) {
            Ber.Element field = fields.next();
            if (field.tag() == RESPONSE_NAME) {
                responseName = field.text();
            }
        }

        if (id == 0 && responseName.equals(NOTICE_OF_DISCONNECTION_OID)) {
            throw new StartTlsException(
                    "server sent a notice of disconnection, " + result(resultCode, diagnostic));
        }
        if (id != MESSAGE_ID) {
            throw new StartTlsException(
                    "server answered message "
                            + id
                            + ", not StartTLS ("
                            + MESSAGE_ID
                            + "): "
                            + result(resultCode, diagnostic));
        }
        if (resultCode != 0) {
            throw new StartTlsException(
                    "StartTLS answered "
                            + result(resultCode, diagnostic)
                            + " (expected resultCode 0, success)");
        }
    }

    private static String result(long code, String diagnostic) {
        String name = RESULT_NAMES.get(code);
        String text = "resultCode " + code + (name != null ? " (" + name + ")" : "");
        return diagnostic.isEmpty() ? text : text + ": " + diagnostic;
    }
}
