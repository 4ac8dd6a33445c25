package org.umpin.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.testing.Kdc;
import org.umpin.testing.KerberosClient;
import org.umpin.testing.PageClient;
import org.umpin.testing.PinMail;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.ScriptedUmpins;
import org.umpin.testing.SoapClient;
import org.umpin.testing.SoapFault;
import org.umpin.testing.UmpinServer;

/**
 * umpin.directory = ldap against a real LDAP server (UnboundID's in-memory directory server,
 * entries shaped like Active Directory's): the caller found by the filter, authenticated by a
 * bind, its mailbox's settings read from the configured attributes.
 */
class LdapDirectoryTest {

    private static final String BASE = "DC=contoso,DC=example";

    @RegisterExtension
    final ScriptedUmpins umpins = new ScriptedUmpins();
    private final ScriptedSmtpServer smtp = umpins.smtp();
    private InMemoryDirectoryServer ldap;
    private UmpinServer umpin;

    @BeforeEach
    void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null); // Active Directory's attributes (msExchUMEnabledFlags...) without its schema
        config.addInMemoryOperationInterceptor(new InChain());
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        ldap = new InMemoryDirectoryServer(config);
        ldap.add("dn: " + BASE, "objectClass: domain", "dc: contoso");
        ldap.add("dn: OU=Staff," + BASE, "objectClass: organizationalUnit", "ou: Staff");
        ldap.add("dn: CN=umpin service,OU=Staff," + BASE, "objectClass: user", "sAMAccountName: svc-umpin",
                "userPassword: service-secret");
        user("Alice Martin", "alice", "alice@contoso.example", "2", "en-US", "CN=default,CN=UM Mailbox Policies", "512");
        user("Erin Walsh", "erin", "erin@contoso.example", "2", "fr-FR", "CN=strict,CN=UM Mailbox Policies", "512");
        user("Bob Kelly", "bob", "bob@contoso.example", "0", "en-US", "default", "512");
        user("Carol Jones", "carol", "carol@contoso.example", "2", "en-US", "default", "514");
        ldap.add("dn: CN=UM Admins,OU=Staff," + BASE, "objectClass: group", "cn: UM Admins",
                "member: CN=Alice Martin,OU=Staff," + BASE, "member: CN=Help Desk Leads,OU=Staff," + BASE);
        // erin is an administrator three groups down: Night Shift in Help Desk in Help Desk Leads in UM Admins
        group("Help Desk Leads", "CN=Help Desk,OU=Staff," + BASE);
        group("Help Desk", "CN=Night Shift,OU=Staff," + BASE, "CN=Help Desk Leads,OU=Staff," + BASE); // a loop, too
        group("Night Shift", "CN=Erin Walsh,OU=Staff," + BASE);
        // bob may call the telephony API through Asterisk Hosts in IVR Systems
        group("IVR Systems", "CN=Asterisk Hosts,OU=Staff," + BASE);
        group("Asterisk Hosts", "CN=Bob Kelly,OU=Staff," + BASE);
        ldap.startListening();
        settings.put("umpin.directory", "ldap");
        settings.put("umpin.ldap.url", "ldap://127.0.0.1:" + ldap.getListenPort());
        settings.put("umpin.ldap.bind-dn", "CN=umpin service,OU=Staff," + BASE);
        settings.put("umpin.ldap.bind-password", "service-secret");
        settings.put("umpin.ldap.base-dn", BASE);
        settings.put("umpin.admin.group", "CN=UM Admins,OU=Staff," + BASE);
        settings.put("umpin.telephony.group", "CN=IVR Systems,OU=Staff," + BASE);
        umpin = umpins.start(settings);
    }

    private final Map<String, String> settings = new HashMap<>();

    /** umpin again, with umpin.ldap.nested-groups = {@code nesting}. */
    private void restartWith(String nesting) throws Exception {
        umpin.close();
        settings.put("umpin.ldap.nested-groups", nesting);
        umpin = umpins.start(settings);
    }

    /** An administrator's reset of alice's PIN, mailed to alice. */
    private static String asAdministrator() throws Exception {
        return Files.readString(Path.of("requests/reset-pin-as-administrator.xml")).replaceAll("<u:NotifyEmail>.*</u:NotifyEmail>", "");
    }

    private void group(String name, String... members) throws Exception {
        List<String> lines = new java.util.ArrayList<>(List.of("dn: CN=" + name + ",OU=Staff," + BASE, "objectClass: group", "cn: " + name));
        for (String member : members) {
            lines.add("member: " + member);
        }
        ldap.add(lines.toArray(String[]::new));
    }

    private void user(String name, String login, String mail, String umFlags, String language, String policy, String control)
            throws Exception {
        ldap.add("dn: CN=" + name + ",OU=Staff," + BASE, "objectClass: user", "cn: " + name, "displayName: " + name,
                "sAMAccountName: " + login, "userPrincipalName: " + login + "@contoso.example", "mail: " + mail,
                "msExchUMEnabledFlags: " + umFlags, "telephoneNumber: 4" + login.length() + "100", "preferredLanguage: " + language,
                "msExchUMTemplateLink: " + policy, "userAccountControl: " + control, "userPassword: " + login + "-ldap-secret");
    }

    @AfterEach
    void stopDirectory() {
        ldap.shutDown(true);
    }

    @Test
    void aKerberosPrincipalIsTheMailboxWhoseUserPrincipalNameItIs() throws Exception {
        Kdc kdc = Kdc.get();
        // the account name and the address differ from the principal: only userPrincipalName matches it
        ldap.add("dn: CN=Dominique Lefevre,OU=Staff," + BASE, "objectClass: user", "cn: Dominique Lefevre",
                "displayName: Dominique Lefevre", "sAMAccountName: dlefevre", "userPrincipalName: dominique@CONTOSO.EXAMPLE",
                "mail: d.lefevre@contoso.example", "msExchUMEnabledFlags: 2", "telephoneNumber: 41200", "preferredLanguage: fr-FR",
                "msExchUMTemplateLink: default", "userAccountControl: 512", "userPassword: dlefevre-ldap-secret");
        umpin.close();
        settings.putAll(kdc.umpinSettings());
        umpin = umpins.start(settings);
        String token = KerberosClient.fromTicketCache("dominique", kdc.kinit("dominique", "10h")).token("localhost");
        HttpResponse<String> properties = new SoapClient(URI.create("http://localhost:" + umpin.port() + "/EWS/UM2007Legacy.asmx"))
                .post(SoapClient.request("GetUMProperties", ""), null, null, Map.of("SOAPAction",
                        "\"" + SoapFault.MESSAGES + "/GetUMProperties\"", "Authorization", "Negotiate " + token));
        assertEquals(200, properties.statusCode(), properties.body());
        List<Map<String, String>> audit = umpin.view().audit("dlefevre");
        assertEquals("kerberos:dominique@CONTOSO.EXAMPLE", audit.get(audit.size() - 1).get("login"), audit.toString());
    }

    @Test
    void aCallerAuthenticatedByABindHasItsPinMailedToTheDirectorysAddress() throws Exception {
        for (String login : List.of("alice", "CONTOSO\\alice", "alice@contoso.example")) {
            HttpResponse<String> response = umpin.resetPin(login, "alice-ldap-secret");
            assertEquals(200, response.statusCode(), login + ": " + response.body());
        }
        List<MimeMessage> mails = smtp.awaitAccepted(3);
        assertEquals("alice@contoso.example", mails.get(2).getAllRecipients()[0].toString());
        assertTrue(umpin.isCurrentPin("alice", PinMail.of(mails.get(2)).pin()), "the PIN state is in umpin's store");
        assertEquals(3, umpin.view().audit("alice").size());
    }

    /** The help desk's page finds a directory's mailbox by a part of its display name, as the embedded directory's does. */
    @Test
    void theHelpDeskFindsADirectorysMailboxByAPartOfItsName() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        URI page = umpin.endpoint().resolve("/voicemail/");
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(page.resolve("sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=alice&password=alice-ldap-secret")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, signedIn.statusCode(), "alice signs in with her directory password: " + signedIn.body());
        for (String query : List.of("WALS", "erin", "erin%40contoso.example")) {
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(page.resolve("help-desk/?q=" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, found.statusCode(), "alice holds the administrator role through UM Admins");
            assertTrue(found.body().contains("Erin Walsh</a> (erin, 44100, erin@contoso.example)"), query + ": " + found.body());
        }
        HttpResponse<String> wildcard = http.send(HttpRequest.newBuilder(page.resolve("help-desk/?q=*")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(wildcard.body().contains("Mailboxes found: 0"), "* is a plain character, not everyone: " + wildcard.body());
    }

    @Test
    void theMailboxsPolicyAndLanguageComeFromItsAttributes() throws Exception {
        assertEquals(200, umpin.resetPin("erin", "erin-ldap-secret").statusCode());

        MimeMessage mail = smtp.awaitAccepted(1).get(0);
        assertEquals("Votre nouveau code confidentiel de messagerie vocale", mail.getSubject());
        assertEquals(8, PinMail.of(mail).pin().length(), "the strict policy's 8 digits, named by a DN");
    }

    /** A directory's mailbox has voice mail settings of its own in umpin's store, and its policy's access numbers. */
    @Test
    void aDirectorysMailboxKeepsItsVoiceMailSettings() throws Exception {
        assertEquals(200, umpin.operation("SetPlayOnPhoneDialString", "<dialString>4255550142</dialString>", "erin",
                "erin-ldap-secret").statusCode());

        List<String> values = SoapClient.values(umpin.operation("GetUMProperties", "", "erin", "erin-ldap-secret"));
        assertEquals("4255550142", values.get(2));
        assertEquals("+1 425 555 0100", values.get(3), "the strict policy's TelephoneAccessNumbers");
    }

    @Test
    void wrongEmptyOrDemoPasswordsAndDisabledAccountsGet401() throws Exception {
        assertEquals(401, umpin.resetPin("alice", "wrong").statusCode());
        assertEquals(401, umpin.resetPin("alice", "").statusCode(), "an empty password would be an anonymous bind");
        assertEquals(401, umpin.resetPin("alice", "demo").statusCode(), "the embedded directory's demo password is not used");
        assertEquals(401, umpin.resetPin("carol", "carol-ldap-secret").statusCode(), "userAccountControl says disabled");
        assertEquals(401, umpin.resetPin("alic*", "alice-ldap-secret").statusCode(), "a wildcard is escaped, not searched");
        assertEquals(401, umpin.resetPin("nobody", "x").statusCode());
        assertEquals(List.of(), smtp.accepted());
    }

    @Test
    void aMemberOfTheAdministratorGroupResetsAnotherMailboxAndNobodyElseDoes() throws Exception {
        String asAdministrator = asAdministrator();

        HttpResponse<String> byMember = umpin.post(asAdministrator.replace("alice@", "erin@"), "alice", "alice-ldap-secret", Map.of());
        HttpResponse<String> byOther = umpin.post(asAdministrator, "bob", "bob-ldap-secret", Map.of());

        assertEquals(200, byMember.statusCode(), byMember.body());
        assertEquals("erin@contoso.example", smtp.awaitAccepted(1).get(0).getAllRecipients()[0].toString());
        SoapFault.expect(byOther, "ErrorImpersonationDenied");
        assertEquals(1, smtp.accepted().size());
    }

    /**
     * A page session follows the directory: removed from the administrators' group, alice's
     * session ends at its next request (the help desk with it); a disabled account's ends too.
     */
    @Test
    void aPageSessionEndsWhenTheDirectoryTakesTheRoleOrTheAccountAway() throws Exception {
        PageClient alice = new PageClient(umpin);
        assertEquals(303, alice.signIn("alice", "alice-ldap-secret"));
        assertEquals(200, alice.get("help-desk/?mailbox=erin").statusCode(), "a member of UM Admins");
        ldap.modify("dn: CN=UM Admins,OU=Staff," + BASE, "changetype: modify", "delete: member",
                "member: CN=Alice Martin,OU=Staff," + BASE);

        HttpResponse<String> reset = alice.post("help-desk/reset", Map.of("mailbox", "erin"));
        assertEquals(java.util.Optional.of("/voicemail/"), reset.headers().firstValue("Location"), "the session has ended");
        assertEquals(java.util.List.of(), smtp.accepted(), "nothing reset");
        assertTrue(alice.get("").body().contains("id=\"login\""), "her page asks for a sign-in again");
        assertEquals(303, alice.signIn("alice", "alice-ldap-secret"), "a user still, she signs in again");
        assertEquals(403, alice.get("help-desk/").statusCode(), "without the help desk");

        PageClient erin = new PageClient(umpin);
        assertEquals(303, erin.signIn("erin", "erin-ldap-secret"));
        ldap.modify("dn: CN=Erin Walsh,OU=Staff," + BASE, "changetype: modify", "replace: userAccountControl",
                "userAccountControl: 514");
        assertTrue(erin.get("").body().contains("id=\"login\""), "a disabled account's session ends");
    }

    /** umpin.ldap.nested-groups = walk: members of member groups, three levels down, hold the roles; a loop ends. */
    @Test
    void membersOfNestedGroupsHoldTheRolesWhenUmpinWalksTheNesting() throws Exception {
        restartWith("walk");
        String asAdministrator = asAdministrator();

        HttpResponse<String> byNestedMember = umpin.post(asAdministrator, "erin", "erin-ldap-secret", Map.of());

        assertEquals(200, byNestedMember.statusCode(), byNestedMember.body());
        assertEquals("alice@contoso.example", smtp.awaitAccepted(1).get(0).getAllRecipients()[0].toString());
        assertEquals(200, umpin.telephony("bob", "bob-ldap-secret").state("alice").status(), "the telephony role, two levels down");
        assertEquals(200, umpin.telephony("erin", "erin-ldap-secret").state("alice").status(),
                "administrators may call the API, a nested one too");
    }

    /**
     * umpin.ldap.nested-groups = in-chain: one search with Active Directory's matching rule, which
     * the in-memory server does not know; {@link InChain} answers it as Active Directory does.
     */
    @Test
    void withInChainTheDirectoryFollowsTheNesting() throws Exception {
        restartWith("in-chain");
        String asAdministrator = asAdministrator();

        assertEquals(200, umpin.post(asAdministrator, "erin", "erin-ldap-secret", Map.of()).statusCode());
        assertEquals(200, umpin.telephony("bob", "bob-ldap-secret").state("alice").status());
        assertTrue(inChainSearches > 0, "the matching rule was asked for");

        activeDirectory = false; // a server that does not know the rule: a clear error, not a silent "no"
        SoapFault.expect(umpin.post(asAdministrator, "erin", "erin-ldap-secret", Map.of()), "ErrorInternalServerError");
    }

    private volatile boolean activeDirectory = true;
    private volatile int inChainSearches;

    /**
     * Active Directory's LDAP_MATCHING_RULE_IN_CHAIN on a base search of a group,
     * {@code (member:1.2.840.113556.1.4.1941:=<DN>)}, as AD documents it: the group matches when
     * the DN is a member of it or of a group nested in it. Rewritten into a filter the in-memory
     * server evaluates: every entry, or none.
     */
    private final class InChain extends com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor {
        @Override
        public void processSearchRequest(com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest request)
                throws com.unboundid.ldap.sdk.LDAPException {
            com.unboundid.ldap.sdk.Filter filter = request.getRequest().getFilter();
            if (!activeDirectory || filter.getFilterType() != com.unboundid.ldap.sdk.Filter.FILTER_TYPE_EXTENSIBLE_MATCH
                    || !"1.2.840.113556.1.4.1941".equals(filter.getMatchingRuleID())) {
                return;
            }
            inChainSearches++;
            boolean member = nestedMembers(new com.unboundid.ldap.sdk.DN(request.getRequest().getBaseDN()), new java.util.HashSet<>())
                    .contains(new com.unboundid.ldap.sdk.DN(filter.getAssertionValue()));
            com.unboundid.ldap.sdk.SearchRequest rewritten = request.getRequest().duplicate();
            rewritten.setFilter(member ? com.unboundid.ldap.sdk.Filter.createPresenceFilter("objectClass")
                    : com.unboundid.ldap.sdk.Filter.createNOTFilter(com.unboundid.ldap.sdk.Filter.createPresenceFilter("objectClass")));
            request.setRequest(rewritten);
        }

        private java.util.Set<com.unboundid.ldap.sdk.DN> nestedMembers(com.unboundid.ldap.sdk.DN group,
                java.util.Set<com.unboundid.ldap.sdk.DN> found) throws com.unboundid.ldap.sdk.LDAPException {
            com.unboundid.ldap.sdk.Entry entry = ldap.getEntry(group.toString());
            if (entry != null && entry.hasAttribute("member")) {
                for (String member : entry.getAttributeValues("member")) {
                    if (found.add(new com.unboundid.ldap.sdk.DN(member))) {
                        nestedMembers(new com.unboundid.ldap.sdk.DN(member), found);
                    }
                }
            }
            return found;
        }
    }

    /** umpin.ldap.nested-groups = off: direct members only. */
    @Test
    void withNestingOffOnlyDirectMembersHoldTheRoles() throws Exception {
        restartWith("off");
        String asAdministrator = asAdministrator();

        SoapFault.expect(umpin.post(asAdministrator, "erin", "erin-ldap-secret", Map.of()), "ErrorImpersonationDenied");
        assertEquals(403, umpin.telephony("bob", "bob-ldap-secret").state("alice").status());
        assertEquals(200, umpin.post(asAdministrator.replace("alice@", "erin@"), "alice", "alice-ldap-secret", Map.of()).statusCode(),
                "a direct member still is one");
    }

    @Test
    void aMailboxNotUmEnabledInTheDirectoryGetsItsFault() throws Exception {
        SoapFault.expect(umpin.resetPin("bob", "bob-ldap-secret"), "UserNotUmEnabledException");
    }

    @Test
    void aDirectoryThatStoppedGivesAnInternalErrorAndReadinessDown() throws Exception {
        ldap.shutDown(true);

        SoapFault.expect(umpin.resetPin("alice", "alice-ldap-secret"), "ErrorInternalServerError");
        HttpResponse<String> ready = umpin.management().get("/observe/health/ready?exposureLevel=full");
        assertEquals(503, ready.statusCode());
        assertTrue(ready.body().contains("\"directory\""), ready.body());
        assertEquals(List.of(), smtp.accepted());
    }
}
