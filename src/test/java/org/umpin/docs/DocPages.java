package org.umpin.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The documentation the docs checks read: README.md, every page under docs/, the examples' READMEs. */
final class DocPages {

    private DocPages() {
    }

    static List<Path> all() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        for (String folder : List.of("docs", "examples")) {
            try (Stream<Path> files = Files.walk(Path.of(folder))) {
                files.filter(p -> p.toString().endsWith(".md"))
                        .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))
                        .sorted().forEach(pages::add);
            }
        }
        return pages;
    }
}
