package org.umpin.telephony;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.umpin.pin.PinRules;
import org.umpin.steps.StepProperties;

/**
 * Reads a telephony request's JSON body, strictly: an object of string members, only those the
 * operation takes, each once, with a PIN of 4 to 24 digits. Anything else is a 400 problem
 * that says what is wrong; the body's size is bounded before (413).
 */
public final class TelephonyRequest implements Processor {

    /** Deeper JSON than this is refused by the parser before it builds anything. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(4).maxStringLength(1_000)
                    .maxNumberLength(30).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());
    private static final int MAX_NAME = 320;

    private final Set<String> members;

    private TelephonyRequest(Set<String> members) {
        this.members = members;
    }

    /** {@code {"mailbox": "36697", "pin": "493817"}} */
    public static TelephonyRequest logon() {
        return new TelephonyRequest(Set.of("mailbox", "pin"));
    }

    /** {@code {"pin": "<current>", "newPin": "<chosen>"}}, the mailbox in the path. */
    public static TelephonyRequest pinChange() {
        return new TelephonyRequest(Set.of("pin", "newPin"));
    }

    @Override
    public void process(Exchange exchange) {
        if (!isJson(exchange.getProperty(StepProperties.CONTENT_TYPE, "", String.class))) {
            throw Problem.unsupportedMediaType();
        }
        String body = exchange.getIn().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw Problem.badRequest("The request has no JSON body.");
        }
        JsonNode root;
        try (JsonParser parser = JSON.createParser(body)) {
            root = JSON.readTree(parser);
            if (parser.nextToken() != null) {
                throw Problem.badRequest("The body holds more than one JSON value.");
            }
        } catch (JsonProcessingException e) {
            throw Problem.badRequest("The body is not valid JSON" + where(e) + ".");
        } catch (java.io.IOException e) {
            throw Problem.badRequest("The body could not be read.");
        }
        if (!(root instanceof ObjectNode object)) {
            throw Problem.badRequest("The body must be a JSON object.");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                // the name is not repeated: it could be anything, a PIN included
                throw Problem.badRequest("The body has a member this operation does not take; it takes "
                        + String.join(", ", members.stream().sorted().toList()) + ".");
            }
        }
        if (members.contains("mailbox")) {
            String mailbox = text(object, "mailbox");
            if (mailbox.isBlank() || mailbox.length() > MAX_NAME) {
                throw Problem.badRequest("\"mailbox\" must name a mailbox: a login, an SMTP address or an extension.");
            }
            exchange.setProperty(StepProperties.MAILBOX_NAME, mailbox);
        }
        String pin = text(object, "pin");
        requireCurrentPinShape(pin);
        exchange.setProperty(StepProperties.PIN_GIVEN, new StepProperties.GivenPin(pin));
        if (members.contains("newPin")) {
            // any string: what the policy makes of it is a 422 with every rule it breaks
            exchange.setProperty(StepProperties.NEW_PIN, new StepProperties.GivenPin(text(object, "newPin")));
        }
        exchange.getIn().setBody(null);
    }

    /**
     * Whether a Content-Type names JSON: {@code application/json} or a {@code +json} type
     * ({@code application/merge-patch+json}), with any parameters ({@code charset=utf-8}), in any
     * case; not a type that merely starts so ({@code application/jsonx}).
     */
    static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json")
                && type.length() > "application/+json".length() && type.indexOf('/', "application/".length()) < 0;
    }

    /** A current PIN is 4 to 24 digits: anything else is refused before a derivation is spent on it, and counts as no logon. */
    private static void requireCurrentPinShape(String pin) {
        if (!PinRules.isWellFormed(pin)) {
            throw Problem.badRequest("\"pin\" must be 4 to 24 digits.");
        }
    }

    private static String text(ObjectNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            throw Problem.badRequest("The member \"" + name + "\" is missing.");
        }
        if (!value.isTextual()) {
            throw Problem.badRequest("The member \"" + name + "\" must be a string, not " + kind(value) + ".");
        }
        return value.textValue();
    }

    private static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> "a " + value.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** Where the parser stopped; never the text around it, which may hold a PIN. */
    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }
}
