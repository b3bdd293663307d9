// node --max-old-space-size=8000 bench/heap-summary.mjs <file.heapsnapshot>
//
// What a V8 heap snapshot holds: self size by node type and name, then every Map and Set with
// its backing table, the strings its table points at (a slice or a concatenation counted with
// the strings it keeps alive) and its values, named by the property that holds it. A snapshot
// of an import: v8.writeHeapSnapshot() from an onProgress callback (it collects garbage first).
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) throw new Error('usage: bench/heap-summary.mjs <file.heapsnapshot>');
const snapshot = JSON.parse(readFileSync(file, 'utf8'));
const { node_fields: nodeFields, edge_fields: edgeFields, node_types: [nodeTypes], edge_types: [edgeTypes] } = snapshot.snapshot.meta;
const { nodes, edges, strings } = snapshot;
const NF = nodeFields.length;
const EF = edgeFields.length;
const [TYPE, NAME, SIZE, EDGES] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nodeFields.indexOf(f));
const [E_TYPE, E_NAME, E_TO] = ['type', 'name_or_index', 'to_node'].map((f) => edgeFields.indexOf(f));
const count = nodes.length / NF;
const firstEdge = new Uint32Array(count + 1);
for (let i = 0, e = 0; i < count; i++) {
  firstEdge[i] = e;
  e += nodes[i * NF + EDGES] * EF;
}
firstEdge[count] = edges.length;
const type = (i) => nodeTypes[nodes[i * NF + TYPE]];
const name = (i) => strings[nodes[i * NF + NAME]];
const size = (i) => nodes[i * NF + SIZE];
function* edgesOf(i) {
  for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += EF) yield { type: edgeTypes[edges[e + E_TYPE]], name: edges[e + E_NAME], to: edges[e + E_TO] / NF };
}
const mib = (bytes) => (bytes / 2 ** 20).toFixed(1).padStart(7);

const byType = new Map();
let total = 0;
for (let i = 0; i < count; i++) {
  const key = type(i).includes('string') ? type(i) : `${type(i)} ${name(i).slice(0, 50)}`;
  const entry = byType.get(key) ?? { n: 0, bytes: 0 };
  entry.n++;
  entry.bytes += size(i);
  byType.set(key, entry);
  total += size(i);
}
console.log(`heap ${mib(total)} MiB in ${count} nodes; by type and name (MiB, count):`);
for (const [key, { n, bytes }] of [...byType].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 20)) console.log(`${mib(bytes)} ${String(n).padStart(9)}  ${key}`);

const isCollection = (i) => type(i) === 'object' && (name(i) === 'Map' || name(i) === 'Set');
const holder = new Map();
for (let i = 0; i < count; i++) {
  for (const edge of edgesOf(i)) {
    if (!isCollection(edge.to) || holder.has(edge.to)) continue;
    if (edge.type === 'property') holder.set(edge.to, `${name(i)}.${strings[edge.name]}`);
    else if (edge.type === 'context') holder.set(edge.to, `(a closure's) ${strings[edge.name]}`);
  }
}
const stringBytes = (i, seen) => {
  if (seen.has(i) || !type(i).includes('string')) return 0;
  seen.add(i);
  let bytes = size(i);
  for (const edge of edgesOf(i)) if (edge.type !== 'weak') bytes += stringBytes(edge.to, seen);
  return bytes;
};
const collections = [];
for (let i = 0; i < count; i++) {
  if (!isCollection(i)) continue;
  const row = { name: `${name(i)} ${holder.get(i) ?? '(held by no named property)'}`, table: 0, keys: 0, values: 0 };
  const seen = new Set();
  for (const edge of edgesOf(i)) {
    if (edge.type !== 'internal' || strings[edge.name] !== 'table') continue;
    row.table += size(edge.to);
    for (const slot of edgesOf(edge.to)) {
      if (type(slot.to).includes('string')) row.keys += stringBytes(slot.to, seen);
      else if (['object', 'array', 'number'].includes(type(slot.to))) row.values += size(slot.to);
    }
  }
  collections.push(row);
}
collections.sort((a, b) => b.table + b.keys + b.values - (a.table + a.keys + a.values));
console.log('\nMaps and Sets (MiB: all = table + strings + values):');
for (const c of collections.slice(0, 20)) console.log(`${mib(c.table + c.keys + c.values)} = ${mib(c.table)} + ${mib(c.keys)} + ${mib(c.values)}  ${c.name}`);
