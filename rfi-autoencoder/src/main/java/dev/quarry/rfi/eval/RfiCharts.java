package dev.quarry.rfi.eval;

import dev.quarry.rfi.sim.Footprint;
import dev.quarry.rfi.sim.Radiometer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, as PNG files (XChart). */
public final class RfiCharts {

    private RfiCharts() {}

    /**
     * Footprint T_B RMSE per INR bin for each method (all RFI types pooled), log scale.
     *
     * @param summary the summary
     * @param file the PNG
     * @throws IOException when writing fails
     */
    public static void rmseVsInr(MitigationSummary summary, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("Footprint T_B RMSE vs INR")
                .xAxisTitle("INR bin centre (dB)").yAxisTitle("RMSE (K)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        for (Method method : Method.values()) {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (SummaryRow row : pooled(summary)) {
                double rmse = row.errors().get(method).rmse();
                if (rmse > 0) {
                    x.add(row.bin().centre());
                    y.add(rmse);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(method.label(), x, y).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile());
    }

    /**
     * Data kept per INR bin: SMAP's unflagged cells and usable footprints; the autoencoder keeps all.
     *
     * @param summary the summary
     * @param file the PNG
     * @throws IOException when writing fails
     */
    public static void retainedVsInr(MitigationSummary summary, Path file) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("Data retained vs INR")
                .xAxisTitle("INR bin centre (dB)").yAxisTitle("fraction kept").build();
        List<Double> x = new ArrayList<>();
        List<Double> cells = new ArrayList<>();
        List<Double> footprints = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (SummaryRow row : pooled(summary)) {
            x.add(row.bin().centre());
            cells.add(row.smap().retained());
            footprints.add(row.usable());
            all.add(1.0);
        }
        if (!x.isEmpty()) {
            chart.addSeries("flag-and-discard: cells kept", x, cells).setMarker(SeriesMarkers.CIRCLE);
            chart.addSeries("flag-and-discard: footprints usable", x, footprints).setMarker(SeriesMarkers.DIAMOND);
            chart.addSeries("autoencoder: everything kept", x, all).setMarker(SeriesMarkers.NONE);
        }
        ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", file.toFile());
    }

    /**
     * V-polarization spectrograms of a few footprints: measured, the truth without RFI, and the
     * autoencoder's output, one footprint per row.
     *
     * @param footprints the footprints
     * @param mitigated the autoencoder output, aligned with {@code footprints}
     * @param indices which footprints to show
     * @param file the PNG
     * @throws IOException when writing fails
     */
    public static void examples(List<Footprint> footprints, float[] mitigated, int[] indices, Path file)
            throws IOException {
        List<Chart<?, ?>> charts = new ArrayList<>();
        for (int index : indices) {
            Footprint f = footprints.get(index);
            float[] clean = f.cleanCells();
            float[] output = new float[Radiometer.CELLS];
            System.arraycopy(mitigated, index * Radiometer.CELLS, output, 0, Radiometer.CELLS);
            String what = String.format(Locale.ROOT, "%s, INR %.1f dB, T_B %.1f K", f.label(), f.inrDb(), f.sceneKelvin());
            charts.add(heatMap("measured: " + what, f.cells()));
            charts.add(heatMap("truth without RFI", clean));
            charts.add(heatMap("autoencoder output", output));
        }
        BitmapEncoder.saveBitmap(charts, indices.length, 3, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static HeatMapChart heatMap(String title, float[] cells) {
        HeatMapChart chart = new HeatMapChartBuilder().width(420).height(360).title(title)
                .xAxisTitle("packet (1.2 ms)").yAxisTitle("sub-band").build();
        chart.getStyler().setShowValue(false);
        chart.getStyler().setLegendVisible(true);
        List<Integer> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int p = 0; p < Radiometer.PACKETS; p++) {
            x.add(p);
        }
        for (int c = 0; c < Radiometer.CHANNELS; c++) {
            y.add(c);
        }
        List<Number[]> heat = new ArrayList<>();
        for (int c = 0; c < Radiometer.CHANNELS; c++) {
            for (int p = 0; p < Radiometer.PACKETS; p++) {
                heat.add(new Number[] {p, c, Math.round(cells[Radiometer.cell(0, c, p)] * 10) / 10.0});
            }
        }
        chart.addSeries("K", x, y, heat);
        return chart;
    }

    private static List<SummaryRow> pooled(MitigationSummary summary) {
        return summary.rows().stream().filter(r -> r.type().equals(MitigationSummary.ALL) && !r.bin().isClean()).toList();
    }
}
