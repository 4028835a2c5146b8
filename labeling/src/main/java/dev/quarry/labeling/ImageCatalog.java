package dev.quarry.labeling;

import dev.quarry.engine.data.DataFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The images of a user's dataset and their classes, in one of two layouts:
 *
 * <ul>
 *   <li>a folder: {@code DIR/<class>/…} holds labeled images (torchvision's ImageFolder convention,
 *       classes sorted by name) and {@code DIR/unlabeled/…} unlabeled ones, subfolders included;
 *   <li>a CSV manifest with a header {@code path[,label]}: paths relative to the manifest's folder
 *       (or absolute), an empty or missing label meaning unlabeled.
 * </ul>
 *
 * Images are files ending in {@value #EXTENSIONS_TEXT} (any case); hidden files and folders are
 * skipped. Given classes fix the class order and must cover every class the layout names; without
 * them the classes are the folder names, or the manifest's labels, sorted. Entries are in a fixed
 * order (by class, then path), so item ids do not change between scans of the same files.
 */
public final class ImageCatalog {

    /** The folder of unlabeled images in the folder layout. */
    public static final String UNLABELED = "unlabeled";

    static final String EXTENSIONS_TEXT = ".png, .jpg, .jpeg, .bmp, .gif, .tif or .tiff";
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff");

    private ImageCatalog() {}

    /**
     * One image.
     *
     * @param path the file
     * @param label its class index, or -1 when unlabeled
     */
    public record Entry(Path path, int label) {}

    /**
     * A scanned dataset.
     *
     * @param classes the class names, in index order
     * @param entries the images, labeled ones by class then path, then the unlabeled by path
     */
    public record Catalog(List<String> classes, List<Entry> entries) {}

    /**
     * Scans a folder or reads a manifest.
     *
     * @param source a folder, or a {@code .csv} manifest
     * @param classes the class names in index order, or null to take them from the layout
     * @return the catalog
     * @throws DataFormatException if there are no images, a manifest row is wrong, or a class is not given
     * @throws IOException if the source cannot be read
     */
    public static Catalog scan(Path source, List<String> classes) throws IOException {
        if (Files.isRegularFile(source) && source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return manifest(source, classes);
        }
        if (!Files.isDirectory(source)) {
            throw new NoSuchFileException(source.toString(), null, "no image folder or .csv manifest here");
        }
        return folder(source, classes);
    }

    private static Catalog folder(Path dir, List<String> given) throws IOException {
        List<String> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !name.equals(UNLABELED)).sorted().forEach(folders::add);
        }
        List<String> classes = given != null ? List.copyOf(given) : folders;
        for (String folder : folders) {
            if (!classes.contains(folder)) {
                throw new DataFormatException(dir, "has a folder '" + folder + "' that is not one of the given classes "
                        + classes + "; rename it, move it under " + UNLABELED + "/, or add it to the classes.");
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path classDir = dir.resolve(classes.get(c));
            if (Files.isDirectory(classDir)) {
                for (Path image : images(classDir)) {
                    entries.add(new Entry(image, c));
                }
            }
        }
        Path unlabeled = dir.resolve(UNLABELED);
        if (Files.isDirectory(unlabeled)) {
            for (Path image : images(unlabeled)) {
                entries.add(new Entry(image, -1));
            }
        }
        if (entries.isEmpty()) {
            throw new DataFormatException(dir, "holds no images (" + EXTENSIONS_TEXT + ") in <class>/ or " + UNLABELED
                    + "/ folders.");
        }
        return new Catalog(classes, entries);
    }

    /** The image files below a folder, by path; hidden files and folders skipped. */
    private static List<Path> images(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(p -> isImage(p) && !hidden(folder, p)).sorted().toList();
        }
    }

    private static boolean hidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static Catalog manifest(Path file, List<String> given) throws IOException {
        List<HeaderCsv.Row> rows = HeaderCsv.read(file, List.of("path"), "a CSV manifest (path[,label])");
        Set<String> labels = new TreeSet<>();
        for (HeaderCsv.Row row : rows) {
            String label = row.values().get("label");
            if (label != null && !label.isBlank()) {
                labels.add(label);
            }
        }
        List<String> classes = given != null ? List.copyOf(given) : List.copyOf(labels);
        List<String> problems = new ArrayList<>();
        List<Entry> labeled = new ArrayList<>();
        List<Entry> unlabeled = new ArrayList<>();
        Path base = file.toAbsolutePath().getParent();
        for (HeaderCsv.Row row : rows) {
            String where = "line " + row.line();
            String path = row.values().get("path");
            String label = row.values().get("label");
            if (path == null || path.isBlank()) {
                problems.add(where + ": no path");
                continue;
            }
            Path image;
            try {
                image = base.resolve(path).normalize();
            } catch (InvalidPathException e) {
                problems.add(where + ": '" + path.replace("\0", "\\0") + "' is not a path (" + e.getReason() + ")");
                continue;
            }
            if (!Files.isRegularFile(image)) {
                problems.add(where + ": no file " + image);
            } else if (!isImage(image)) {
                problems.add(where + ": " + image + " is not " + EXTENSIONS_TEXT);
            } else if (label == null || label.isBlank()) {
                unlabeled.add(new Entry(image, -1));
            } else if (!classes.contains(label)) {
                problems.add(where + ": class '" + label + "' is not one of " + classes);
            } else {
                labeled.add(new Entry(image, classes.indexOf(label)));
            }
        }
        if (!problems.isEmpty()) {
            throw new DataFormatException(file, problems.size() + " row(s) wrong: " + String.join("; ",
                    problems.subList(0, Math.min(20, problems.size()))) + (problems.size() > 20 ? "; ..." : "") + ".");
        }
        if (labeled.isEmpty() && unlabeled.isEmpty()) {
            throw new DataFormatException(file, "lists no images.");
        }
        labeled.sort((a, b) -> a.label() != b.label() ? Integer.compare(a.label(), b.label()) : a.path().compareTo(b.path()));
        unlabeled.sort((a, b) -> a.path().compareTo(b.path()));
        List<Entry> entries = new ArrayList<>(labeled);
        entries.addAll(unlabeled);
        return new Catalog(classes, entries);
    }
}
