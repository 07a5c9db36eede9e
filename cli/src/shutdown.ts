/**
 * One place that knows the order of shutdown: the steps run in the order they were added
 * (stop accepting work first, close stores last), once, on SIGINT or SIGTERM.
 */
export class Shutdown {
  private readonly steps: Array<{ name: string; run: () => Promise<unknown> }> = [];
  private started: Promise<void> | undefined;
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(
    private readonly log: (line: string) => void,
    private readonly timeoutMs = 30_000,
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  /** True once shutdown has begun: long loops check it and stop. */
  get stopping(): boolean {
    return this.started !== undefined;
  }

  add(name: string, run: () => Promise<unknown>): void {
    this.steps.push({ name, run });
  }

  listen(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (this.started) {
          this.log(`${signal} again: exiting now`);
          process.exit(130);
        }
        this.log(`${signal}: stopping (press Ctrl-C again to force)`);
        void this.run();
      });
    }
  }

  run(): Promise<void> {
    this.started ??= this.runSteps();
    return this.started;
  }

  private async runSteps(): Promise<void> {
    const timer = setTimeout(() => {
      this.log(`shutdown took longer than ${this.timeoutMs / 1000} s: exiting`);
      process.exit(1);
    }, this.timeoutMs);
    timer.unref();
    for (const step of this.steps) {
      try {
        await step.run();
      } catch (err) {
        this.log(`shutdown step "${step.name}" failed: ${(err as Error).message}`);
      }
    }
    clearTimeout(timer);
    this.resolveDone();
  }
}
