package io.certgauge.chain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trust anchors, each marked public or private, and known intermediates. Immutable and thread-safe.
 *
 * <p>A root is public when it comes from the JDK's {@code cacerts} or the system bundle; the
 * CA/Browser Forum profile rules apply only to paths that end in a public root. Roots from a
 * target's {@code ca_file} are private.
 */
public final class TrustMaterial {

    /** Debian's bundle of the system's trusted roots. */
    public static final Path SYSTEM_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");

    /**
     * Largest certificate file read. System bundles hold a few hundred KiB; anything this big is
     * the wrong file, and reading it would hold start-up or a probe.
     */
    public static final int MAX_FILE_BYTES = 16 << 20;

    private static volatile TrustMaterial systemDefault;

    /** A trust anchor and whether it is a public root. */
    public record Anchor(X509Certificate certificate, boolean publicRoot) {}

    private final List<Anchor> anchors;
    private final List<X509Certificate> intermediates;

    public TrustMaterial(List<Anchor> anchors, List<X509Certificate> intermediates) {
        this.anchors = List.copyOf(anchors);
        this.intermediates = List.copyOf(intermediates);
    }

    public static TrustMaterial empty() {
        return new TrustMaterial(List.of(), List.of());
    }

    /** The JDK's {@code cacerts} and the system bundle, all public; loaded once. */
    public static TrustMaterial systemDefault() {
        TrustMaterial loaded = systemDefault;
        if (loaded == null) {
            synchronized (TrustMaterial.class) {
                if (systemDefault == null) {
                    systemDefault = loadSystemDefault();
                }
                loaded = systemDefault;
            }
        }
        return loaded;
    }

    /**
     * Reads a PEM or DER file of certificates: the self-signed ones become anchors with the given
     * mark, the others known intermediates.
     */
    public static TrustMaterial fromFile(Path file, boolean publicRoots)
            throws IOException, CertificateException {
        return fromCertificates(readCertificates(file), publicRoots);
    }

    /** Splits certificates into anchors (self-signed) and known intermediates. */
    public static TrustMaterial fromCertificates(List<X509Certificate> certs, boolean publicRoots) {
        List<Anchor> anchors = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        for (X509Certificate cert : certs) {
            if (cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                anchors.add(new Anchor(cert, publicRoots));
            } else {
                intermediates.add(cert);
            }
        }
        return new TrustMaterial(anchors, intermediates);
    }

    /**
     * Every certificate in a PEM (one or several blocks) or DER file.
     *
     * @throws IOException also when the file is larger than {@link #MAX_FILE_BYTES}
     */
    public static List<X509Certificate> readCertificates(Path file)
            throws IOException, CertificateException {
        byte[] content;
        try (InputStream in = Files.newInputStream(file)) {
            // Read into memory first: the certificate factory reads a stream a byte at a time.
            content = in.readNBytes(MAX_FILE_BYTES + 1);
        }
        if (content.length > MAX_FILE_BYTES) {
            throw new IOException("the file is larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
        }
        try (InputStream in = new ByteArrayInputStream(content)) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certs = new ArrayList<>();
            for (Certificate cert : factory.generateCertificates(in)) {
                certs.add((X509Certificate) cert);
            }
            if (certs.isEmpty()) {
                throw new CertificateException("no certificate found in " + file);
            }
            return certs;
        }
    }

    /** This material and another together; a certificate present in both is kept once. */
    public TrustMaterial plus(TrustMaterial other) {
        Map<X509Certificate, Anchor> mergedAnchors = new LinkedHashMap<>();
        for (Anchor a : anchors) {
            mergedAnchors.put(a.certificate(), a);
        }
        for (Anchor a : other.anchors) {
            mergedAnchors.putIfAbsent(a.certificate(), a);
        }
        List<X509Certificate> mergedIntermediates = new ArrayList<>(intermediates);
        for (X509Certificate c : other.intermediates) {
            if (!mergedIntermediates.contains(c)) {
                mergedIntermediates.add(c);
            }
        }
        return new TrustMaterial(new ArrayList<>(mergedAnchors.values()), mergedIntermediates);
    }

    /** The same material with every anchor marked private (a target's {@code private: true}). */
    public TrustMaterial allPrivate() {
        List<Anchor> privateAnchors = new ArrayList<>();
        for (Anchor a : anchors) {
            privateAnchors.add(new Anchor(a.certificate(), false));
        }
        return new TrustMaterial(privateAnchors, intermediates);
    }

    public List<Anchor> anchors() {
        return Collections.unmodifiableList(anchors);
    }

    public List<X509Certificate> intermediates() {
        return Collections.unmodifiableList(intermediates);
    }

    private static TrustMaterial loadSystemDefault() {
        Map<X509Certificate, Anchor> roots = new LinkedHashMap<>();
        for (X509Certificate cert : jdkCacerts()) {
            roots.putIfAbsent(cert, new Anchor(cert, true));
        }
        if (Files.isReadable(SYSTEM_BUNDLE)) {
            try {
                for (X509Certificate cert : readCertificates(SYSTEM_BUNDLE)) {
                    roots.putIfAbsent(cert, new Anchor(cert, true));
                }
            } catch (IOException | CertificateException e) {
                // Limitation: an unreadable system bundle leaves the JDK's roots alone in use.
            }
        }
        return new TrustMaterial(new ArrayList<>(roots.values()), List.of());
    }

    private static List<X509Certificate> jdkCacerts() {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(cacerts)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, null);
            for (String alias : Collections.list(store.aliases())) {
                Certificate cert = store.getCertificate(alias);
                if (cert instanceof X509Certificate x509) {
                    certs.add(x509);
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            // Limitation: without a readable cacerts only the system bundle supplies roots.
        }
        return certs;
    }
}
