package io.certgauge.schedule;

import io.certgauge.chain.AddressConsistency;
import io.certgauge.chain.AnalysisContext;
import io.certgauge.chain.Analyzer;
import io.certgauge.chain.ChainReport;
import io.certgauge.chain.Finding;
import io.certgauge.chain.TrustMaterial;
import io.certgauge.config.Target;
import io.certgauge.probe.ChainRead;
import io.certgauge.probe.ProbeFailed;
import io.certgauge.probe.ProbeOutcome;
import io.certgauge.probe.Prober;
import io.certgauge.result.AddressResult;
import io.certgauge.result.TargetResult;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one target at every address, analyses each chain read, and merges the outcome with the
 * previous result so that a failed probe keeps the last chain read from that address on display.
 * Thread-safe; it keeps no state of its own.
 */
public final class TargetChecker {

    private static final Logger LOG = LoggerFactory.getLogger(TargetChecker.class);

    private final Prober prober;
    private final Analyzer analyzer;
    private final TrustCache trust;
    private final Clock clock;

    public TargetChecker(Prober prober, Analyzer analyzer, TrustCache trust, Clock clock) {
        this.prober = prober;
        this.analyzer = analyzer;
        this.trust = trust;
        this.clock = clock;
    }

    /** Probes the target now and returns its new result, built on {@code previous}. */
    public TargetResult check(Target target, TargetResult previous) {
        Instant started = clock.instant();
        List<ProbeOutcome> outcomes = prober.probe(target.toProbeTarget());
        Duration duration = Duration.between(started, clock.instant());

        TrustMaterial material = trustFor(target);
        Map<String, AddressResult> before = byAddress(previous);
        List<AddressResult> addresses = new ArrayList<>();
        for (ProbeOutcome outcome : outcomes) {
            addresses.addAll(merge(target, outcome, material, before));
        }

        List<Finding> targetFindings = consistency(addresses);
        return new TargetResult(target, addresses, targetFindings, started, duration);
    }

    private List<AddressResult> merge(
            Target target,
            ProbeOutcome outcome,
            TrustMaterial material,
            Map<String, AddressResult> before) {
        if (outcome instanceof ChainRead read) {
            ChainReport report = analyse(target, read, material);
            return List.of(new AddressResult(read.address(), read, read, report));
        }
        ProbeFailed failed = (ProbeFailed) outcome;
        if (failed.address().isEmpty() && !before.isEmpty()) {
            // Resolution failed: every address known before keeps its last chain on display,
            // each marked with this failure, so an expiry alert does not resolve on a DNS fault.
            return before.values().stream().map(old -> keepLastChain(old, failed)).toList();
        }
        AddressResult old = before.get(failed.address());
        if (old == null) {
            return List.of(new AddressResult(failed.address(), failed, null, null));
        }
        return List.of(new AddressResult(failed.address(), failed, old.lastRead(), old.report()));
    }

    private static AddressResult keepLastChain(AddressResult old, ProbeFailed failed) {
        ProbeFailed atAddress =
                new ProbeFailed(
                        old.address(),
                        failed.startedAt(),
                        failed.duration(),
                        failed.reason(),
                        failed.message());
        return new AddressResult(old.address(), atAddress, old.lastRead(), old.report());
    }

    private ChainReport analyse(Target target, ChainRead read, TrustMaterial material) {
        Instant deadline = read.startedAt().plus(target.timeout());
        AnalysisContext context =
                new AnalysisContext(
                        target.checkedName(),
                        target.checkedNameAscii(),
                        material,
                        read.protocol(),
                        read.ocspStaple(),
                        target.revocation(),
                        deadline);
        return analyzer.analyze(read.chain(), context);
    }

    private TrustMaterial trustFor(Target target) {
        try {
            return trust.forTarget(target);
        } catch (IOException e) {
            // Limitation: a ca_file that became unreadable after loading is skipped, not fatal;
            // chains that needed it then show as untrusted, which points at the file.
            LOG.warn("{}: ca_file unreadable, judging without it: {}", target.id(), e.getMessage());
            return trust.base();
        }
    }

    private static Map<String, AddressResult> byAddress(TargetResult previous) {
        Map<String, AddressResult> map = new LinkedHashMap<>();
        if (previous != null) {
            for (AddressResult a : previous.addresses()) {
                if (a.lastRead() != null) {
                    map.put(a.address(), a);
                }
            }
        }
        return map;
    }

    private static List<Finding> consistency(List<AddressResult> addresses) {
        Map<String, X509Certificate> leaves = new LinkedHashMap<>();
        for (AddressResult a : addresses) {
            if (a.last() instanceof ChainRead read && !read.chain().isEmpty()) {
                leaves.put(a.address(), read.chain().get(0));
            }
        }
        Optional<Finding> finding = AddressConsistency.check(leaves);
        return finding.map(List::of).orElse(List.of());
    }
}
