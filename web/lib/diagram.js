// Geometry of the placement diagram, as NVIDIA draws it in the MIG User Guide: placement units left to right,
// a compute-slice row above the memory row. Pure data (no DOM): blocks in unit coordinates.
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.MigcalcLib = root.MigcalcLib || {}).diagram = api;
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /// Units [from, to) that compute slice `c` sits over (unit 7 of an 8-unit GPU has none).
  function sliceSpan(units, computeSlices, c) {
    if (units % computeSlices === 0) {
      const k = units / computeSlices;
      return { from: c * k, to: (c + 1) * k };
    }
    return { from: c, to: c + 1 };
  }

  /// The colour class by slice size: g1, g2, g3, g4, g7 (g4 for anything between 4 and 6).
  function sizeClass(computeSlices, gpuComputeSlices) {
    if (computeSlices >= gpuComputeSlices && gpuComputeSlices > 4) return 'g7';
    return `g${Math.min(computeSlices, 4)}`;
  }

  /// layout(gpu summary, instances with compute_slice_indices or compute_slices, stranded) ->
  /// {units, slices: [{index, from, to, used, stranded}], blocks: [{...instance, compute: {from,to}|null,
  /// memory: {from,to}, memoryOnly: [{from,to}], cls, cis: [{profile, from, to}]}], strandedUnits: [..]}
  /// `cis`: the instance's compute instances (empty when not split) side by side over its compute slices, in the
  /// order given (the positions inside the GPU instance are drawn, not modelled).
  function layout(gpu, instances, stranded) {
    const units = gpu.placement_units;
    if (!units) return null;
    const cs = gpu.compute_slices;
    const used = new Set();
    const blocks = instances.map((inst) => {
      const idx = inst.compute_slice_indices || firstSlices(units, cs, inst.start, inst.compute_slices);
      idx.forEach((c) => used.add(c));
      let compute = null;
      if (idx.length) compute = { from: sliceSpan(units, cs, idx[0]).from, to: sliceSpan(units, cs, idx[idx.length - 1]).to };
      const memory = { from: inst.start, to: inst.start + inst.size };
      const memoryOnly = [];
      for (let u = memory.from; u < memory.to; u++) {
        if (compute && u >= compute.from && u < compute.to) continue;
        const last = memoryOnly[memoryOnly.length - 1];
        if (last && last.to === u) last.to = u + 1;
        else memoryOnly.push({ from: u, to: u + 1 });
      }
      return Object.assign({}, inst, { compute, memory, memoryOnly, cls: sizeClass(inst.compute_slices, cs), cis: computeInstances(units, cs, idx, inst.compute_instances) });
    });
    const strandedUnits = (stranded && stranded.units) || [];
    const occupied = new Set();
    for (const b of blocks) for (let u = b.memory.from; u < b.memory.to; u++) occupied.add(u);
    // A free compute slice is stranded when none of its units is free and usable.
    const slices = [];
    for (let c = 0; c < cs; c++) {
      const span = sliceSpan(units, cs, c);
      let allStranded = !used.has(c);
      for (let u = span.from; u < span.to && allStranded; u++) allStranded = strandedUnits.includes(u) || occupied.has(u);
      slices.push({ index: c, from: span.from, to: span.to, used: used.has(c), stranded: !used.has(c) && allStranded });
    }
    return { units, slices, blocks, strandedUnits };
  }

  /// Compute instances over the slices `idx` of their GPU instance, left to right: [{profile, from, to}] in units.
  function computeInstances(units, cs, idx, cis) {
    const out = [];
    let k = 0;
    for (const ci of cis || []) {
      const n = Math.max(1, ci.compute_slices);
      if (k + n > idx.length) break;
      out.push({ profile: ci.profile, from: sliceSpan(units, cs, idx[k]).from, to: sliceSpan(units, cs, idx[k + n - 1]).to });
      k += n;
    }
    return out;
  }

  // Same rule as the core's computeSlicesOf, for instances that come without indices (layouts()).
  function firstSlices(units, cs, start, n) {
    const first = units % cs === 0 ? Math.floor(start / (units / cs)) : start;
    const out = [];
    for (let k = 0; k < n; k++) out.push(first + k);
    return out;
  }

  return { layout, sliceSpan, sizeClass };
});
