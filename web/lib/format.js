// Pure formatting for the page: verdict sentences, numbers, driver options, the GPU picker's grouping and the
// simplified model's input. No DOM; tested by node --test.
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.MigcalcLib = root.MigcalcLib || {}).format = api;
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

  function gib(mib) {
    if (mib === null || mib === undefined) return 'unknown';
    const g = mib / 1024;
    return `${g >= 100 ? Math.round(g) : Math.round(g * 10) / 10} GiB`;
  }

  function placementList(list) {
    return list.map((i) => `${i.profile} at ${i.start}${i.compute_instances ? ` (${ciText(i.compute_instances)})` : ''}`).join(', ');
  }

  /// The compute instances of one GPU instance by size: [1c, 1c, 1c] -> "3×1c", [2c, 1c] -> "2c+1c".
  function ciText(cis) {
    const parts = [];
    for (let i = 0; i < cis.length;) {
      let j = i;
      while (j < cis.length && cis[j].profile === cis[i].profile) j++;
      const size = `${cis[i].compute_slices}c`;
      parts.push(j - i > 1 ? `${j - i}×${size}` : size);
      i = j;
    }
    return parts.join('+');
  }

  /// A reason code as a rule in a few words, for the banner's count of the other failing rules.
  const RULE_WORDS = {
    UNKNOWN_PROFILE: 'unknown profile', SLICE_TOTAL: 'slice total', INSTANCE_CAP: 'instance cap',
    FIXED_BAD_START: 'pinned start', FIXED_OVERLAP: 'pinned overlap', NO_PLACEMENT: 'placement window',
    MEDIA_ENGINES: 'media engines', DRIVER_TOO_OLD: 'driver',
  };

  /// The rules the reasons after the first one break, in their order, repeats counted:
  /// [SLICE_TOTAL, INSTANCE_CAP, MEDIA_ENGINES, MEDIA_ENGINES] -> "3 more rules fail: instance cap, media engines (2)".
  function moreRulesText(reasons) {
    const rest = reasons.slice(1);
    if (!rest.length) return '';
    const counts = new Map();
    for (const r of rest) {
      const word = RULE_WORDS[r.code] || r.code.toLowerCase().replace(/_/g, ' ');
      counts.set(word, (counts.get(word) || 0) + 1);
    }
    const words = [...counts].map(([w, n]) => (n > 1 ? `${w} (${n})` : w));
    return ` ${rest.length} more ${rest.length === 1 ? 'rule fails' : 'rules fail'}: ${words.join(', ')}.`;
  }

  /// "2 × 1g.24gb, 3g.40gb" for a request [{profile, count}].
  function requestText(request) {
    return request.map((r) => (r.count > 1 ? `${r.count} × ${r.profile}` : r.profile)).join(', ');
  }

  /// The banner: starts with "Feasible", "Not feasible" or "Unknown", then plain words. When several rules fail it
  /// says the first and names the others (the reasons list below the banner says them in full).
  function verdictText(result) {
    if (result.error) return `Unknown — ${result.error.message}`;
    const added = result.instances.filter((i) => !i.fixed);
    if (result.verdict === 'feasible') {
      const asked = (result.request || []).filter((r) => r.count > 0);
      // A model without a placement table: what fits is known, where it goes is not.
      if (added.length === 0 && !result.instances.length && asked.length) return `Feasible — ${requestText(asked)}. Where they go is not known (no placement table for ${result.gpu}): create them without explicit starts and the driver places them.`;
      if (added.length === 0) return result.instances.length ? 'Feasible — nothing new requested; the pinned instances fit.' : 'Feasible — nothing requested yet. Add profiles below.';
      return `Feasible — ${plural(added.length, 'instance')}. Create in this order: ${placementList(added)}.`;
    }
    if (result.verdict === 'not feasible') {
      const first = result.reasons.length ? ` — ${result.reasons[0].message}` : '';
      const subset = result.largest_subset;
      const fits = !subset ? '' : subset.count ? ` Largest part that fits: ${placementList(subset.instances.filter((i) => !i.fixed))}.` : ' None of the requested instances fits.';
      return `Not feasible${first}${moreRulesText(result.reasons)}${fits}`;
    }
    const why = result.reasons.length ? result.reasons[0].message : 'the exact placement rules of this model are unknown.';
    return `Unknown — ${why}`;
  }

  /// {label, used, total, pct} for a utilization measure; pct null when unknown.
  function measure(label, m, unit) {
    const known = m && m.used !== null && m.total !== null;
    const pct = known && m.total > 0 ? Math.round((m.used * 100) / m.total) : known ? 0 : null;
    const fmt = (v) => (v === null || v === undefined ? 'unknown' : unit === 'MiB' ? gib(v) : String(v));
    return { label, pct, text: known ? `${fmt(m.used)} of ${fmt(m.total)}` : `${fmt(m && m.used)} of ${fmt(m && m.total)}` };
  }

  /// Catalog GPUs grouped by family, in catalog order: [{family, gpus: [...]}].
  function groupByFamily(gpus) {
    const groups = [];
    for (const g of gpus) {
      let group = groups.find((x) => x.family === g.family);
      if (!group) groups.push((group = { family: g.family, gpus: [] }));
      group.gpus.push(g);
    }
    return groups;
  }

  /// "H100-SXM5-80GB — 79.6 GiB (placements inferred)".
  function gpuLabel(g) {
    const flags = !g.placements_known ? ' (placements unknown)' : g.placements_inferred ? ' (placements inferred)' : '';
    return `${g.key} — ${gib(g.total_memory_mib)}${flags}`;
  }

  /// Driver branches worth offering, newest first: every GPU's minimum, the model's profile minimums and rules.
  function driverOptions(gpus, profiles) {
    const set = new Set(gpus.map((g) => g.min_driver).filter((d) => d > 0));
    for (const p of (profiles && profiles.profiles) || []) if (p.min_driver) set.add(p.min_driver);
    for (const r of (profiles && profiles.driver_rules) || []) set.add(r.min_driver);
    return [...set].sort((a, b) => b - a).map((d) => `R${d}`);
  }

  /// "{0,2,4}:2" -> {starts: [0,2,4], size: 2}; null for unknown placements.
  function placements(text) {
    const m = /^\{([\d,]*)\}:(\d+)$/.exec(text || '');
    if (!m) return null;
    return { starts: m[1] === '' ? [] : m[1].split(',').map(Number), size: Number(m[2]) };
  }

  /// GB in a profile name: "3g.40gb+me" -> 40.
  function nameGb(name) {
    const m = /\.(\d+)gb/.exec(name);
    return m ? Number(m[1]) : null;
  }

  /// The simplified model's input from the exact model's GPU and request (the exercise's numbers: SMs and the
  /// GB of the profile names).
  function seedDefaults(profiles, req) {
    const full = profiles.profiles.reduce((a, p) => (p.compute_slices > (a ? a.compute_slices : 0) ? p : a), null);
    const rows = req.map((r) => {
      const p = profiles.profiles.find((x) => x.name === r.profile);
      return { name: r.profile, sms: p && p.sm !== null ? p.sm : 0, memory_gb: nameGb(r.profile) || 0, count: r.count };
    });
    return { cap: { total_sms: profiles.sms || 0, total_memory_gb: (full && nameGb(full.name)) || 0 }, rows };
  }

  /// The input of seed(): {total_sms, total_memory_gb, profiles: [{name, sms, memory_gb, count}]}.
  function seedInput(cap, rows) {
    return { total_sms: cap.total_sms, total_memory_gb: cap.total_memory_gb, profiles: rows.filter((r) => r.count > 0) };
  }

  function seedText(out) {
    if (out.error) return `Not feasible — ${out.error.message}`;
    const head = out.feasible ? 'Feasible' : 'Not feasible';
    return `${head} (simplified model) — ${plural(out.total_instances, 'instance')}, SMs ${out.sm_utilization_pct}% used (${out.sms_remaining} left), memory ${out.memory_utilization_pct}% used (${out.memory_remaining_gb} GB left).`;
  }

  return { gib, ciText, verdictText, moreRulesText, measure, groupByFamily, gpuLabel, driverOptions, placements, nameGb, seedDefaults, seedInput, seedText, plural };
});
