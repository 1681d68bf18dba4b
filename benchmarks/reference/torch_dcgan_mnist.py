"""gankit's default DCGAN trained in PyTorch, as the reference for gankit's DCGAN quality.

    /usr/bin/python3 benchmarks/reference/torch_dcgan_mnist.py --mnist <dir of IDX files> \
        --epochs 2 --out samples.f32 [--seed 0] [--threads 1] [--every 1]

The same networks, initialisation, loss, optimiser and batch size as gankit's `DCGAN`
defaults: G z(100) -> Dense 7*7*128 (no bias), BatchNorm, ReLU -> ConvTranspose 64 k4 s2
(no bias), BatchNorm, ReLU -> ConvTranspose 1 k4 s2, Tanh; D Conv 64 k4 s2, LeakyReLU 0.2 ->
Conv 128 k4 s2 (no bias), BatchNorm, LeakyReLU 0.2 -> Dense 1 (a logit); weights N(0, 0.02),
BatchNorm scale 1; non-saturating loss from logits; Adam 2e-4, betas (0.5, 0.999); batch 64;
images in [-1, 1]. Writes generated digits (float32, [-1, 1], row-major n x 784, G in eval
mode as gankit's `generate`) for `eval:gan --target file --file samples.f32`.
"""

import time

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from common import Reshape, load_mnist_images, training_arguments


def networks():
    g = nn.Sequential(
        nn.Linear(100, 7 * 7 * 128, bias=False), nn.BatchNorm1d(7 * 7 * 128), nn.ReLU(),
        Reshape(128, 7, 7),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh(),
    )
    d = nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(64, 128, 4, 2, 1, bias=False), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(7 * 7 * 128, 1),
    )
    for module in [*g.modules(), *d.modules()]:
        if isinstance(module, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(module.weight, 0.0, 0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
    return g, d


def write_samples(g, n, path):
    g.eval()
    with torch.no_grad():
        samples = g(torch.randn(n, 100)).reshape(n, 784)
    g.train()
    samples.numpy().astype(np.float32).tofile(path)
    print(f"wrote {n} samples to {path}", flush=True)


def main():
    args = training_arguments(epochs=2).parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    images = load_mnist_images(args.mnist, (1, 28, 28))
    g, d = networks()
    d_opt = torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999))
    g_opt = torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999))
    batch = 64
    ones = torch.ones(batch, 1)
    zeros = torch.zeros(batch, 1)
    for epoch in range(args.epochs):
        start = time.time()
        order = torch.randperm(images.shape[0])
        for step in range(images.shape[0] // batch):
            real = images[order[step * batch:(step + 1) * batch]]
            fake = g(torch.randn(batch, 100)).detach()
            d_loss = (F.binary_cross_entropy_with_logits(d(real), ones)
                      + F.binary_cross_entropy_with_logits(d(fake), zeros))
            d_opt.zero_grad()
            d_loss.backward()
            d_opt.step()
            g_loss = F.binary_cross_entropy_with_logits(d(g(torch.randn(batch, 100))), ones)
            g_opt.zero_grad()
            g_loss.backward()
            g_opt.step()
        print(f"epoch {epoch + 1}: d_loss {d_loss.item():.3f} g_loss {g_loss.item():.3f} "
              f"({time.time() - start:.1f} s)", flush=True)
        if args.every and (epoch + 1) % args.every == 0 and epoch + 1 < args.epochs:
            write_samples(g, args.samples, f"{args.out}.epoch{epoch + 1}")
    write_samples(g, args.samples, args.out)


if __name__ == "__main__":
    main()
