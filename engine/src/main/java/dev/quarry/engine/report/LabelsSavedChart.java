package dev.quarry.engine.report;

import dev.quarry.engine.io.AtomicFiles;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * The labels each strategy saves against the baseline, in %, one bar per accuracy target with ±
 * one standard deviation over seeds. Where a strategy or the baseline did not reach a target the
 * bar is drawn at 0 (the tables say "not reached").
 */
public final class LabelsSavedChart {

    private LabelsSavedChart() {}

    /**
     * Draws the chart and writes it atomically.
     *
     * @param png the target file
     * @param title the chart title
     * @param saved the report
     * @throws IOException if writing fails
     */
    public static void write(Path png, String title, LabelsSaved saved) throws IOException {
        byte[] bytes = render(title, saved);
        AtomicFiles.write(png, out -> out.write(bytes));
    }

    static byte[] render(String title, LabelsSaved saved) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560).title(title)
                .xAxisTitle("strategy").yAxisTitle("labels saved against " + saved.baseline() + " (%)").build();
        CategoryStyler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setErrorBarsColorSeriesColor(true);
        styler.setYAxisDecimalPattern("0.0");
        List<String> strategies = new ArrayList<>();
        for (LabelsSaved.Row row : saved.rows()) {
            if (!row.strategy().equals(saved.baseline())) {
                strategies.add(row.strategy());
            }
        }
        if (strategies.isEmpty()) {
            strategies.add(saved.baseline()); // a comparison of the baseline alone: an empty chart, not an error
        }
        for (int t = 0; t < saved.targets().size(); t++) {
            List<Double> mean = new ArrayList<>();
            List<Double> spread = new ArrayList<>();
            for (String strategy : strategies) {
                LabelsSaved.Cell cell = saved.rows().stream().filter(r -> r.strategy().equals(strategy)).findFirst()
                        .orElseThrow().cells().get(t);
                boolean known = cell.paired() > 0 && !strategy.equals(saved.baseline());
                mean.add(known ? cell.meanSavingPercent() : 0.0);
                spread.add(known ? cell.stdSavingPercent() : 0.0);
            }
            LabelsSaved.Target target = saved.targets().get(t);
            chart.addSeries("to reach " + target.label(), strategies, mean, spread);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out);
        return out.toByteArray();
    }
}
