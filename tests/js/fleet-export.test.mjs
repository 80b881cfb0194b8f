// exportPlan() of the full module (web/migcalc.js and web/migcalc-full-http.*) writes what `migcalc export --plan F
// --format X` prints (MIGCALC_BIN, or build/cli/migcalc when built), from a plan input (solved first) or from a
// plan() answer; bad input is an error value; a plan with unmet demand exports what it placed. Also the page's
// pure helpers of the fleet export (web/lib/fleet.js) and its fragment keys fexport and fnode (web/lib/fragment.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadCore, loadHttpCore, loadFullHttpCore, fixture, webLib, ROOT } from './module.mjs';

const core = await loadCore();
const fleet = webLib('fleet');
const fragment = webLib('fragment');
const CLI = process.env.MIGCALC_BIN || `${ROOT}build/cli/migcalc`;
const haveCli = existsSync(CLI);
// The CLI is part of the build the tests run on: missing, these comparisons fail rather than skip.
if (!haveCli) throw new Error(`migcalc binary not found or not working at ${CLI}; build it or set MIGCALC_BIN`);
const EXAMPLE = `${ROOT}tests/fixtures/plan/issue-example.json`;
const FORMATS = ['nvidia-smi', 'mig-parted', 'k8s', 'dra', 'json'];

function cliExport(file, format, extra = []) {
  const r = spawnSync(CLI, ['export', '--plan', file, '--format', format, ...extra], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/// The text the page shows for an answer: {text}, or the JSON layout as `migcalc export --format json` prints it.
const textOf = (answer) => (answer.text !== undefined ? answer.text : `${JSON.stringify(answer.layout, null, 2)}\n`);

for (const format of FORMATS) {
  test(`exportPlan(issue example, {format: ${format}}) equals \`migcalc export --plan issue-example.json --format ${format}\``, () => {
    const answer = core.exportPlan(fixture('plan/issue-example.json'), { format });
    assert.equal(answer.error, undefined, JSON.stringify(answer.error));
    assert.equal(answer.format, format);
    assert.equal(answer.fleet, true);
    const c = cliExport(EXAMPLE, format);
    assert.equal(c.status, 0, c.stderr);
    assert.ok(c.stdout.length > 100, 'the CLI wrote an export');
    if (format === 'json') assert.deepEqual(answer.layout, JSON.parse(c.stdout));
    else assert.equal(answer.text, c.stdout);
    assert.equal(textOf(answer), c.stdout);
  });
}

test('exportPlan() of the plan() answer (what the page holds) equals the CLI on `migcalc plan --json`, GPUs per node included', () => {
  const dir = mkdtempSync(join(tmpdir(), 'migcalc-fexp-'));
  const planned = spawnSync(CLI, ['plan', EXAMPLE, '--json'], { encoding: 'utf8' });
  assert.equal(planned.status, 0, planned.stderr);
  const file = join(dir, 'plan.json');
  writeFileSync(file, planned.stdout);
  const answer = core.plan(fixture('plan/issue-example.json'));
  for (const format of FORMATS) {
    for (const perNode of [1, 4]) {
      const c = cliExport(file, format, ['--gpus-per-node', String(perNode)]);
      assert.equal(c.status, 0, c.stderr);
      // The answer as an object ({plan}), its .plan, and its JSON text give the same export.
      const fromAnswer = core.exportPlan(answer, { format, gpus_per_node: perNode });
      assert.equal(textOf(fromAnswer), c.stdout, `${format}, ${perNode} per node`);
      assert.equal(textOf(core.exportPlan(answer.plan, { format, gpus_per_node: perNode })), c.stdout);
      assert.equal(textOf(core.exportPlan(JSON.stringify(answer), { format, gpus_per_node: perNode })), c.stdout);
    }
  }
  const k8s4 = core.exportPlan(answer, { format: 'k8s', gpus_per_node: 4 }).text;
  assert.match(k8s4, /with 4 GPUs per node in plan order: possible on \d+ of 5 nodes/);
  assert.equal(core.exportPlan(answer, { format: 'json', gpus_per_node: 4 }).layout.kubernetes.gpus_per_node, 4);
});

test('the exports hold every group of the plan: explicit placements, one mig-parted config per distinct layout', () => {
  const { plan } = core.plan(fixture('plan/issue-example.json'));
  const smi = core.exportPlan(plan, { format: 'nvidia-smi' }).text;
  assert.equal((smi.match(/^migcalc_layout_\d+\(\) \{$/gm) || []).length, plan.groups.length);
  assert.equal((smi.match(/nvidia-smi mig -i "\$gpu" -cgi (\d+:\d+,?)+ -C/g) || []).length, plan.groups.length);
  assert.match(smi, new RegExp(`^# Fleet plan: ${plan.total_gpus} GPUs in ${plan.groups.length} layouts`, 'm'));
  const yaml = core.exportPlan(plan, { format: 'mig-parted' }).text;
  assert.match(yaml, /^mig-configs:$/m);
  const layout = core.exportPlan(plan, { format: 'json' }).layout;
  assert.equal(layout.format, 'migcalc-fleet');
  assert.deepEqual(layout.groups.map((g) => [g.model, g.count]), plan.groups.map((g) => [g.model, g.count]));
  for (const g of layout.groups) assert.match(yaml, new RegExp(`^  ${g.mig_parted_config}:$`, 'm'));
});

test('a plan() answer with unmet demand exports what it placed; a plan input with unmet demand is NOT_FEASIBLE', () => {
  const input = { demand: [{ profile: '3g.40gb', count: 5, model: 'H100-SXM5-80GB' }], gpus: [{ model: 'H100-SXM5-80GB', available: 1 }] };
  const answer = core.plan(input);
  assert.ok(answer.plan.unmet.length > 0, 'one GPU cannot hold five 3g.40gb');
  assert.equal(answer.plan.total_gpus, 1);
  const smi = core.exportPlan(answer, { format: 'nvidia-smi' });
  assert.equal(smi.error, undefined, JSON.stringify(smi.error));
  assert.match(smi.text, /^# Fleet plan: 1 GPU in 1 layout/m);
  assert.match(smi.text, /-cgi 9:0,9:4 -C/);
  const note = fleet.exportNote(answer);
  assert.equal(note.none, undefined);
  assert.match(note.note, /leaves 3 instances of the demand unmet: this export holds only what is placed, on 1 GPU\./);
  const refused = core.exportPlan(input, { format: 'nvidia-smi' });
  assert.equal(refused.error.code, 'NOT_FEASIBLE');
  assert.match(refused.error.message, /unmet.*nothing to export/);
});

test('bad input is an error value that says what is wrong', () => {
  const answer = core.plan(fixture('plan/issue-example.json'));
  const cases = [
    [[], 'BAD_INPUT', /exportPlan\(\) takes a plan/],
    [[42, { format: 'json' }], 'BAD_INPUT', /exportPlan\(\) takes a plan/],
    [[[1, 2], { format: 'json' }], 'BAD_INPUT', /exportPlan\(\) takes a plan/],
    [['{not json', { format: 'json' }], 'BAD_PLAN_FILE', /./],
    [[answer], 'BAD_INPUT', /format is nvidia-smi, mig-parted, k8s, dra or json/],
    [[answer, { format: 7 }], 'BAD_INPUT', /format is nvidia-smi/],
    [[answer, { format: 'yaml' }], 'BAD_EXPORT_REQUEST', /nvidia-smi, mig-parted, k8s, dra or json, not 'yaml'/],
    [[answer, { format: 'mig-parted-configmap' }], 'BAD_EXPORT_REQUEST', /A fleet plan exports as nvidia-smi, mig-parted, k8s, dra or json/],
    [[answer, { format: 'k8s', gpus_per_node: 0 }], 'BAD_EXPORT_REQUEST', /gpus_per_node is 0; it must be a whole number from 1 to 1000/],
    [[answer, { format: 'k8s', gpus_per_node: 2.5 }], 'BAD_EXPORT_REQUEST', /gpus_per_node is 2\.5; it must be a whole number/],
    [[answer, { format: 'json', gpus_per_node: '4' }], 'BAD_EXPORT_REQUEST', /whole number/],
    [[answer, { format: 'json', gpus_per_node: 1001 }], 'BAD_EXPORT_REQUEST', /gpus_per_node is 1001; it must be a whole number from 1 to 1000/],
    [[{ groups: [{ model: 'A100-80GB', count: 1, instances: [{ profile: '3g.40gb', start: 2 }] }] }, { format: 'json' }], 'BAD_PLAN', /Group 1 \(A100-80GB\) is not a valid layout/],
    [[{ groups: [{ model: 'H1000', count: 1, instances: [] }] }, { format: 'json' }], 'UNKNOWN_GPU', /H1000/],
    [[{ groups: [{ model: 'A100-80GB' }] }, { format: 'json' }], 'BAD_PLAN_FILE', /groups\[0\] needs 'model'/],
  ];
  for (const [args, code, why] of cases) {
    const r = core.exportPlan(...args);
    assert.ok(r.error, `${JSON.stringify(args).slice(0, 80)} gave no error`);
    assert.equal(r.error.code, code, `${JSON.stringify(args).slice(0, 80)}: ${r.error.message}`);
    assert.match(r.error.message, why);
  }
});

test('the http full module has exportPlan() with the same answer; the core-only module has none', async () => {
  const full = await loadFullHttpCore();
  const { plan } = core.plan(fixture('plan/issue-example.json'));
  for (const format of FORMATS) assert.deepEqual(full.exportPlan(plan, { format, gpus_per_node: 2 }), core.exportPlan(plan, { format, gpus_per_node: 2 }));
  const coreOnly = await loadHttpCore();
  assert.equal(typeof coreOnly.exportPlan, 'undefined');
});

test("the page's helpers: formats and file names, GPUs per node, what to say, the shown part of a long text", () => {
  assert.deepEqual(fleet.EXPORT_FORMATS.map((f) => f.value), fragment.EXPORT_FORMATS);
  assert.deepEqual(fleet.EXPORT_FORMATS.map((f) => f.file), ['migcalc-fleet.sh', 'migcalc-fleet-mig-parted.yaml', 'migcalc-fleet-k8s.txt', 'migcalc-fleet-dra.yaml', 'migcalc-fleet.json']);
  assert.equal(fleet.exportFormatOf('k8s').perNode, true);
  assert.equal(fleet.exportFormatOf('nope').value, 'nvidia-smi');
  assert.deepEqual(fleet.readGpusPerNode(' 8 '), { value: 8 });
  assert.deepEqual(fleet.readGpusPerNode('64'), { value: 64 });
  for (const bad of ['0', '65', '2.5', '-1', 'x', '']) {
    const r = fleet.readGpusPerNode(bad);
    assert.equal(r.value, undefined, bad);
    assert.match(r.error, /^GPUs per node must be a whole number from 1 to 64/);
    if (bad) assert.ok(r.error.includes(`not '${bad}'`), r.error);
  }
  assert.match(fleet.exportNote(null).none, /^Nothing to export yet/);
  assert.match(fleet.exportNote({ error: { code: 'X', message: 'Broken.' } }).none, /^Nothing to export: there is no plan \(Broken\.\)/);
  const empty = core.plan({ demand: [], gpus: [{ model: 'H100-SXM5-80GB' }] });
  assert.equal(empty.plan.groups.length, 0);
  assert.equal(fleet.exportNote(empty).none, 'Nothing to export: the plan needs no GPUs (the demand is empty).');
  const none = core.plan({ demand: [{ profile: '7g.80gb', count: 2, model: 'H100-SXM5-80GB' }], gpus: [{ model: 'H100-SXM5-80GB', available: 0 }] });
  assert.equal(none.plan.groups.length, 0);
  assert.match(fleet.exportNote(none).none, /^Nothing to export: the plan places nothing on any GPU \(2 instances of the demand cannot be met/);
  assert.deepEqual(fleet.exportNote(core.plan(fixture('plan/issue-example.json'))), { note: null });
  const text = Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n') + '\n';
  assert.deepEqual(fleet.exportPreview(text, 1000), { text, shownLines: 10, hiddenLines: 0 });
  const cut = fleet.exportPreview(text, 20);
  assert.equal(cut.text, 'line 0\nline 1\n');
  assert.equal(cut.shownLines + cut.hiddenLines, 10);
  assert.equal(cut.hiddenLines, 8);
});

test('fragment keys fexport and fnode: defaults omitted, round trip, bad values named', () => {
  const d = fragment.defaultState();
  assert.equal(d.fexport, 'nvidia-smi');
  assert.equal(d.fnode, 1);
  assert.doesNotMatch(fragment.serialize(Object.assign(d, { mode: 'fleet' })), /fexport|fnode/);
  const s = Object.assign(fragment.defaultState(), { mode: 'fleet', fleet: fleet.defaultFleet(), fexport: 'k8s', fnode: 8 });
  const hash = fragment.serialize(s);
  assert.match(hash, /&fexport=k8s&fnode=8$/);
  const r = fragment.parse(hash);
  assert.equal(r.error, null);
  assert.deepEqual(r.state, s);
  assert.equal(fragment.parse('#mode=fleet&fexport=json').state.fexport, 'json');
  assert.equal(fragment.parse('#mode=fleet&fexport=json').state.fleet, null, 'fexport alone is not a fleet');
  for (const [bad, why] of [['fexport=yaml', /fleet export format 'yaml' is not one of nvidia-smi, mig-parted, k8s, dra, json/],
    ['fnode=0', /GPUs per node \(fnode\) 0 is outside 1\.\.64/], ['fnode=65', /outside 1\.\.64/], ['fnode=two', /not a whole number/]]) {
    const p = fragment.parse(`#mode=fleet&${bad}`);
    assert.match(p.error, why, bad);
    assert.equal(p.state.mode, 'fleet');
    assert.equal(p.state.fnode, 1);
  }
});
