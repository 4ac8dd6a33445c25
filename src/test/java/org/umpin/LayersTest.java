package org.umpin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain packages stay plain Java, reusable outside Camel (architecture.md, "Layers"). */
class LayersTest {

    static final List<String> DOMAIN = List.of("secret", "mailbox", "pin", "notify", "store", "audit", "throttle", "http", "voicemail");

    @Test
    void domainImportsNeitherCamelNorCxf() throws IOException {
        int files = 0;
        for (String pkg : DOMAIN) {
            try (Stream<Path> sources = Files.walk(Path.of("src/main/java/org/umpin", pkg))) {
                for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    String text = Files.readString(source);
                    assertTrue(!text.contains("import org.apache.camel") && !text.contains("import org.apache.cxf"),
                            source + " imports Camel or CXF");
                }
            }
        }
        assertTrue(files >= 10, "the domain sources were not found: " + files);
    }
}
