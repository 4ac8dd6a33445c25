package org.umpin.http;

import java.nio.file.Path;
import java.util.List;
import org.apache.cxf.configuration.jsse.TLSServerParameters;
import org.umpin.secret.KeyStoreFile;

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
        TLSServerParameters tls = new TLSServerParameters();
        tls.setKeyManagers(KeyStoreFile.keys(keyStore, password).getKeyManagers());
        tls.setSecureSocketProtocol("TLS");
        tls.setIncludeProtocols(PROTOCOLS);
        return tls;
    }
}
