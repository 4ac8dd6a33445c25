package org.umpin.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.umpin.app.UmpinSettings;

/**
 * docs/configuration.md stays true (docs/development.md, "The docs checks"): every setting of
 * config/application.properties and every {@code umpin.*} key that the code, the routes or the
 * YAML examples read has a row there, with the file's default, the code's range and the
 * environment variable that sets it; and no page names a setting that does not exist.
 */
class ConfigurationPageTest {

    static final Path PAGE = Path.of("docs/configuration.md");
    static final Path FILE = Path.of("config/application.properties");
    static final String POLICY = "umpin.policy.<name>.";

    /** A setting read with its whole key as a literal: {@code settings.number("umpin.soap.port", 1, 65535)}. */
    private static final Pattern READ = Pattern.compile(
            "\\b(?:text|number|flag|logins|parsed|getProperty)\\(\\s*\"(umpin\\.[a-z0-9.-]+)\"(?:\\s*,\\s*([^,()]+?)\\s*,\\s*([^,()]+?)\\s*\\))?");
    /** A policy's setting, read in UmpinSettings as {@code prefix + "min-pin-length"}. */
    private static final Pattern POLICY_READ = Pattern.compile("\\bprefix \\+ \"([a-z-]+)\"");
    private static final String POLICY_PREFIX = "String prefix = \"umpin.policy.\" + name + \".\";";
    /** A property placeholder in a route file or the properties file. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(umpin\\.[a-z0-9.-]+)}}");
    /** A setting's name as the docs write it, in backticks. */
    private static final Pattern NAMED = Pattern.compile("`(umpin\\.[A-Za-z0-9.<>*-]+)`");
    private static final Pattern VARIABLE = Pattern.compile("\\bUMPIN_[A-Z0-9_<>]+");
    /** Environment variables of the benchmark and the tests, not of the service. */
    private static final Set<String> TOOLS_VARIABLES = Set.of("UMPIN_JAVA_OPTS", "UMPIN_PG_BIN");

    record Row(int line, Map<String, String> cells) {
        String cell(String column) {
            return cells.getOrDefault(column, "");
        }
    }

    record Range(long min, long max) {
    }

    @Test
    void everySettingOfTheFileHasARowWithTheFilesDefault() throws IOException {
        Map<String, Row> rows = rows(PAGE);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> setting : fileSettings().entrySet()) {
            String key = documentedAs(setting.getKey());
            Row row = rows.get(key);
            if (row == null) {
                problems.add(setting.getKey() + " (config/application.properties) has no row on " + PAGE);
                continue;
            }
            if (key.startsWith(POLICY) && !setting.getKey().startsWith("umpin.policy.default.")) {
                continue; // a policy's row shows the default policy's value, Exchange's default
            }
            String shown = defaultShown(row);
            if (shown == null) {
                problems.add(PAGE + ":" + row.line() + ": the default of " + key + " must be `value` or \"empty\", not "
                        + row.cell("default"));
            } else if (!shown.equals(setting.getValue())) {
                problems.add(PAGE + ":" + row.line() + ": " + key + " defaults to \"" + setting.getValue()
                        + "\" in config/application.properties, not \"" + shown + "\"");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everySettingTheCodeReadsHasARowAndADefaultInTheFile() throws IOException {
        Map<String, Row> rows = rows(PAGE);
        Set<String> inFile = new TreeSet<>();
        fileSettings().keySet().forEach(key -> inFile.add(documentedAs(key)));
        Map<String, Range> read = readByTheCode();
        assertTrue(read.size() >= 50, "the scan of the code found too few settings: " + read.keySet());
        List<String> problems = new ArrayList<>();
        for (String key : read.keySet()) {
            if (!rows.containsKey(key)) {
                problems.add(key + " is read by the code or a route but has no row on " + PAGE);
            }
            if (!inFile.contains(key)) {
                problems.add(key + " is read by the code or a route but has no default in " + FILE);
            }
        }
        for (String key : readByTheExamples(read.keySet())) {
            if (!rows.containsKey(key)) {
                problems.add(key + " is read by a YAML example but has no row on " + PAGE);
            }
        }
        for (String key : inFile) {
            if (key.startsWith("umpin.") && !read.containsKey(key)) {
                problems.add(key + " is in " + FILE + " but nothing reads it");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theRangesAndEnvironmentVariablesAreTheOnesUmpinUses() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<String, Range> read = readByTheCode();
        for (Map.Entry<String, Row> entry : rows(PAGE).entrySet()) {
            String key = entry.getKey();
            Row row = entry.getValue();
            String variable = row.cell("environment variable").replace("`", "");
            String expected = environmentVariable(key);
            if (!variable.equals(expected)) {
                problems.add(PAGE + ":" + row.line() + ": " + key + " is set by " + expected + ", not " + variable);
            }
            Range range = read.get(key);
            if (range != null) {
                Matcher shown = Pattern.compile("^(\\d[\\d,]*)-(\\d[\\d,]*)").matcher(row.cell("values"));
                if (!shown.find() || Long.parseLong(shown.group(1).replace(",", "")) != range.min()
                        || Long.parseLong(shown.group(2).replace(",", "")) != range.max()) {
                    problems.add(PAGE + ":" + row.line() + ": " + key + " takes " + range.min() + "-" + range.max()
                            + " in the code, not " + row.cell("values"));
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Every page, the README and the examples' READMEs: a setting they name exists. */
    @Test
    void noPageNamesASettingThatDoesNotExist() throws IOException {
        Set<String> known = new TreeSet<>(fileSettings().keySet()); // umpin.policy.strict.* among them
        fileSettings().keySet().forEach(key -> known.add(documentedAs(key)));
        Set<String> read = readByTheCode().keySet();
        known.addAll(read);
        known.addAll(readByTheExamples(read));
        Set<String> variables = new TreeSet<>();
        known.forEach(key -> variables.add(environmentVariable(key)));
        List<String> problems = new ArrayList<>();
        for (Path page : DocPages.all()) {
            List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher named = NAMED.matcher(lines.get(i));
                while (named.find()) {
                    String name = named.group(1);
                    boolean group = name.endsWith(".*");
                    String stem = group ? name.substring(0, name.length() - 2) : name;
                    if (!known.contains(stem) && known.stream().noneMatch(key -> key.startsWith(stem + "."))) {
                        problems.add(page + ":" + (i + 1) + ": `" + name + "` is no setting umpin has");
                    }
                }
                Matcher variable = VARIABLE.matcher(lines.get(i));
                while (variable.find()) {
                    if (!variables.contains(variable.group()) && !TOOLS_VARIABLES.contains(variable.group())) {
                        problems.add(page + ":" + (i + 1) + ": " + variable.group() + " sets no setting umpin has");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The scan itself: a key that the code reads in a way the scan does not see would go unchecked. */
    @Test
    void theScanSeesTheWaysTheCodeReadsSettings() throws IOException {
        Map<String, Range> read = readByTheCode();
        assertEquals(new Range(1, 65535), read.get("umpin.soap.port"));
        assertEquals(new Range(1024, 10 << 20), read.get("umpin.soap.max-request-bytes"));
        assertTrue(read.containsKey("umpin.log.format"), "read before Camel starts, in UmpinApplication");
        assertTrue(read.containsKey("umpin.mail.retry-backoff"), "read in routes/new-pin.camel.yaml");
        assertTrue(read.containsKey(POLICY + "min-pin-length"), "read per policy in UmpinSettings");
        assertTrue(readByTheExamples(read.keySet()).contains("umpin.siem.folder"));
        assertEquals("UMPIN_POLICY_<NAME>_MIN_PIN_LENGTH", environmentVariable(POLICY + "min-pin-length"));
        assertEquals("CAMEL_MAIN_ROUTESINCLUDEPATTERN", environmentVariable("camel.main.routes-include-pattern"));
    }

    /** config/application.properties as Camel reads it (java.util.Properties' syntax). */
    static Map<String, String> fileSettings() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key).strip()));
        return settings;
    }

    /** Every policy's setting is one row: umpin.policy.strict.min-pin-length is umpin.policy.<name>.min-pin-length. */
    static String documentedAs(String key) {
        return key.startsWith("umpin.policy.") ? POLICY + key.substring(key.lastIndexOf('.') + 1) : key;
    }

    static String environmentVariable(String key) {
        if (key.startsWith("camel.main.")) {
            return "CAMEL_MAIN_" + key.substring("camel.main.".length()).replaceAll("[.-]", "").toUpperCase(Locale.ROOT);
        }
        if (key.startsWith("camel.")) {
            return "file only";
        }
        return key.replaceAll("[.-]", "_").toUpperCase(Locale.ROOT);
    }

    /** The umpin.* keys the Java code and the route files read, with the range the code allows where it names one. */
    static Map<String, Range> readByTheCode() throws IOException {
        Map<String, Range> keys = new TreeMap<>(); // a null range: read, with no range the scan can see
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                Matcher read = READ.matcher(text);
                while (read.find()) {
                    Range range = read.group(2) == null ? null : range(read.group(2), read.group(3));
                    if (range != null || !keys.containsKey(read.group(1))) {
                        keys.put(read.group(1), range);
                    }
                }
                if (source.endsWith("UmpinSettings.java")) {
                    assertTrue(text.contains(POLICY_PREFIX), "UmpinSettings reads policies with: " + POLICY_PREFIX);
                    Matcher policy = POLICY_READ.matcher(text);
                    while (policy.find()) {
                        keys.putIfAbsent(POLICY + policy.group(1), null);
                    }
                }
            }
        }
        for (Path route : yamlFiles(Path.of("routes"))) {
            placeholders(route).forEach(key -> keys.putIfAbsent(key, null));
        }
        placeholders(FILE).forEach(key -> keys.putIfAbsent(key, null));
        return keys;
    }

    /** The settings of the YAML examples' own, beside the service's that they use too. */
    static Set<String> readByTheExamples(Set<String> readByTheCode) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (Path route : yamlFiles(Path.of("examples/yaml"))) {
            keys.addAll(placeholders(route));
        }
        keys.removeAll(readByTheCode);
        return keys;
    }

    private static List<Path> yamlFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Set<String> placeholders(Path file) throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher placeholder = PLACEHOLDER.matcher(Files.readString(file));
        while (placeholder.find()) {
            keys.add(placeholder.group(1));
        }
        return keys;
    }

    /** A literal range of the code (36_500, 10 << 20); null for one the scan cannot evaluate. */
    private static Range range(String min, String max) {
        Long low = number(min);
        Long high = number(max);
        return low == null || high == null ? null : new Range(low, high);
    }

    private static Long number(String expression) {
        String text = expression.replace("_", "").strip();
        Matcher shift = Pattern.compile("(\\d+)\\s*<<\\s*(\\d+)").matcher(text);
        if (shift.matches()) {
            return Long.parseLong(shift.group(1)) << Long.parseLong(shift.group(2));
        }
        return text.matches("\\d+") ? Long.parseLong(text) : null;
    }

    /** The shown default: `value`, or "empty"; null when the cell is neither. */
    private static String defaultShown(Row row) {
        String cell = row.cell("default");
        if (cell.equals("empty")) {
            return "";
        }
        Matcher code = Pattern.compile("^`([^`]*)`$").matcher(cell);
        return code.matches() ? code.group(1) : null;
    }

    /** The rows of the page's tables whose first column, "setting", names one setting in backticks. */
    static Map<String, Row> rows(Path page) throws IOException {
        Map<String, Row> rows = new TreeMap<>();
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        List<String> header = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("|")) {
                header = null;
                continue;
            }
            List<String> cells = cells(line);
            if (header == null) {
                header = cells;
                continue;
            }
            if (cells.stream().allMatch(cell -> cell.matches(":?-+:?"))) {
                continue;
            }
            Matcher key = Pattern.compile("^`([a-z][A-Za-z0-9.<>-]+)`$").matcher(cells.get(0));
            if (!header.get(0).equals("setting") || !key.matches()) {
                continue;
            }
            Map<String, String> named = new TreeMap<>();
            for (int c = 0; c < Math.min(header.size(), cells.size()); c++) {
                named.put(header.get(c), cells.get(c));
            }
            Row previous = rows.put(key.group(1), new Row(i + 1, named));
            assertTrue(previous == null, page + ":" + (i + 1) + ": a second row for " + key.group(1));
        }
        return rows;
    }

    /** A table row's cells; {@code \|} is a pipe within a cell. */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        return cells;
    }
}
