#!/usr/bin/python3
"""Splits async-profiler's collapsed stacks of a StepBench run (scripts/profile-step) into where a
training step's CPU time goes: per layer kind (convolution, batch norm, pooling, ReLU, FC/output,
optimizer update, mask constraints, score/regularization) and per kind of work (native compute,
JavaCPP's memory check, pointer/workspace allocation, malloc and page faults, copies, other per-op
Java overhead). Only samples inside the timed step (StepBench's step lambda) count.
Usage: step_profile_split.py FILE.collapsed"""
import collections, re, sys

LAYER = [  # first match, from the leaf towards the root
    ("mask constraints", r"applyConstraints|MaskConstraint"),
    ("optimizer update", r"updateGradientAccordingToParams|BaseMultiLayerUpdater\.update|ComputationGraphUpdater|UpdaterBlock"),
    ("score/regularization", r"calcRegularizationScore|computeScore"),
    ("batch norm", r"BatchNormalization\.|BatchNormKernels|FastBatchNorm"),
    ("pooling", r"SubsamplingLayer|GlobalPoolingLayer|MKLDNNSubsampling|FastMaxPooling|MaxPoolKernels"),
    ("ReLU", r"ActivationLayer|FastRelu"),
    ("elementwise add (ResNet)", r"ElementWiseVertex"),
    ("convolution", r"ConvolutionLayer|CachingConvolution|MKLDNNConv"),
    ("FC/output", r"DenseLayer|CachingDense|OutputLayer|BaseOutputLayer|BaseLayer\."),
]
WORK = [  # by the stack: first match
    ("JavaCPP physical-memory check (/proc read)", lambda fr, leaf: any("physicalBytes" in f for f in fr)),
    ("JavaCPP pointers / deallocators", lambda fr, leaf: any(re.search(r"javacpp/Pointer|javacpp/LongPointer|DeallocatorService|PointerPointer", f) for f in fr[-6:])),
    ("malloc/free, page faults, memset", lambda fr, leaf: re.search(r"malloc|_int_free|__libc_free|unlink_chunk|memset|page_fault|clear_page|_\[k\]", leaf) is not None),
    ("copies (memmove/arraycopy/dup/assign)", lambda fr, leaf: re.search(r"memmove|memcpy|arraycopy|copyMemory|FloatBuffer\.get|jlong_disjoint", leaf) is not None),
    ("native compute (oneDNN/libnd4j/BLAS)", lambda fr, leaf: re.search(r"dnnl|\[unknown\]|functions::|simdOps|sgemm|openblas|_kernel|sd::ops::.*(conv|pool|batch)", leaf) is not None),
    ("Java compute loops (lth.kernel, updater)", lambda fr, leaf: re.search(r"^lth/|Momentum|ChunkedAdam|FusedAdam", leaf) is not None),
    ("other per-op overhead (NDArray/shape info/op setup/JIT stubs)", lambda fr, leaf: True),
]


def main(path):
    total = 0
    by_layer, by_work, cross = collections.Counter(), collections.Counter(), collections.Counter()
    for line in open(path):
        stack, n = line.rsplit(" ", 1)
        n, frames = int(n), stack.split(";")
        if not any("StepBench.lambda$" in f for f in frames):
            continue
        total += n
        layer = "other (fit loop, data, listeners)"
        for f in reversed(frames):
            hit = next((name for name, rx in LAYER if re.search(rx, f)), None)
            if hit:
                layer = hit
                break
        work = next(name for name, test in WORK if test(frames, frames[-1]))
        by_layer[layer] += n; by_work[work] += n; cross[(layer, work)] += n
    print(f"{path}: {total} samples in the step")
    print("by layer:")
    for k, v in by_layer.most_common():
        top = ", ".join(f"{w.split(' (')[0]} {100 * c / total:.1f}" for (l, w), c in cross.most_common() if l == k and 100 * c / total >= 0.5)
        print(f"  {100 * v / total:5.1f}%  {k}   [{top}]")
    print("by kind of work:")
    for k, v in by_work.most_common():
        print(f"  {100 * v / total:5.1f}%  {k}")


if __name__ == "__main__":
    main(sys.argv[1])
