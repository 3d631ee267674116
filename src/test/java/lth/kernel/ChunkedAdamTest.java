package lth.kernel;

import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkedAdamTest {
    static float[] values(int n, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(40);
            v[i] = k == 0 ? 0f : k == 1 ? -0f : k == 2 ? (float) r.nextGaussian() * 1e-38f : (float) (r.nextGaussian() * scale);
        }
        return v;
    }

    @Test
    @DisplayName("the chunked updater equals ND4J's Adam op bit for bit (update and both moments), across chunk "
            + "boundaries, a schedule and far iterations")
    void sameAsNd4j() {
        int n = 2048 * 3 + 77;
        ChunkedAdam cfg = new ChunkedAdam(new StepSchedule(ScheduleType.ITERATION, 2e-4, 0.5, 5));
        Adam plain = new Adam(new StepSchedule(ScheduleType.ITERATION, 2e-4, 0.5, 5));
        INDArray stateA = Nd4j.create(DataType.FLOAT, 1, 2L * n), stateB = Nd4j.create(DataType.FLOAT, 1, 2L * n);
        GradientUpdater<?> a = cfg.instantiate(stateA, true), b = plain.instantiate(stateB, true);
        assertThat(a).isInstanceOf(ChunkedAdam.Updater.class);
        int[] its = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1023, 1024, 50000, 112479};
        for (int it : its) {
            float[] g = values(n, it, Math.pow(10, it % 5 - 3));
            INDArray ga = Nd4j.create(g.clone(), new long[]{1, n}), gb = Nd4j.create(g, new long[]{1, n});
            a.applyUpdater(ga, it, 0);
            b.applyUpdater(gb, it, 0);
            assertThat(ga.data().asFloat()).as("update at iteration %d", it).isEqualTo(gb.data().asFloat());
            assertThat(stateA.data().asFloat()).as("moments at iteration %d", it).isEqualTo(stateB.data().asFloat());
        }
    }

    @Test
    @DisplayName("configurations: clone keeps the class and hyperparameters; networks built for 'adam' use it")
    void configuration() {
        ChunkedAdam c = new ChunkedAdam(3e-4);
        c.setBeta2(0.99);
        Adam copy = c.clone();
        assertThat(copy).isInstanceOf(ChunkedAdam.class).isEqualTo(c);
        assertThat(copy.getBeta2()).isEqualTo(0.99);
        Network net = Architectures.build(new ModelSpec("conv-2", 0.125), Optimizer.adam(2e-4), 1, 1, 28, 28, 10);
        var mln = (MultiLayerNetwork) net.net();
        for (int i = 0; i < mln.getnLayers(); i++)
            if (mln.getLayerWiseConfigurations().getConf(i).getLayer() instanceof BaseLayer bl)
                assertThat(bl.getIUpdater()).isInstanceOf(ChunkedAdam.class);
    }

    @Test
    @DisplayName("a conv net trained by DL4J's fit is bit-identical with the chunked updater and with ND4J's Adam")
    void sameTraining() {
        MultiLayerNetwork x = conv(true), y = conv(false);
        assertThat(x.params().data().asFloat()).isEqualTo(y.params().data().asFloat());
        SplittableRandom r = new SplittableRandom(4);
        for (int step = 0; step < 6; step++) {
            float[] px = new float[8 * 784];
            for (int i = 0; i < px.length; i++) px[i] = (float) r.nextDouble();
            INDArray labels = Nd4j.zeros(DataType.FLOAT, 8, 10);
            for (int i = 0; i < 8; i++) labels.putScalar(i, r.nextInt(10), 1f);
            DataSet d = new DataSet(Nd4j.create(px, new long[]{8, 784}), labels);
            x.fit(d);
            y.fit(d);
            assertThat(x.params().data().asFloat()).as("after step %d", step).isEqualTo(y.params().data().asFloat());
        }
    }

    private static MultiLayerNetwork conv(boolean chunked) {
        Network n = Architectures.build(new ModelSpec("conv-2", 0.125), Optimizer.adam(2e-4), 7, 1, 28, 28, 10);
        MultiLayerNetwork net = (MultiLayerNetwork) n.net();
        if (!chunked) {
            var conf = net.getLayerWiseConfigurations().clone();
            for (var c : conf.getConfs())
                if (c.getLayer() instanceof BaseLayer bl) {
                    bl.setIUpdater(new Adam(2e-4));
                    bl.setBiasUpdater(null);
                }
            MultiLayerNetwork plain = new MultiLayerNetwork(conf);
            plain.init(net.params().dup(), true);
            return plain;
        }
        return net;
    }
}
