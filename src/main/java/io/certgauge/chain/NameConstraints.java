package io.certgauge.chain;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;

/**
 * Name constraints (RFC 5280 sections 4.2.1.10 and 6.1.3 (b), (c), 6.1.4 (g)): every name of every
 * certificate below a CA that carries the extension must lie within that CA's permitted subtrees
 * and outside its excluded ones. The trust anchor's constraints count too, as RFC 5280 section 6.2
 * allows and as the web PKI relies on for technically constrained roots.
 *
 * <p>Names checked: the subject (as a directoryName, and its emailAddress attributes as
 * rfc822Names) unless empty, and every subjectAltName entry. dNSName, iPAddress, rfc822Name,
 * uniformResourceIdentifier and directoryName constraints are processed; a constraint of any other
 * form (otherName …) on a certificate that has a name of that form makes the path fail, as section
 * 4.2.1.10 requires of names a validator cannot process.
 *
 * <p>Strict where the RFC's syntax is strict: a dNSName constraint with a leading period or a
 * wildcard, an iPAddress constraint that is not an address and a contiguous mask, an extension with
 * neither subtree list, and a leaf that carries the extension at all (it "MUST be used only in a CA
 * certificate") fail the path. A wildcard subjectAltName is judged by every name it may stand for:
 * it is excluded when any of them is, and permitted only when all of them are. Stateless.
 */
final class NameConstraints {

    /**
     * Most name-against-subtree comparisons for one certificate. Real constrained CAs carry a
     * handful of subtrees and leaves a few names; a certificate with thousands of both is a
     * denial-of-service attempt (quadratic work), and is rejected instead of checked.
     */
    static final long MAX_COMPARISONS = 1L << 20;

    private static final String EXTENSION = Extension.nameConstraints.getId();

    /** One CA's constraints. */
    private record Subtrees(
            X509Certificate owner, List<GeneralName> permitted, List<GeneralName> excluded) {

        int size() {
            return permitted.size() + excluded.size();
        }
    }

    /** A name of a certificate to check, with how messages show it. */
    private record Name(GeneralName name, String shown) {}

    private NameConstraints() {}

    /**
     * Adds at most one violation: the first name, from the top of the path down, that breaks a
     * constraint, or the first malformed constraint.
     */
    static void check(List<X509Certificate> path, boolean anchored, List<Violation> violations) {
        List<Subtrees> active = new ArrayList<>();
        int top = path.size() - 1;
        for (int i = top; i >= 0; i--) {
            X509Certificate cert = path.get(i);
            boolean anchor = anchored && i == top;
            // Section 6.1.3 (b), (c): self-issued intermediates are exempt, the leaf never.
            boolean exempt = anchor || (i > 0 && Describe.selfIssued(cert));
            if (!exempt && !active.isEmpty()) {
                Optional<Violation> broken = checkNames(cert, active);
                if (broken.isPresent()) {
                    violations.add(broken.get());
                    return;
                }
            }
            byte[] extension = KeyIdentifiers.extensionOctets(cert, EXTENSION);
            if (extension == null && cert.getExtensionValue(EXTENSION) == null) {
                continue;
            }
            if (i == 0 && !anchor) {
                violations.add(
                        violation(
                                cert,
                                "leaf "
                                        + Describe.name(cert)
                                        + " carries nameConstraints, which only a CA certificate"
                                        + " may"));
                return;
            }
            Optional<String> malformed = parse(cert, extension, active);
            if (malformed.isPresent()) {
                violations.add(
                        violation(
                                cert,
                                Describe.name(cert)
                                        + " has malformed nameConstraints: "
                                        + malformed.get()));
                return;
            }
        }
    }

    /** Parses one CA's constraints onto {@code active}, or says what is wrong with them. */
    private static Optional<String> parse(
            X509Certificate cert, byte[] extension, List<Subtrees> active) {
        org.bouncycastle.asn1.x509.NameConstraints parsed;
        try {
            parsed = org.bouncycastle.asn1.x509.NameConstraints.getInstance(extension);
        } catch (RuntimeException e) {
            return Optional.of("not a NameConstraints structure");
        }
        if (parsed == null) {
            return Optional.of("not a NameConstraints structure");
        }
        List<GeneralName> permitted = new ArrayList<>();
        List<GeneralName> excluded = new ArrayList<>();
        Optional<String> problem =
                bases(parsed.getPermittedSubtrees(), permitted)
                        .or(() -> bases(parsed.getExcludedSubtrees(), excluded));
        if (problem.isPresent()) {
            return problem;
        }
        if (permitted.isEmpty() && excluded.isEmpty()) {
            // Section 4.2.1.10: "either the permittedSubtrees field or the excludedSubtrees
            // MUST be present", and a present list holds at least one subtree.
            return Optional.of("it lists no subtree");
        }
        active.add(new Subtrees(cert, permitted, excluded));
        return Optional.empty();
    }

    private static Optional<String> bases(GeneralSubtree[] subtrees, List<GeneralName> into) {
        if (subtrees == null) {
            return Optional.empty();
        }
        for (GeneralSubtree subtree : subtrees) {
            // Section 4.2.1.10: minimum MUST be zero and maximum MUST be absent.
            if (!BigInteger.ZERO.equals(subtree.getMinimum()) || subtree.getMaximum() != null) {
                return Optional.of("a subtree sets minimum or maximum");
            }
            GeneralName base = subtree.getBase();
            Optional<String> invalid = invalidBase(base);
            if (invalid.isPresent()) {
                return invalid;
            }
            into.add(base);
        }
        return Optional.empty();
    }

    private static Optional<String> invalidBase(GeneralName base) {
        switch (base.getTagNo()) {
            case GeneralName.dNSName:
                {
                    String dns = text(base);
                    if (dns.isEmpty() || HostSyntax.validConstraint(dns)) {
                        return Optional.empty();
                    }
                    return Optional.of("the dNSName constraint '" + dns + "' is not a domain name");
                }
            case GeneralName.iPAddress:
                {
                    byte[] octets = octets(base);
                    if ((octets.length == 8 || octets.length == 32) && contiguousMask(octets)) {
                        return Optional.empty();
                    }
                    return Optional.of("an iPAddress constraint is not an address and a CIDR mask");
                }
            default:
                return Optional.empty();
        }
    }

    private static Optional<Violation> checkNames(X509Certificate cert, List<Subtrees> active) {
        List<Name> names;
        try {
            names = namesOf(cert);
        } catch (RuntimeException e) {
            return Optional.of(
                    violation(
                            cert,
                            Describe.name(cert) + " has a malformed subject or subjectAltName"));
        }
        long subtrees = active.stream().mapToLong(Subtrees::size).sum();
        if (names.size() * subtrees > MAX_COMPARISONS) {
            return Optional.of(
                    violation(
                            cert,
                            Describe.name(cert)
                                    + " has "
                                    + names.size()
                                    + " names to check against "
                                    + subtrees
                                    + " subtrees, more than certgauge checks"));
        }
        for (Subtrees constraints : active) {
            for (Name name : names) {
                Optional<String> broken = judge(name, constraints);
                if (broken.isPresent()) {
                    return Optional.of(
                            violation(
                                    cert,
                                    name.shown()
                                            + " of "
                                            + Describe.name(cert)
                                            + " "
                                            + broken.get()
                                            + " of "
                                            + Describe.name(constraints.owner())));
                }
            }
        }
        return Optional.empty();
    }

    /** Why {@code name} breaks one CA's constraints, or empty when it does not. */
    private static Optional<String> judge(Name name, Subtrees constraints) {
        int form = name.name().getTagNo();
        List<GeneralName> permitted = sameForm(constraints.permitted(), form);
        List<GeneralName> excluded = sameForm(constraints.excluded(), form);
        if (!processed(form) && !(permitted.isEmpty() && excluded.isEmpty())) {
            return Optional.of(
                    "is of a name form whose constraints certgauge cannot process,"
                            + " constrained by the nameConstraints");
        }
        for (GeneralName base : excluded) {
            if (within(name.name(), base, true)) {
                return Optional.of("is within the excluded subtree " + shown(base));
            }
        }
        boolean permittedMatch = permitted.stream().anyMatch(b -> within(name.name(), b, false));
        if (!permitted.isEmpty() && !permittedMatch) {
            return Optional.of("is outside the permitted subtrees");
        }
        return Optional.empty();
    }

    private static List<GeneralName> sameForm(List<GeneralName> subtrees, int form) {
        return subtrees.stream().filter(base -> base.getTagNo() == form).toList();
    }

    private static boolean processed(int form) {
        return form == GeneralName.dNSName
                || form == GeneralName.iPAddress
                || form == GeneralName.rfc822Name
                || form == GeneralName.uniformResourceIdentifier
                || form == GeneralName.directoryName;
    }

    /**
     * Whether {@code name} lies in the subtree {@code base} of the same form. For a wildcard
     * dNSName, {@code anyOf} asks whether any name it stands for does (exclusion), otherwise
     * whether all of them do (permission).
     */
    private static boolean within(GeneralName name, GeneralName base, boolean anyOf) {
        switch (name.getTagNo()) {
            case GeneralName.dNSName:
                return dnsWithin(text(name), text(base), anyOf);
            case GeneralName.iPAddress:
                return ipWithin(octets(name), octets(base));
            case GeneralName.rfc822Name:
                return emailWithin(text(name), text(base));
            case GeneralName.uniformResourceIdentifier:
                return uriWithin(text(name), text(base));
            case GeneralName.directoryName:
                return directoryWithin(
                        X500Name.getInstance(name.getName()), X500Name.getInstance(base.getName()));
            default:
                return false;
        }
    }

    /**
     * Section 4.2.1.10: a dNSName constraint covers the name itself and every name made by adding
     * labels on the left. A name that is not a valid host name lies in no subtree, and so breaks
     * any constraint on its form.
     */
    static boolean dnsWithin(String name, String constraint, boolean anyOf) {
        String c = HostSyntax.normalise(constraint);
        String n = HostSyntax.normalise(name);
        if (!HostSyntax.validName(n, true)) {
            return anyOf;
        }
        if (c.isEmpty()) {
            return true;
        }
        if (!n.startsWith("*.")) {
            return suffixOf(n, c);
        }
        String rest = n.substring(2);
        if (suffixOf(rest, c)) {
            return true;
        }
        // *.rest stands for exactly one more label: it reaches the constraint itself when the
        // constraint is one label longer than rest (CVE-2025-61727).
        int dot = c.indexOf('.');
        return anyOf && dot > 0 && c.substring(dot + 1).equals(rest);
    }

    private static boolean suffixOf(String name, String constraint) {
        return name.equals(constraint) || name.endsWith("." + constraint);
    }

    static boolean ipWithin(byte[] address, byte[] constraint) {
        if (address.length != 4 && address.length != 16) {
            return false; // not an address at all: outside every subtree
        }
        if (constraint.length != address.length * 2) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            byte mask = constraint[address.length + i];
            if ((address[i] & mask) != (constraint[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Section 4.2.1.10: a mailbox, all mailboxes of a host, or of a domain's hosts. */
    static boolean emailWithin(String mailbox, String constraint) {
        int at = mailbox.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String host = mailbox.substring(at + 1).toLowerCase(Locale.ROOT);
        String c = constraint.toLowerCase(Locale.ROOT);
        if (constraint.indexOf('@') >= 0) {
            int cAt = constraint.lastIndexOf('@');
            return mailbox.substring(0, at).equals(constraint.substring(0, cAt))
                    && host.equals(c.substring(cAt + 1));
        }
        if (c.startsWith(".")) {
            return host.endsWith(c);
        }
        return host.equals(c);
    }

    /** Section 4.2.1.10: the URI's host against a host, or a domain when it starts with '.'. */
    static boolean uriWithin(String uri, String constraint) {
        String host;
        try {
            host = new URI(uri).getHost();
        } catch (URISyntaxException e) {
            return false;
        }
        if (host == null || host.isEmpty()) {
            return false; // no host: the RFC says to reject, so it lies in no subtree
        }
        String h = host.toLowerCase(Locale.ROOT);
        String c = constraint.toLowerCase(Locale.ROOT);
        return c.startsWith(".") ? h.endsWith(c) : h.equals(c);
    }

    /** A distinguished name is within a subtree when the subtree's RDNs begin it. */
    static boolean directoryWithin(X500Name name, X500Name constraint) {
        RDN[] names = name.getRDNs();
        RDN[] prefix = constraint.getRDNs();
        if (prefix.length > names.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!IETFUtils.rDNAreEqual(names[i], prefix[i])) {
                return false;
            }
        }
        return true;
    }

    private static List<Name> namesOf(X509Certificate cert) {
        List<Name> names = new ArrayList<>();
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        if (subject.getRDNs().length > 0) {
            names.add(new Name(new GeneralName(subject), "subject " + subject));
            // Section 4.2.1.10: legacy e-mail addresses in the subject are rfc822Names too.
            for (RDN rdn : subject.getRDNs()) {
                for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                    if (atv.getType().equals(PKCSObjectIdentifiers.pkcs_9_at_emailAddress)) {
                        String mail = ((ASN1String) atv.getValue()).getString();
                        names.add(
                                new Name(
                                        new GeneralName(GeneralName.rfc822Name, mail),
                                        "e-mail address " + mail));
                    }
                }
            }
        }
        byte[] san = KeyIdentifiers.extensionOctets(cert, Extension.subjectAlternativeName.getId());
        if (san != null) {
            for (GeneralName name : GeneralNames.getInstance(san).getNames()) {
                names.add(new Name(name, shown(name)));
            }
        }
        return names;
    }

    private static String shown(GeneralName name) {
        switch (name.getTagNo()) {
            case GeneralName.dNSName:
                return "DNS:" + text(name);
            case GeneralName.iPAddress:
                return "IP:" + ipText(octets(name));
            case GeneralName.rfc822Name:
                return "email:" + text(name);
            case GeneralName.uniformResourceIdentifier:
                return "URI:" + text(name);
            case GeneralName.directoryName:
                return "DN:" + X500Name.getInstance(name.getName());
            default:
                return "name of form " + name.getTagNo();
        }
    }

    private static String ipText(byte[] octets) {
        if (octets.length == 4 || octets.length == 16) {
            try {
                // A 4- or 16-byte array is formatted, never resolved.
                return InetAddress.getByAddress(octets).getHostAddress();
            } catch (UnknownHostException e) {
                // cannot happen for these lengths; fall through to the raw form
            }
        }
        return "(" + octets.length + " bytes, not an address)";
    }

    private static boolean contiguousMask(byte[] constraint) {
        int half = constraint.length / 2;
        boolean zeroSeen = false;
        for (int i = half; i < constraint.length; i++) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean one = (constraint[i] >> bit & 1) == 1;
                if (one && zeroSeen) {
                    return false;
                }
                zeroSeen |= !one;
            }
        }
        return true;
    }

    private static String text(GeneralName name) {
        return ((ASN1String) name.getName()).getString();
    }

    private static byte[] octets(GeneralName name) {
        return ASN1OctetString.getInstance(name.getName()).getOctets();
    }

    private static Violation violation(X509Certificate cert, String detail) {
        return new Violation(PathRule.NAME_CONSTRAINTS, cert, detail);
    }
}
