import { GankitError } from '@gankit/core';
import { Command, CommanderError } from 'commander';
import { arithmeticCommand } from './commands/arithmetic';
import {
  classifyCommand,
  clusterCommand,
  recommendCommand,
  rlCommand,
  rulesCommand,
} from './commands/classic';
import { evaluateCommand } from './commands/evaluate';
import { interpolateCommand, sampleCommand } from './commands/sample';
import { trainCommand } from './commands/train';
import { UsageError } from './errors';
import { models } from './models';

/**
 * The `gankit` command line, built fresh for each parse (commander keeps option values on
 * the command objects, so one program object cannot parse twice).
 */
export function createProgram(): Command {
  const program = new Command()
    .name('gankit')
    .description(
      'Train GANs and classic machine-learning models on the WASM backend, from the terminal.',
    )
    .exitOverride();

  program
    .command('train')
    .argument('<model>', `one of: ${Object.keys(models).join(', ')}`)
    .description(
      'train a GAN; writes a PNG sample grid per epoch and checkpoints (Ctrl-C saves one and exits)',
    )
    .option('--data <name>', 'mnist, or a 2D mixture: ring, grid (gan only)', 'mnist')
    .option(
      '--epochs <n>',
      'passes over the data (default 5 for mnist, 20 for 2D; sgan needs 20 to reach 97% test accuracy)',
    )
    .option('--batch-size <n>', 'samples per step (default 100)')
    .option(
      '--lr <rate>',
      "Adam learning rate (default 2e-4 for mnist, 1e-3 for 2D, 0.003 for sgan's salimans networks)",
    )
    .option('--seed <n>', 'seed of weights, data order and noise', '0')
    .option('--limit <n>', 'use only the first n training samples')
    .option('--out <dir>', 'output folder (default gankit-out/<model>-<data>)')
    .option('--resume', 'continue from the checkpoint in the output folder')
    .option('--backend <name>', 'wasm (default) or cpu')
    .option(
      '--threads <n>',
      'WASM threads (default: up to 4 cores for dcgan and lsgan, whose convolutions use them; 2 for the MLP models, whose matrix products gankit splits over two threads (XNNPACK then keeps one); 1 for the 2D toys)',
    )
    .option(
      '--labels <n>',
      'sgan: labelled training digits, the same number per digit, picked with --seed (default 100)',
    )
    .option(
      '--baseline',
      'sgan: also train the same classifier on the labelled digits alone and print both accuracies',
    )
    .option(
      '--net <name>',
      "sgan: salimans-wn (default; Salimans et al.'s MNIST networks with their weight normalisation, D averaged to classify, constant rate), salimans (the same without weight normalisation, rate decayed linearly) or small (gankit's smaller default networks)",
    )
    .option(
      '--dense <units>',
      "dcgan, lsgan: units of a dense layer after z in G and before D's logit, as in InfoGAN's MNIST networks (default 1024; 0: the plain DCGAN networks)",
    )
    .option(
      '--width <channels>',
      "dcgan, lsgan: channels of G's first feature map and D's last convolution, even (default 128; 256 led by about 0.1 in classifier score up to epoch 8 but ended at 8.87 after 13 epochs, against 8.92 for 128 after 16, at 2.6 times the time a step)",
    )
    .option(
      '--lr-decay <kind>',
      'linear: the learning rate falls linearly to 0 over the run (the default for sgan with --net salimans); linear-after:<epoch>: it is held for <epoch> epochs, then falls linearly to 0 (gan --r1 1 --g-average 0.999 --epochs 300 --lr-decay linear-after:250 is the recipe that scored 8.53); none: constant (the default otherwise)',
    )
    .option(
      '--lr-drop <fraction>',
      'train the last fraction of the steps (e.g. 0.25) at a tenth of the learning rate; on the grid a slower finish tightens the samples around each mode',
    )
    .option(
      '--r1 <gamma>',
      "gan, dcgan, lsgan: add the R1 penalty (Mescheder et al. 2018) with weight gamma to D's loss; 10 lifted the MNIST classifier score after 20 epochs from 2.4 to 6.1; 1 reached 8.4 after 200 epochs (7.4 without)",
    )
    .option(
      '--g-average <decay>',
      "gan, dcgan, lsgan: sample from a running average of G's weights with this decay (e.g. 0.999; dcgan and lsgan recompute G's BatchNorm statistics for it); with gan --r1 1 it lifted the MNIST classifier score after 20 epochs from 6.35 to 6.68",
    )
    .option(
      '--pack <m>',
      'gan, dcgan, lsgan: PacGAN, D judges m samples at once (the batch size must be a multiple); 2 covered all 25 modes of the grid',
    )
    .addHelpText(
      'after',
      `\nModels:\n${Object.entries(models)
        .map(([k, v]) => `  ${k.padEnd(8)} ${v.description}`)
        .join(
          '\n',
        )}\n\nExamples:\n  gankit train gan --epochs 5 --out out/gan\n  gankit train sgan --epochs 20 --baseline   # prints D's MNIST test accuracy (about 97%)\n`,
    )
    .action(trainCommand);

  program
    .command('sample')
    .argument('<dir>', "a folder written by 'gankit train' (MNIST runs)")
    .description('generate a PNG grid of new samples from a trained model')
    .option('--n <count>', 'number of samples', '64')
    .option('--seed <seed>', 'seed of z; cell k of the grid is z number k of this seed', '0')
    .option('--numbered', "write each cell's number on the grid (to pick exemplars for arithmetic)")
    .option('--out <file>', 'PNG to write (default <dir>/samples/sample.png)')
    .option(
      '--keep <fraction>',
      'discriminator rejection: draw max(1000, n / fraction) candidates and keep those D rates in its best fraction (e.g. 0.8; not for cgan or --pack runs)',
    )
    .action(sampleCommand);

  program
    .command('interpolate')
    .argument('<dir>', "a folder written by 'gankit train' (MNIST runs)")
    .description(
      'walk through z between random points and draw the samples on the way, one row per walk',
    )
    .option('--rows <n>', 'number of walks', '6')
    .option('--steps <n>', 'samples per walk, ends included', '10')
    .option('--mode <mode>', 'spherical (slerp) or linear', 'spherical')
    .option('--seed <seed>', 'seed of the end points')
    .option('--out <file>', 'PNG to write')
    .action(interpolateCommand);

  program
    .command('arithmetic')
    .argument('<dir>', "a folder written by 'gankit train' (MNIST runs)")
    .description(
      'latent vector arithmetic (DCGAN paper): decode mean(z of a) - mean(z of b) + mean(z of c)',
    )
    .option('--a <cells>', 'first exemplar set: cell numbers of a sample grid, e.g. 3,7,12')
    .option('--b <cells>', 'exemplars whose mean is subtracted, e.g. 5,9')
    .option('--c <cells>', 'exemplars whose mean is added, e.g. 1,4')
    .option('--seed <seed>', "the --seed of the 'gankit sample' grid the cells come from", '0')
    .option('--n <count>', 'size of that grid (cells must be below it)', '64')
    .option(
      '--label <digit>',
      'cgan: the digit to draw the means and the result as (default: that of the first a cell)',
    )
    .option('--out <file>', 'PNG to write (default <dir>/samples/arithmetic.png)')
    .addHelpText(
      'after',
      `
First look at the candidates: cell k of the grid is z number k of its seed.
  gankit sample gankit-out/gan-mnist --n 64 --seed 0 --numbered
Then pick exemplar sets by cell number (write 3@1 for cell 3 of the grid of --seed 1):
  gankit arithmetic gankit-out/gan-mnist --a 3,7,12 --b 5,9 --c 1,4
The PNG shows each set's samples (numbered) and the sample of their mean z, then the
equation mean(a) - mean(b) + mean(c) = result. --b and --c are optional.
`,
    )
    .action(arithmeticCommand);

  program
    .command('evaluate')
    .argument('<dir>', "a folder written by 'gankit train'")
    .description(
      "score a trained model: MNIST runs with gankit's shipped MNIST classifier (classifier score and FCD; for sgan also D's test accuracy), ring and grid runs by mode coverage and % high-quality samples (PacGAN)",
    )
    .option('--n <count>', 'samples to score (default 1000 for MNIST, 2500 for ring and grid)')
    .option('--seed <seed>', 'seed of z')
    .option(
      '--keep <fraction>',
      "score samples drawn with discriminator rejection (see 'gankit sample --keep')",
    )
    .action(evaluateCommand);

  program
    .command('classify')
    .description('supervised learning: fit a classifier and report test accuracy and macro F1')
    .option('--data <name>', 'iris or mnist', 'iris')
    .option('--model <name>', 'knn, logistic, nb, tree or mlp', 'knn')
    .option('--limit <n>', 'MNIST training images (test uses a sixth as many)', '10000')
    .option('--seed <n>', 'seed of the split and the model', '0')
    .action(classifyCommand);

  program
    .command('cluster')
    .description(
      'unsupervised learning: k-means (k-means++, 10 inits) with inertia, ARI and silhouette',
    )
    .option('--data <name>', 'iris or blobs', 'iris')
    .option('--k <n>', 'number of clusters', '3')
    .option('--seed <n>', 'seed', '0')
    .action(clusterCommand);

  program
    .command('rules')
    .description(
      'association rules (Apriori) on a file with one comma-separated transaction per line, or the classic 5-transaction example',
    )
    .option('--file <path>', 'transactions file')
    .option('--min-support <f>', 'minimum support of an itemset', '0.6')
    .option('--min-confidence <f>', 'minimum confidence of a rule', '0.7')
    .action(rulesCommand);

  program
    .command('recommend')
    .description(
      'collaborative filtering: item-based k-NN on synthetic MovieLens-shaped ratings, top-N with reasons',
    )
    .option('--user <id>', 'user index', '0')
    .option('--n <count>', 'how many items', '10')
    .option('--seed <n>', 'seed of the synthetic ratings', '0')
    .action(recommendCommand);

  program
    .command('rl')
    .description(
      'reinforcement learning on slippery FrozenLake 4x4: value iteration, then Q-learning',
    )
    .option('--episodes <n>', 'Q-learning episodes', '20000')
    .option('--seed <n>', 'seed', '0')
    .action(rlCommand);
  return program;
}

/**
 * Runs the command line `argv` (as `process.argv`: node, script, then the arguments) and
 * returns the exit status. Mistakes in the command line, missing files and gankit's typed
 * errors print one line to stderr and give status 1; anything else is a bug and is thrown.
 */
export async function run(argv: string[]): Promise<number> {
  try {
    await createProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message (or the help) to stderr.
      return error.exitCode;
    }
    if (error instanceof UsageError || error instanceof GankitError) {
      process.stderr.write(`gankit: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
