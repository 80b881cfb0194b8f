// The placement diagram as SVG: compute-slice row above the memory (placement-unit) row, one labelled block per
// instance, pins on fixed ones, stranded units hatched; plus a visually hidden table with the same facts.
(function (ns) {
  'use strict';
  const { h, s, replace, $ } = ns.MigcalcDom;
  const lib = ns.MigcalcLib;
  const U = 64; // px per placement unit (viewBox units)
  const ROW = 40;
  const TOP = 18;
  const LEFT = 62; // room for the row labels (full diagram only)

  function detailText(b, profiles) {
    const p = profiles && profiles.profiles.find((x) => x.name === b.profile);
    if (!p) return `${b.profile} at ${b.start}`;
    const eng = ['dec', 'enc', 'jpeg', 'ofa'].map((e) => `${p[e] === null ? '?' : p[e]} ${e.toUpperCase()}`).join(', ');
    const cis = b.cis.length ? `; split into compute instances ${lib.format.ciText(b.compute_instances)} (${b.compute_instances.map((c) => c.profile).join(', ')}), sharing its memory and engines` : '';
    return `${b.profile}${b.fixed ? ' (pinned)' : ''} at start ${b.start}, units ${b.memory.from}–${b.memory.to - 1}: ${p.sm === null ? 'unknown' : p.sm} SMs, ${lib.format.gib(p.memory_mib)}, ${eng}${cis}`;
  }

  /// svg(gpu, blocks layout, {small, profiles, onDetail}) -> <svg>
  function svg(geo, opts) {
    const small = !!opts.small;
    const left = small ? 0 : LEFT;
    const width = geo.units * U + left;
    const height = TOP + 2 * ROW + 6;
    const root = s('svg', { viewBox: `${-left} 0 ${width} ${height}`, class: small ? 'mini' : 'grid', role: small ? null : 'group', 'aria-hidden': small ? 'true' : null, 'aria-labelledby': small ? null : 'diagram-caption', preserveAspectRatio: 'xMidYMid meet' });
    root.appendChild(s('defs', {}, s('pattern', { id: small ? null : 'hatch', width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, s('rect', { width: 8, height: 8, class: 'hatch-bg' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 8, class: 'hatch-line' }))));
    const yC = TOP, yM = TOP + ROW + 2;
    if (!small) {
      for (let u = 0; u < geo.units; u++) root.appendChild(s('text', { x: u * U + U / 2, y: 12, class: 'unit-label' }, String(u)));
    }
    // empty cells
    for (const sl of geo.slices) root.appendChild(s('rect', { x: sl.from * U + 1, y: yC, width: (sl.to - sl.from) * U - 2, height: ROW - 2, class: sl.stranded ? 'cell stranded' : 'cell' }));
    for (let u = 0; u < geo.units; u++) {
      const stranded = geo.strandedUnits.includes(u);
      root.appendChild(s('rect', { x: u * U + 1, y: yM, width: U - 2, height: ROW - 2, class: stranded ? 'cell stranded' : 'cell' }));
    }
    if (!small) {
      root.appendChild(s('text', { x: -6, y: yC + ROW / 2 + 4, class: 'row-label' }, 'compute'));
      root.appendChild(s('text', { x: -6, y: yM + ROW / 2 + 4, class: 'row-label' }, 'memory'));
      root.appendChild(s('text', { x: -6, y: 12, class: 'row-label' }, 'unit'));
    }
    for (const b of geo.blocks) {
      const detail = small ? '' : detailText(b, opts.profiles);
      const g = s('g', { class: `block ${b.cls}${b.fixed ? ' fixed' : ''}`, tabindex: small ? null : '0', role: small ? null : 'img', 'aria-label': small ? null : detail, dataset: { profile: b.profile, start: String(b.start) } });
      if (!small) g.appendChild(s('title', {}, detail));
      if (b.compute) g.appendChild(s('rect', { x: b.compute.from * U + 2, y: yC + 1, width: (b.compute.to - b.compute.from) * U - 4, height: ROW - 4, rx: 4, class: 'part compute' }));
      g.appendChild(s('rect', { x: b.memory.from * U + 2, y: yM + 1, width: (b.memory.to - b.memory.from) * U - 4, height: ROW - 4, rx: 4, class: 'part memory' }));
      for (const m of b.memoryOnly) g.appendChild(s('rect', { x: m.from * U + 2, y: yM + 1, width: (m.to - m.from) * U - 4, height: ROW - 4, rx: 4, class: 'memory-only' }));
      if (!small) {
        const cx = ((b.compute || b.memory).from + (b.compute || b.memory).to) / 2 * U;
        const span = ((b.compute || b.memory).to - (b.compute || b.memory).from) * U;
        const split = b.cis.length > 0;
        g.appendChild(s('text', { x: cx, y: split ? yC + 14 : yC + ROW / 2 + 4, class: b.profile.length * 7.2 > span - 4 ? 'block-label tight' : 'block-label' }, b.profile));
        if (split) g.appendChild(computeInstances(b, yC));
        if (b.fixed) {
          const px = b.memory.to * U - 11; // top-right of the memory part, clear of the profile label
          g.appendChild(s('g', { class: 'pin' }, s('line', { x1: px, y1: yM + 4, x2: px, y2: yM + 16 }), s('circle', { cx: px, cy: yM + 7, r: 4.5 })));
        }
        g.appendChild(s('text', { x: (b.memory.from + b.memory.to) / 2 * U, y: yM + ROW / 2 + 4, class: 'block-label' }, `${b.memory.from}:${b.memory.to - b.memory.from}`));
        if (opts.onDetail) {
          const show = () => opts.onDetail(detail);
          g.addEventListener('focus', show);
          g.addEventListener('mouseenter', show);
        }
      }
      root.appendChild(g);
    }
    return root;
  }

  /// The compute instances of a split GPU instance: one small labelled box per CI in the lower half of its compute part.
  function computeInstances(b, yC) {
    const group = s('g', { class: 'cis', dataset: { cis: lib.format.ciText(b.compute_instances) } });
    for (const ci of b.cis) {
      const size = ci.profile.split('.')[0];
      group.appendChild(s('rect', { x: ci.from * U + 5, y: yC + 19, width: (ci.to - ci.from) * U - 10, height: ROW - 25, rx: 3, class: 'ci', dataset: { profile: ci.profile } }));
      group.appendChild(s('text', { x: (ci.from + ci.to) / 2 * U, y: yC + 30, class: 'ci-label' }, size));
    }
    return group;
  }

  function render(gpu, result, profiles) {
    const box = $('diagram');
    const caption = $('diagram-caption');
    const table = $('placement-table');
    if (result.error || !gpu.placement_units || result.verdict === 'unknown') {
      replace(box, h('p', { class: 'no-diagram' }, 'No diagram: the placement grid of this model is unknown.'));
      caption.textContent = '';
      replace(table);
      return;
    }
    const showSubset = result.verdict === 'not feasible' && result.largest_subset && result.largest_subset.count > 0;
    // Not feasible: the pinned instances (result.instances) plus the largest part of the request that fits.
    const instances = showSubset ? result.instances.concat(result.largest_subset.instances.filter((i) => !i.fixed)) : result.instances;
    const geo = lib.diagram.layout(gpu, instances, showSubset ? null : result.stranded);
    $('block-detail').textContent = 'Focus or hover a block for its SMs, memory and engines.';
    const picture = svg(geo, { profiles, onDetail: (t) => ($('block-detail').textContent = t) });
    picture.style.minWidth = `${geo.units * 40 + 62}px`; // readable labels; the box scrolls on narrow screens
    replace(box, picture);
    const st = result.stranded;
    const strandedText = !showSubset && st && (st.placement_units || st.compute_slices) ? ` Stranded (hatched): ${st.placement_units} unit(s), ${st.compute_slices} compute slice(s).` : '';
    caption.textContent = `${showSubset ? 'Largest part that fits' : result.verdict === 'feasible' ? 'Placement' : 'Pinned instances'} on ${gpu.key}: ${geo.units} placement units, ${gpu.compute_slices} compute slices.${strandedText}`;
    // A column for compute instances only when the request split a GPU instance.
    const split = geo.blocks.some((b) => b.cis.length);
    replace(table,
      h('caption', {}, caption.textContent),
      h('thead', {}, h('tr', {}, ['Profile', 'Start', 'Units', 'Compute slices', 'Pinned'].concat(split ? ['Compute instances'] : []).map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, geo.blocks.map((b) => h('tr', {},
        h('td', {}, b.profile), h('td', {}, String(b.start)), h('td', {}, `${b.memory.from}–${b.memory.to - 1}`),
        h('td', {}, (b.compute_slice_indices || []).join(', ')), h('td', {}, b.fixed ? 'yes' : 'no'),
        split ? h('td', {}, b.cis.length ? `${lib.format.ciText(b.compute_instances)}: ${b.compute_instances.map((c) => c.profile).join(', ')}` : 'one (the whole GPU instance)') : null))));
  }

  ns.MigcalcViews = Object.assign(ns.MigcalcViews || {}, { diagram: { render, svg } });
})(self);
