#!/usr/bin/python3
"""PyTorch side of scripts/bench-vs-pytorch: the same models, batch, optimizer and masks as
lth.bench.StepBench. Usage: torch_step_bench.py lenet|conv2|vgg19; then stdin commands
"run N" -> "TIMES t1 ... tN" (ms per step), "quit"."""
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


if MODEL == "lenet":
    net, batch, inputs = LeNet(), 60, 784
    opt = torch.optim.Adam(net.parameters(), lr=1.2e-3)
elif MODEL == "conv2":
    net, batch, inputs = Conv2(), 60, 3 * 32 * 32
    opt = torch.optim.Adam(net.parameters(), lr=2e-4)
else:
    net, batch, inputs = VGG19(), 64, 3 * 32 * 32
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
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
        times = []
        for _ in range(int(line[4:])):
            t0 = time.perf_counter()
            step()
            times.append((time.perf_counter() - t0) * 1e3)
        print("TIMES " + " ".join(f"{t:.4f}" for t in times), flush=True)
