package dev.quarry.rfi.eval;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Groups footprint outcomes by RFI type and INR bin, and writes them as CSV and Markdown. */
public final class MitigationSummary {

    /** The type of the rows that pool every footprint. */
    public static final String ALL = "all";

    private final List<SummaryRow> rows;

    private MitigationSummary(List<SummaryRow> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * Summarizes outcomes: one row per (type, bin) that has footprints, types {@code all} first.
     *
     * @param outcomes per footprint
     * @return the summary
     */
    public static MitigationSummary of(List<FootprintOutcome> outcomes) {
        Set<String> types = new LinkedHashSet<>();
        types.add(ALL);
        outcomes.stream().map(FootprintOutcome::type).sorted().forEach(types::add);
        List<SummaryRow> rows = new ArrayList<>();
        for (String type : types) {
            for (InrBin bin : InrBin.all()) {
                List<FootprintOutcome> group = outcomes.stream()
                        .filter(o -> (type.equals(ALL) || o.type().equals(type)) && o.bin().equals(bin)).toList();
                if (!group.isEmpty()) {
                    rows.add(row(type, bin, group));
                }
            }
        }
        return new MitigationSummary(rows);
    }

    private static SummaryRow row(String type, InrBin bin, List<FootprintOutcome> group) {
        CellCounts smap = CellCounts.NONE;
        CellCounts autoencoder = CellCounts.NONE;
        int usable = 0;
        double floor = 0;
        for (FootprintOutcome o : group) {
            floor += o.floorKelvin() * o.floorKelvin();
            smap = smap.plus(o.smap());
            autoencoder = autoencoder.plus(o.autoencoder());
            for (int p = 0; p < 2; p++) {
                usable += Double.isNaN(o.estimate(Method.FLAG_AND_DISCARD, p)) ? 0 : 1;
            }
        }
        Map<Method, ErrorStats> errors = new EnumMap<>(Method.class);
        for (Method method : Method.values()) {
            double[] e = new double[group.size() * 2];
            for (int i = 0; i < group.size(); i++) {
                for (int p = 0; p < 2; p++) {
                    e[i * 2 + p] = group.get(i).estimate(method, p) - group.get(i).sceneKelvin();
                }
            }
            errors.put(method, ErrorStats.of(e));
        }
        return new SummaryRow(type, bin, group.size(), smap, autoencoder, usable / (2.0 * group.size()), errors,
                Math.sqrt(floor / group.size()));
    }

    /** @return the rows */
    public List<SummaryRow> rows() {
        return rows;
    }

    /**
     * The row for a type and bin.
     *
     * @param type the type
     * @param bin the bin
     * @return the row, or null when no footprint fell there
     */
    public SummaryRow row(String type, InrBin bin) {
        return rows.stream().filter(r -> r.type().equals(type) && r.bin().equals(bin)).findFirst().orElse(null);
    }

    /**
     * Writes every row as CSV.
     *
     * @param file the file
     * @throws IOException when writing fails
     */
    public void writeCsv(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            StringBuilder header = new StringBuilder("type,inr_bin,footprints,"
                    + "smap_precision,smap_recall,smap_f1,smap_false_alarm,smap_retained,flag_discard_usable,"
                    + "ae_precision,ae_recall,ae_f1,ae_false_alarm");
            for (Method m : Method.values()) {
                String key = m.name().toLowerCase(Locale.ROOT);
                header.append(',').append(key).append("_bias_k,").append(key).append("_rmse_k,").append(key)
                        .append("_residual_over_2k,").append(key).append("_estimates");
            }
            out.write(header + "\n");
            for (SummaryRow r : rows) {
                StringBuilder line = new StringBuilder();
                line.append(r.type()).append(',').append(r.bin()).append(',').append(r.footprints());
                append(line, r.smap().precision(), r.smap().recall(), r.smap().f1(), r.smap().falseAlarmRate(),
                        r.smap().retained(), r.usable(), r.autoencoder().precision(), r.autoencoder().recall(),
                        r.autoencoder().f1(), r.autoencoder().falseAlarmRate());
                for (Method m : Method.values()) {
                    ErrorStats e = r.errors().get(m);
                    append(line, e.bias(), e.rmse(), e.residualOver2K());
                    line.append(',').append(e.count());
                }
                out.write(line + "\n");
            }
        }
    }

    private static void append(StringBuilder line, double... values) {
        for (double v : values) {
            line.append(',').append(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.5f", v));
        }
    }

    /**
     * The pooled rows as a Markdown table: detection, data kept and T_B RMSE per INR bin.
     *
     * @return the table
     */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| INR bin | footprints | SMAP P / R / F1 | SMAP false alarms | SMAP cells kept | F&D footprints kept"
                + " | AE P / R / F1 | AE false alarms | RMSE none | RMSE F&D | RMSE oracle | RMSE AE | AE residual > 2 K |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SummaryRow r : rows) {
            if (!r.type().equals(ALL)) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    r.bin(), r.footprints(), prf(r.smap()), pct(r.smap().falseAlarmRate()), pct(r.smap().retained()),
                    pct(r.usable()), prf(r.autoencoder()), pct(r.autoencoder().falseAlarmRate()),
                    kelvin(r.errors().get(Method.NONE).rmse()), kelvin(r.errors().get(Method.FLAG_AND_DISCARD).rmse()),
                    kelvin(r.errors().get(Method.ORACLE_MASK).rmse()), kelvin(r.errors().get(Method.AUTOENCODER).rmse()),
                    pct(r.errors().get(Method.AUTOENCODER).residualOver2K())));
        }
        return out.toString();
    }

    /**
     * The two targets, checked per INR bin (all types pooled): at INR up to −10 dB the autoencoder's
     * RMSE within 1.5 × the footprint NEDT with every footprint kept, and wherever flag-and-discard
     * keeps under 90 % of the cells, a lower RMSE than flag-and-discard.
     *
     * @return one Markdown line per checked bin, each saying met or not met with the numbers
     */
    public String goals() {
        StringBuilder out = new StringBuilder();
        for (SummaryRow r : rows) {
            if (!r.type().equals(ALL) || r.bin().isClean()) {
                continue;
            }
            double ae = r.errors().get(Method.AUTOENCODER).rmse();
            if (r.bin().high() <= -10) {
                out.append(String.format(Locale.ROOT, "- %s dB: autoencoder RMSE %.2f K vs 1.5 x NEDT %.2f K, 100 %% kept:"
                        + " %s%n", r.bin(), ae, 1.5 * r.floorKelvin(), ae <= 1.5 * r.floorKelvin() ? "met" : "NOT met"));
            }
            if (r.smap().retained() < 0.9) {
                double discard = r.errors().get(Method.FLAG_AND_DISCARD).rmse();
                out.append(String.format(Locale.ROOT, "- %s dB: flag-and-discard keeps %.1f %% of cells; RMSE autoencoder"
                        + " %.2f K vs flag-and-discard %.2f K: %s%n", r.bin(), 100 * r.smap().retained(), ae, discard,
                        ae < discard ? "met" : "NOT met"));
            }
        }
        return out.toString();
    }

    private static String prf(CellCounts c) {
        if (Double.isNaN(c.recall())) {
            return "–";
        }
        return String.format(Locale.ROOT, "%s / %.2f / %s", Double.isNaN(c.precision()) ? "–"
                : String.format(Locale.ROOT, "%.2f", c.precision()), c.recall(),
                Double.isNaN(c.f1()) ? "–" : String.format(Locale.ROOT, "%.2f", c.f1()));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }

    private static String kelvin(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f K", v);
    }
}
