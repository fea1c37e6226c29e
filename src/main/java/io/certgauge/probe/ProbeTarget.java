package io.certgauge.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * One endpoint to probe.
 *
 * @param host the host as written (an internationalized name, an IP literal without brackets)
 * @param asciiHost the host as resolved: the A-label form of a name, or the IP literal
 * @param port the TCP port
 * @param sni the server name to send (A-label), or {@code null} to send none
 * @param starttls the protocol to upgrade, or {@code null} for direct TLS
 * @param timeout the deadline for the whole probe of one address: DNS, connect, STARTTLS and
 *     handshake together
 * @param ipFamily which resolved addresses to probe
 */
public record ProbeTarget(
        String host,
        String asciiHost,
        int port,
        String sni,
        StartTls starttls,
        Duration timeout,
        IpFamily ipFamily) {

    public ProbeTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(asciiHost, "asciiHost");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(ipFamily, "ipFamily");
    }
}
