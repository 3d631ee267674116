package lth.train;

import lth.data.Dataset;
import lth.data.Splits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A split's examples as INDArrays, made once per JVM and shared read-only by all trials. */
public record Tensors(INDArray features, INDArray labels, int[] classes) {
    private static final Map<Dataset, Tensors> CACHE = new ConcurrentHashMap<>();

    public static Tensors of(Dataset d) {
        return CACHE.computeIfAbsent(d, Tensors::build);
    }

    public static Tensors train(Splits s) { return of(s.train()); }

    private static Tensors build(Dataset d) {
        INDArray x = Nd4j.create(d.pixels(), new long[]{d.size(), d.exampleLength()}, 'c');
        INDArray y = Nd4j.zeros(DataType.FLOAT, d.size(), d.numClasses());
        for (int i = 0; i < d.size(); i++) y.putScalar(i, d.labels()[i], 1f);
        return new Tensors(x, y, d.labels());
    }

    public int size() { return classes.length; }
}
