"""Salimans et al.'s semi-supervised GAN on MNIST with 100 labels (their
train_mnist_feature_matching.py), in PyTorch: the reference for gankit's SemiSupervisedGAN.

D: input noise 0.3, weight-normalised dense layers 1000, 500, 250, 250, 250 (ReLU, noise 0.5
after each; scales fixed after a data-dependent init, as in their code) and 10 class logits
(trainable scale). G: z ~ U(0, 1)^100 -> 500 softplus BN -> 500 softplus BN -> 784 sigmoid
(weight-normalised). Losses: K+1 with the fake logit at 0, unlabelled term halved as in their
code; G by feature matching on D's last hidden layer. Adam lr 0.003, beta1 0.5, batch 100.
Prints test accuracy (no noise) after every epoch, of D and, as their code reports, of a running
average of D's trainable parameters (a <- a + 0.0001 (p - a), from zero).

  python3 torch_sgan_mnist.py --mnist DIR --epochs 10 [--seed 0] [--threads 1] [--lr 0.003]

Measured here (seed 0, one thread, about 3.5 min per epoch beside another run): test accuracy
77.7, 78.2, 78.6, 77.6% after epochs 1-4, and 68.6, 77.0, 78.7, 79.5% averaged: the recipe is
slow to start; Salimans et al. train 300 epochs.
"""

import argparse
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from common import load_mnist


def load(directory, split):
    """Images in [0, 1] and labels, as tensors."""
    images, labels = load_mnist(directory, split)
    return torch.from_numpy(images.astype(np.float32) / 255.0), torch.from_numpy(labels)


class WNDense(nn.Module):
    """Dense layer with weight normalisation; `init(x)` sets scale and bias from data."""

    def __init__(self, n_in, n_out, train_scale=False):
        super().__init__()
        self.v = nn.Parameter(torch.randn(n_in, n_out) * 0.1)
        self.g = nn.Parameter(torch.ones(n_out), requires_grad=train_scale)
        self.b = nn.Parameter(torch.zeros(n_out))
        self.initialising = False

    def forward(self, x):
        t = x @ (self.v * (self.g / self.v.norm(dim=0)))
        if self.initialising:
            mean = t.mean(0)
            std = (t - mean).pow(2).mean(0).sqrt()
            with torch.no_grad():
                self.g.copy_(self.g / std)
                self.b.copy_(-mean / std)
            return (t - mean) / std
        return t + self.b


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        sizes = [784, 1000, 500, 250, 250, 250]
        self.hidden = nn.ModuleList(WNDense(a, b) for a, b in zip(sizes, sizes[1:]))
        self.out = WNDense(250, 10, train_scale=True)

    def forward(self, x, noisy=True):
        """Returns (class logits, last hidden layer's features)."""
        h = x + 0.3 * torch.randn_like(x) if noisy else x
        for layer in self.hidden:
            f = F.relu(layer(h))
            h = f + 0.5 * torch.randn_like(f) if noisy else f
        return self.out(h), f

    def init(self, x):
        for m in self.modules():
            if isinstance(m, WNDense):
                m.initialising = True
        with torch.no_grad():
            self(x)
        for m in self.modules():
            if isinstance(m, WNDense):
                m.initialising = False


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(100, 500, bias=False)
        self.b1 = nn.BatchNorm1d(500, affine=False)
        self.beta1 = nn.Parameter(torch.zeros(500))
        self.l2 = nn.Linear(500, 500, bias=False)
        self.b2 = nn.BatchNorm1d(500, affine=False)
        self.beta2 = nn.Parameter(torch.zeros(500))
        self.v = nn.Parameter(nn.init.xavier_uniform_(torch.empty(500, 784)))
        self.g = nn.Parameter(torch.ones(784))
        self.b = nn.Parameter(torch.zeros(784))

    def forward(self, n):
        z = torch.rand(n, 100)
        h = F.softplus(self.b1(self.l1(z)) + self.beta1)
        h = F.softplus(self.b2(self.l2(h)) + self.beta2)
        return torch.sigmoid(h @ (self.v * (self.g / self.v.norm(dim=0))) + self.b)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mnist", required=True)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--lr", type=float, default=0.003)
    parser.add_argument("--average", type=float, default=0.0001)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = np.random.RandomState(args.seed)
    x, y = load(args.mnist, "train")
    xt, yt = load(args.mnist, "t10k")
    order = torch.from_numpy(rng.permutation(len(x)))
    x, y = x[order], y[order]
    xl = torch.cat([x[y == k][:10] for k in range(10)])
    yl = torch.cat([y[y == k][:10] for k in range(10)])
    d, g = Discriminator(), Generator()
    d.init(x[:500])
    d_opt = torch.optim.Adam([p for p in d.parameters() if p.requires_grad], lr=args.lr, betas=(0.5, 0.999))
    g_opt = torch.optim.Adam(g.parameters(), lr=args.lr, betas=(0.5, 0.999))
    batch = 100
    averaged = Discriminator()
    averaged.load_state_dict(d.state_dict())
    trained = [p for p in d.parameters() if p.requires_grad]
    average = [p for p in averaged.parameters() if p.requires_grad]
    with torch.no_grad():
        for a in average:
            a.zero_()
    for epoch in range(args.epochs):
        start = time.time()
        unl = x[torch.from_numpy(rng.permutation(len(x)))]
        unl2 = x[torch.from_numpy(rng.permutation(len(x)))]
        for step in range(len(x) // batch):
            lab = torch.from_numpy(rng.permutation(len(xl)))
            logits_lab, _ = d(xl[lab])
            logits_unl, _ = d(unl[step * batch:(step + 1) * batch])
            logits_gen, _ = d(g(batch).detach())
            lse_unl = torch.logsumexp(logits_unl, 1)
            lse_gen = torch.logsumexp(logits_gen, 1)
            loss_lab = F.cross_entropy(logits_lab, yl[lab])
            loss_unl = 0.5 * (F.softplus(-lse_unl).mean() + F.softplus(lse_gen).mean())
            d_opt.zero_grad()
            (loss_lab + loss_unl).backward()
            d_opt.step()
            with torch.no_grad():
                for a, p in zip(average, trained):
                    a.add_(p - a, alpha=args.average)
            _, f_real = d(unl2[step * batch:(step + 1) * batch])
            _, f_gen = d(g(batch))
            loss_gen = (f_gen.mean(0) - f_real.detach().mean(0)).pow(2).mean()
            g_opt.zero_grad()
            loss_gen.backward()
            g_opt.step()
        with torch.no_grad():
            acc = (d(xt, noisy=False)[0].argmax(1) == yt).float().mean().item()
            avg_acc = (averaged(xt, noisy=False)[0].argmax(1) == yt).float().mean().item()
        print(f"epoch {epoch + 1}: loss_lab {loss_lab.item():.4f} loss_unl {loss_unl.item():.4f} "
              f"loss_gen {loss_gen.item():.4f} test {100 * acc:.2f}% averaged {100 * avg_acc:.2f}% ({time.time() - start:.1f} s)",
              flush=True)


if __name__ == "__main__":
    main()
