package org.umpin.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every link of README.md, docs/ and the examples' READMEs stays in the repository and leads
 * somewhere: to a file or folder that exists, and to a heading of it where it names an anchor,
 * by GitHub's rule for a heading's anchor.
 */
class DocLinksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    /** [text](target), ![alt](target), and the definitions of reference links: [name]: target. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)"
            + "|^\\s{0,3}\\[[^\\]]+]:\\s*<?(\\S+?)>?(?:\\s+\"[^\"]*\")?\\s*$", Pattern.MULTILINE);
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyLinkResolvesInsideTheRepository() throws IOException {
        List<String> problems = new ArrayList<>();
        int links = 0;
        for (Path page : DocPages.all()) {
            for (Link link : links(page)) {
                links++;
                problem(page, link).ifPresent(problems::add);
            }
        }
        assertTrue(links >= 50, "too few links found, is the scan broken? " + links);
        assertTrue(problems.isEmpty(), problems.size() + " broken links:\n" + String.join("\n", problems));
    }

    /** The rule the anchors follow, on headings the pages have. */
    @Test
    void anchorsAreGitHubs() {
        assertEquals("embedding-in-another-camel-application", anchor("Embedding in another Camel application"));
        assertEquals("directory-embedded-or-ldap--active-directory", anchor("Directory: embedded or LDAP / Active Directory"));
        assertEquals("camel-mains-runner-options", anchor("Camel Main's runner options"));
        assertEquals("pin-verify", anchor("`pin verify`"));
        assertEquals("what-the-numbers-mean", anchor("*What the numbers mean*"));
        assertEquals("a-link-here", anchor("A [link](other.md) here"));
    }

    record Link(int line, String target) {
    }

    private static Optional<String> problem(Path page, Link link) throws IOException {
        String where = page + ":" + link.line() + ": (" + link.target() + ") ";
        if (link.target().matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") || link.target().startsWith("//")) {
            return Optional.of(where + "points outside the repository");
        }
        int hash = link.target().indexOf('#');
        String path = hash < 0 ? link.target() : link.target().substring(0, hash);
        String fragment = hash < 0 ? null : link.target().substring(hash + 1);
        Path target = path.isEmpty() ? page.toAbsolutePath() : page.toAbsolutePath().getParent().resolve(decode(path)).normalize();
        if (!target.startsWith(ROOT)) {
            return Optional.of(where + "points outside the repository");
        }
        if (!Files.exists(target)) {
            return Optional.of(where + "no such file or folder: " + ROOT.relativize(target));
        }
        if (fragment != null) {
            if (!target.toString().endsWith(".md")) {
                return Optional.of(where + "an anchor into a file that is not a page");
            }
            Set<String> anchors = anchors(target);
            if (!anchors.contains(decode(fragment))) {
                return Optional.of(where + "no heading #" + fragment + " in " + ROOT.relativize(target));
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The page's links, leaving out what is code: fenced blocks and `spans`. */
    static List<Link> links(Path page) throws IOException {
        List<Link> links = new ArrayList<>();
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher link = LINK.matcher(withoutCodeSpans(line));
            while (link.find()) {
                links.add(new Link(i + 1, link.group(1) != null ? link.group(1) : link.group(2)));
            }
        }
        return links;
    }

    private static String withoutCodeSpans(String line) {
        return line.replaceAll("`[^`]*`", "``");
    }

    /** The anchors of a page's headings, a repeated one with -1, -2... as GitHub numbers them. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (fenced || !heading.matches()) {
                continue;
            }
            String anchor = anchor(heading.group(2));
            int count = seen.merge(anchor, 1, Integer::sum);
            anchors.add(count == 1 ? anchor : anchor + "-" + (count - 1));
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: its text, lower case, without punctuation, spaces as hyphens. */
    static String anchor(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1")  // a link: its text
                .replaceAll("<[^>]+>", "")                                   // HTML tags
                .replace("`", "").replace("*", "");                          // code and emphasis marks
        return text.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{Mn} _-]", "").replace(' ', '-');
    }
}
