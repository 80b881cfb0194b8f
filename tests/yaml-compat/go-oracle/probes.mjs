// The syntax probes of tests/fixtures/yaml-probes/probes.json: each a name and a small YAML text. regen.sh feeds
// them to oracle.go (mig-parted's own YAML stack) and writes the golden table. Names are unique and stable; add new
// probes at the end of their group.
const cfg = (body) => `version: v1\nmig-configs:\n${body}`;
const p = [];
const add = (name, text) => p.push({ name, text });

// Booleans in every YAML 1.1 spelling, and near misses.
for (const w of ['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False',
  'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF', 'yEs', 'tRUE', 'oN', 'ye', 'nope', 'onn', 't', 'f'])
  add(`bool-${w}`, `v: ${w}\n`);
add('bool-quoted-yes', 'v: "yes"\n');
add('bool-single-quoted-on', "v: 'on'\n");
add('bool-in-flow-list', 'v: [yes, no, on, off, y, n]\n');
add('bool-in-block-list', 'v:\n- Yes\n- NO\n- Off\n');
// Integers.
for (const [n, t] of [['octal-010', '010'], ['octal-0o10', '0o10'], ['octal-007', '007'], ['octal-bad-08', '08'],
  ['octal-bad-09', '09'], ['octal-0', '0'], ['octal-00', '00'], ['hex-0x10', '0x10'], ['hex-0X10', '0X10'],
  ['hex-0xff', '0xff'], ['hex-0xFF', '0xFF'], ['hex-neg', '-0x10'], ['hex-bad', '0xZZ'], ['bin-0b101', '0b101'],
  ['bin-neg', '-0b11'], ['under-1_000', '1_000'], ['under-1__0', '1__0'], ['under-trailing', '10_'],
  ['under-leading', '_10'], ['under-hex', '0x_1F'], ['plus-10', '+10'], ['minus-10', '-10'], ['minus-0', '-0'],
  ['int-big', '9223372036854775807'], ['int-bigger', '9223372036854775808'], ['int-huge', '99999999999999999999'],
  ['int-neg-big', '-9223372036854775808'], ['sexagesimal-1_20', '1:20'], ['sexagesimal-190_20_30', '190:20:30'],
  ['sexagesimal-neg', '-1:30'], ['int-leading-space', '  12']])
  add(`int-${n}`, `v: ${t}\n`);
// Floats.
for (const [n, t] of [['1.0', '1.0'], ['1.5', '1.5'], ['dot5', '.5'], ['1dot', '1.'], ['exp', '1e3'], ['exp-neg', '1e-3'],
  ['exp-plus', '1.5E+3'], ['under', '1_000.5'], ['neg', '-2.5'], ['plus', '+2.5'], ['dot', '.'], ['inf', '.inf'],
  ['Inf', '.Inf'], ['INF', '.INF'], ['plus-inf', '+.inf'], ['minus-inf', '-.inf'], ['nan', '.nan'], ['NaN', '.NaN'],
  ['inf-word', 'inf'], ['nan-word', 'nan'], ['exp-no-digits', '1e'], ['double-dot', '1.2.3'], ['version-like', '1.10'],
  ['big', '1e300'], ['huge', '1e400'], ['tiny', '1e-7'], ['neg-zero', '-0.0'], ['quoted', '"1.0"'], ['profile', '1g.10gb']])
  add(`float-${n}`, `v: ${t}\n`);
// Nulls.
for (const [n, t] of [['tilde', '~'], ['null', 'null'], ['Null', 'Null'], ['NULL', 'NULL'], ['nUll', 'nUll'],
  ['empty', ''], ['quoted', '"null"'], ['quoted-tilde', "'~'"], ['comment', '# nothing']])
  add(`null-${n}`, `v: ${t}\n`);
add('null-in-flow', 'v: [~, null, , x]\n');
add('null-flow-map-value', 'v: {a: , b: ~}\n');
add('null-list-items', 'v:\n-\n- ~\n- x\n');
// Timestamps and other YAML 1.1 types read as text into a generic value.
add('timestamp-date', 'v: 2001-12-14\n');
add('timestamp-full', 'v: 2001-12-14t21:59:43.10-05:00\n');
add('timestamp-space', 'v: 2001-12-14 21:59:43.10\n');
add('timestamp-bad', 'v: 2001-13-14\n');
// Quoted vs plain.
add('quoted-double-escapes', 'v: "a\\tb\\nc\\u00e9\\x41"\n');
add('quoted-single-doubled', "v: 'it''s'\n");
add('quoted-010', 'v: "010"\n');
add('quoted-multiline', 'v: "one\n  two\n\n  three"\n');
add('plain-multiline', 'v: one\n  two\n  three\n');
add('plain-with-hash', 'v: a#b\n');
add('plain-colon-inside', 'v: a:b\n');
add('plain-url', 'v: http://example.com:8080/x\n');
add('plain-spaces-inside', 'v: a  b   c\n');
add('plain-trailing-spaces', 'v: abc   \n');
add('literal-block', 'v: |\n  line 1\n  line 2\n');
add('literal-strip', 'v: |-\n  x\n\n');
add('literal-keep', 'v: |+\n  x\n\n');
add('folded-block', 'v: >\n  a\n  b\n\n  c\n');
add('folded-indented', 'v: >\n  a\n    b\n  c\n');
add('long-string', `v: ${'x'.repeat(5000)}\n`);
add('long-quoted-string', `v: "${'ab '.repeat(2000)}"\n`);
add('unicode-plain', 'v: ünïcödé ✓\n');
// Keys that are not strings (JSON conversion makes them text).
for (const [n, k] of [['int', '1'], ['octal', '010'], ['hex', '0x10'], ['float', '1.5'], ['float-1.0', '1.0'],
  ['float-0.1', '0.1'], ['on', 'on'], ['off', 'off'], ['yes', 'yes'], ['y', 'y'], ['n', 'n'], ['true', 'true'],
  ['inf', '.inf'], ['minus-inf', '-.inf'], ['nan', '.nan'], ['null', 'null'], ['tilde', '~'], ['big', '99999999999999999999'],
  ['under', '1_0'], ['date', '2001-12-14'], ['quoted-on', '"on"'], ['neg', '-3']])
  add(`key-${n}`, `${k}: x\n`);
add('key-empty-quoted', '"": x\n');
add('key-flow-map-on', '{on: 1, 2: two}\n');
add('key-bool-collision', 'on: 1\ntrue: 2\n');
// Duplicate keys.
add('dup-top', 'a: 1\na: 2\n');
add('dup-nested', 'x:\n  a: 1\n  b: 2\n  a: 3\n');
add('dup-flow', '{a: 1, a: 2}\n');
add('dup-quoted-plain', 'a: 1\n"a": 2\n');
add('dup-config-name', cfg('  c:\n  - devices: all\n    mig-enabled: false\n  c:\n  - devices: [0]\n    mig-enabled: false\n'));
add('dup-mig-device', cfg('  c:\n  - devices: all\n    mig-enabled: true\n    mig-devices:\n      1g.10gb: 2\n      1g.10gb: 7\n'));
add('dup-version', 'version: v2\nversion: v1\nmig-configs: {}\n');
// Documents.
add('doc-empty', '');
add('doc-whitespace', '   \n\n');
add('doc-comment-only', '# just a comment\n');
add('doc-start-only', '---\n');
add('doc-start-end', '---\n...\n');
add('doc-version-only', 'version: v1\n');
add('doc-two', 'a: 1\n---\na: 2\n');
add('doc-two-second-bad', 'a: 1\n---\nb: [unclosed\n');
add('doc-two-second-tab', 'a: 1\n---\n\tb: 2\n');
add('doc-first-empty', '---\n---\na: 1\n');
add('doc-end-then-more', 'a: 1\n...\n---\nb: 2\n');
add('doc-directive', '%YAML 1.1\n---\na: 1\n');
add('doc-scalar', 'just text\n');
add('doc-list', '- 1\n- 2\n');
add('doc-config-then-configmap', cfg('  c:\n  - devices: all\n    mig-enabled: false\n') + '---\nkind: ConfigMap\n');
// device-filter shapes.
const entry = (f) => cfg(`  c:\n  - ${f}devices: all\n    mig-enabled: true\n    mig-devices:\n      1g.10gb: 7\n`);
add('filter-null', entry('device-filter: null\n    '));
add('filter-empty', entry('device-filter:\n    '));
add('filter-tilde', entry('device-filter: ~\n    '));
add('filter-empty-string', entry('device-filter: ""\n    '));
add('filter-empty-list', entry('device-filter: []\n    '));
add('filter-hex-plain', entry('device-filter: 0x20B010DE\n    '));
add('filter-hex-quoted', entry('device-filter: "0x20B010DE"\n    '));
add('filter-list', entry('device-filter: ["0x20B010DE", "0x20B210DE"]\n    '));
add('filter-list-plain-hex', entry('device-filter: [0x20B010DE]\n    '));
// Anchors, aliases, merge keys.
add('anchor-scalar', 'a: &x 5\nb: *x\n');
add('anchor-map', 'a: &m\n  k: 1\nb: *m\n');
add('anchor-list', 'a: &l\n- 1\n- 2\nb: *l\n');
add('anchor-flow', 'a: &f [1, 2]\nb: *f\n');
add('anchor-in-flow', 'a: [&x 1, *x]\n');
add('anchor-list-item', '- &i one\n- *i\n');
add('anchor-redefined', 'a: &x 1\nb: &x 2\nc: *x\n');
add('alias-unknown', 'a: *nope\n');
add('merge-one', 'base: &b\n  x: 1\n  y: 2\nd:\n  <<: *b\n  y: 3\n');
add('merge-list', 'a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n');
add('merge-before-key', 'b: &b {x: 1}\nc:\n  <<: *b\n  x: 2\n');
add('merge-after-key', 'b: &b {x: 1}\nc:\n  x: 2\n  <<: *b\n');
add('merge-inline-map', 'c:\n  <<: {x: 1}\n  y: 2\n');
add('merge-quoted-key', 'b: &b {x: 1}\nc:\n  "<<": *b\n');
add('merge-not-map', 'c:\n  <<: 5\n');
add('merge-config', cfg('  base: &e\n  - devices: all\n    mig-enabled: true\n    mig-devices: &d\n      1g.10gb: 7\n  other:\n  - devices: all\n    mig-enabled: true\n    mig-devices:\n      <<: *d\n      2g.20gb: 1\n'));
add('alias-config-list', cfg('  a: &same\n  - devices: all\n    mig-enabled: false\n  b: *same\n'));
// Flow vs block.
add('flow-map', '{a: 1, b: [2, 3], c: {d: e}}\n');
add('flow-multiline', 'v: [1,\n  2,\n  3]\n');
add('flow-trailing-comma', 'v: [1, 2,]\n');
add('flow-empty', 'a: []\nb: {}\n');
add('flow-pair-in-list', 'v: [a: 1, b]\n');
add('flow-quoted-key', 'v: {"a b": 1, \'c\': 2}\n');
add('flow-unclosed', 'v: [1, 2\n');
add('block-compact-nested', 'v:\n- - 1\n  - 2\n- k: v\n  l: w\n');
add('block-list-same-indent', 'v:\n- 1\n- 2\nw: 3\n');
add('block-bad-indent', 'a:\n  b: 1\n   c: 2\n');
add('block-key-value-on-value', 'a: b: c\n');
// Comments.
add('comment-after-value', 'v: 1 # one\n');
add('comment-no-space', 'v: 1#one\n');
add('comment-lines', '# a\nv: 1\n  # b\n# c\nw: 2\n');
add('comment-in-flow', 'v: [1, # one\n  2]\n');
// Whitespace and encodings.
add('tab-indent', 'a:\n\tb: 1\n');
add('tab-after-colon', 'a:\tb\n');
add('tab-in-value', 'a: b\tc\n');
add('tab-before-comment', 'a: 1\t# c\n');
add('crlf', 'a: 1\r\nb:\r\n  - x\r\n');
add('crlf-block-scalar', 'a: |\r\n  x\r\n  y\r\n');
add('bom', '\ufeffa: 1\n');
add('no-trailing-newline', 'a: 1');
add('trailing-spaces-lines', 'a: 1   \nb: 2  \n');
add('indent-4', 'a:\n    b:\n        c: 1\n');
// mig-parted shaped files.
add('mp-minimal', cfg('  all-disabled:\n  - devices: all\n    mig-enabled: false\n'));
add('mp-enabled-yes', cfg('  c:\n  - devices: all\n    mig-enabled: yes\n    mig-devices: {}\n'));
add('mp-enabled-on', cfg('  c:\n  - devices: all\n    mig-enabled: on\n    mig-devices: {"1g.10gb": 7}\n'));
add('mp-enabled-quoted', cfg('  c:\n  - devices: all\n    mig-enabled: "true"\n    mig-devices: {}\n'));
add('mp-enabled-null', cfg('  c:\n  - devices: all\n    mig-enabled:\n'));
add('mp-devices-octal', cfg('  c:\n  - devices: [010, 0x1]\n    mig-enabled: false\n'));
add('mp-count-octal', cfg('  c:\n  - devices: all\n    mig-enabled: true\n    mig-devices:\n      1g.10gb: 07\n'));
add('mp-count-float', cfg('  c:\n  - devices: all\n    mig-enabled: true\n    mig-devices:\n      1g.10gb: 7.0\n'));
add('mp-count-under', cfg('  c:\n  - devices: all\n    mig-enabled: true\n    mig-devices:\n      1g.10gb: 0_7\n'));
add('mp-name-on', cfg('  on:\n  - devices: all\n    mig-enabled: false\n'));
add('mp-name-number', cfg('  0x10:\n  - devices: all\n    mig-enabled: false\n'));
add('mp-name-float', cfg('  1.0:\n  - devices: all\n    mig-enabled: false\n'));
add('mp-name-null', cfg('  null:\n  - devices: all\n    mig-enabled: false\n'));
add('mp-version-number', 'version: 1\nmig-configs: {}\n');
add('mp-configmap', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mig\ndata:\n  config.yaml: |\n    version: v1\n    mig-configs:\n      all-disabled:\n      - devices: all\n        mig-enabled: false\n');
add('mp-flow-everything', '{version: v1, mig-configs: {c: [{devices: all, mig-enabled: no}]}}\n');
add('mp-profile-keys-plain', cfg('  c:\n  - devices: all\n    mig-enabled: true\n    mig-devices:\n      1g.10gb+me: 1\n      1c.3g.40gb: 2\n'));
export default p;
