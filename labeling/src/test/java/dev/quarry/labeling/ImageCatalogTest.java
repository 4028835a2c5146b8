package dev.quarry.labeling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.engine.data.DataFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCatalogTest {

    private static final String CSV_CHARACTERS = ",\"\n\r/.\\\0a";

    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }

    private static List<String> names(ImageCatalog.Catalog catalog) {
        return catalog.entries().stream().map(e -> e.path().getFileName() + "=" + e.label()).toList();
    }

    @Test
    void givenAnImageFolder_whenScanned_thenClassesAreSortedFoldersAndUnlabeledImagesComeLast() throws IOException {
        touch("dog/b.JPG");
        touch("dog/a.png");
        touch("cat/sub/c.tiff");
        touch("unlabeled/z.bmp");
        touch("unlabeled/.thumbs/y.png");
        touch("cat/notes.txt");
        touch(".cache/w.png");

        ImageCatalog.Catalog catalog = ImageCatalog.scan(dir, null);

        assertEquals(List.of("cat", "dog"), catalog.classes());
        assertEquals(List.of("c.tiff=0", "a.png=1", "b.JPG=1", "z.bmp=-1"), names(catalog));
        // Given classes fix the order; a class without a folder is fine.
        assertEquals(List.of("a.png=0", "b.JPG=0", "c.tiff=2", "z.bmp=-1"),
                names(ImageCatalog.scan(dir, List.of("dog", "bird", "cat"))));
    }

    @Test
    void givenAManifest_whenRead_thenPathsAreRelativeToItAndEmptyLabelsAreUnlabeled() throws IOException {
        touch("img/1.png");
        touch("img/2.gif");
        touch("img/3.jpeg");
        Path manifest = Files.writeString(dir.resolve("items.csv"), "path,label\nimg/2.gif,wifi\n\nimg/1.png,\nimg/3.jpeg,radar\n");

        ImageCatalog.Catalog catalog = ImageCatalog.scan(manifest, null);

        assertEquals(List.of("radar", "wifi"), catalog.classes());
        assertEquals(List.of("3.jpeg=0", "2.gif=1", "1.png=-1"), names(catalog));
    }

    @Test
    void givenWrongLayouts_whenScanned_thenTheErrorSaysWhatToDo() throws IOException {
        touch("dog/a.png");
        DataFormatException folder = assertThrows(DataFormatException.class, () -> ImageCatalog.scan(dir, List.of("cat")));
        assertTrue(folder.getMessage().contains("folder 'dog' that is not one of the given classes"), folder.getMessage());

        Path emptyDir = Files.createDirectories(dir.resolve("empty/cat"));
        DataFormatException none = assertThrows(DataFormatException.class,
                () -> ImageCatalog.scan(emptyDir.getParent(), null));
        assertTrue(none.getMessage().contains("holds no images"), none.getMessage());

        Path manifest = Files.writeString(dir.resolve("bad.csv"), "path,label\ndog/a.png,cat\nmissing.png,\ndog/a.png,dog\n"
                + "bad.csv,\n");
        DataFormatException rows = assertThrows(DataFormatException.class,
                () -> ImageCatalog.scan(manifest, List.of("dog")));
        assertTrue(rows.getMessage().contains("3 row(s) wrong"), rows.getMessage());
        assertTrue(rows.getMessage().contains("line 2: class 'cat' is not one of [dog]"), rows.getMessage());
        assertTrue(rows.getMessage().contains("line 3: no file"), rows.getMessage());
        assertTrue(rows.getMessage().contains("line 5: ") && rows.getMessage().contains("is not .png"), rows.getMessage());

        Path header = Files.writeString(dir.resolve("header.csv"), "file,label\na.png,dog\n");
        assertThrows(DataFormatException.class, () -> ImageCatalog.scan(header, null));
        assertThrows(NoSuchFileException.class, () -> ImageCatalog.scan(dir.resolve("nowhere"), null));
    }

    @Test
    void givenMutationsOfAValidManifest_whenRead_thenOnlyTheDocumentedErrorComesOut() throws IOException {
        touch("img/1.png");
        touch("img/2.gif");
        touch("img/3.jpeg");
        byte[] valid = "path,label\nimg/2.gif,wifi\n\nimg/1.png,\n\"img/3.jpeg\",radar\n".getBytes(StandardCharsets.UTF_8);
        Random random = new Random(17);
        int refused = 0;
        for (int i = 0; i < 600; i++) {
            byte[] bytes = valid.clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && bytes.length > 0; e++) {
                int at = random.nextInt(bytes.length);
                switch (random.nextInt(3)) {
                    case 0 -> bytes[at] = (byte) random.nextInt(256);
                    case 1 -> bytes = Arrays.copyOf(bytes, at);
                    default -> bytes[at] = (byte) CSV_CHARACTERS.charAt(random.nextInt(CSV_CHARACTERS.length()));
                }
            }
            Path manifest = Files.write(dir.resolve("mutated.csv"), bytes);
            try {
                ImageCatalog.Catalog catalog = ImageCatalog.scan(manifest, null);
                assertTrue(!catalog.entries().isEmpty());
            } catch (DataFormatException e) {
                refused++;
                assertTrue(e.getMessage().startsWith(manifest.toString()), e.getMessage());
            }
        }
        assertTrue(refused > 100, "most mutations are refused: " + refused);
    }
}
