package org.umpin.mailbox;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.umpin.store.StoreException;

/**
 * The mailboxes of an LDAP directory such as Active Directory: a caller is found by a search
 * under the base DN (the filter's {@code {0}} is the name as typed, in any accepted form) and
 * authenticated by an LDAP bind as that entry. Each mailbox found is kept as a row of umpin's
 * store ({@link MailboxDirectory#mirror}), which its PIN state hangs on. (Over 300 lines on
 * purpose: each method is one search or bind on the one connection pool, read by the one set
 * of attribute names; the role groups' walk shares them, and LDAP's filter escaping with them.)
 */
public final class LdapDirectory implements Directory, AutoCloseable {

    /** Where the directory is and how its entries read; the attribute names are the directory's own. */
    public record Settings(String url, String bindDn, String bindPassword, String baseDn, String userFilter,
                           String loginAttribute, String displayNameAttribute, String smtpAddressAttribute,
                           String umEnabledAttribute, String extensionAttribute, String languageAttribute,
                           String pinPolicyAttribute, Duration timeout, NestedGroups nestedGroups) {
    }

    /** How a role's group counts members of its member groups. */
    public enum NestedGroups {
        /** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN: the server follows the nesting, in one search. */
        IN_CHAIN,
        /** Any LDAP server: umpin walks up from the entry, through the groups naming it, at most {@link #MAX_DEPTH} levels. */
        WALK,
        /** Direct members only. */
        OFF;

        /** {@code in-chain}, {@code walk} or {@code off}, in any case. */
        public static NestedGroups named(String name) {
            try {
                return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("must be in-chain, walk or off, got \"" + name + "\"");
            }
        }
    }

    /** The deepest nesting {@link NestedGroups#WALK} follows, and the most groups it reads, whatever loops the directory has. */
    public static final int MAX_DEPTH = 8;
    static final int MAX_GROUPS = 1000;
    /** Active Directory's LDAP_MATCHING_RULE_IN_CHAIN. */
    static final String IN_CHAIN = "1.2.840.113556.1.4.1941";

    /** The attributes that change with a password, for a cached login to end with it. */
    private static final List<String> PASSWORD_CHANGED = List.of("pwdLastSet", "pwdChangedTime", "modifyTimestamp");

    /** Active Directory's userAccountControl flag of a disabled account. */
    private static final int ACCOUNT_DISABLE = 0x2;
    private static final Set<String> FALSE = Set.of("", "0", "false", "no");

    private final Settings settings;
    private final LDAPConnectionPool pool;
    private final MailboxDirectory mirror;
    private final String domain;

    public LdapDirectory(Settings settings, MailboxDirectory mirror, String domain, int connections) {
        this.settings = settings;
        this.mirror = mirror;
        this.domain = domain;
        try {
            LDAPURL url = new LDAPURL(settings.url());
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis((int) settings.timeout().toMillis());
            options.setResponseTimeoutMillis(settings.timeout().toMillis());
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            LDAPConnection connection = "ldaps".equals(url.getScheme())
                    // the JVM's trust store decides which server certificates are trusted
                    ? new LDAPConnection(new SSLUtil(JVMDefaultTrustManager.getInstance()).createSSLSocketFactory(), options)
                    : new LDAPConnection(options);
            connection.connect(url.getHost(), url.getPort());
            BindRequest bind = settings.bindDn().isEmpty() ? null : new SimpleBindRequest(settings.bindDn(), settings.bindPassword());
            if (bind != null) {
                connection.bind(bind);
            }
            pool = new LDAPConnectionPool(connection, 1, connections);
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
            pool.setBindRequest(bind);
        } catch (LDAPException | GeneralSecurityException e) {
            throw new StoreException("the LDAP directory " + settings.url() + " cannot be used: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Account> account(String login) {
        return entry(login).map(entry -> {
            Mailbox mailbox = mailbox(entry);
            return new Account() {
                @Override
                public Mailbox mailbox() {
                    return mailbox;
                }

                @Override
                public Optional<Mailbox> authenticate(String password) {
                    return bind(entry.getDN(), password) ? Optional.of(mailbox).filter(Mailbox::enabled) : Optional.empty();
                }

                @Override
                public String credentialVersion() {
                    // Active Directory's pwdLastSet, OpenLDAP's pwdChangedTime (ppolicy); else any change of the entry
                    return PASSWORD_CHANGED.stream().map(name -> name + "=" + entry.getAttributeValue(name))
                            .collect(java.util.stream.Collectors.joining(";"));
                }
            };
        });
    }

    @Override
    public Optional<Mailbox> findByExtension(String extension) {
        try {
            Filter byExtension = Filter.createANDFilter(Filter.create(settings.userFilter().replace("{0}", "*")),
                    Filter.createEqualityFilter(settings.extensionAttribute(), extension));
            return entry(byExtension).map(this::mailbox);
        } catch (LDAPException e) {
            throw new StoreException("the LDAP user filter cannot be used with an extension: " + e.getResultCode(), e);
        }
    }

    /** Nothing to spend: the directory is not asked about a name it does not have. */
    @Override
    public void refuseUnknown(String password) {
        // a bind of a name that does not exist would count against nobody, and prove nothing
    }

    /** An LDAP bind as the entry: whether the directory takes the password. */
    private boolean bind(String dn, String password) {
        if (password == null || password.isEmpty()) {
            return false; // an LDAP bind with an empty password is an anonymous one, and succeeds
        }
        try {
            pool.bindAndRevertAuthentication(new SimpleBindRequest(dn, password));
            return true;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS || e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM) {
                return false; // a wrong password, or a disabled or locked account
            }
            throw new StoreException("the LDAP directory could not check a password: " + e.getResultCode(), e);
        }
    }

    /**
     * Whether the mailbox's entry is a member of the group (its {@code member} attribute names
     * the entry, as in Active Directory and groupOfNames), directly or, as
     * {@link Settings#nestedGroups} says, through groups that are members of it.
     */
    public boolean isMember(String login, String groupDn) {
        Optional<SearchResultEntry> user = entry(login);
        if (user.isEmpty()) {
            return false;
        }
        try {
            return switch (settings.nestedGroups()) {
                case OFF -> names(groupDn, Filter.createEqualityFilter("member", user.get().getDN()));
                case IN_CHAIN -> names(groupDn, Filter.createExtensibleMatchFilter("member", IN_CHAIN, false, user.get().getDN()));
                case WALK -> walk(new DN(user.get().getDN()), new DN(groupDn));
            };
        } catch (LDAPException e) {
            String hint = settings.nestedGroups() == NestedGroups.IN_CHAIN && e.getResultCode() != ResultCode.TIME_LIMIT_EXCEEDED
                    ? " (a directory other than Active Directory may not know LDAP_MATCHING_RULE_IN_CHAIN: set umpin.ldap.nested-groups to walk)"
                    : "";
            throw new StoreException("the LDAP directory could not be searched: " + e.getResultCode() + hint, e);
        }
    }

    /** Whether the entry {@code groupDn} matches {@code filter}; false when there is no such entry. */
    private boolean names(String groupDn, Filter filter) throws LDAPException {
        SearchRequest search = new SearchRequest(groupDn, SearchScope.BASE, filter, SearchRequest.NO_ATTRIBUTES);
        search.setTimeLimitSeconds((int) Math.max(1, settings.timeout().toSeconds()));
        try {
            return pool.search(search).getEntryCount() == 1;
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Up from {@code member}, level by level, through the groups under the base DN whose
     * {@code member} names it, until {@code group} is among them: at most {@link #MAX_DEPTH} levels
     * and {@link #MAX_GROUPS} groups, each group read once, so that a loop in the nesting ends.
     */
    private boolean walk(DN member, DN group) throws LDAPException {
        Set<DN> seen = new HashSet<>();
        List<DN> level = List.of(member);
        for (int depth = 0; depth < MAX_DEPTH && !level.isEmpty() && seen.size() < MAX_GROUPS; depth++) {
            List<Filter> anyOf = level.stream().map(dn -> Filter.createEqualityFilter("member", dn.toString())).toList();
            SearchRequest search = new SearchRequest(settings.baseDn(), SearchScope.SUB, Filter.createORFilter(anyOf),
                    SearchRequest.NO_ATTRIBUTES);
            search.setTimeLimitSeconds((int) Math.max(1, settings.timeout().toSeconds()));
            search.setSizeLimit(MAX_GROUPS);
            List<DN> next = new ArrayList<>();
            for (SearchResultEntry entry : pool.search(search).getSearchEntries()) {
                DN dn = entry.getParsedDN();
                if (dn.equals(group)) {
                    return true;
                }
                if (seen.add(dn)) {
                    next.add(dn);
                }
            }
            level = next;
        }
        return false;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Throws when the directory cannot be searched now: the readiness probe. */
    public void ping() {
        try {
            pool.getRootDSE();
        } catch (LDAPException e) {
            throw new StoreException("the LDAP directory does not answer: " + e.getResultCode(), e);
        }
    }

    private Optional<SearchResultEntry> entry(String login) {
        Optional<String> key = LoginName.key(login, domain);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            // the name is escaped: "*" or ")" in it cannot widen or break the filter
            return entry(Filter.create(settings.userFilter().replace("{0}", Filter.encodeValue(key.get()))));
        } catch (LDAPException e) {
            throw new StoreException("the LDAP user filter cannot be used: " + e.getResultCode(), e);
        }
    }

    /** Also a part of the display name, in the directory's own case rules: {@code wals} finds Erin Walsh. */
    @Override
    public List<Mailbox> search(String text, int limit) {
        String key = text.strip();
        List<Mailbox> found = new ArrayList<>(findByName(key).map(List::of).orElse(List.of()));
        if (key.isEmpty() || found.size() >= limit) {
            return found;
        }
        List<SearchResultEntry> entries;
        try {
            // a substring filter escapes the text: "*" or ")" in it is a plain character
            Filter byName = Filter.createANDFilter(Filter.create(settings.userFilter().replace("{0}", "*")),
                    Filter.createSubstringFilter(settings.displayNameAttribute(), null, new String[] {key}, null));
            entries = pool.search(request(byName, limit)).getSearchEntries();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() != ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw new StoreException("the LDAP directory could not be searched: " + e.getResultCode(), e);
            }
            entries = e.getSearchEntries(); // the first ones, up to the limit
        } catch (LDAPException e) {
            throw new StoreException("the LDAP user filter cannot be used: " + e.getResultCode(), e);
        }
        for (SearchResultEntry entry : entries) {
            Mailbox mailbox = mailbox(entry);
            if (found.size() < limit && found.stream().noneMatch(m -> m.login().equals(mailbox.login()))) {
                found.add(mailbox);
            }
        }
        return found;
    }

    /** A search of the entries under the base DN for the attributes a mailbox is made of, at most {@code sizeLimit}. */
    private SearchRequest request(Filter filter, int sizeLimit) {
        SearchRequest search = new SearchRequest(settings.baseDn(), SearchScope.SUB, filter, settings.loginAttribute(),
                settings.displayNameAttribute(), "cn", settings.smtpAddressAttribute(), settings.umEnabledAttribute(),
                settings.extensionAttribute(), settings.languageAttribute(), settings.pinPolicyAttribute(),
                "userAccountControl", PASSWORD_CHANGED.get(0), PASSWORD_CHANGED.get(1), PASSWORD_CHANGED.get(2));
        search.setSizeLimit(sizeLimit);
        search.setTimeLimitSeconds((int) Math.max(1, settings.timeout().toSeconds()));
        return search;
    }

    /** The one entry the filter finds; empty for none, or more than one. */
    private Optional<SearchResultEntry> entry(Filter filter) {
        try {
            SearchRequest search = request(filter, 2);
            SearchResult result = pool.search(search);
            // a name that matches two entries names no one
            return result.getEntryCount() == 1 ? Optional.of(result.getSearchEntries().get(0)) : Optional.empty();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                return Optional.empty();
            }
            throw new StoreException("the LDAP directory could not be searched: " + e.getResultCode(), e);
        }
    }

    private Mailbox mailbox(SearchResultEntry entry) {
        String login = Optional.ofNullable(entry.getAttributeValue(settings.loginAttribute()))
                .orElseThrow(() -> new StoreException("LDAP entry " + entry.getDN() + " has no "
                        + settings.loginAttribute(), null));
        String displayName = Optional.ofNullable(entry.getAttributeValue(settings.displayNameAttribute()))
                .or(() -> Optional.ofNullable(entry.getAttributeValue("cn"))).orElse(login);
        String umEnabled = entry.getAttributeValue(settings.umEnabledAttribute());
        Integer accountControl = entry.getAttributeValueAsInteger("userAccountControl");
        boolean enabled = accountControl == null || (accountControl & ACCOUNT_DISABLE) == 0;
        Mailbox found = new Mailbox(0, login, displayName, Optional.ofNullable(entry.getAttributeValue(settings.smtpAddressAttribute())),
                Optional.ofNullable(entry.getAttributeValue(settings.extensionAttribute())).orElse(""),
                Optional.ofNullable(entry.getAttributeValue(settings.languageAttribute())).orElse("en-US"),
                umEnabled != null && !FALSE.contains(umEnabled.strip().toLowerCase(java.util.Locale.ROOT)), enabled,
                policyName(entry.getAttributeValue(settings.pinPolicyAttribute())));
        return mirror.mirror(found);
    }

    /** A policy named by its DN (AD's msExchUMTemplateLink) is the value of its first RDN; a plain name is itself. */
    private static String policyName(String value) {
        if (value == null || value.isBlank()) {
            return "default";
        }
        try {
            if (DN.isValidDN(value) && value.contains("=")) {
                return new DN(value).getRDN().getAttributeValues()[0];
            }
        } catch (LDAPException e) {
            // not a DN: the name itself
        }
        return value.strip();
    }
}
