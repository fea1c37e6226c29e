package io.certgauge.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe of one address: connect, optional STARTTLS, handshake, all under one deadline that a
 * watchdog enforces by closing the socket. Used once, by one thread (plus the watchdog).
 */
final class AddressProbe {

    private static final Logger LOG = LoggerFactory.getLogger(AddressProbe.class);

    /** Every version a server may still speak; what was negotiated is reported, not judged. */
    private static final List<String> OFFERED_PROTOCOLS =
            List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");

    private enum Phase {
        CONNECT("connect"),
        STARTTLS("STARTTLS"),
        HANDSHAKE("handshake");

        final String text;

        Phase(String text) {
            this.text = text;
        }
    }

    private final Attempt attempt;
    private final ProbeTarget target;
    private final InetAddress address;
    private final String addressText;
    private final ScheduledExecutorService watchdogs;
    private final ChainCapture capture = new ChainCapture();
    private final List<String> stepTimes = new ArrayList<>();

    private volatile boolean expired;
    private Phase phase = Phase.CONNECT;
    private long phaseStart;

    AddressProbe(Attempt attempt, InetAddress address, ScheduledExecutorService watchdogs) {
        this.attempt = attempt;
        this.target = attempt.target();
        this.address = address;
        this.addressText = AddressText.of(address);
        this.watchdogs = watchdogs;
    }

    ProbeOutcome run() {
        Optional<StartTlsDialogue> dialogue =
                Optional.ofNullable(target.starttls()).map(StartTlsDialogue::forProtocol);
        if (attempt.remainingNanos() <= 0) {
            return attempt.failed(
                    addressText,
                    ProbeErrorReason.TIMEOUT,
                    "no answer within " + attempt.timeoutText() + " (resolution used it all)");
        }

        Socket socket = new Socket();
        ScheduledFuture<?> watchdog =
                watchdogs.schedule(
                        () -> expire(socket), attempt.remainingNanos(), TimeUnit.NANOSECONDS);
        try {
            return talk(socket, dialogue);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return failure(e);
        } finally {
            watchdog.cancel(false);
            closeQuietly(socket);
        }
    }

    private ProbeOutcome talk(Socket socket, Optional<StartTlsDialogue> dialogue)
            throws IOException, GeneralSecurityException {
        enter(Phase.CONNECT);
        socket.connect(new InetSocketAddress(address, target.port()), remainingMillis());
        // A backstop only: a read timeout restarts with every byte, the watchdog does not.
        socket.setSoTimeout(remainingMillis());

        if (dialogue.isPresent()) {
            enter(Phase.STARTTLS);
            dialogue.get().upgrade(socket, target);
        }

        enter(Phase.HANDSHAKE);
        SSLSocket tls = handshake(socket);
        SSLSession session = tls.getSession();
        LOG.debug(
                "{}:{} at {}: {} {}, chain of {}",
                target.asciiHost(),
                target.port(),
                addressText,
                session.getProtocol(),
                session.getCipherSuite(),
                capture.captured() != null ? capture.captured().chain().size() : 0);
        if (capture.captured() == null) {
            // A resumed session or an anonymous suite presents no chain; neither is offered.
            return attempt.failed(
                    addressText,
                    ProbeErrorReason.HANDSHAKE,
                    "TLS handshake completed without a server certificate");
        }
        return attempt.read(
                addressText,
                capture.captured().chain(),
                session.getProtocol(),
                session.getCipherSuite(),
                ChainCapture.leafStaple(session));
    }

    private SSLSocket handshake(Socket socket) throws IOException, GeneralSecurityException {
        // A fresh context per probe: no session cache, so no resumption that would skip the
        // server's Certificate message, and a trust manager that belongs to this probe alone.
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {capture}, null);
        String sni = withoutTrailingDot(target.sni());
        String peer = sni != null ? sni : addressText;
        SSLSocket tls =
                (SSLSocket)
                        context.getSocketFactory().createSocket(socket, peer, target.port(), true);
        tls.setUseClientMode(true);

        SSLParameters parameters = tls.getSSLParameters();
        // RFC 6066 section 3: no SNI for an address; an empty list stops the JDK adding one.
        List<SNIServerName> names = sni != null ? List.of(new SNIHostName(sni)) : List.of();
        parameters.setServerNames(names);
        parameters.setProtocols(offered(tls.getSupportedProtocols()));
        parameters.setEndpointIdentificationAlgorithm(null);
        tls.setSSLParameters(parameters);

        tls.startHandshake();
        return tls;
    }

    /** RFC 6066 section 3: the name in SNI has no trailing dot, though DNS may write one. */
    static String withoutTrailingDot(String name) {
        return name != null && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static String[] offered(String[] supported) {
        List<String> available = List.of(supported);
        return OFFERED_PROTOCOLS.stream().filter(available::contains).toArray(String[]::new);
    }

    private ProbeOutcome failure(Exception e) {
        ChainCapture.Captured captured = capture.captured();
        if (captured != null) {
            // The chain was presented; what ended the handshake afterwards (typically a
            // demand for a client certificate) does not change what the server serves.
            LOG.debug(
                    "{}:{} at {}: chain of {} read, then {}",
                    target.asciiHost(),
                    target.port(),
                    addressText,
                    captured.chain().size(),
                    e.toString());
            return attempt.read(
                    addressText,
                    captured.chain(),
                    captured.protocol(),
                    captured.cipher(),
                    captured.staple());
        }

        ProbeFailed failed = classify(e);
        LOG.debug(
                "{}:{} at {}: {}: {} ({})",
                target.asciiHost(),
                target.port(),
                addressText,
                failed.reason().label(),
                failed.message(),
                e.toString());
        return failed;
    }

    private ProbeFailed classify(Exception e) {
        if (expired || e instanceof SocketTimeoutException) {
            return fail(ProbeErrorReason.TIMEOUT, timeoutMessage());
        }
        String detail = String.valueOf(e.getMessage());
        String lower = detail.toLowerCase(Locale.ROOT);
        switch (phase) {
            case CONNECT:
                return connectFailure(e, detail, lower);
            case STARTTLS:
                return fail(
                        ProbeErrorReason.STARTTLS,
                        e instanceof StartTlsException
                                ? detail
                                : target.starttls().wireName()
                                        + " STARTTLS dialogue failed: "
                                        + detail);
            default:
                return fail(ProbeErrorReason.HANDSHAKE, handshakeMessage(e, detail, lower));
        }
    }

    private ProbeFailed connectFailure(Exception e, String detail, String lower) {
        if (e instanceof ConnectException && lower.contains("refused")) {
            return fail(ProbeErrorReason.REFUSED, "connection refused");
        }
        if (e instanceof ConnectException && lower.contains("timed out")) {
            return fail(ProbeErrorReason.TIMEOUT, timeoutMessage());
        }
        if (e instanceof NoRouteToHostException
                || e instanceof PortUnreachableException
                || lower.contains("unreachable")) {
            return fail(ProbeErrorReason.UNREACHABLE, "unreachable: " + detail);
        }
        return fail(ProbeErrorReason.UNREACHABLE, "cannot connect: " + detail);
    }

    private static String handshakeMessage(Exception e, String detail, String lower) {
        String prefix = "TLS handshake failed: ";
        if (lower.contains("unsupported or unrecognized ssl message")) {
            return prefix + "server sent plain text (not TLS?)";
        }
        if (e instanceof EOFException
                || lower.contains("remote host terminated")
                || lower.contains("connection reset")
                || lower.contains("broken pipe")) {
            return prefix + "server closed the connection";
        }
        int alert = lower.indexOf("received fatal alert: ");
        if (alert >= 0) {
            return prefix
                    + "server sent alert "
                    + detail.substring(alert + "received fatal alert: ".length()).strip();
        }
        if (e instanceof SSLException || e instanceof IOException) {
            return prefix + detail;
        }
        return prefix + e;
    }

    /** E.g. {@code no answer within 2s (connect 3ms, handshake stalled)}. */
    private String timeoutMessage() {
        List<String> parts = new ArrayList<>(stepTimes);
        parts.add(phase.text + " stalled");
        return "no answer within " + attempt.timeoutText() + " (" + String.join(", ", parts) + ")";
    }

    private ProbeFailed fail(ProbeErrorReason reason, String message) {
        return attempt.failed(addressText, reason, message);
    }

    private void enter(Phase next) {
        long now = System.nanoTime();
        if (next != Phase.CONNECT) {
            stepTimes.add(phase.text + " " + DurationText.ofNanos(now - phaseStart));
        }
        phase = next;
        phaseStart = now;
    }

    private int remainingMillis() {
        long millis = TimeUnit.NANOSECONDS.toMillis(attempt.remainingNanos());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }

    /**
     * Runs on the watchdog thread. Closing the plain socket, not the TLS layer, unblocks any read,
     * write or connect at once; closing an SSLSocket mid-handshake can wait on its locks.
     */
    private void expire(Socket socket) {
        expired = true;
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("closing a probe socket failed", e);
        }
    }
}
