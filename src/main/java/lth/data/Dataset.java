package lth.data;

/**
 * A labeled image dataset held in memory: {@code pixels} is row-major, one example of
 * {@code channels*height*width} floats after another, already scaled as the loader documents
 * (MNIST-like: 0..1). {@code source} names where the examples came from (file, package, version),
 * so every report can say which data produced a verdict.
 */
public record Dataset(String name, String source, int channels, int height, int width,
                      int numClasses, float[] pixels, int[] labels) {

    public Dataset {
        int dim = channels * height * width;
        if (dim <= 0) throw new IllegalArgumentException("empty example shape for " + name);
        if (pixels.length != (long) labels.length * dim)
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixels for "
                    + labels.length + " labels of " + dim + " values");
    }

    public int size() { return labels.length; }

    public int exampleLength() { return channels * height * width; }

    /** The examples at the given indices, in that order, as a new dataset. */
    public Dataset subset(int[] indices, String newName) {
        int dim = exampleLength();
        float[] p = new float[indices.length * dim];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * dim, p, i * dim, dim);
            l[i] = labels[indices[i]];
        }
        return new Dataset(newName, source, channels, height, width, numClasses, p, l);
    }
}
