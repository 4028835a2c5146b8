package dev.quarry.engine.report;

import dev.quarry.engine.io.AtomicFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Test accuracy against labeled items, one curve per strategy, as a PNG drawn with XChart. */
public final class LearningCurveChart {

    private LearningCurveChart() {}

    /**
     * Draws the chart and writes it atomically.
     *
     * @param png the target file
     * @param title the chart title
     * @param curves the curves
     * @throws IOException if writing fails
     */
    public static void write(Path png, String title, List<Curve> curves) throws IOException {
        byte[] bytes = render(title, curves);
        AtomicFiles.write(png, out -> out.write(bytes));
    }

    static byte[] render(String title, List<Curve> curves) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("labeled items").yAxisTitle("test accuracy").build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideSE);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setYAxisDecimalPattern("0.000");
        for (Curve c : curves) {
            XYSeries s = c.spread() == null
                    ? chart.addSeries(c.name(), c.labeled(), c.accuracy())
                    : chart.addSeries(c.name(), c.labeled(), c.accuracy(), c.spread());
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", png);
        return png.toByteArray();
    }
}
