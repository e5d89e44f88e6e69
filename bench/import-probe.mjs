// Preloaded (node --import) into the `kaiheisen import` child of bench/import.bench.ts: at exit, writes the
// process's peak RSS and CPU time to the file KAIHEISEN_BENCH_PROBE names. The command itself runs unchanged.
import { writeFileSync } from 'node:fs';

const out = process.env.KAIHEISEN_BENCH_PROBE;
if (out) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssMb: usage.maxRSS / 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
  });
}
