import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.security.cert.X509Certificate;

/**
 * Run as "java TlsProbe.java host port protocol" in a JVM whose own limits are lifted
 * (-Djava.security.properties): prints the protocol the server agreed to, or "refused".
 * Only the server's own choice of protocols can refuse then.
 */
public class TlsProbe {
    public static void main(String[] args) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String type) { }
            public void checkServerTrusted(X509Certificate[] chain, String type) { }
            public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        }}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(args[0], Integer.parseInt(args[1]))) {
            socket.setEnabledProtocols(new String[] {args[2]});
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            System.out.println(socket.getSession().getProtocol());
        } catch (javax.net.ssl.SSLException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }
}
