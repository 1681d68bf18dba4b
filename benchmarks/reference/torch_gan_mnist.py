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


import torch
from torch import nn

from common import load_mnist_images, train_gan, training_arguments


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
    train_gan(g, d, images, args, batch=100, latent=64, betas=(args.beta1, 0.999),
              loss=nn.BCELoss())


if __name__ == "__main__":
    main()
