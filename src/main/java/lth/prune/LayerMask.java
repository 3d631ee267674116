package lth.prune;

import lth.model.PrunableParam;

/** The keep-mask (1 = kept, 0 = pruned) of one weight tensor, in the tensor's C order. */
public record LayerMask(PrunableParam param, float[] keep) {
    public LayerMask {
        if (keep.length != param.size())
            throw new IllegalArgumentException(param.key() + ": mask of " + keep.length
                    + " for " + param.size() + " weights");
    }

    public long kept() {
        long n = 0;
        for (float k : keep) if (k != 0f) n++;
        return n;
    }
}
