// The one way the views build DOM: createElement + textContent, never innerHTML with data.
(function (ns) {
  'use strict';
  const SVG = 'http://www.w3.org/2000/svg';

  /// h('button', {type: 'button', class: 'x', onclick: fn, dataset: {k: v}}, 'text', child, ...)
  function h(tag, attrs, ...children) {
    return build(document.createElement(tag), attrs, children);
  }

  function s(tag, attrs, ...children) {
    return build(document.createElementNS(SVG, tag), attrs, children);
  }

  function build(el, attrs, children) {
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return el;
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  function replace(el, ...children) {
    clear(el);
    for (const c of children.flat()) if (c) el.appendChild(c);
    return el;
  }

  ns.MigcalcDom = { h, s, clear, replace, $: (id) => document.getElementById(id) };
})(self);
