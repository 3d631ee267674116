package lth.model;

import lth.prune.Mask;
import lth.train.Trainer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Measures training-step times (masks installed) to size the run profiles. Not part of the suite
 * (the name does not match surefire's patterns): run with {@code mvn -o -q test -Dtest=StepTimeProbe}.
 * Prints; asserts nothing. {@code -Dlth.probe.models=conv-2@1@60,...} picks models (name@width@batch, and
 * optionally @size for a size×size×3 input: {@code resnet-50@0.125@32@224}; 1000 classes at 224, else 10).
 */
class StepTimeProbe {
    @Test
    void stepTimes() {
        String spec = System.getProperty("lth.probe.models",
                "conv-2@0.25@60,conv-2@1@60,vgg-19@0.25@64,vgg-19@0.25@60,resnet-20@1@128");
        for (String s : spec.split(",")) {
            String[] p = s.split("@");
            probe(p[0], Double.parseDouble(p[1]), Integer.parseInt(p[2]), p.length > 3 ? Integer.parseInt(p[3]) : 32);
        }
    }

    static void probe(String name, double width, int batch, int size) {
        int classes = size == 224 ? 1000 : 10;
        Optimizer opt = name.startsWith("conv") ? Optimizer.adam(2e-4) : Optimizer.sgd(0.1).withSchedule(10_000, null, 0.1);
        Network n = Architectures.build(new ModelSpec(name, width), opt, 1, 3, size, size, classes);
        Trainer.installMasks(n, Mask.dense(n.prunable()));
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 3 * size * size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, classes);
        for (int i = 0; i < batch; i++) y.putScalar(i, i % classes, 1f);
        DataSet ds = new DataSet(x, y);
        for (int i = 0; i < 2; i++) n.fit(ds);
        long budget = 40_000_000_000L, start = System.nanoTime();
        double[] ms = new double[12], cpu = new double[12];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int k = 0;
        while (k < ms.length && (k < 3 || System.nanoTime() - start < budget)) {
            long t = System.nanoTime(), c = threads.getCurrentThreadCpuTime();
            n.fit(ds);
            ms[k] = (System.nanoTime() - t) / 1e6;
            cpu[k++] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
        }
        double[] m = Arrays.copyOf(ms, k), cm = Arrays.copyOf(cpu, k);
        Arrays.sort(m);
        Arrays.sort(cm);
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // With OMP_NUM_THREADS=1 the native ops run on the calling thread, so its CPU time is the
        // step's own compute, independent of other processes competing for the cores.
        System.out.printf("STEP %-10s %dx%d width %-5s batch %-4d weights %,11d: wall median %8.1f ms (min %8.1f, max %8.1f), "
                        + "thread CPU median %8.1f ms (%d steps, OMP_NUM_THREADS=%s, load %.1f)%n",
                name, size, size, width, batch, n.totalWeights(), m[k / 2], m[0], m[k - 1], cm[k / 2], k,
                System.getenv("OMP_NUM_THREADS"), load);
    }
}
