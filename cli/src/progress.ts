/** A status line that rewrites itself on a terminal and prints every few seconds elsewhere. */
export class ProgressLine {
  private last = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly intervalMs = 1000) {}

  update(text: string, force = false): void {
    const now = Date.now();
    const every = this.tty ? this.intervalMs : this.intervalMs * 5;
    if (!force && now - this.last < every) return;
    this.last = now;
    if (this.tty) process.stderr.write(`\r\x1b[2K${text}`);
    else process.stderr.write(`${text}\n`);
  }

  done(text: string): void {
    if (this.tty) process.stderr.write(`\r\x1b[2K`);
    process.stderr.write(`${text}\n`);
  }
}
