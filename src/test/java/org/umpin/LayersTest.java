package org.umpin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The house's layers (architecture.md, "Packages"): what each package of src/main may import. */
class LayersTest {

    private static final Path MAIN = Path.of("src/main/java/org/umpin");
    private static final Pattern UMPIN_IMPORT = Pattern.compile("^import (?:static )?org\\.umpin\\.([a-z]+)\\.", Pattern.MULTILINE);

    /** Plain Java, reusable outside Camel: no Camel, no CXF, and no package but the domain's. */
    static final Set<String> DOMAIN = Set.of("secret", "mailbox", "pin", "notify", "store", "audit", "throttle", "voicemail");
    /** The layers every door shares, each allowed the ones before it. */
    static final Map<String, Set<String>> SHARED = Map.of(
            "http", Set.of(),
            "observe", Set.of("http"),
            "steps", Set.of("http", "observe"));
    /** The ways in: each may import the shared layers and the domain, never another door. */
    static final Set<String> DOORS = Set.of("soap", "telephony", "web", "cli");
    /**
     * The wiring, which binds every door's beans; the command line alone may use it, to open the
     * store and the reset's steps as the service does, and the wiring never imports the command line.
     */
    static final String WIRING = "app";
    @Test
    void domainImportsNeitherCamelNorCxfNorAnyDoorOrLayer() throws IOException {
        int files = 0;
        for (String pkg : DOMAIN) {
            for (Path source : sources(pkg)) {
                files++;
                String text = Files.readString(source);
                assertTrue(!text.contains("import org.apache.camel") && !text.contains("import org.apache.cxf"),
                        source + " imports Camel or CXF");
                for (String imported : imports(text)) {
                    assertTrue(DOMAIN.contains(imported), source + " imports org.umpin." + imported);
                }
            }
        }
        assertTrue(files >= 10, "the domain sources were not found: " + files);
    }

    @Test
    void eachSharedLayerImportsOnlyTheLayersBeforeItAndTheDomain() throws IOException {
        for (Map.Entry<String, Set<String>> layer : SHARED.entrySet()) {
            for (Path source : sources(layer.getKey())) {
                for (String imported : imports(Files.readString(source))) {
                    assertTrue(DOMAIN.contains(imported) || layer.getValue().contains(imported) || imported.equals(layer.getKey()),
                            source + " imports org.umpin." + imported);
                }
            }
        }
    }

    @Test
    void noDoorImportsAnother() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String door : DOORS) {
            for (Path source : sources(door)) {
                for (String imported : imports(Files.readString(source))) {
                    boolean wiring = door.equals("cli") && imported.equals(WIRING);
                    if (!imported.equals(door) && !DOMAIN.contains(imported) && !SHARED.containsKey(imported) && !wiring) {
                        violations.add(MAIN.relativize(source) + " -> " + imported);
                    }
                }
            }
        }
        assertEquals(List.of(), violations, "a door imports another door (or the wiring)");
    }

    @Test
    void theWiringDoesNotImportTheCommandLine() throws IOException {
        for (Path source : sources(WIRING)) {
            assertFalse(imports(Files.readString(source)).contains("cli"), source + " imports org.umpin.cli");
        }
    }

    @Test
    void everyPackageIsADoorALayerTheDomainOrTheWiring() throws IOException {
        try (Stream<Path> packages = Files.list(MAIN)) {
            for (Path pkg : packages.filter(Files::isDirectory).toList()) {
                String name = pkg.getFileName().toString();
                assertTrue(DOMAIN.contains(name) || SHARED.containsKey(name) || DOORS.contains(name) || name.equals(WIRING),
                        "org.umpin." + name + " is in no row of architecture.md's table");
            }
        }
    }

    /** The pages' HTML is in their templates (src/main/resources/umpin/web/pages), which escape every value. */
    @Test
    void noHtmlInJavaStrings() throws IOException {
        Pattern markup = Pattern.compile("\"[^\"\\n]*<(?:/?[a-z][a-z0-9]*[ >/]|!DOCTYPE)");
        List<String> found = new ArrayList<>();
        for (String door : List.of("web")) {
            for (Path source : sources(door)) {
                Files.readAllLines(source).stream().filter(line -> !line.strip().startsWith("*") && !line.strip().startsWith("//"))
                        .filter(line -> markup.matcher(line).find()).forEach(line -> found.add(MAIN.relativize(source) + ": " + line.strip()));
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    void noPackageIsNamedAfterTheFramework() {
        assertFalse(Files.exists(MAIN.resolve("camel")), "org.umpin.camel is gone: a door, a layer or the domain");
    }

    private static List<Path> sources(String pkg) throws IOException {
        try (Stream<Path> sources = Files.walk(MAIN.resolve(pkg))) {
            return sources.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static Set<String> imports(String text) {
        Set<String> packages = new TreeSet<>();
        Matcher m = UMPIN_IMPORT.matcher(text);
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
    }
}
