"""yunjey/pytorch-tutorial's MNIST GAN in PyTorch, as the reference for gankit's GAN quality.

    /usr/bin/python3 benchmarks/reference/torch_gan_mnist.py --mnist <dir of IDX files> \
        --epochs 10 --out samples.f32 [--seed 0] [--threads 1] [--every 5] [--beta1 0.9]

Same networks, loss, optimiser and batch size as gankit's `GAN` defaults: D 784-256-256-1 with
LeakyReLU 0.2, G 64-256-256-784 with ReLU and Tanh, BCE, Adam lr 2e-4 (betas 0.9, 0.999),
batch 100, images scaled to [-1, 1]. Writes `--samples` generated digits (float32, [-1, 1],
row-major n x 784) so that gankit's judge scores them exactly as it scores its own
(`pnpm --filter @gankit/benchmarks eval:gan --target file --file samples.f32`), and prints the
losses and the wall time per epoch.
"""

import time

import numpy as np
import torch
from torch import nn

from common import load_mnist_images, training_arguments


def main():
    parser = training_arguments(epochs=10)
    parser.add_argument("--beta1", type=float, default=0.9)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    images = load_mnist_images(args.mnist, (784,))
    d = nn.Sequential(
        nn.Linear(784, 256), nn.LeakyReLU(0.2),
        nn.Linear(256, 256), nn.LeakyReLU(0.2),
        nn.Linear(256, 1), nn.Sigmoid(),
    )
    g = nn.Sequential(
        nn.Linear(64, 256), nn.ReLU(),
        nn.Linear(256, 256), nn.ReLU(),
        nn.Linear(256, 784), nn.Tanh(),
    )
    bce = nn.BCELoss()
    betas = (args.beta1, 0.999)
    d_opt = torch.optim.Adam(d.parameters(), lr=2e-4, betas=betas)
    g_opt = torch.optim.Adam(g.parameters(), lr=2e-4, betas=betas)
    batch = 100
    ones = torch.ones(batch, 1)
    zeros = torch.zeros(batch, 1)
    for epoch in range(args.epochs):
        start = time.time()
        order = torch.randperm(images.shape[0])
        for step in range(images.shape[0] // batch):
            real = images[order[step * batch:(step + 1) * batch]]
            fake = g(torch.randn(batch, 64))
            d_loss = bce(d(real), ones) + bce(d(fake.detach()), zeros)
            d_opt.zero_grad()
            d_loss.backward()
            d_opt.step()
            fake = g(torch.randn(batch, 64))
            g_loss = bce(d(fake), ones)
            g_opt.zero_grad()
            g_loss.backward()
            g_opt.step()
        print(f"epoch {epoch + 1}: d_loss {d_loss.item():.3f} g_loss {g_loss.item():.3f} "
              f"({time.time() - start:.1f} s)", flush=True)
        if args.every and (epoch + 1) % args.every == 0 and epoch + 1 < args.epochs:
            write_samples(g, args.samples, f"{args.out}.epoch{epoch + 1}")
    write_samples(g, args.samples, args.out)


def write_samples(g, n, path):
    with torch.no_grad():
        samples = g(torch.randn(n, 64))
    samples.numpy().astype(np.float32).tofile(path)
    print(f"wrote {n} samples to {path}", flush=True)


if __name__ == "__main__":
    main()
