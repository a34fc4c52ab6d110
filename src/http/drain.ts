import type { RequestHandler } from 'express';

/**
 * A stopping process first stops looking ready (load balancers send new work elsewhere) while it finishes
 * what it has. From then on every answer says `Connection: close`, so keep-alive clients open their next
 * connection to another process instead of this one.
 */
export class Drain {
  private started = false;

  get draining(): boolean {
    return this.started;
  }

  start(): void {
    this.started = true;
  }

  /** Decided when the answer's head is written, so requests already in flight when the drain starts get it too. */
  middleware(): RequestHandler {
    const drain = this;
    return (_req, res, next) => {
      const writeHead = res.writeHead;
      res.writeHead = function (this: typeof res, ...args: Parameters<typeof writeHead>) {
        if (drain.started && !this.headersSent) this.setHeader('Connection', 'close');
        return writeHead.apply(this, args);
      } as typeof writeHead;
      next();
    };
  }
}
