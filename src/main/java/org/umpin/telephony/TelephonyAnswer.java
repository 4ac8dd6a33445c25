package org.umpin.telephony;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** A telephony route's answer: a status and a JSON body, and no header of the request. */
final class TelephonyAnswer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TelephonyAnswer() {
    }

    static void json(Exchange exchange, int status, Object body) {
        send(exchange, status, "application/json", body == null ? null : write(body));
    }

    /** The answer {@code TelephonyApi} sends: every header of the request or the steps dropped. */
    static void send(Exchange exchange, int status, String contentType, String text) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setBody(text);
    }

    /** The JSON text of an answer or a problem document (maps and lists of plain values). */
    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
