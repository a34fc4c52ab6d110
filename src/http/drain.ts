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

  middleware(): RequestHandler {
    return (_req, res, next) => {
      if (this.started) res.set('Connection', 'close');
      next();
    };
  }
}
