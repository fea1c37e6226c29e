package io.certgauge.config;

import io.certgauge.chain.TrustMaterial;
import io.certgauge.probe.IpFamily;
import io.certgauge.probe.StartTls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Map;

/**
 * Targets made from a few words rather than a file: the command line's {@code -H}/{@code -p} and
 * {@code inspect HOST[:PORT]}, and the {@code /probe} endpoint. Also the rules every target follows
 * wherever it comes from: its id and its default port.
 */
public final class Targets {

    private Targets() {}

    /**
     * A target's id: {@code name} if given, else {@code host:port} (an IPv6 literal bracketed),
     * plus {@code /starttls} when set, e.g. {@code mail.example.co.jp:587/submission}.
     *
     * @param name the {@code name} field, or {@code null}
     * @param host the host as written, IPv6 literals without brackets
     */
    public static String id(String name, String host, int port, StartTls starttls) {
        if (name != null) {
            return name;
        }
        String id = HostNames.forId(host) + ":" + port;
        return starttls == null ? id : id + "/" + starttls.wireName();
    }

    /** 443, or the STARTTLS protocol's own port. */
    public static int defaultPort(StartTls starttls) {
        return starttls == null ? 443 : starttls.defaultPort();
    }

    /**
     * A target from separate parts, with the given defaults.
     *
     * @param host a name as written ({@code 例え.jp}), an IPv4 address, or an IPv6 address with or
     *     without brackets
     * @param port the port, or {@code null} for the default
     * @param sni the server name to send and check, or {@code null}
     * @param starttls a protocol name ({@code smtp}, …), or {@code null} or empty for direct TLS
     * @throws IllegalArgumentException naming the bad value and what is accepted
     */
    public static Target adHoc(
            String host, Integer port, String sni, String starttls, Defaults defaults) {
        if (host == null) {
            throw new BadValue("no host given", "give a host name or an IP address");
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw new BadValue(
                    BadValue.quote(port.toString()) + " is not a port number",
                    "write a number from 1 to 65535");
        }
        StartTls protocol =
                starttls == null || starttls.isBlank() ? null : Values.starttls(starttls);
        String checkedSni = sni == null || sni.isBlank() ? null : Values.sni(sni);
        return build(new Values.Spec(Values.host(host), port, protocol), checkedSni, defaults);
    }

    /**
     * A target from {@code host[:port][/starttls]}, as a line of a plain-list targets file or the
     * argument of {@code inspect}: {@code 例え.jp}, {@code mail.example.co.jp:587/submission}, {@code
     * [::1]:8443/smtp}. An IPv6 address with a port must be bracketed.
     *
     * @throws IllegalArgumentException naming the bad part and what is accepted
     */
    public static Target parseSpec(String spec, Defaults defaults) {
        if (spec == null || spec.isBlank()) {
            throw new BadValue("the target is empty", "write host[:port][/starttls]");
        }
        return build(Values.spec(spec), null, defaults);
    }

    /**
     * The same target with an extra trust file ({@code --ca-file}), checked to hold certificates. A
     * relative path is taken from the working directory.
     *
     * @throws IllegalArgumentException when the file is missing or holds no certificate
     */
    public static Target withCaFile(Target target, Path caFile) {
        Path file =
                readableCaFile(
                        caFile.toAbsolutePath().normalize(),
                        caFile.toString(),
                        "the working directory");
        return target.withCaFile(file);
    }

    /**
     * Checks that a trust file exists and holds at least one certificate.
     *
     * @param relativeTo where a relative path starts, for the hint
     */
    static Path readableCaFile(Path absolute, String written, String relativeTo) {
        if (!Files.isRegularFile(absolute)) {
            String what =
                    Files.isDirectory(absolute)
                            ? " is a directory (" + absolute + ")"
                            : Files.exists(absolute)
                                    ? " is not a regular file (" + absolute + ")"
                                    : " does not exist (looked for " + absolute + ")";
            throw new BadValue(
                    BadValue.quote(written) + what,
                    "give a PEM or DER file of CA certificates; a relative path starts at "
                            + relativeTo);
        }
        try {
            TrustMaterial.readCertificates(absolute);
            return absolute;
        } catch (IOException | CertificateException e) {
            throw new BadValue(
                    BadValue.quote(written) + " holds no readable certificate: " + e.getMessage(),
                    "give a PEM or DER file of CA certificates");
        }
    }

    /** A target of the given parts; the caller has checked them. */
    static Target build(Values.Spec spec, String sni, Defaults defaults) {
        int port = spec.port() != null ? spec.port() : defaultPort(spec.starttls());
        String host = spec.host().written();
        return new Target(
                id(null, host, port, spec.starttls()),
                host,
                spec.host().ascii(),
                port,
                sni,
                spec.starttls(),
                Map.of(),
                null,
                defaults.interval(),
                defaults.timeout(),
                IpFamily.ANY,
                defaults.thresholds(),
                defaults.revocation(),
                false,
                0);
    }
}
