import cliProgress from 'cli-progress';

const format = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(3));

/** Reports training: a progress bar per epoch on a terminal, plain lines otherwise. */
export interface Progress {
  epochStart(epoch: number, epochs: number, steps: number): void;
  step(done: number, logs: Record<string, number>, stepsPerSecond: number): void;
  epochEnd(line: string): void;
  stop(): void;
}

/** A progress reporter for `stream` (a bar when it is a TTY). */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return plainProgress(stream);
  let bar: cliProgress.SingleBar | undefined;
  return {
    epochStart(epoch, epochs, steps) {
      bar = new cliProgress.SingleBar(
        {
          format: `epoch ${epoch}/${epochs} [{bar}] {value}/{total} | d_loss {dLoss} g_loss {gLoss} D(x) {dReal} D(G(z)) {dFake} | {rate} steps/s`,
          stream,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(steps, 0, { dLoss: '-', gLoss: '-', dReal: '-', dFake: '-', rate: '-' });
    },
    step(done, logs, rate) {
      bar?.update(done, {
        dLoss: format(logs.dLoss ?? Number.NaN),
        gLoss: format(logs.gLoss ?? Number.NaN),
        dReal: format(logs.dReal ?? Number.NaN),
        dFake: format(logs.dFake ?? Number.NaN),
        rate: rate.toFixed(1),
      });
    },
    epochEnd(line) {
      bar?.stop();
      stream.write(`${line}\n`);
    },
    stop() {
      bar?.stop();
    },
  };
}

function plainProgress(stream: NodeJS.WriteStream): Progress {
  let total = 0;
  let label = '';
  let lastPrint = 0;
  return {
    epochStart(epoch, epochs, steps) {
      total = steps;
      label = `epoch ${epoch}/${epochs}`;
    },
    step(done, logs, rate) {
      const now = Date.now();
      if (now - lastPrint < 10_000 && done !== total) return;
      lastPrint = now;
      stream.write(
        `${label} step ${done}/${total} d_loss ${format(logs.dLoss ?? Number.NaN)} g_loss ${format(logs.gLoss ?? Number.NaN)} D(x) ${format(logs.dReal ?? Number.NaN)} D(G(z)) ${format(logs.dFake ?? Number.NaN)} ${rate.toFixed(1)} steps/s\n`,
      );
    },
    epochEnd(line) {
      stream.write(`${line}\n`);
    },
    stop() {},
  };
}
