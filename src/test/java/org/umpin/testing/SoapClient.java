package org.umpin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** A SOAP 1.1 client of umpin's endpoint on this machine, over real HTTP. */
public class SoapClient {

    public static final String SOAP_ACTION = "http://schemas.microsoft.com/exchange/services/2006/messages/ResetPIN";

    private final int port;
    private final URI endpoint;
    private final HttpClient http;

    public SoapClient(int port) {
        this(URI.create("http://127.0.0.1:" + port + "/EWS/UM2007Legacy.asmx"));
    }

    /** A client of the endpoint at another address (under a servlet container's CXF servlet). */
    public SoapClient(URI endpoint) {
        this(endpoint, HttpClient.newHttpClient());
    }

    /** A client of its own HTTP client: an https:// endpoint whose certificate it trusts. */
    public SoapClient(URI endpoint, HttpClient http) {
        this.port = endpoint.getPort();
        this.endpoint = endpoint;
        this.http = http;
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The seed's request, as {@code requests/reset-pin.xml} holds it. */
    public static String resetPinRequest() throws IOException {
        return Files.readString(Path.of("requests/reset-pin.xml"), StandardCharsets.UTF_8);
    }

    public HttpResponse<String> resetPin(String login, String password) throws Exception {
        return post(resetPinRequest(), login, password, Map.of());
    }

    /** A request of {@code operation} (GetUMProperties...) whose body element holds {@code content}, with its SOAPAction. */
    public HttpResponse<String> operation(String operation, String content, String login, String password) throws Exception {
        return post(request(operation, content), login, password,
                Map.of("SOAPAction", "\"" + SoapFault.MESSAGES + "/" + operation + "\""));
    }

    /** A SOAP 1.1 POST with the ResetPIN SOAPAction unless {@code headers} names another; no credentials when login is null. */
    public HttpResponse<String> post(String body, String login, String password, Map<String, String> headers)
            throws Exception {
        Map<String, String> all = new HashMap<>();
        all.put("Content-Type", "text/xml; charset=utf-8");
        all.put("SOAPAction", "\"" + SOAP_ACTION + "\"");
        if (login != null) {
            all.put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        all.putAll(headers);
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        all.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code count} resets at once, the i-th of mailbox {@code login(i)} (password demo) through {@code via(i)}; their answers in order. */
    public static List<HttpResponse<String>> resetsInParallel(int count, IntFunction<? extends SoapClient> via,
                                                              IntFunction<String> login) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                SoapClient client = via.apply(i);
                String user = login.apply(i);
                futures.add(pool.submit(() -> client.resetPin(user, "demo")));
            }
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    public HttpResponse<String> get(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(endpoint() + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request of {@code operation} whose body element holds {@code content}, with its own SOAPAction. */
    public static String request(String operation, String content) {
        return request(operation, content, "");
    }

    public static String request(String operation, String content, String soapHeader) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + (soapHeader.isEmpty() ? "" : "<soap:Header>" + soapHeader + "</soap:Header>")
                + "<soap:Body><" + operation + " xmlns=\"" + SoapFault.MESSAGES + "\">" + content + "</" + operation + "></soap:Body></soap:Envelope>";
    }

    /** The answer's body element, which must be in the messages namespace. */
    public static Element answer(HttpResponse<String> response, String name) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Element body = (Element) factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement().getElementsByTagNameNS(SoapFault.SOAP_ENV, "Body").item(0);
        List<Element> children = elements(body);
        assertEquals(1, children.size(), response.body());
        assertEquals(SoapFault.MESSAGES, children.get(0).getNamespaceURI(), response.body());
        assertEquals(name, children.get(0).getLocalName(), response.body());
        return children.get(0);
    }

    public static List<Element> elements(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** The values of a GetUMProperties answer, in the order they came. */
    public static List<String> values(HttpResponse<String> response) throws Exception {
        return elements(elements(answer(response, "GetUMPropertiesResponse")).get(0)).stream().map(Element::getTextContent).toList();
    }
}
