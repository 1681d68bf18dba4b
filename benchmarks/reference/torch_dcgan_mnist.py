"""gankit's plain DCGAN (dense: 0, the default before the dense layer) trained in PyTorch, as the reference for gankit's DCGAN quality.

    /usr/bin/python3 benchmarks/reference/torch_dcgan_mnist.py --mnist <dir of IDX files> \
        --epochs 2 --out samples.f32 [--seed 0] [--threads 1] [--every 1]

The same networks, initialisation, loss, optimiser and batch size as gankit's `DCGAN({ dense: 0 })`:
G z(100) -> Dense 7*7*128 (no bias), BatchNorm, ReLU -> ConvTranspose 64 k4 s2
(no bias), BatchNorm, ReLU -> ConvTranspose 1 k4 s2, Tanh; D Conv 64 k4 s2, LeakyReLU 0.2 ->
Conv 128 k4 s2 (no bias), BatchNorm, LeakyReLU 0.2 -> Dense 1 (a logit); weights N(0, 0.02),
BatchNorm scale 1; non-saturating loss from logits; Adam 2e-4, betas (0.5, 0.999); batch 64;
images in [-1, 1]. Writes generated digits (float32, [-1, 1], row-major n x 784, G in eval
mode as gankit's `generate`) for `eval:gan --target file --file samples.f32`.
"""

import torch
from torch import nn
from torch.nn import functional as F

from common import Reshape, load_mnist_images, train_gan, training_arguments


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


def main():
    args = training_arguments(epochs=2).parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    images = load_mnist_images(args.mnist, (1, 28, 28))
    g, d = networks()
    train_gan(g, d, images, args, batch=64, latent=100, betas=(0.5, 0.999),
              loss=F.binary_cross_entropy_with_logits)


if __name__ == "__main__":
    main()
