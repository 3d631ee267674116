package lth.kernel;

import lth.model.Architectures;
import lth.model.ModelSpec;
import lth.model.Network;
import lth.model.Optimizer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuffersTest {
    static void assertSameMemory(INDArray a) {
        FloatBuffer fb = Buffers.of(a);
        assertThat(fb.remaining()).isEqualTo((int) a.length());
        float[] expected = a.dup(a.ordering()).data().asFloat();
        float[] actual = new float[expected.length];
        fb.get(0, actual);
        assertThat(actual).isEqualTo(expected);
        fb.put(0, 12345f);                                   // writes land in the array itself
        assertThat(a.dup(a.ordering()).data().asFloat()[0]).isEqualTo(12345f);
    }

    @Test
    @DisplayName("row-range views (at 0: the original buffer; further: own, already offset buffers), views of views, DL4J parameter views and whole arrays "
            + "map to their own memory")
    void views() {
        INDArray whole = Nd4j.rand(DataType.FLOAT, 50, 7);
        assertSameMemory(whole);
        INDArray rows = Nd4j.rand(DataType.FLOAT, 50, 7).get(NDArrayIndex.interval(20, 30), NDArrayIndex.all());
        assertThat(rows.offset()).isEqualTo(140);
        assertSameMemory(rows);
        assertSameMemory(Nd4j.rand(DataType.FLOAT, 50, 7).get(NDArrayIndex.interval(0, 20), NDArrayIndex.all()));
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 1000);
        INDArray inner = flat.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(100, 900));
        assertSameMemory(inner.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(50, 150)));
        assertSameMemory(Nd4j.rand(DataType.FLOAT, 'f', 13L, 11L));

        Network net = Architectures.build(new ModelSpec("lenet-300-100", 1.0), Optimizer.adam(1.2e-3), 1, 1, 28, 28, 10);
        for (String key : new String[]{"0_W", "1_W", "1_b", "2_W", "2_b"}) {
            INDArray p = net.net().getParam(key);
            float[] before = p.dup(p.ordering()).data().asFloat();
            float[] actual = new float[before.length];
            Buffers.of(p).get(0, actual);
            assertThat(actual).as(key).isEqualTo(before);
        }
    }

    @Test
    @DisplayName("strided views and non-float arrays are refused")
    void refusesStrided() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 10, 10);
        assertThatThrownBy(() -> Buffers.of(a.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Buffers.of(Nd4j.rand(DataType.DOUBLE, 3, 3))).isInstanceOf(IllegalArgumentException.class);
    }
}
