package io.certgauge.config;

import io.certgauge.probe.IpFamily;
import io.certgauge.probe.ProbeTarget;
import io.certgauge.probe.StartTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One endpoint of the targets file, with defaults applied.
 *
 * @param id the {@code target} label: {@code name} if given, else {@code host:port} (IPv6 literals
 *     bracketed), plus {@code /starttls} when set
 * @param host the host as written; an IPv6 literal without brackets
 * @param asciiHost the host's A-label form (equal to {@code host} for ASCII names and IPs)
 * @param port the TCP port (default 443, or the STARTTLS protocol's own)
 * @param sni the {@code sni} field as written, or {@code null}
 * @param starttls the STARTTLS protocol, or {@code null}
 * @param labels the target's labels, keys sorted
 * @param caFile an extra trust file (absolute), or {@code null}
 * @param interval time between probes (default 1h)
 * @param timeout deadline of one probe (default 10s)
 * @param revocation whether OCSP and CRL are checked (default true)
 * @param privateRoots {@code private: true}: every root is treated as private for this target
 * @param line the line of the targets file that defines the target (0 when not from a file)
 */
public record Target(
        String id,
        String host,
        String asciiHost,
        int port,
        String sni,
        StartTls starttls,
        Map<String, String> labels,
        Path caFile,
        Duration interval,
        Duration timeout,
        IpFamily ipFamily,
        Thresholds thresholds,
        boolean revocation,
        boolean privateRoots,
        int line) {

    public Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(asciiHost, "asciiHost");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(ipFamily, "ipFamily");
        Objects.requireNonNull(thresholds, "thresholds");
    }

    /** True when the host is an IPv4 or IPv6 literal. */
    public boolean hostIsIp() {
        return HostNames.isIpLiteral(host);
    }

    /** The server name sent in SNI (A-label), or {@code null}: an IP host sends none. */
    public String sniToSend() {
        if (sni != null) {
            return HostNames.toAscii(sni);
        }
        return hostIsIp() ? null : asciiHost;
    }

    /** The name the leaf must be valid for, as written: {@code sni} when set, else the host. */
    public String checkedName() {
        return sni != null ? sni : host;
    }

    /** {@link #checkedName()} in A-label form. */
    public String checkedNameAscii() {
        return HostNames.toAscii(checkedName());
    }

    public ProbeTarget toProbeTarget() {
        return new ProbeTarget(host, asciiHost, port, sniToSend(), starttls, timeout, ipFamily);
    }

    /** The same target defined at another line of the targets file (0: not from a file). */
    public Target withLine(int newLine) {
        return new Target(
                id,
                host,
                asciiHost,
                port,
                sni,
                starttls,
                labels,
                caFile,
                interval,
                timeout,
                ipFamily,
                thresholds,
                revocation,
                privateRoots,
                newLine);
    }

    /** The same target with another extra trust file. */
    public Target withCaFile(Path newCaFile) {
        return new Target(
                id,
                host,
                asciiHost,
                port,
                sni,
                starttls,
                labels,
                newCaFile,
                interval,
                timeout,
                ipFamily,
                thresholds,
                revocation,
                privateRoots,
                line);
    }
}
