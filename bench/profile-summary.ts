/**
 * Summarises a V8 CPU profile (`.cpuprofile`, as written by `node --cpu-prof`) by self time per function, and by
 * package, so the benchmark's hot path can be read without an external profiler:
 *
 *   BENCH_CPU_PROF_DIR=/tmp/prof npm run bench      # profiles of the service (and of the hello-world, for scale)
 *   node --import tsx bench/profile-summary.ts /tmp/prof/service [--top=30] [--filter=lookupBody] [--busiest=8] [--timeline]
 *
 * A directory stands for its main-thread profile (tsx's module loader thread writes a second, smaller one).
 * `--busiest=S` keeps only the S busiest consecutive seconds (the cached-lookup load, when the service is busiest);
 * `--from=S --to=S` picks a window by hand (seconds from the profile's start), `--timeline` prints busy time per
 * second. `--filter` (a substring of function name or file) adds the inclusive (self + callees) time of the
 * matching functions. Times are sampled; shares are of the busy time (all but "(idle)"; the garbage collector and
 * "(program)" are rows of their own).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Entry {
  name: string;
  where: string;
  selfMs: number;
  totalMs: number;
}

export interface Summary {
  /** Profiled time in the window, ms; `busyMs` is that without "(idle)". */
  totalMs: number;
  busyMs: number;
  functions: Entry[];
  packages: { name: string; selfMs: number }[];
}

/** Sample i: node id, start (µs since the profile's start) and duration (µs). */
interface Sample {
  id: number;
  at: number;
  us: number;
}

const IDLE = '(idle)';
const UNATTRIBUTED = new Set([IDLE, '(program)', '(garbage collector)']);

/** `file:///x/node_modules/express/lib/response.js` -> `express`; project files by folder (`proxy/src/routes`). */
export function packageOf(url: string): string {
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m?.[1]) return m[1];
  const project = /\/(proxy|contract|bench|emulator)\/(?:src\/)?(?:([^/]+)\/)?[^/]+$/.exec(url);
  if (project) return project[2] ? `${project[1]}/${project[2]}` : (project[1] ?? url);
  return url;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const root = /\/(proxy|contract|bench|emulator)\//.exec(url);
  return root ? url.slice(root.index + 1) : url.replace(/^file:\/\//, '');
}

export function samplesOf(profile: CpuProfile): Sample[] {
  const n = profile.samples.length;
  const mean = n > 0 ? (profile.endTime - profile.startTime) / n : 0;
  const out: Sample[] = [];
  let at = 0;
  for (let i = 0; i < n; i++) {
    at += profile.timeDeltas[i] ?? 0;
    // A sample lasts until the next one is taken.
    out.push({ id: profile.samples[i] ?? 0, at, us: Math.max(0, i + 1 < n ? (profile.timeDeltas[i + 1] ?? 0) : mean) });
  }
  return out;
}

/** Busy (non-idle) ms per whole second of the profile. */
export function timeline(profile: CpuProfile, samples = samplesOf(profile)): number[] {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === IDLE).map((n) => n.id));
  const perSecond: number[] = [];
  for (const s of samples) {
    const second = Math.floor(s.at / 1e6);
    while (perSecond.length <= second) perSecond.push(0);
    if (!idle.has(s.id)) perSecond[second] = (perSecond[second] ?? 0) + s.us / 1000;
  }
  return perSecond;
}

/** The start (s) of the `seconds` consecutive seconds with the most busy time. */
export function busiestWindow(perSecond: readonly number[], seconds: number): number {
  let best = 0;
  let bestSum = -1;
  for (let from = 0; from + seconds <= Math.max(seconds, perSecond.length); from++) {
    const sum = perSecond.slice(from, from + seconds).reduce((t, v) => t + v, 0);
    if (sum > bestSum) [best, bestSum] = [from, sum];
  }
  return best;
}

export function summarise(profile: CpuProfile, fromS = 0, toS = Number.POSITIVE_INFINITY): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (const s of samplesOf(profile)) {
    if (s.at < fromS * 1e6 || s.at >= toS * 1e6) continue;
    selfUs.set(s.id, (selfUs.get(s.id) ?? 0) + s.us);
  }
  // Anonymous functions are told apart by line and column (tsx keeps a file's lines, not always its names).
  const keyOf = (f: CallFrame) =>
    `${f.functionName || '(anonymous)'}\t${f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}${f.functionName ? '' : `:${f.columnNumber + 1}`}` : ''}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const packages = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    totalUs += us;
    const f = node.callFrame;
    if (f.functionName === IDLE) {
      idleUs += us;
      continue;
    }
    const key = keyOf(f);
    self.set(key, (self.get(key) ?? 0) + us);
    const pkg = UNATTRIBUTED.has(f.functionName) ? f.functionName : packageOf(f.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
    // Inclusive time: once per distinct function on the stack (recursion is not counted twice).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const k = keyOf(byId.get(at)?.callFrame ?? f);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + us);
    }
  }
  const functions = [...self].map(([key, us]) => {
    const [name = '', where = ''] = key.split('\t');
    return { name, where, selfMs: us / 1000, totalMs: (total.get(key) ?? us) / 1000 };
  });
  functions.sort((a, b) => b.selfMs - a.selfMs);
  const pkgs = [...packages].map(([name, us]) => ({ name, selfMs: us / 1000 })).sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs: totalUs / 1000, busyMs: (totalUs - idleUs) / 1000, functions, packages: pkgs };
}

/** A `.cpuprofile` file, or the main-thread (largest) profile in a directory. */
function profileFile(target: string): string {
  if (!statSync(target).isDirectory()) return target;
  const files = readdirSync(target)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(target, f));
  const largest = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!largest) throw new Error(`no .cpuprofile in ${target}`);
  return largest;
}

function option(args: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const found = args.find((a) => a === `--${name}` || a.startsWith(prefix));
  return found === undefined ? undefined : found.startsWith(prefix) ? found.slice(prefix.length) : '';
}

function main(args: readonly string[]): void {
  const target = args.find((a) => !a.startsWith('--'));
  if (!target) {
    console.error(
      'usage: node --import tsx bench/profile-summary.ts <file.cpuprofile | dir> [--top=30] [--filter=text] [--busiest=S | --from=S --to=S] [--timeline]',
    );
    process.exit(1);
  }
  const file = profileFile(target);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const top = Number(option(args, 'top') ?? 30) || 30;
  const filter = option(args, 'filter');
  const perSecond = timeline(profile);
  const busiest = option(args, 'busiest');
  let from = Number(option(args, 'from') ?? 0);
  let to = Number(option(args, 'to') ?? Number.POSITIVE_INFINITY);
  if (busiest) {
    from = busiestWindow(perSecond, Number(busiest));
    to = from + Number(busiest);
  }
  if (option(args, 'timeline') !== undefined) console.log(`busy ms per second: ${perSecond.map((v) => v.toFixed(0)).join(' ')}`);

  const summary = summarise(profile, from, to);
  const { totalMs, busyMs } = summary;
  const pct = (ms: number) => `${((100 * ms) / busyMs).toFixed(1)}%`.padStart(6);
  const window = Number.isFinite(to) || from > 0 ? `, seconds ${from}-${Number.isFinite(to) ? to : 'end'}` : '';
  console.log(
    `${path.basename(file)}${window}: ${(totalMs / 1000).toFixed(1)} s profiled, busy ${(busyMs / 1000).toFixed(1)} s (${((100 * busyMs) / totalMs).toFixed(0)}%)`,
  );
  console.log(`\nself time by function, % of busy time (top ${top})`);
  for (const f of summary.functions.slice(0, top))
    console.log(`${pct(f.selfMs)} ${f.selfMs.toFixed(0).padStart(6)} ms  ${f.name}  ${f.where}`);
  console.log('\nself time by package / project folder, % of busy time');
  for (const p of summary.packages.slice(0, 20)) console.log(`${pct(p.selfMs)} ${p.selfMs.toFixed(0).padStart(6)} ms  ${p.name}`);
  if (filter) {
    const needle = filter.toLowerCase();
    const hits = summary.functions
      .filter((f) => `${f.name} ${f.where}`.toLowerCase().includes(needle))
      .sort((a, b) => b.totalMs - a.totalMs);
    console.log(`\ninclusive (self + callees) time of functions matching "${filter}", % of busy time`);
    for (const f of hits.slice(0, top)) console.log(`${pct(f.totalMs)} ${f.totalMs.toFixed(0).padStart(6)} ms  ${f.name}  ${f.where}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
