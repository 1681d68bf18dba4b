"""Pieces the PyTorch reference scripts share: MNIST loading, flags, a Reshape layer."""

import argparse
import time

import numpy as np
import torch
from torch import from_numpy, nn


class Reshape(nn.Module):
    """Reshapes each sample to `shape` (PyTorch has no such layer for Sequential)."""

    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


def load_mnist(directory, split):
    """MNIST's `split` ('train' or 't10k') from the IDX files in `directory`: the images as
    uint8 rows of 784 pixels and the labels as int64."""
    with open(f"{directory}/{split}-images-idx3-ubyte", "rb") as f:
        images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 784)
    with open(f"{directory}/{split}-labels-idx1-ubyte", "rb") as f:
        labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8).astype(np.int64)
    return images, labels


def load_mnist_images(directory, shape):
    """The 60,000 MNIST training digits from the IDX file in `directory`, in [-1, 1]."""
    images, _ = load_mnist(directory, "train")
    return from_numpy(images.reshape(-1, *shape).astype(np.float32) / 127.5 - 1.0)


def training_arguments(epochs):
    """The flags of a training script: data, budget, output, seed, threads."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--mnist", required=True)
    parser.add_argument("--epochs", type=int, default=epochs)
    parser.add_argument("--out", required=True)
    parser.add_argument("--samples", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--every", type=int, default=0, help="also write samples every N epochs")
    return parser


def write_samples(g, n, latent, path):
    """`n` digits of G (in eval mode) as float32, row-major n x 784, for `eval:gan --target file`."""
    g.eval()
    with torch.no_grad():
        samples = g(torch.randn(n, latent)).reshape(n, -1)
    g.train()
    samples.numpy().astype(np.float32).tofile(path)
    print(f"wrote {n} samples to {path}", flush=True)


def train_gan(g, d, images, args, *, batch, latent, betas, loss):
    """gankit's trainStep, epoch by epoch: one D update on a real batch and as many fakes, then
    one G update on fresh z (Adam 2e-4 with `betas`); `loss(d_output, target)` is the BCE the
    script's D needs. Prints the losses per epoch and writes samples (also every `--every`)."""
    d_opt = torch.optim.Adam(d.parameters(), lr=2e-4, betas=betas)
    g_opt = torch.optim.Adam(g.parameters(), lr=2e-4, betas=betas)
    ones = torch.ones(batch, 1)
    zeros = torch.zeros(batch, 1)
    for epoch in range(args.epochs):
        start = time.time()
        order = torch.randperm(images.shape[0])
        for step in range(images.shape[0] // batch):
            real = images[order[step * batch:(step + 1) * batch]]
            fake = g(torch.randn(batch, latent)).detach()
            d_loss = loss(d(real), ones) + loss(d(fake), zeros)
            d_opt.zero_grad()
            d_loss.backward()
            d_opt.step()
            g_loss = loss(d(g(torch.randn(batch, latent))), ones)
            g_opt.zero_grad()
            g_loss.backward()
            g_opt.step()
        print(f"epoch {epoch + 1}: d_loss {d_loss.item():.3f} g_loss {g_loss.item():.3f} "
              f"({time.time() - start:.1f} s)", flush=True)
        if args.every and (epoch + 1) % args.every == 0 and epoch + 1 < args.epochs:
            write_samples(g, args.samples, latent, f"{args.out}.epoch{epoch + 1}")
    write_samples(g, args.samples, latent, args.out)
