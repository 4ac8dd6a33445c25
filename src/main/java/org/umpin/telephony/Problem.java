package org.umpin.telephony;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal the telephony API answers as {@code application/problem+json} (RFC 9457): an HTTP
 * status, a stable {@code type} per kind of error ({@code urn:umpin:problem:<name>}), a title,
 * a detail for the person reading it, and members a voicemail front end acts on
 * ({@code violations}, {@code pinReset}). Never a PIN.
 */
public final class Problem extends RuntimeException {

    static final String TYPE_PREFIX = "urn:umpin:problem:";

    final int status;
    /** The stable name: {@code bad-request}, {@code mailbox-not-found}, {@code pin-refused}... */
    final String name;
    final String title;
    final String detail;
    final Map<String, Object> members;

    Problem(int status, String name, String title, String detail, Map<String, Object> members) {
        super(name + ": " + detail, null, false, false);
        this.status = status;
        this.name = name;
        this.title = title;
        this.detail = detail;
        this.members = Map.copyOf(members);
    }

    Problem(int status, String name, String title, String detail) {
        this(status, name, title, detail, Map.of());
    }

    /** The problem document, without the correlation id the answer adds. */
    Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", TYPE_PREFIX + name);
        document.put("title", title);
        document.put("status", status);
        document.put("detail", detail);
        document.putAll(members);
        return document;
    }

    static Problem badRequest(String detail) {
        return new Problem(400, "bad-request", "The request is not one the telephony API takes", detail);
    }

    static Problem unsupportedMediaType() {
        return new Problem(415, "unsupported-media-type", "Unsupported media type", "Send the request as application/json.");
    }

    static Problem mailboxNotFound() {
        return new Problem(404, "mailbox-not-found", "No such voice mail mailbox",
                "No mailbox enabled for voice mail has this login, primary SMTP address or extension.");
    }

    static Problem forbidden() {
        return new Problem(403, "forbidden", "The caller may not use the telephony API",
                "The login holds neither the telephony role nor the administrator role.");
    }
}
