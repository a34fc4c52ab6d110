/**
 * Self time of a V8 CPU profile (a .cpuprofile from bench/pg-cycle.ts with BENCH_PG_PROFILE_DIR, or from
 * `node --cpu-prof`), in ms per unit of work: the top functions, and the same time summed by where the code
 * lives (our src/ and workers/, each dependency under node_modules, Node's internals, V8's own entries such
 * as "(garbage collector)"). "(idle)" is time the process waited; the busy total leaves it out.
 *
 * `npx tsx bench/profile-top.ts <file.cpuprofile> <units, e.g. cycles> [top=40]`; PROFILE_TOTAL=<regex> adds
 * the total time (callees included) of the functions whose name and file match.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Where a frame's code lives: "src", "workers", a package name, "node:internal" or a V8 entry. */
function area(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/dist\/(src|workers)\//.exec(url);
  if (ours) return ours[1]!;
  if (url.startsWith('node:')) return 'node:internal';
  return url;
}

export function selfTimes(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta.
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + us);
  }
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    const file = url.replace(/^.*\/(node_modules|dist)\//, '').replace(/^file:\/\//, '');
    const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + us);
    const where = area(url, functionName);
    areas.set(where, (areas.get(where) ?? 0) + us);
  }
  return { functions, areas, busy, idle };
}

/**
 * Total time (self and callees) per function, each sample counted once per function however often the
 * function recurs on its stack: what a middleware or a check costs with everything it calls.
 */
export function totalTimes(profile: Profile): Map<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i + 1] ?? 0;
    const seen = new Set<string>();
    for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      if (functionName === '(idle)' || functionName === '(root)') break;
      const file = url.replace(/^.*\/(node_modules|dist)\//, '').replace(/^file:\/\//, '');
      const key = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
      if (seen.has(key)) continue;
      seen.add(key);
      totals.set(key, (totals.get(key) ?? 0) + us);
    }
  }
  return totals;
}

if (process.argv[1]?.endsWith('profile-top.ts')) {
  const [file, unitsArg, topArg] = process.argv.slice(2);
  if (!file || !unitsArg) {
    process.stderr.write('usage: npx tsx bench/profile-top.ts <file.cpuprofile> <units> [top]\n');
    process.exit(2);
  }
  const units = Number(unitsArg);
  const top = Number(topArg ?? 40);
  const { functions, areas, busy, idle } = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const per = (us: number) => (us / 1000 / units).toFixed(3);
  const share = (us: number) => `${((us / busy) * 100).toFixed(1)}%`;
  process.stdout.write(`busy ${per(busy)} ms per unit (${(busy / 1000).toFixed(0)} ms over ${units}), idle ${(idle / 1000).toFixed(0)} ms\n\n`);
  process.stdout.write('| Where | ms per unit | Share of busy |\n| --- | --- | --- |\n');
  for (const [name, us] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, 20)) process.stdout.write(`| ${name} | ${per(us)} | ${share(us)} |\n`);
  process.stdout.write('\n| Function (self time) | ms per unit | Share of busy |\n| --- | --- | --- |\n');
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`| ${name.replace(/\|/g, '\\|')} | ${per(us)} | ${share(us)} |\n`);
  if (process.env.PROFILE_TOTAL) {
    // PROFILE_TOTAL=<regex>: total time of the functions whose name and place match, e.g. "src/|pino|zod".
    const wanted = new RegExp(process.env.PROFILE_TOTAL);
    process.stdout.write('\n| Function (total time, callees included) | ms per unit | Share of busy |\n| --- | --- | --- |\n');
    const totals = [...totalTimes(JSON.parse(readFileSync(file, 'utf8')) as Profile)].filter(([name]) => wanted.test(name));
    for (const [name, us] of totals.sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`| ${name.replace(/\|/g, '\\|')} | ${per(us)} | ${share(us)} |\n`);
  }
}
