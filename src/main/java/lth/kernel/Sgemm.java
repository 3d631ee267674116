package lth.kernel;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;

/**
 * Column-major single-precision GEMM on INDArray memory, through the same {@code cblas_sgemm}
 * (OpenBLAS, bundled with nd4j-native) that ND4J's own {@code CpuLevel3.sgemm} calls, without the
 * ~10–25 µs of ND4J's Java-side wrapping per call (most of the call for the small layers).
 */
final class Sgemm {
    static {
        Loader.load(openblas_nolapack.class);
    }

    private Sgemm() { }

    /**
     * {@code C = op(A)·op(B)}, column-major: C is m×n with leading dimension ldc, op(A) m×k, op(B) k×n.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     FloatPointer a, int lda, FloatPointer b, int ldb, FloatPointer c, int ldc) {
        openblas_nolapack.cblas_sgemm(CblasColMajor, transA ? CblasTrans : CblasNoTrans,
                transB ? CblasTrans : CblasNoTrans, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc);
    }
}
