package lth.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import lth.report.Charts.ArmSeries;
import lth.report.Charts.PaperPoint;
import org.junit.jupiter.api.Test;

class ChartsTest {
    private static final double[] PM = {100, 51.3, 21.1, 7.0, 3.6, 1.9};
    private static final double[][] SEEDS = {
        {0.980, 0.981, 0.979}, {0.982, 0.983, 0.981}, {0.983, 0.984, 0.982},
        {0.981, 0.982, 0.980}, {0.978, 0.980, 0.976}, {0.970, 0.973, 0.965}};

    @Test
    void metricVsPmIsAPngOfTheDeclaredSize() throws IOException {
        for (boolean logX : new boolean[] {false, true}) {
            byte[] png = Charts.metricVsPm("Test accuracy", "accuracy",
                    List.of(new ArmSeries("winning ticket", PM, SEEDS)),
                    List.of(new PaperPoint("paper", 51.3, 0.984), new PaperPoint("paper", 3.6, 0.98)), logX);
            BufferedImage img = decode(png);
            assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
            assertThat(img.getHeight()).isEqualTo(Charts.HEIGHT);
        }
    }

    @Test
    void paperPointsAreDrawnInBlack() throws IOException {
        ArmSeries arm = new ArmSeries("arm", PM, SEEDS);
        BufferedImage without = decode(Charts.metricVsPm("t", "y", List.of(arm), List.of(), false));
        BufferedImage with = decode(Charts.metricVsPm("t", "y", List.of(arm),
                List.of(new PaperPoint("paper", 21.1, 0.975)), false));
        // Same axes (the paper point lies inside the data range), so extra black pixels are the marker
        // and its legend entry.
        assertThat(countBlack(with)).isGreaterThan(countBlack(without) + 20);
    }

    @Test
    void curveIsAPng() throws IOException {
        Map<String, double[][]> xy = new LinkedHashMap<>();
        xy.put("Pm 100", new double[][] {{0, 100, 200}, {0.5, 0.2, 0.1}});
        xy.put("Pm 7.0", new double[][] {{0, 100, 200}, {0.6, 0.25, 0.08}});
        BufferedImage img = decode(Charts.curve("Validation loss", "iteration", "loss", xy));
        assertThat(img.getWidth()).isEqualTo(Charts.WIDTH);
    }

    @Test
    void pmTickLabelsLookLikeThePapers() {
        assertThat(Charts.formatPm(100)).isEqualTo("100");
        assertThat(Charts.formatPm(51.3)).isEqualTo("51.3");
        assertThat(Charts.formatPm(7.0)).isEqualTo("7.0");
        assertThat(Charts.formatPm(0.25)).isEqualTo("0.25");
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        assertThat(png).isNotEmpty();
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img).as("decodes as an image").isNotNull();
        return img;
    }

    private static int countBlack(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == 0) {
                    n++;
                }
            }
        }
        return n;
    }
}
