"""The cases of gankit's `pnpm bench` in PyTorch on one thread; prints one JSON line of medians (ms)."""
import argparse
import json
import statistics
import time

import torch
from torch import nn

from common import Reshape

torch.set_num_threads(1)
torch.manual_seed(0)


def median_ms(fn, reps, warmup=3):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def gan_step_fn(G, D, x, z_dim, loss, real_target=None):
    d_opt = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5 if z_dim == 100 else 0.9, 0.999))
    g_opt = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5 if z_dim == 100 else 0.9, 0.999))
    n = x.shape[0]
    ones = torch.ones(n, 1)
    zeros = torch.zeros(n, 1)

    def step():
        fake = G(torch.randn(n, z_dim)).detach()
        d_loss = loss(D(x), ones) + loss(D(fake), zeros)
        d_opt.zero_grad()
        d_loss.backward()
        d_opt.step()
        g_loss = loss(D(G(torch.randn(n, z_dim))), ones)
        g_opt.zero_grad()
        g_loss.backward()
        g_opt.step()

    return step


def mlp_gan_step():
    # yunjey/pytorch-tutorial's MNIST GAN.
    D = nn.Sequential(nn.Linear(784, 256), nn.LeakyReLU(0.2), nn.Linear(256, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1), nn.Sigmoid())
    G = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 784), nn.Tanh())
    return gan_step_fn(G, D, torch.rand(100, 784) * 2 - 1, 64, nn.BCELoss())


def dcgan_step():
    # Same networks as gankit's plain DCGAN (dense: 0): padding chosen so 7 -> 14 -> 28 and 28 -> 14 -> 7.
    G = nn.Sequential(
        nn.Linear(100, 7 * 7 * 128, bias=False), nn.BatchNorm1d(7 * 7 * 128), nn.ReLU(), Reshape(128, 7, 7),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())
    D = nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(7 * 7 * 128, 1))
    return gan_step_fn(G, D, torch.rand(64, 1, 28, 28) * 2 - 1, 100, nn.BCEWithLogitsLoss())


def matmul(n, ta, tb):
    a, b = torch.rand(n, n), torch.rand(n, n)
    return lambda: (a.t() if ta else a).matmul(b.t() if tb else b).contiguous()


def conv2d_dcgan():
    x, w = torch.rand(64, 64, 14, 14), torch.rand(128, 64, 4, 4)
    return lambda: torch.nn.functional.conv2d(x, w, stride=2, padding=1)


def conv2d_transpose_k5():
    x, w = torch.rand(64, 128, 7, 7), torch.rand(128, 64, 5, 5)
    return lambda: torch.nn.functional.conv_transpose2d(x, w, stride=2, padding=2, output_padding=1)


def conv2d_backprop_filter():
    x, dy = torch.rand(64, 64, 14, 14), torch.rand(64, 128, 7, 7)
    return lambda: torch.nn.grad.conv2d_weight(x, (128, 64, 4, 4), dy, stride=2, padding=1)


CASES = {
    'mlp_gan_step': mlp_gan_step,
    'dcgan_step': dcgan_step,
    'matmul_1024': lambda: matmul(1024, False, False),
    'matmul_512_tA': lambda: matmul(512, True, False),
    'matmul_512_tB': lambda: matmul(512, False, True),
    'conv2d_dcgan': conv2d_dcgan,
    'conv2d_transpose_k5': conv2d_transpose_k5,
    'conv2d_backprop_filter': conv2d_backprop_filter,
}

if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--reps', type=int, default=30)
    parser.add_argument('--cases', default=','.join(CASES))
    args = parser.parse_args()
    out = {}
    for key in args.cases.split(','):
        if key in CASES:
            with torch.no_grad() if key.startswith(('matmul', 'conv')) else torch.enable_grad():
                out[key] = median_ms(CASES[key](), args.reps)
    print(json.dumps({'version': torch.__version__, 'threads': torch.get_num_threads(), 'ms': out}))
