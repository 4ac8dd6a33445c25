package org.umpin.secret;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A PKCS#12 file of keys or trusted certificates, as keytool and openssl make them, read with a clear error. */
public final class KeyStoreFile {

    private KeyStoreFile() {
    }

    /** @throws IllegalArgumentException naming the file, when it cannot be read or the password is wrong */
    public static KeyStore load(Path file, String password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // a wrong password shows as an IOException caused by a failed decryption
            boolean wrongPassword = e.getCause() instanceof GeneralSecurityException;
            throw new IllegalArgumentException("the key store " + file + " cannot be read: "
                    + (wrongPassword ? "wrong password" : e.getMessage()), e);
        }
    }

    /**
     * The key managers of a store holding a private key (the key's password is the store's).
     *
     * @throws IllegalArgumentException when the store cannot be read or holds no key
     */
    public static KeyManagerFactory keys(Path file, String password) {
        KeyStore store = load(file, password);
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKey(store, alias))) {
                throw new IllegalArgumentException("the key store " + file + " holds no private key");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key store " + file + " cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * A TLS client context that trusts the certificates in the store and no others.
     *
     * @throws IllegalArgumentException when the store cannot be read or trusts nothing
     */
    public static SSLContext trusting(Path file, String password) {
        KeyStore store = load(file, password);
        try {
            if (store.size() == 0) {
                throw new IllegalArgumentException("the trust store " + file + " holds no certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the trust store " + file + " cannot be used: " + e.getMessage(), e);
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
