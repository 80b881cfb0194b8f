// The page's one store: the state the URL fragment holds, with subscribe(). Changing it rewrites the fragment
// (replaceState, so the back button is not flooded); a hashchange (a pasted link, the back button) reads it back.
(function (ns) {
  'use strict';
  const fragment = ns.MigcalcLib.fragment;
  let state = fragment.defaultState();
  const listeners = [];
  let lastWritten = '';

  function get() {
    return state;
  }

  function clone(s) {
    return JSON.parse(JSON.stringify(s));
  }

  /// update(fn): fn gets a copy of the state to change; listeners run once with the new state.
  function update(fn) {
    const next = clone(state);
    fn(next);
    set(next);
  }

  function set(next) {
    state = next;
    writeHash();
    for (const l of listeners) l(state);
  }

  function subscribe(fn) {
    listeners.push(fn);
  }

  function writeHash() {
    const hash = fragment.serialize(state);
    lastWritten = hash;
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  /// Read the fragment; returns the error sentence of a malformed one (the state is then the defaults).
  function readHash() {
    const parsed = fragment.parse(location.hash);
    state = parsed.state;
    return parsed.error;
  }

  function onExternalHashChange(fn) {
    window.addEventListener('hashchange', () => {
      if (location.hash === lastWritten) return;
      fn(readHash());
    });
  }

  /// Add `delta` to the requested count of `profile` (rows with count 0 disappear).
  function addCount(s, profile, delta) {
    const row = s.req.find((r) => r.profile === profile);
    if (row) row.count = Math.max(0, Math.min(fragment.MAX_COUNT, row.count + delta));
    else if (delta > 0) s.req.push({ profile, count: Math.min(delta, fragment.MAX_COUNT) });
    s.req = s.req.filter((r) => r.count > 0);
  }

  ns.MigcalcState = { get, set, update, subscribe, readHash, onExternalHashChange, addCount };
})(self);
