package io.certgauge.schedule;

import io.certgauge.chain.TrustMaterial;
import io.certgauge.config.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CertificateException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trust material of each target: the system's public roots plus the target's {@code ca_file},
 * read once and again only when the file changes. Thread-safe.
 */
public final class TrustCache {

    private record Entry(FileTime modified, TrustMaterial material) {}

    private final TrustMaterial base;
    private final Map<Path, Entry> files = new ConcurrentHashMap<>();

    public TrustCache(TrustMaterial base) {
        this.base = base;
    }

    /**
     * The material a target's chains are judged against.
     *
     * @throws IOException when the target's {@code ca_file} can no longer be read
     */
    public TrustMaterial forTarget(Target target) throws IOException {
        TrustMaterial material = target.caFile() != null ? withCaFile(target.caFile()) : base;
        return target.privateRoots() ? material.allPrivate() : material;
    }

    /** The material every target starts from. */
    public TrustMaterial base() {
        return base;
    }

    /** The base with the file's certificates, merged once per version of the file. */
    private TrustMaterial withCaFile(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        Entry cached = files.get(file);
        if (cached != null && cached.modified().equals(modified)) {
            return cached.material();
        }
        try {
            TrustMaterial material = base.plus(TrustMaterial.fromFile(file, false));
            files.put(file, new Entry(modified, material));
            return material;
        } catch (CertificateException e) {
            throw new IOException(file + ": not a certificate file: " + e.getMessage(), e);
        }
    }
}
