/**
 * A few slots for costly work. `take` waits up to `waitMs` for a free one and answers false if none came
 * free in time, so a caller can do without (answer with less) instead of queueing behind a burst.
 */
export class Slots {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async take(waitMs: number): Promise<boolean> {
    if (this.used < this.size) {
      this.used++;
      return true;
    }
    return new Promise<boolean>((resolve) => {
      const granted = () => {
        clearTimeout(timer);
        resolve(true); // the slot passes straight from the releaser: `used` stays as it is
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(granted), 1);
        resolve(false);
      }, waitMs);
      this.waiting.push(granted);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.used--;
  }
}
