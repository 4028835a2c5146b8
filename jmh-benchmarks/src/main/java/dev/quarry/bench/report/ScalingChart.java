package dev.quarry.bench.report;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Time against size on log-log axes for a suite whose first row parameter is a size: one line per
 * other row parameter value for the call and its baseline, and one for the floor. Straight, parallel
 * lines mean the same cost per item at every size.
 */
final class ScalingChart {

    private ScalingChart() {}

    /**
     * Whether a suite gets a chart: its first row parameter is numeric with at least three values.
     *
     * @param layout the suite
     * @param results its results
     * @return true to draw one
     */
    static boolean applies(SuiteLayout layout, List<JmhMeasurement> results) {
        String size = layout.rowParams().get(0);
        List<String> values = results.stream().filter(m -> m.method().equals(layout.subject()))
                .map(m -> m.params().get(size)).distinct().collect(Collectors.toList());
        return values.size() >= 3 && values.stream().allMatch(MarkdownReport::isNumber);
    }

    /**
     * The chart's file name in the report's folder.
     *
     * @param layout the suite
     * @return {@code <file>.png}
     */
    static String fileName(SuiteLayout layout) {
        return layout.file() + ".png";
    }

    /**
     * Draws the chart.
     *
     * @param png the file
     * @param layout the suite
     * @param results its results
     * @throws IOException if it cannot be written
     */
    static void write(Path png, SuiteLayout layout, List<JmhMeasurement> results) throws IOException {
        String size = layout.rowParams().get(0);
        XYChart chart = new XYChartBuilder().width(900).height(560).title(layout.title())
                .xAxisTitle(size).yAxisTitle(layout.unit() + " per call").build();
        Styler styler = chart.getStyler();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        styler.setLegendPosition(Styler.LegendPosition.InsideNW);
        styler.setChartBackgroundColor(Color.WHITE);
        double scale = layout.unit().equals("ms") ? 1e-3 : 1;
        addLines(chart, results, layout.subject(), "Quarry", size, scale);
        if (layout.baseline() != null) {
            addLines(chart, results, layout.baseline(), layout.baselineLabel(), size, scale);
        }
        if (layout.floor() != null) {
            List<JmhMeasurement> floors = results.stream().filter(m -> m.method().equals(layout.floor()))
                    .map(m -> m.times(layout.floorRepeats())).collect(Collectors.toList());
            addLines(chart, floors, layout.floor(), layout.floorLabel(), size, scale);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out);
        Files.write(png, out.toByteArray());
    }

    /** One line per value of the parameters other than the size. */
    private static void addLines(XYChart chart, List<JmhMeasurement> results, String method, String label, String size,
            double scale) {
        Map<String, List<JmhMeasurement>> lines = new TreeMap<>();
        for (JmhMeasurement m : results) {
            if (m.method().equals(method)) {
                String rest = m.params().entrySet().stream().filter(e -> !e.getKey().equals(size))
                        .map(Map.Entry::getValue).collect(Collectors.joining(" "));
                lines.computeIfAbsent(rest, k -> new ArrayList<>()).add(m);
            }
        }
        lines.forEach((rest, points) -> {
            points.sort((a, b) -> Double.compare(Double.parseDouble(a.params().get(size)),
                    Double.parseDouble(b.params().get(size))));
            double[] x = points.stream().mapToDouble(p -> Double.parseDouble(p.params().get(size))).toArray();
            double[] y = points.stream().mapToDouble(p -> p.seconds() / scale).toArray();
            chart.addSeries((rest.isEmpty() ? "" : rest + ", ") + label, x, y).setMarker(SeriesMarkers.CIRCLE);
        });
    }
}
