#!/usr/bin/env node
// The container's HEALTHCHECK: GET /healthz on this container's own port, exit 0 when it answers 200.
const port = process.env.DRAGOMAN_HEALTH_PORT || process.env.PORT || '8080';
try {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_500) });
  process.exit(response.ok ? 0 : 1);
} catch {
  process.exit(1);
}
