package org.umpin.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import org.apache.cxf.configuration.jsse.TLSServerParameters;

/** HTTPS for the SOAP endpoint: the server's key and certificate from a PKCS#12 key store, TLS 1.2 and 1.3 only. */
public final class SoapTls {

    /** Older protocols have known attacks (BEAST, POODLE) and are refused even where the JVM still allows them. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private SoapTls() {
    }

    /**
     * The TLS parameters for CXF's Jetty engine, from a PKCS#12 key store holding one private
     * key (the key's password is the store's, as keytool and openssl make them).
     *
     * @throws IllegalArgumentException when the store cannot be read or holds no key
     */
    public static TLSServerParameters fromKeyStore(Path keyStore, String password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKey(store, alias))) {
                throw new IllegalArgumentException("the key store " + keyStore + " holds no private key");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            TLSServerParameters tls = new TLSServerParameters();
            tls.setKeyManagers(keys.getKeyManagers());
            tls.setSecureSocketProtocol("TLS");
            tls.setIncludeProtocols(PROTOCOLS);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            // a wrong password shows as an IOException caused by a failed decryption
            boolean wrongPassword = e.getCause() instanceof GeneralSecurityException;
            throw new IllegalArgumentException("the key store " + keyStore + " cannot be read: "
                    + (wrongPassword ? "wrong password" : e.getMessage()), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
