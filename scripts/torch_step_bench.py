#!/usr/bin/python3
"""PyTorch side of scripts/bench-vs-pytorch: the same models, batch, optimizer and masks as
lth.bench.StepBench. Usage: torch_step_bench.py lenet|conv2|vgg19|vgg19t|resnet20t|conv6t; then
stdin commands "run N" -> "TIMES t1 ... tN" (wall ms per step) and "CPUTIMES c1 ... cN" (process CPU ms per step), "quit".

The *t keys are the reduced tier's networks on 28x28x1 inputs, layer by layer as lth.model builds
them: DL4J's "same" mode gives a 2x2/2 max-pool of an odd side ceil(n/2) outputs (7 -> 4), hence
ceil_mode=True; weight decay (DL4J's l2) is on conv/FC weights only, not on biases or batch norm."""
import sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

MODEL = sys.argv[1] if len(sys.argv) > 1 else "lenet"
torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
torch.manual_seed(1)


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.f = nn.ModuleList([nn.Linear(784, 300), nn.Linear(300, 100), nn.Linear(100, 10)])

    def forward(self, x):
        return self.f[2](F.relu(self.f[1](F.relu(self.f[0](x)))))


class Conv2(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(3, 64, 3, padding=1), nn.Conv2d(64, 64, 3, padding=1)
        self.f1, self.f2, self.out = nn.Linear(64 * 16 * 16, 256), nn.Linear(256, 256), nn.Linear(256, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c2(F.relu(self.c1(x.view(-1, 3, 32, 32))))), 2).flatten(1)
        return self.out(F.relu(self.f2(F.relu(self.f1(x)))))


class VGG19(nn.Module):
    PLAN = [[16, 16], [32, 32], [64] * 4, [128] * 4, [128] * 4]

    def __init__(self):
        super().__init__()
        layers, c = [], 3
        for s, stage in enumerate(self.PLAN):
            for ch in stage:
                layers += [nn.Conv2d(c, ch, 3, padding=1, bias=False), nn.BatchNorm2d(ch), nn.ReLU()]
                c = ch
            if s < len(self.PLAN) - 1:
                layers.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*layers)
        self.out = nn.Linear(c, 10)

    def forward(self, x):
        return self.out(self.features(x.view(-1, 3, 32, 32)).mean((2, 3)))


def pool(x):
    return F.max_pool2d(x, 2, ceil_mode=True)


class Conv6T(nn.Module):
    """Conv-6 at 1/4 width on 28x28x1: conv 16-16-M-32-32-M-64-64-M (28 -> 14 -> 7 -> 4), FC 1024-64-64-10."""

    def __init__(self):
        super().__init__()
        chans, c = [16, 16, 32, 32, 64, 64], 1
        self.convs = nn.ModuleList()
        for ch in chans:
            self.convs.append(nn.Conv2d(c, ch, 3, padding=1))
            c = ch
        self.f1, self.f2, self.out = nn.Linear(64 * 4 * 4, 64), nn.Linear(64, 64), nn.Linear(64, 10)

    def forward(self, x):
        x = x.view(-1, 1, 28, 28)
        for i, conv in enumerate(self.convs):
            x = F.relu(conv(x))
            if i % 2 == 1:
                x = pool(x)
        return self.out(F.relu(self.f2(F.relu(self.f1(x.flatten(1))))))


class VGG19T(nn.Module):
    """VGG-19 at 1/8 width on 28x28x1: 8-8-M-16-16-M-32x4-M-64x4-M-64x4, bias-free conv-BN-ReLU, GAP, FC 10."""
    PLAN = [[8, 8], [16, 16], [32] * 4, [64] * 4, [64] * 4]

    def __init__(self):
        super().__init__()
        layers, c = [], 1
        for s, stage in enumerate(self.PLAN):
            for ch in stage:
                layers += [nn.Conv2d(c, ch, 3, padding=1, bias=False), nn.BatchNorm2d(ch), nn.ReLU()]
                c = ch
            if s < len(self.PLAN) - 1:
                layers.append(nn.MaxPool2d(2, ceil_mode=True))
        self.features = nn.Sequential(*layers)
        self.out = nn.Linear(c, 10)

    def forward(self, x):
        return self.out(self.features(x.view(-1, 1, 28, 28)).mean((2, 3)))


class Block(nn.Module):
    """Basic block: conv-BN-ReLU-conv-BN + shortcut (identity, or 1x1 conv stride s + BN), then ReLU."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1, self.b1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout)
        self.c2, self.b2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout)
        self.sc = None
        if stride != 1 or cin != cout:
            self.sc = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = self.b2(self.c2(F.relu(self.b1(self.c1(x)))))
        return F.relu(y + (x if self.sc is None else self.sc(x)))


class ResNet20T(nn.Module):
    """ResNet-20 at 1/4 width on 28x28x1: stem 4, stages 4/8/16 (28 -> 14 -> 7), 3 blocks each, GAP, FC 10."""

    def __init__(self):
        super().__init__()
        self.stem, self.bn = nn.Conv2d(1, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4)
        blocks, c = [], 4
        for stage, w in enumerate([4, 8, 16]):
            for b in range(3):
                blocks.append(Block(c, w, 2 if stage > 0 and b == 0 else 1))
                c = w
        self.blocks = nn.Sequential(*blocks)
        self.out = nn.Linear(16, 10)

    def forward(self, x):
        x = F.relu(self.bn(self.stem(x.view(-1, 1, 28, 28))))
        return self.out(self.blocks(x).mean((2, 3)))


def sgd_l2_on_weights(net, lr):
    """SGD momentum 0.9 with weight decay 1e-4 on conv/FC weights only (DL4J's l2, as the harness sets it)."""
    decay = [m.weight for m in net.modules() if isinstance(m, (nn.Linear, nn.Conv2d))]
    ids = {id(p) for p in decay}
    rest = [p for p in net.parameters() if id(p) not in ids]
    return torch.optim.SGD([{"params": decay, "weight_decay": 1e-4}, {"params": rest, "weight_decay": 0}],
                           lr=lr, momentum=0.9)


if MODEL == "lenet":
    net, batch, inputs = LeNet(), 60, 784
    opt = torch.optim.Adam(net.parameters(), lr=1.2e-3)
elif MODEL == "conv2":
    net, batch, inputs = Conv2(), 60, 3 * 32 * 32
    opt = torch.optim.Adam(net.parameters(), lr=2e-4)
elif MODEL == "vgg19":
    net, batch, inputs = VGG19(), 64, 3 * 32 * 32
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
elif MODEL == "vgg19t":        # LTH-10 reduced: batch 64, SGD lr 0.1
    net, batch, inputs = VGG19T(), 64, 28 * 28
    opt = sgd_l2_on_weights(net, 0.1)
elif MODEL == "resnet20t":     # LTH-14 reduced: batch 128, SGD lr 0.1
    net, batch, inputs = ResNet20T(), 128, 28 * 28
    opt = sgd_l2_on_weights(net, 0.1)
elif MODEL == "conv6t":        # LTH-8 reduced: batch 60, Adam 3e-4
    net, batch, inputs = Conv6T(), 60, 28 * 28
    opt = torch.optim.Adam(net.parameters(), lr=3e-4)
else:
    raise SystemExit(f"unknown model {MODEL}")
for m in net.modules():
    if isinstance(m, (nn.Linear, nn.Conv2d)):
        nn.init.xavier_normal_(m.weight)
        if m.bias is not None:
            nn.init.zeros_(m.bias)
masks = []
with torch.no_grad():
    for m in net.modules():
        if isinstance(m, (nn.Linear, nn.Conv2d)):
            a = m.weight.abs().flatten()
            k = int(round(0.2 * a.numel()))
            thr = a.sort().values[k - 1]
            mask = (m.weight.abs() > thr).float()
            m.weight.mul_(mask)
            masks.append((m.weight, mask))
n = batch * 20
X = torch.rand(n, inputs)
Y = torch.arange(n) % 10
bx = [X[b * batch:(b + 1) * batch] for b in range(20)]
by = [Y[b * batch:(b + 1) * batch] for b in range(20)]
it = 0
net.train()


def step():
    global it
    b = it % 20
    it += 1
    opt.zero_grad(set_to_none=True)
    F.cross_entropy(net(bx[b]), by[b]).backward()
    opt.step()
    with torch.no_grad():
        for w, m in masks:
            w.mul_(m)


print(f"READY torch {torch.__version__} {MODEL} threads={torch.get_num_threads()}", flush=True)
for line in sys.stdin:
    line = line.strip()
    if line == "quit":
        break
    if line.startswith("run "):
        times, cpu = [], []
        for _ in range(int(line[4:])):
            c0, t0 = time.process_time(), time.perf_counter()
            step()
            times.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
        print("TIMES " + " ".join(f"{t:.4f}" for t in times), flush=True)
        print("CPUTIMES " + " ".join(f"{t:.4f}" for t in cpu), flush=True)
