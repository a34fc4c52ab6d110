import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../../src/observability/metrics.js';

const dashboard = JSON.parse(readFileSync(new URL('../../docs/grafana/dragoman-dashboard.json', import.meta.url), 'utf8')) as {
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
};

describe('the Grafana dashboard', () => {
  it('only charts metrics the service exports', async () => {
    const exported = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));
    const charted = dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/\b(dragoman_\w+|nodejs_\w+|process_\w+)/g)].map((m) => m[1]!)));
    const base = (name: string) => name.replace(/_(bucket|count|sum)$/, '');
    expect(charted.length).toBeGreaterThan(10);
    expect(charted.map(base).filter((name) => !exported.has(name))).toEqual([]);
  });

  it('shows every metric the issue asks for', () => {
    const text = JSON.stringify(dashboard);
    for (const name of [
      'dragoman_waiting_tasks',
      'dragoman_tasks',
      'dragoman_claim_duration_seconds',
      'dragoman_submit_duration_seconds',
      'dragoman_time_to_publish_seconds',
      'dragoman_assembly_failures_total',
      'dragoman_webhook_failures_total',
      'dragoman_memory_lookups_total',
      'nodejs_eventloop_lag',
      'process_cpu_seconds_total',
    ]) {
      expect(text, name).toContain(name);
    }
  });
});
