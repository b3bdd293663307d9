import { importPhases, type ImportPhase } from '../../src/importer/options';
import type { BenchResult, ProfileResult } from './bench';

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const mib = (kib: number) => (kib / 1024).toFixed(0);
const rate = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const ratio = (n: number) => `${n.toFixed(2)}x`;

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The whole run as markdown: machine and command, one section per profile, the ablation, the notes. */
export function renderMarkdown(result: BenchResult): string {
  const { machine: m } = result;
  const parts = [
    `# longbox bench, ${result.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
    [
      `- command: \`${result.command}\``,
      `- machine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, ${m.os}`,
      `- node ${m.node}, SQLite ${m.sqlite} (better-sqlite3 ${m.betterSqlite3}), longbox ${m.commit}`,
      `- load average (1 min) at start ${result.loadAverage.start}, at end ${result.loadAverage.end} (on ${m.cores} cores: above that, other processes shared the CPUs)`,
      `- import workers: ${result.options.workersUsed}${result.options.chunkSize ? `, chunk size ${result.options.chunkSize}` : ''}, seed ${result.options.seed}`,
    ].join('\n'),
  ];
  for (const profile of result.profiles) parts.push(renderProfile(profile));
  const batches = [...result.profiles.flatMap((p) => (p.batch ? [p.batch] : [])), ...(result.batchCompare ? [result.batchCompare.other] : [])];
  if (batches.length > 0) {
    const ms = (n: number) => n.toFixed(1);
    parts.push(
      '## Batch: one changed file, and a rewrite under watch',
      table(
        ['library', 'median batch ms', 'all batches ms', 'watch latency ms', 'median batch phases ms'],
        batches.map((b) => [
          `${b.profile} ${b.count}`,
          ms(b.medianMs),
          b.result.batchMs.map((n) => n.toFixed(0)).join(', '),
          b.result.watchMs.map((n) => n.toFixed(0)).join(', '),
          Object.entries(b.result.medianPhases).map(([phase, n]) => `${phase} ${n}`).join(', '),
        ]),
      ),
    );
    if (result.batchCompare) {
      const { base, other, ratio: r } = result.batchCompare;
      parts.push(`Median batch at ${other.count} / at ${base.count} (realistic): ${ratio(r)} (target at most 1.50x).`);
    }
  }
  if (result.ablation) {
    const { ablation } = result;
    const phases = usedPhases(ablation.rows.map((r) => r.phases));
    parts.push(
      `## Ablation: realistic, fresh import, ${ablation.count} comics (seed ${ablation.seed})`,
      table(
        ['configuration', 'wall s', 'comics/s', 'wall vs untuned', 'DB phases s', 'DB phases vs untuned', 'peak RSS MiB', ...phases.map((p) => `${p} s`)],
        ablation.rows.map((r) => [
          r.config,
          seconds(r.wallMs),
          rate(r.comicsPerSecond),
          ratio(r.speedupOverUntuned),
          seconds(r.dbPhasesMs),
          ratio(r.dbSpeedupOverUntuned),
          mib(r.peakRssKiB),
          ...phases.map((p) => phaseCell(r.phases, p)),
        ]),
      ),
    );
    if (ablation.errors.length > 0) parts.push(ablation.errors.map((e) => `**FAILED** ${e}`).join('\n\n'));
  }
  parts.push(`## Notes\n${result.notes.map((n) => `- ${n}`).join('\n')}`);
  return `${parts.join('\n\n')}\n`;
}

function renderProfile(p: ProfileResult): string {
  const phases = usedPhases(p.scenarios.map((s) => s.phases));
  const out = [`## ${p.profile}, ${p.count} comics (seed ${p.seed})`];
  if (p.scenarios.length > 0) {
    out.push(
      table(
        ['scenario', 'comics', 'wall s', 'comics/s', 'CPU s (cores busy)', 'peak RSS MiB (at start)', ...phases.map((ph) => `${ph} s`), 'report'],
        p.scenarios.map((s) => [
          s.scenario,
          String(s.relevant),
          seconds(s.wallMs),
          rate(s.comicsPerSecond),
          `${seconds(s.cpuMs)} (${(s.cpuMs / s.wallMs).toFixed(2)})`,
          `${mib(s.peakRssKiB)} (${mib(s.startRssKiB)})`,
          ...phases.map((ph) => phaseCell(s.phases, ph)),
          describeCounts(s.comics) + (s.check ? ` **CHECK: ${s.check}**` : ''),
        ]),
      ),
    );
  }
  if (p.floors) {
    const f = p.floors;
    out.push(
      `### Floors (fresh import ${seconds(f.importMs)} s)`,
      table(
        ['floor', 'wall s', 'rate', 'import / floor'],
        [
          ['read, 1 thread', seconds(f.read.singleMs), `${rate((f.read.files * 1000) / f.read.singleMs)} files/s`, ratio(f.importMs / f.read.singleMs)],
          [`read, ${f.read.threads} threads`, seconds(f.read.threadedMs), `${rate((f.read.files * 1000) / f.read.threadedMs)} files/s`, ratio(f.importMs / f.read.threadedMs)],
          [
            `write, ${f.write.rows} rows in ${Object.keys(f.write.tables).length} tables (insert ${seconds(f.write.insertMs)} + checkpoint ${seconds(f.write.checkpointMs)})`,
            seconds(f.write.ms),
            `${rate((f.write.rows * 1000) / f.write.ms)} rows/s`,
            ratio(f.ratios.importOverWrite),
          ],
          ['max(read floor, write floor)', seconds(Math.max(f.readMs, f.write.ms)), '', ratio(f.ratios.importOverMaxFloor)],
        ],
      ),
    );
    const noChange = p.scenarios.find((s) => s.scenario === 'no-change');
    out.push(
      table(
        ['scan floor (list every folder, lstat every comic; best of 3)', 'wall s', 'rate', 'no-change import / floor'],
        [[`${f.scan.files} files in ${f.scan.folders} folders`, seconds(f.scan.ms), `${rate((f.scan.files * 1000) / f.scan.ms)} files/s`, noChange ? ratio(noChange.wallMs / f.scan.ms) : '']],
      ),
    );
  }
  if (p.errors.length > 0) out.push(p.errors.map((e) => `**FAILED** ${e}`).join('\n\n'));
  return out.join('\n\n');
}

function usedPhases(all: Partial<Record<ImportPhase, number>>[]): ImportPhase[] {
  return importPhases.filter((phase) => all.some((phases) => phases[phase] !== undefined));
}

function phaseCell(phases: Partial<Record<ImportPhase, number>>, phase: ImportPhase): string {
  const ms = phases[phase];
  return ms === undefined ? '' : seconds(ms);
}

function describeCounts(c: Record<string, number>): string {
  return Object.entries(c)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}
