package io.certgauge.probe;

import io.certgauge.demo.Pki;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/** The chain a test server sends, exactly in this order, and the leaf's key. */
record ServerIdentity(List<X509Certificate> chain, PrivateKey key) {

    private static final String ALIAS = "server";

    /** A leaf for {@code name} under a fresh root and intermediate, sent as leaf, intermediate. */
    static ServerIdentity forName(String name) {
        Pki.Issued root = Pki.root("Probe Test Root").issue();
        Pki.Issued intermediate = Pki.intermediate("Probe Test Intermediate", root).issue();
        Pki.Issued leaf = Pki.leaf(name).issuedBy(intermediate).issue();
        return new ServerIdentity(
                List.of(leaf.certificate(), intermediate.certificate()), leaf.privateKey());
    }

    /** The same identity with {@code extra} appended to what the server sends. */
    ServerIdentity plus(X509Certificate extra) {
        List<X509Certificate> longer = new ArrayList<>(chain);
        longer.add(extra);
        return new ServerIdentity(longer, key);
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    /** A server-side context whose key manager sends {@link #chain()} unchanged. */
    SSLContext serverContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        // The JDK's own key stores check chain order; a fixed key manager sends any chain.
        context.init(new KeyManager[] {new FixedKeyManager()}, null, null);
        return context;
    }

    private final class FixedKeyManager extends X509ExtendedKeyManager {

        private String aliasFor(String keyType) {
            String algorithm = key.getAlgorithm();
            return keyType.equals(algorithm) || keyType.startsWith(algorithm + "_") ? ALIAS : null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return aliasFor(keyType);
        }

        @Override
        public String chooseEngineServerAlias(
                String keyType, Principal[] issuers, SSLEngine engine) {
            return aliasFor(keyType);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return aliasFor(keyType) != null ? new String[] {ALIAS} : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.toArray(new X509Certificate[0]);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}
