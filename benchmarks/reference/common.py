"""Pieces the PyTorch reference scripts share: MNIST loading, flags, a Reshape layer."""

import argparse

import numpy as np
from torch import from_numpy, nn


class Reshape(nn.Module):
    """Reshapes each sample to `shape` (PyTorch has no such layer for Sequential)."""

    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


def load_mnist_images(directory, shape):
    """The 60,000 MNIST training digits from the IDX file in `directory`, in [-1, 1]."""
    with open(f"{directory}/train-images-idx3-ubyte", "rb") as f:
        data = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
    return from_numpy(data.reshape(-1, *shape).astype(np.float32) / 127.5 - 1.0)


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
