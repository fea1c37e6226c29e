package io.certgauge.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A private CA run with the real {@code openssl} command: a root, and leaves with chosen start and
 * end dates ({@code openssl ca -startdate/-enddate}), so expired and soon-expiring certificates are
 * made without waiting.
 */
final class OpensslCa {

    private static final DateTimeFormatter ASN1_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter OPENSSL_DATE =
            DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy z", Locale.ENGLISH);

    private final Path dir;
    private final String openssl;

    private OpensslCa(Path dir, String openssl) {
        this.dir = dir;
        this.openssl = openssl;
    }

    /** Creates the CA's root in {@code dir}: {@code root.pem} and {@code root.key}. */
    static OpensslCa create(Path dir, Path openssl) throws IOException, InterruptedException {
        OpensslCa ca = new OpensslCa(dir, openssl.toString());
        Files.createDirectories(dir.resolve("newcerts"));
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "1000\n");
        Files.writeString(dir.resolve("ca.cnf"), CA_CONFIG, StandardCharsets.US_ASCII);
        Tools.runOk(
                dir,
                ca.openssl,
                "req",
                "-x509",
                "-config",
                "ca.cnf",
                "-extensions",
                "root_ext",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                "root.key",
                "-out",
                "root.pem",
                "-days",
                "3650",
                "-subj",
                "/CN=certgauge e2e root");
        return ca;
    }

    Path root() {
        return dir.resolve("root.pem");
    }

    /**
     * Issues a leaf for {@code dnsName} valid from {@code notBefore} to {@code notAfter}; writes
     * {@code <file>.pem} and {@code <file>.key} and returns the certificate's path.
     */
    Path issue(String file, String dnsName, Instant notBefore, Instant notAfter)
            throws IOException, InterruptedException {
        Tools.runOk(
                dir,
                openssl,
                "req",
                "-new",
                "-config",
                "ca.cnf",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                file + ".key",
                "-out",
                file + ".csr",
                "-subj",
                "/CN=" + dnsName,
                "-addext",
                "subjectAltName=DNS:" + dnsName);
        Tools.runOk(
                dir,
                openssl,
                "ca",
                "-batch",
                "-config",
                "ca.cnf",
                "-notext",
                "-cert",
                "root.pem",
                "-keyfile",
                "root.key",
                "-extensions",
                "leaf_ext",
                "-startdate",
                ASN1_TIME.format(notBefore),
                "-enddate",
                ASN1_TIME.format(notAfter),
                "-in",
                file + ".csr",
                "-out",
                file + ".pem");
        return dir.resolve(file + ".pem");
    }

    /** What {@code openssl x509 -enddate} says of a certificate file. */
    Instant endDate(Path certificate) throws IOException, InterruptedException {
        String line =
                Tools.runOk(
                                dir,
                                openssl,
                                "x509",
                                "-enddate",
                                "-noout",
                                "-in",
                                certificate.toString())
                        .trim();
        String date = line.substring(line.indexOf('=') + 1);
        return ZonedDateTime.parse(date, OPENSSL_DATE).toInstant();
    }

    private static final String CA_CONFIG =
            String.join(
                    "\n",
                    "[ req ]",
                    "distinguished_name = dn",
                    "prompt = no",
                    "[ dn ]",
                    "CN = unused",
                    "[ ca ]",
                    "default_ca = e2e",
                    "[ e2e ]",
                    "dir = .",
                    "database = index.txt",
                    "new_certs_dir = newcerts",
                    "serial = serial",
                    "default_md = sha256",
                    "policy = any",
                    "copy_extensions = copy",
                    "unique_subject = no",
                    "[ any ]",
                    "commonName = supplied",
                    "[ root_ext ]",
                    "basicConstraints = critical,CA:true",
                    "keyUsage = critical,keyCertSign,cRLSign",
                    "subjectKeyIdentifier = hash",
                    "[ leaf_ext ]",
                    "basicConstraints = critical,CA:false",
                    "keyUsage = critical,digitalSignature,keyEncipherment",
                    "extendedKeyUsage = serverAuth",
                    "subjectKeyIdentifier = hash",
                    "authorityKeyIdentifier = keyid",
                    "");
}
