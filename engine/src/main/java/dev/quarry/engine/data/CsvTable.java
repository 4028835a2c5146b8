package dev.quarry.engine.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads feature tables: a CSV file with a header row, numeric feature columns and one label column.
 * Labels may be names or numbers; the classes are every label value of the pool and test files,
 * in numeric order when all are integers and in text order otherwise. Every cell is checked: an empty
 * or non-numeric feature, a NaN, an empty label or a ragged row is an error naming the file, the line
 * and the column.
 */
public final class CsvTable {

    private static final CsvMapper CSV = new CsvMapper();

    /**
     * One file's table before classes are assigned.
     *
     * @param file where they came from
     * @param header the header row, label column included
     * @param features row-major values, {@code rows × columns}
     * @param columns how many feature columns
     * @param labels one label text per row
     */
    private record ParsedTable(Path file, List<String> header, float[] features, int columns, String[] labels) {
        int size() {
            return labels.length;
        }
    }

    private CsvTable() {}

    /**
     * Reads a pool table and, optionally, a test table with the same columns.
     *
     * @param pool the pool's file
     * @param test the test set's file, or null
     * @param labelColumn the header of the label column
     * @return the pool and test set
     * @throws NoSuchFileException if a file is missing
     * @throws DataFormatException if a file is not such a table
     * @throws IOException if reading fails
     */
    public static ExperimentData read(Path pool, Path test, String labelColumn) throws IOException {
        ParsedTable poolRows = parse(pool, labelColumn);
        ParsedTable testRows = test == null ? null : parse(test, labelColumn);
        if (testRows != null && !testRows.header().equals(poolRows.header())) {
            throw new DataFormatException(test, "columns " + testRows.header() + " differ from the pool table's "
                    + poolRows.header() + "; both tables need the same columns in the same order");
        }
        List<String> classes = classes(poolRows, testRows);
        if (classes.size() < 2) {
            throw new DataFormatException(pool, "every row has label '" + classes.get(0) + "'; a classifier needs at "
                    + "least 2 classes");
        }
        return new ExperimentData(dataset("csv-pool", poolRows, classes),
                Optional.ofNullable(testRows).map(r -> dataset("csv-test", r, classes)));
    }

    private static ArrayDataset dataset(String name, ParsedTable rows, List<String> classes) {
        int[] labels = new int[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = classes.indexOf(rows.labels()[i]);
        }
        return ArrayDataset.of(name, HostArray.ofFloats(rows.features(), rows.size(), rows.columns()), labels, classes);
    }

    private static List<String> classes(ParsedTable pool, ParsedTable test) {
        TreeSet<String> values = new TreeSet<>(Arrays.asList(pool.labels()));
        if (test != null) {
            values.addAll(Arrays.asList(test.labels()));
        }
        List<String> classes = new ArrayList<>(values);
        if (classes.stream().allMatch(v -> v.matches("-?\\d{1,18}"))) {
            classes.sort(Comparator.comparingLong(Long::parseLong));
        }
        return classes;
    }

    private static ParsedTable parse(Path file, String labelColumn) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "feature table not found");
        }
        List<String[]> lines = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .readValues(file.toFile())) {
            while (it.hasNextValue()) {
                lines.add(it.nextValue());
            }
        } catch (JacksonException e) {
            throw new DataFormatException(file.toString(), "not a valid CSV table: " + e.getOriginalMessage(), e);
        }
        if (lines.size() < 2) {
            throw new DataFormatException(file, "needs a header row and at least one row of items");
        }
        String[] header = lines.get(0);
        int label = Arrays.asList(header).indexOf(labelColumn);
        if (label < 0) {
            throw new DataFormatException(file, "has no column '" + labelColumn + "' for the labels (its columns are "
                    + Arrays.toString(header) + ")");
        }
        int columns = header.length - 1;
        if (columns < 1) {
            throw new DataFormatException(file, "has no feature columns besides '" + labelColumn + "'");
        }
        int n = lines.size() - 1;
        float[] features = new float[n * columns];
        String[] labels = new String[n];
        for (int r = 0; r < n; r++) {
            String[] row = lines.get(r + 1);
            int line = r + 2;
            if (row.length != header.length) {
                throw new DataFormatException(file, "line " + line + " has " + row.length + " cells but the header has "
                        + header.length);
            }
            labels[r] = row[label].strip();
            if (labels[r].isEmpty()) {
                throw new DataFormatException(file, "line " + line + " has no label in column '" + labelColumn + "'");
            }
            int k = 0;
            for (int c = 0; c < row.length; c++) {
                if (c != label) {
                    features[r * columns + k++] = number(file, line, header[c], row[c]);
                }
            }
        }
        return new ParsedTable(file, List.of(header), features, columns, labels);
    }

    private static float number(Path file, int line, String column, String cell) throws DataFormatException {
        try {
            float v = Float.parseFloat(cell.strip());
            if (Float.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataFormatException(file, "line " + line + ", column '" + column + "': '" + cell + "' is not a finite "
                + "number (feature columns must be numeric)");
    }
}
