/** One benchmark case: `setup` builds its inputs and returns the timed function. */
export interface BenchCase {
  /** Shown in the table. */
  name: string;
  /** Matches the PyTorch reference script's key. */
  key: string;
  /** Uses fewer repetitions on the (pure JavaScript) cpu backend. */
  slowOnCpu?: boolean;
  setup(): { run: () => void | Promise<void>; dispose: () => void };
}
