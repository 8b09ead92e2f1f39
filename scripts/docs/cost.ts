/*
 * Monthly estimate per stack from the synthesized JSON and a dated, versioned
 * price table (prices/<cloud>-<region>-<yyyy-mm>.json). Offline: no pricing
 * API is called. Unknown meters and unpriced resource types are listed,
 * never counted as $0.
 */
import * as fs from 'fs';
import * as path from 'path';
import { architectures, Resource, Stack } from './model';
import { Assumptions, Ctx, FREE, FREE_NOTES, Meter, OPAQUE, RULES, stackMeters } from './pricing';
import { displayName, typeInfo } from './types';

export interface PriceRow {
  unit: string;
  price: number;
  description: string;
  source: string;
}

export interface PriceTable {
  file: string;
  cloud: string;
  region: string;
  asOf: string;
  currency: string;
  note: string;
  assumptions: Assumptions;
  assumptionNotes?: Record<string, string>;
  prices: Record<string, PriceRow>;
}

export interface SeedEstimate {
  seed: string;
  arch: string;
  env?: string;
  label: string;
  /** [low, high] monthly USD, or undefined when the seed gives no figure */
  monthly?: [number, number];
  items?: Array<{ item: string; monthly: number }>;
  explanation: string;
}

export const ROOT = path.resolve(__dirname, '..', '..');

export function loadPriceTables(dir = path.join(ROOT, 'prices')): PriceTable[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^[a-z]+-[a-z0-9-]+-\d{4}-\d{2}\.json$/.test(f))
    .sort()
    .map((f) => ({ file: `prices/${f}`, ...(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Omit<PriceTable, 'file'>) }));
}

export function loadSeedEstimates(dir = path.join(ROOT, 'prices')): SeedEstimate[] {
  return JSON.parse(fs.readFileSync(path.join(dir, 'seed-estimates.json'), 'utf8')).estimates as SeedEstimate[];
}

/** The newest table for the stack's cloud and region. */
export function tableFor(st: Stack, tables: PriceTable[]): PriceTable | undefined {
  return tables.filter((t) => t.cloud === st.cloud && t.region === st.region).sort((a, b) => b.asOf.localeCompare(a.asOf))[0];
}

export interface Line {
  resource: string;
  kind: string;
  sku: string;
  qty: number;
  unit: string;
  unitPrice?: number;
  monthly?: number;
  assumption?: string;
  key: string;
}

export interface StackCost {
  stack: Stack;
  table?: PriceTable;
  lines: Line[];
  total: number;
  /** meters without a price row */
  unknownMeters: Line[];
  /** resource types with neither a rule nor a no-charge entry */
  unpricedTypes: Map<string, number>;
  freeTypes: Map<string, number>;
  /** resources whose cost the JSON cannot tell (OPAQUE), by display name */
  opaque: Array<{ resource: string; type: string }>;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function costOf(st: Stack, tables: PriceTable[]): StackCost {
  const table = tableFor(st, tables);
  const a = table?.assumptions ?? {};
  const ctx: Ctx = {
    st,
    a,
    hours: a.hours_per_month ?? 730,
    refAttrs: (r: Resource, attr: string) => {
      const ref = r.refs.find((x) => x.attr === attr || x.attr.startsWith(`${attr}.`));
      return ref ? st.byAddr.get(ref.target)?.attrs : undefined;
    },
    countOf: (type: string) => st.resources.filter((r) => r.type === type).length,
  };
  const lines: Line[] = [];
  const unpricedTypes = new Map<string, number>();
  const freeTypes = new Map<string, number>();
  const opaque: Array<{ resource: string; type: string }> = [];
  const push = (resource: string, kind: string, m: Meter) => {
    const row = table?.prices[m.key];
    const qty = Math.round(m.qty * 1000) / 1000;
    lines.push({
      resource,
      kind,
      sku: m.sku,
      qty,
      unit: row?.unit ?? '?',
      unitPrice: row?.price,
      monthly: row ? round2(row.price * qty) : undefined,
      assumption: m.assumption,
      key: m.key,
    });
  };
  for (const r of st.resources) {
    if (FREE.has(r.type)) {
      freeTypes.set(r.type, (freeTypes.get(r.type) ?? 0) + 1);
      continue;
    }
    if (OPAQUE[r.type]) {
      opaque.push({ resource: displayName(r), type: r.type });
      continue;
    }
    const rule = RULES[r.type];
    if (!rule) {
      unpricedTypes.set(r.type, (unpricedTypes.get(r.type) ?? 0) + 1);
      continue;
    }
    for (const m of rule(r, ctx)) push(displayName(r), typeInfo(r.type).kind, m);
  }
  for (const { item, meter } of stackMeters(st, ctx)) push(item, 'usage', meter);
  // same meter, SKU and assumption on several resources of a kind: one line with the count
  const merged: Line[] = [];
  const byKey = new Map<string, { line: Line; n: number }>();
  for (const l of lines) {
    const k = `${l.kind}|${l.sku}|${l.key}|${l.assumption ?? ''}`;
    const m = byKey.get(k);
    if (m) {
      m.n++;
      m.line.qty = Math.round((m.line.qty + l.qty) * 1000) / 1000;
      m.line.monthly = m.line.unitPrice === undefined ? undefined : round2(m.line.unitPrice * m.line.qty);
      m.line.resource = `${l.kind} ×${m.n}`;
      if (m.line.assumption && !m.line.assumption.startsWith('each: ')) m.line.assumption = `each: ${m.line.assumption}`;
    } else {
      const line = { ...l };
      byKey.set(k, { line, n: 1 });
      merged.push(line);
    }
  }
  lines.splice(0, lines.length, ...merged);
  const unknownMeters = lines.filter((l) => l.unitPrice === undefined);
  const total = round2(lines.reduce((t, l) => t + (l.monthly ?? 0), 0));
  return { stack: st, table, lines, total, unknownMeters, unpricedTypes, freeTypes, opaque };
}

const money = (x: number | undefined) => (x === undefined ? '?' : `$${x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
const unitMoney = (x: number | undefined) => (x === undefined ? '**no price**' : `$${x < 0.01 ? String(Number(x.toPrecision(3))) : x.toLocaleString('en-US', { maximumFractionDigits: 4 })}`);
const qtyFmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 3 });
const pipe = (x: string) => x.replace(/\|/g, '\\|');

export function stackCostMarkdown(c: StackCost): string {
  const md: string[] = [];
  md.push(`# ${c.stack.name}: monthly cost estimate`);
  md.push('');
  if (!c.table) {
    md.push(`No price table for ${c.stack.cloud} ${c.stack.region || '(no region)'} in \`prices/\`: every meter below is unpriced.`);
  } else {
    md.push(`Generated by \`npm run cost\` from the synthesized stack and \`${c.table.file}\` (list prices in ${c.table.currency} as of ${c.table.asOf}, ${c.stack.region}). ${c.table.note}`);
  }
  md.push('');
  md.push(`**Total: ${money(c.total)} / month**${c.unknownMeters.length > 0 || c.unpricedTypes.size > 0 || c.opaque.length > 0 ? ' (plus the unpriced items listed below)' : ''}`);
  md.push('');
  md.push('| resource | kind | SKU / meter | quantity | unit | unit price | monthly | assumption |');
  md.push('| --- | --- | --- | ---: | --- | ---: | ---: | --- |');
  for (const l of c.lines) {
    md.push(`| ${pipe(l.resource)} | ${pipe(l.kind)} | ${pipe(l.sku)} | ${qtyFmt(l.qty)} | ${l.unit} | ${unitMoney(l.unitPrice)} | ${money(l.monthly)} | ${pipe(l.assumption ?? '')} |`);
  }
  md.push(`| **total** | | | | | | **${money(c.total)}** | |`);
  md.push('');
  if (c.unknownMeters.length > 0) {
    md.push('**Unknown SKUs (no row in the price table, not included in the total):**');
    md.push('');
    for (const l of c.unknownMeters) md.push(`- \`${l.key}\` (${pipe(l.resource)}, ${pipe(l.sku)})`);
    md.push('');
  }
  if (c.unpricedTypes.size > 0) {
    md.push('**Resource types without a pricing rule (not included in the total):**');
    md.push('');
    for (const [t, k] of [...c.unpricedTypes.entries()].sort()) md.push(`- \`${t}\` ×${k}`);
    md.push('');
  }
  if (c.opaque.length > 0) {
    md.push('**Not priced (their contents are not visible in the Terraform JSON):**');
    md.push('');
    for (const o of c.opaque) md.push(`- ${pipe(o.resource)} (\`${o.type}\`): ${OPAQUE[o.type]}`);
    md.push('');
  }
  const notes = [...c.freeTypes.keys()].filter((t) => FREE_NOTES[t]).sort();
  md.push(`No charge of their own: ${[...c.freeTypes.values()].reduce((a, b) => a + b, 0)} resources of ${c.freeTypes.size} types (networking glue, IAM, policies, configuration)${notes.length > 0 ? `; ${notes.map((t) => `\`${t}\`: ${FREE_NOTES[t]}`).join('; ')}` : ''}.`);
  md.push('');
  return md.join('\n');
}

export function costSummaryMarkdown(costs: StackCost[], seeds: SeedEstimate[], tables: PriceTable[]): string {
  const md: string[] = [];
  md.push('# Monthly cost per stack');
  md.push('');
  md.push('Generated by `npm run cost`. Offline estimates from list prices; see each stack\'s page for the line items and the assumptions.');
  md.push('');
  md.push(costTotalsTable(costs));
  md.push('');
  md.push('## Next to the seeds\' own estimates');
  md.push('');
  md.push(seedComparison(costs, seeds));
  md.push('');
  md.push('## Price tables');
  md.push('');
  for (const t of tables) md.push(`- \`${t.file}\`: ${t.cloud} ${t.region}, ${Object.keys(t.prices).length} prices, as of ${t.asOf}. ${t.note}`);
  md.push('');
  return md.join('\n');
}

export function costTotalsTable(costs: StackCost[]): string {
  const rows = ['| stack | monthly | price table | unpriced |', '| --- | ---: | --- | --- |'];
  for (const c of costs) {
    const unpriced = c.unknownMeters.length + [...c.unpricedTypes.values()].reduce((a, b) => a + b, 0) + c.opaque.length;
    rows.push(`| [\`${c.stack.name}\`](${c.stack.name}.md) | ${money(c.total)} | ${c.table ? `\`${c.table.file}\`` : 'none'} | ${unpriced > 0 ? `${unpriced} item(s), listed` : '—'} |`);
  }
  return rows.join('\n');
}

export function seedComparison(costs: StackCost[], seeds: SeedEstimate[], linkPrefix = ''): string {
  const rows = ['| seed | stack | seed estimate | ours | why they differ |', '| --- | --- | ---: | ---: | --- |'];
  for (const s of seeds) {
    const stackName = s.env ? `${s.arch}-${s.env}` : s.arch;
    const c = costs.find((x) => x.stack.name === stackName);
    const seedFig = s.monthly ? (s.monthly[0] === s.monthly[1] ? money(s.monthly[0]) : `${money(s.monthly[0])}–${money(s.monthly[1])}`) : 'no figure';
    const items = s.items && s.items.length > 0 ? ` (${s.items.map((i) => `${i.item} ${money(i.monthly)}`).join(', ')})` : '';
    const ours = c ? `[${money(c.total)}](${linkPrefix}${stackName}.md)` : 'stack not in this app yet';
    rows.push(`| ${s.seed} | \`${stackName}\` | ${seedFig}${pipe(items)} | ${ours} | ${pipe(s.explanation)} |`);
  }
  return rows.join('\n');
}

export interface CostOutput {
  costs: StackCost[];
  files: Map<string, string>;
}

export function generateCost(stacks: Stack[], tables = loadPriceTables(), seeds = loadSeedEstimates()): CostOutput {
  const costs = stacks.map((s) => costOf(s, tables));
  const files = new Map<string, string>();
  for (const c of costs) files.set(`docs/cost/${c.stack.name}.md`, stackCostMarkdown(c));
  files.set('docs/cost/README.md', costSummaryMarkdown(costs, seeds, tables));
  void architectures;
  return { costs, files };
}

/** Plain-text table for the terminal. */
export function costText(c: StackCost): string {
  const rows = c.lines.map((l) => [l.resource, l.sku, qtyFmt(l.qty), l.unit, l.unitPrice === undefined ? 'NO PRICE' : String(l.unitPrice), money(l.monthly), l.assumption ?? '']);
  const head = ['resource', 'SKU / meter', 'qty', 'unit', 'unit price', 'monthly', 'assumption'];
  const w = head.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const fmt = (r: string[]) => r.map((x, i) => (i === 2 || i === 4 || i === 5 ? x.padStart(w[i]) : x.slice(0, 48).padEnd(w[i]))).join('  ');
  const out = [`${c.stack.name} (${c.stack.cloud} ${c.stack.region}, ${c.table ? c.table.file : 'no price table'})`, fmt(head), ...rows.map(fmt), `TOTAL ${money(c.total)} / month`];
  for (const l of c.unknownMeters) out.push(`UNKNOWN SKU ${l.key} (${l.resource})`);
  for (const [t, k] of c.unpricedTypes) out.push(`UNPRICED TYPE ${t} x${k}`);
  for (const o of c.opaque) out.push(`NOT PRICED ${o.resource} (${o.type}): ${OPAQUE[o.type]}`);
  return `${out.join('\n')}\n`;
}
