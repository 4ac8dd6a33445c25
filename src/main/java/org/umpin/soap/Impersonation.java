package org.umpin.soap;

import java.util.List;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.umpin.notify.NotifyAddress;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An administrator's reset of another mailbox, as the SOAP headers ask for it: EWS's
 * {@code <t:ExchangeImpersonation><t:ConnectingSID>} naming the mailbox by
 * {@code PrincipalName}, {@code PrimarySmtpAddress} or {@code SmtpAddress}, and optionally
 * umpin's {@code <u:NotifyEmail>} (after Set-UMMailboxPIN's parameter): where to send the PIN
 * instead of the mailbox's own address.
 *
 * @param mailbox     the name of the mailbox to reset
 * @param notifyEmail the address to send its new PIN to; empty for the mailbox's own
 */
record Impersonation(String mailbox, Optional<String> notifyEmail) {

    static final String UMPIN_NS = "urn:umpin:admin";
    static final QName EXCHANGE_IMPERSONATION = new QName(Wsdl.TYPES_NS, "ExchangeImpersonation");
    static final QName NOTIFY_EMAIL = new QName(UMPIN_NS, "NotifyEmail");
    private static final List<String> NAMES = List.of("PrincipalName", "PrimarySmtpAddress", "SmtpAddress");

    /** The impersonation the headers ask for, if any; a malformed one is an invalid request. */
    static Optional<Impersonation> read(List<Element> headers) {
        Optional<Element> impersonation = header(headers, EXCHANGE_IMPERSONATION);
        Optional<Element> notify = header(headers, NOTIFY_EMAIL);
        if (impersonation.isEmpty()) {
            if (notify.isPresent()) {
                throw new InvalidRequestException("NotifyEmail without ExchangeImpersonation");
            }
            return Optional.empty();
        }
        Element sid = onlyChild(impersonation.get(), "ConnectingSID");
        Element name = onlyChild(sid, null);
        if (!NAMES.contains(name.getLocalName())) {
            throw new InvalidRequestException("ConnectingSID names the mailbox by " + name.getLocalName()
                    + ", which umpin does not support");
        }
        String mailbox = name.getTextContent().strip();
        if (mailbox.isEmpty() || mailbox.length() > 320) {
            throw new InvalidRequestException("ConnectingSID names no mailbox");
        }
        return Optional.of(new Impersonation(mailbox, notify.map(Impersonation::address)));
    }

    private static Optional<Element> header(List<Element> headers, QName name) {
        List<Element> found = headers.stream().filter(h -> name.getNamespaceURI().equals(h.getNamespaceURI())
                && name.getLocalPart().equals(h.getLocalName())).toList();
        if (found.size() > 1) {
            throw new InvalidRequestException("more than one " + name.getLocalPart() + " header");
        }
        return found.stream().findFirst();
    }

    /** The one element child (in the types namespace, named {@code name} unless null); anything else is invalid. */
    private static Element onlyChild(Element parent, String name) {
        Element only = null;
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                if (only != null) {
                    throw new InvalidRequestException(parent.getLocalName() + " has more than one child");
                }
                only = element;
            } else if (child.getNodeType() == Node.TEXT_NODE && !child.getTextContent().isBlank()) {
                throw new InvalidRequestException(parent.getLocalName() + " has text");
            }
        }
        if (only == null || !Wsdl.TYPES_NS.equals(only.getNamespaceURI()) || (name != null && !name.equals(only.getLocalName()))) {
            throw new InvalidRequestException(parent.getLocalName() + " does not hold " + (name == null ? "a name" : name));
        }
        return only;
    }

    /** One plain address, strictly parsed: no display name, no list, no header injection. */
    private static String address(Element notify) {
        String text = notify.getTextContent().strip();
        if (!NotifyAddress.isPlain(text)) {
            throw new InvalidRequestException("NotifyEmail is not an e-mail address");
        }
        return text;
    }
}
