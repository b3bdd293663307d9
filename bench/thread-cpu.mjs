// CPU time per thread of a command, Linux only: V8's helper threads (optimising compiler, GC)
// show apart from the JavaScript threads, which process.cpuUsage() lumps together.
//   node bench/thread-cpu.mjs <command> [args...]
// Samples /proc/<pid>/task/*/stat every 50 ms while the command runs and prints each thread's
// last-seen user + system time, the command's own main thread first. A thread that ends between
// two samples loses at most its last 50 ms.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node bench/thread-cpu.mjs <command> [args...]');
  process.exit(2);
}
const child = spawn(command, args, { stdio: 'inherit' });
const ticksPerSecond = 100; // USER_HZ, which /proc reports in on Linux
const seen = new Map();
const sample = () => {
  let tasks;
  try {
    tasks = readdirSync(`/proc/${child.pid}/task`);
  } catch {
    return;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seen.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / ticksPerSecond);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
};
const timer = setInterval(sample, 50);
child.on('exit', (code) => {
  clearInterval(timer);
  const threads = [...seen].sort(([a, cpuA], [b, cpuB]) => (a === child.pid ? -1 : b === child.pid ? 1 : cpuB - cpuA));
  const total = threads.reduce((sum, [, cpu]) => sum + cpu, 0);
  console.error(`CPU by thread (s), ${total.toFixed(2)} in all: ${threads.map(([tid, cpu]) => `${tid === child.pid ? 'main ' : ''}${cpu.toFixed(2)}`).join(', ')}`);
  process.exitCode = code ?? 1;
});
