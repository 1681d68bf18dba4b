import { GankitError } from '@gankit/core';
import { Command, CommanderError } from 'commander';
import { trainCommand } from './commands/train';
import { UsageError } from './errors';
import { models } from './models';

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
  .option('--epochs <n>', 'passes over the data (default 5 for mnist, 20 for 2D)')
  .option('--batch-size <n>', 'samples per step (default 100 for mnist, 256 for 2D)')
  .option('--lr <rate>', 'Adam learning rate (default 2e-4 for mnist, 1e-3 for 2D)')
  .option('--seed <n>', 'seed of weights, data order and noise', '0')
  .option('--limit <n>', 'use only the first n training samples')
  .option('--out <dir>', 'output folder (default gankit-out/<model>-<data>)')
  .option('--resume', 'continue from the checkpoint in the output folder')
  .option('--backend <name>', 'wasm (default) or cpu')
  .addHelpText(
    'after',
    `\nModels:\n${Object.entries(models)
      .map(([k, v]) => `  ${k.padEnd(8)} ${v.description}`)
      .join('\n')}\n\nExample:\n  gankit train gan --epochs 5 --out out/gan\n`,
  )
  .action(trainCommand);

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed the message (or the help) to stderr.
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof UsageError || error instanceof GankitError) {
      process.stderr.write(`gankit: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

await main();
