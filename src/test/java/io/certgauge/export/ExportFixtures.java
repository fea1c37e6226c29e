package io.certgauge.export;

import io.certgauge.chain.CertificateFacts;
import io.certgauge.chain.ChainReport;
import io.certgauge.chain.Finding;
import io.certgauge.chain.FindingCode;
import io.certgauge.chain.RevocationAnswer;
import io.certgauge.config.Config;
import io.certgauge.config.Defaults;
import io.certgauge.config.Target;
import io.certgauge.config.Thresholds;
import io.certgauge.demo.Pki;
import io.certgauge.probe.ChainRead;
import io.certgauge.probe.IpFamily;
import io.certgauge.probe.ProbeErrorReason;
import io.certgauge.probe.ProbeFailed;
import io.certgauge.probe.StartTls;
import io.certgauge.result.AddressResult;
import io.certgauge.result.Snapshot;
import io.certgauge.result.TargetResult;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One fixed snapshot that every exporter's golden test renders: a healthy target, one close to
 * expiry, one whose latest probe timed out after an earlier success, one whose name does not
 * resolve, one name with two addresses serving different leaves, a self-signed intranet host with
 * its own thresholds, and one not probed yet. Certificates are made per run with fixed serials and
 * dates; only their keys (and so their fingerprints) change, which {@link #normalise(String)}
 * replaces with stable names.
 */
public final class ExportFixtures {

    /** Exactly 19.42 days before the expiring leaf's notAfter, as in the contract's example. */
    public static final Instant NOW = Instant.parse("2026-12-03T13:55:12Z");

    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    public static final String OK = "www.example.co.jp:443";
    public static final String EXPIRING = "expiring.example.co.jp:443";
    public static final String MAIL = "mail.example.co.jp:587/smtp";
    public static final String GONE = "例え.jp:443";
    public static final String LB = "lb.example.co.jp:443";
    public static final String INTRANET = "intranet";
    public static final String NEW = "new.example.co.jp:443";

    /** The nextUpdate of the OCSP response the healthy target stapled. */
    public static final Instant STAPLE_NEXT_UPDATE = Instant.parse("2026-12-10T12:00:00Z");

    private static final Instant PROBED = NOW.minus(Duration.ofMinutes(10));
    private static final String TLS13 = "TLSv1.3";
    private static final String AES128 = "TLS_AES_128_GCM_SHA256";

    private final Pki.Issued root;
    private final Pki.Issued r11;
    private final Map<String, String> fingerprintNames = new LinkedHashMap<>();
    private final Snapshot snapshot;

    public ExportFixtures() {
        root =
                named(
                        "root",
                        Pki.root("Test Root X1")
                                .subject("CN=Test Root X1,O=certgauge test")
                                .serial(BigInteger.ONE)
                                .validBetween(
                                        Instant.parse("2020-01-01T00:00:00Z"),
                                        Instant.parse("2040-01-01T00:00:00Z")));
        r11 =
                named(
                        "r11",
                        Pki.intermediate("R11", root)
                                .subject("CN=R11,O=certgauge test")
                                .serial(BigInteger.valueOf(0x11))
                                .validBetween(
                                        Instant.parse("2024-03-13T00:00:00Z"),
                                        Instant.parse("2029-03-13T00:00:00Z")));
        snapshot =
                new Snapshot(
                        config(),
                        List.of(
                                ok(),
                                expiring(),
                                mail(),
                                gone(),
                                lb(),
                                intranet(),
                                TargetResult.pending(target(NEW))));
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public TargetResult result(String id) {
        return snapshot.find(id).orElseThrow();
    }

    /**
     * Replaces every fixture certificate's SHA-256 fingerprint by {@code <sha256:name>}, so a
     * golden file can say which certificate a fingerprint belongs to without depending on keys.
     */
    public String normalise(String text) {
        String out = text;
        for (Map.Entry<String, String> e : fingerprintNames.entrySet()) {
            out = out.replace(e.getKey(), "<sha256:" + e.getValue() + ">");
        }
        return out;
    }

    private Pki.Issued named(String name, Pki.Builder builder) {
        Pki.Issued issued = builder.issue();
        fingerprintNames.put(CertificateFacts.fingerprintSha256(issued.certificate()), name);
        return issued;
    }

    private Pki.Issued leaf(String name, String dns, long serial, String notBefore) {
        return named(
                name,
                Pki.leaf(dns)
                        .issuedBy(r11)
                        .serial(BigInteger.valueOf(serial))
                        .validFrom(Instant.parse(notBefore))
                        .validFor(Pki.days(90)));
    }

    private static Config config() {
        List<Target> targets =
                List.of(
                        target(OK),
                        target(EXPIRING),
                        target(MAIL),
                        target(GONE),
                        target(LB),
                        target(INTRANET),
                        target(NEW));
        return new Config(
                Path.of("targets.yaml"), 64, Defaults.BUILT_IN, targets, List.of(), List.of());
    }

    /** The configured targets, with the labels and settings the scenarios need. */
    public static Target target(String id) {
        switch (id) {
            case OK:
                return web(
                        id,
                        "www.example.co.jp",
                        443,
                        null,
                        Map.of("owner", "web-team", "department", "情報システム部", "env", "prod"));
            case EXPIRING:
                return web(id, "expiring.example.co.jp", 443, null, Map.of("owner", "shop-team"));
            case MAIL:
                return web(
                        id,
                        "mail.example.co.jp",
                        587,
                        StartTls.SMTP,
                        Map.of("owner", "infra-team", "department", "情報システム部"));
            case GONE:
                return new Target(
                        id,
                        "例え.jp",
                        "xn--r8jz45g.jp",
                        443,
                        null,
                        null,
                        Map.of(),
                        null,
                        Duration.ofHours(1),
                        Duration.ofSeconds(10),
                        IpFamily.ANY,
                        Thresholds.DEFAULT,
                        true,
                        false,
                        0);
            case LB:
                return web(id, "lb.example.co.jp", 443, null, Map.of("env", "prod"));
            case INTRANET:
                return new Target(
                        id,
                        "127.0.0.3",
                        "127.0.0.3",
                        443,
                        "intranet.example.co.jp",
                        null,
                        Map.of("department", "営業部"),
                        null,
                        Duration.ofMinutes(30),
                        Duration.ofSeconds(5),
                        IpFamily.ANY,
                        new Thresholds(45, 10, 2.5),
                        true,
                        true,
                        0);
            case NEW:
                return web(id, "new.example.co.jp", 443, null, Map.of());
            default:
                throw new IllegalArgumentException(id);
        }
    }

    private static Target web(
            String id, String host, int port, StartTls starttls, Map<String, String> labels) {
        return new Target(
                id,
                host,
                host,
                port,
                null,
                starttls,
                labels,
                null,
                Duration.ofHours(1),
                Duration.ofSeconds(10),
                IpFamily.ANY,
                Thresholds.DEFAULT,
                true,
                false,
                0);
    }

    /** The server stapled a good OCSP response valid until {@link #STAPLE_NEXT_UPDATE}. */
    private TargetResult ok() {
        Pki.Issued leaf = leaf("www", "www.example.co.jp", 0x1001, "2026-11-27T00:00:00Z");
        RevocationAnswer staple =
                new RevocationAnswer(
                        RevocationAnswer.Source.STAPLE,
                        RevocationAnswer.Status.GOOD,
                        null,
                        null,
                        null,
                        STAPLE_NEXT_UPDATE,
                        "good");
        ChainReport report =
                withRevocation(reportOf(leaf, List.of()), List.of(staple), STAPLE_NEXT_UPDATE);
        AddressResult a = read("127.0.0.1", PROBED, 84, report);
        return probed(OK, List.of(a), List.of(), 84);
    }

    /** No staple; the OCSP responder was down and the CRL said good. */
    private TargetResult expiring() {
        Pki.Issued leaf =
                leaf("expiring", "expiring.example.co.jp", 0x1002, "2026-09-24T00:00:00Z");
        List<Finding> findings =
                List.of(
                        new Finding(
                                FindingCode.RENEWAL_OVERDUE,
                                "leaf has 19.4 of 90 days left, less than a quarter of its"
                                        + " lifetime"));
        List<RevocationAnswer> answers =
                List.of(
                        new RevocationAnswer(
                                RevocationAnswer.Source.OCSP,
                                RevocationAnswer.Status.UNKNOWN,
                                URI.create("http://ocsp.example.co.jp/"),
                                null,
                                null,
                                null,
                                "connection refused"),
                        new RevocationAnswer(
                                RevocationAnswer.Source.CRL,
                                RevocationAnswer.Status.GOOD,
                                URI.create("http://crl.example.co.jp/r11.crl"),
                                null,
                                null,
                                NOW.plus(Duration.ofDays(6)),
                                "not listed"));
        ChainReport report = withRevocation(reportOf(leaf, findings), answers, null);
        AddressResult a = read("127.0.0.1", PROBED, 84, report);
        return probed(EXPIRING, List.of(a), List.of(), 84);
    }

    private static ChainReport withRevocation(
            ChainReport r, List<RevocationAnswer> answers, Instant stapleNextUpdate) {
        return new ChainReport(
                r.presented(),
                r.path(),
                r.verified(),
                r.hostnameMatch(),
                r.publicRoot(),
                r.findings(),
                r.chainNotAfter(),
                answers,
                stapleNextUpdate);
    }

    private TargetResult mail() {
        Pki.Issued leaf = leaf("mail", "mail.example.co.jp", 0x1003, "2026-10-01T00:00:00Z");
        ChainReport report = reportOf(leaf, List.of());
        ChainRead earlier = chainRead("127.0.0.1", NOW.minus(Duration.ofHours(1)), 120, report);
        ProbeFailed failed =
                new ProbeFailed(
                        "127.0.0.1",
                        PROBED,
                        Duration.ofSeconds(10),
                        ProbeErrorReason.TIMEOUT,
                        "no TLS handshake within 10s after STARTTLS");
        AddressResult a = new AddressResult("127.0.0.1", failed, earlier, report);
        return probed(MAIL, List.of(a), List.of(), 10_000);
    }

    private TargetResult gone() {
        ProbeFailed failed =
                new ProbeFailed(
                        "",
                        PROBED,
                        Duration.ofMillis(2),
                        ProbeErrorReason.DNS,
                        "例え.jp (xn--r8jz45g.jp): name not found");
        AddressResult a = new AddressResult("", failed, null, null);
        return probed(GONE, List.of(a), List.of(), 2);
    }

    private TargetResult lb() {
        Pki.Issued renewed = leaf("lb-new", "lb.example.co.jp", 0x1004, "2026-11-20T00:00:00Z");
        Pki.Issued old = leaf("lb-old", "lb.example.co.jp", 0x1005, "2026-09-09T00:00:00Z");
        AddressResult v4 = read("127.0.0.2", PROBED, 31, reportOf(renewed, List.of()));
        AddressResult v6 =
                read(
                        "::1",
                        PROBED,
                        29,
                        reportOf(
                                old,
                                List.of(
                                        new Finding(
                                                FindingCode.RENEWAL_OVERDUE,
                                                "leaf has 4.4 of 90 days left, less than a quarter"
                                                        + " of its lifetime"))));
        List<Finding> together =
                List.of(
                        new Finding(
                                FindingCode.INCONSISTENT_ADDRESSES,
                                "127.0.0.2 serves serial 1004, ::1 serves serial 1005"));
        return probed(LB, List.of(v4, v6), together, 33);
    }

    private TargetResult intranet() {
        Pki.Issued self =
                named(
                        "intranet",
                        Pki.root("intranet.example.co.jp")
                                .subject("CN=intranet.example.co.jp,O=Example Intranet")
                                .key("RSA", 2048)
                                .serial(BigInteger.valueOf(0x2001))
                                .validBetween(
                                        Instant.parse("2026-01-01T00:00:00Z"),
                                        Instant.parse("2028-04-05T00:00:00Z")));
        X509Certificate cert = self.certificate();
        ChainReport report =
                new ChainReport(
                        List.of(cert),
                        List.of(cert),
                        false,
                        false,
                        false,
                        List.of(
                                new Finding(
                                        FindingCode.HOSTNAME_MISMATCH,
                                        "leaf has no subjectAltName; intranet.example.co.jp is only"
                                                + " its CN, which RFC 6125 no longer uses"),
                                new Finding(
                                        FindingCode.SELF_SIGNED,
                                        "leaf CN=intranet.example.co.jp is self-signed and not a"
                                                + " trust anchor")),
                        cert.getNotAfter().toInstant());
        ChainRead chain =
                new ChainRead(
                        "127.0.0.3",
                        PROBED,
                        Duration.ofMillis(12),
                        List.of(cert),
                        "TLSv1.2",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                        null);
        AddressResult a = new AddressResult("127.0.0.3", chain, chain, report);
        return probed(INTRANET, List.of(a), List.of(), 12);
    }

    /** A verified chain leaf ← R11 (presented), path leaf ← R11 ← Test Root X1. */
    private ChainReport reportOf(Pki.Issued leaf, List<Finding> findings) {
        X509Certificate cert = leaf.certificate();
        List<X509Certificate> path = List.of(cert, r11.certificate(), root.certificate());
        Instant chainNotAfter =
                path.stream()
                        .map(c -> c.getNotAfter().toInstant())
                        .min(Instant::compareTo)
                        .orElseThrow();
        return new ChainReport(
                List.of(cert, r11.certificate()), path, true, true, false, findings, chainNotAfter);
    }

    private static AddressResult read(String address, Instant at, long millis, ChainReport report) {
        ChainRead chain = chainRead(address, at, millis, report);
        return new AddressResult(address, chain, chain, report);
    }

    private static ChainRead chainRead(
            String address, Instant at, long millis, ChainReport report) {
        return new ChainRead(
                address, at, Duration.ofMillis(millis), report.presented(), TLS13, AES128, null);
    }

    private static TargetResult probed(
            String id, List<AddressResult> addresses, List<Finding> together, long millis) {
        return new TargetResult(target(id), addresses, together, PROBED, Duration.ofMillis(millis));
    }
}
