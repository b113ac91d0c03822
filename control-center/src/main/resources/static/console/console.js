// Unitize console: a small single-page app over the control center's REST API (/api/v1).
// No build step. Pages: #/units, #/slots, #/plan, #/cutovers[/id], #/history, #/failover, #/integrity (integrity.js), #/grey[/id] (grey.js).
'use strict';

const state = { me: null, rules: null, timer: null };
const LARGE_MOVE_SLOTS = 1000; // moves above this need a typed confirmation
const COLORS = ['#3b7dd8', '#e0912f', '#3aa17e', '#9b59b6', '#d35454', '#6d8a96', '#c0a000', '#2c3e8c'];

const $ = (sel, root = document) => root.querySelector(sel);
const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const main = () => $('#main');
const canOperate = () => state.me && state.me.roles.includes('OPERATOR');
const fmtTime = (t) => (t ? new Date(t).toLocaleString() : '');
const fmtMs = (ms) => (ms == null ? '' : ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : ms + ' ms');

async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.me && state.me.csrfHeader) headers[state.me.csrfHeader] = state.me.csrfToken;
  const res = await fetch('/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 401) { location.href = '/login'; throw new Error('signed out'); }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
  if (!res.ok) {
    const err = new Error((data && data.detail) || res.status + ' ' + res.statusText);
    err.problem = data; err.status = res.status;
    throw err;
  }
  return data;
}

function problemHtml(e) {
  const p = e.problem;
  let html = '<div class="error" role="alert"><strong>' + esc(p && p.title ? p.title : 'Refused') + ':</strong> ' + esc(e.message);
  if (p && Array.isArray(p.errors) && p.errors.length > 1) {
    html += '<ul>' + p.errors.map((x) => '<li><code>' + esc(x.field) + '</code>: ' + esc(x.message) + '</li>').join('') + '</ul>';
  }
  return html + '</div>';
}

function unitColor(code) {
  const units = state.rules ? state.rules.units.map((u) => u.code) : [];
  const i = units.indexOf(code);
  return COLORS[(i < 0 ? 0 : i) % COLORS.length];
}

async function loadRules() {
  try { state.rules = await api('GET', '/rules'); } catch (e) { if (e.status === 404) state.rules = null; else throw e; }
  return state.rules;
}

// ---------- Units ----------
async function pageUnits() {
  const [rules, agents] = await Promise.all([loadRules(), api('GET', '/agents')]);
  let html = '<h2>Units</h2>';
  if (!rules) html += '<p class="warn">No rules stored yet. Store the first version with <code>PUT /api/v1/rules</code>.</p>';
  else html += '<p>Rules version in force: <strong id="rules-version">' + rules.version + '</strong> by ' + esc(rules.author) + ' (' + esc(rules.reason) + ')</p>';
  for (const u of agents.units) {
    const def = rules ? rules.units.find((x) => x.code === u.unit) : null;
    const endpoints = def ? Object.entries(def).filter(([k]) => !['code', 'role', 'index'].includes(k)).map(([k, v]) => esc(k) + ': ' + esc(v)).join(', ') : '';
    html += '<section class="card" id="unit-' + esc(u.unit) + '"><h3><span class="swatch" style="background:' + unitColor(u.unit) + '"></span> ' + esc(u.unit)
      + ' <span class="muted">' + esc(def ? def.role : '') + (def && def.index != null ? ', index ' + esc(def.index) : '') + '</span></h3>';
    if (endpoints) html += '<p class="muted">' + endpoints + '</p>';
    if (!u.reachable) html += '<p class="bad">Unreachable: ' + esc(u.error) + '</p>';
    else if (u.agents.length === 0) html += '<p class="stale">No live agents in this unit.</p>';
    else {
      html += '<p>' + u.agents.length + ' live agents' + (u.behind ? ', <span class="stale">' + u.behind + ' behind version ' + agents.rulesVersion + '</span>' : ', all on the version in force') + '</p>';
      html += '<table><thead><tr><th>agent</th><th>kind</th><th>host</th><th>pid</th><th>applied version</th></tr></thead><tbody>';
      for (const a of u.agents) {
        const stale = agents.rulesVersion != null && a.appliedVersion < agents.rulesVersion;
        html += '<tr class="' + (stale ? 'stale' : '') + '"><td>' + esc(a.agentId) + '</td><td>' + esc(a.kind) + '</td><td>' + esc(a.host) + '</td><td>' + esc(a.pid)
          + '</td><td>' + esc(a.appliedVersion) + (stale ? ' (behind)' : '') + '</td></tr>';
      }
      html += '</tbody></table>';
    }
    html += '</section>';
  }
  main().innerHTML = html;
}

// ---------- Slot map ----------
async function pageSlots() {
  const rules = await loadRules();
  if (!rules) { main().innerHTML = '<h2>Slot map</h2><p class="warn">No rules stored yet.</p>'; return; }
  const n = rules.transform.slotCount;
  const side = Math.ceil(Math.sqrt(n));
  const cell = Math.max(1, Math.floor(600 / side));
  let html = '<h2>Slot map</h2><p>' + n.toLocaleString() + ' slots (buyerId mod ' + n + '), ' + side + ' per row, version ' + rules.version + '.</p>';
  html += '<div class="legend">' + rules.units.map((u) => '<span><span class="swatch" style="background:' + unitColor(u.code) + '"></span>' + esc(u.code) + '</span>').join('')
    + '<span><span class="swatch frozen"></span>frozen</span></div>';
  html += '<canvas id="slotmap" width="' + side * cell + '" height="' + side * cell + '" role="img" aria-label="Slot map: slots colored by owning unit; the ranges are listed below"></canvas>';
  html += '<h3>Ranges</h3><table id="ranges"><thead><tr><th>slots</th><th>unit</th><th>count</th><th>frozen</th></tr></thead><tbody>'
    + rules.routes.map((r) => '<tr><td>' + r.from + '–' + r.to + '</td><td>' + esc(r.unit) + '</td><td>' + (r.to - r.from + 1) + '</td><td>'
      + (rules.freezes.some((f) => f.from <= r.to && r.from <= f.to) ? '<span class="warn">partly</span>' : '') + '</td></tr>').join('') + '</tbody></table>';
  main().innerHTML = html;
  const owner = new Array(n);
  rules.routes.forEach((r) => { for (let s = r.from; s <= r.to; s++) owner[s] = r.unit; });
  const frozen = new Uint8Array(n);
  rules.freezes.forEach((f) => { for (let s = f.from; s <= f.to; s++) frozen[s] = 1; });
  const canvas = $('#slotmap');
  const g = canvas.getContext('2d');
  for (let s = 0; s < n; s++) {
    const x = (s % side) * cell, y = Math.floor(s / side) * cell;
    g.fillStyle = unitColor(owner[s]);
    g.fillRect(x, y, cell, cell);
    if (frozen[s]) { g.fillStyle = 'rgba(0,0,0,.55)'; g.fillRect(x, y, cell, Math.max(1, cell / 2)); }
  }
  const tip = $('#tooltip');
  canvas.addEventListener('mousemove', (ev) => {
    const rect = canvas.getBoundingClientRect();
    const s = Math.floor((ev.clientY - rect.top) / cell) * side + Math.floor((ev.clientX - rect.left) / cell);
    if (s < 0 || s >= n) { tip.hidden = true; return; }
    const route = rules.routes.find((r) => r.from <= s && s <= r.to);
    tip.textContent = 'slot ' + s + ' in ' + route.from + '–' + route.to + ' → ' + route.unit + (frozen[s] ? ' (frozen)' : '') + '; e.g. buyer ' + (1000000 * n + s);
    tip.style.left = (ev.clientX + 12) + 'px'; tip.style.top = (ev.clientY + 12) + 'px'; tip.hidden = false;
  });
  canvas.addEventListener('mouseleave', () => { tip.hidden = true; });
}

// ---------- Plan ----------
async function pagePlan(prefill) {
  const rules = await loadRules();
  if (!rules) { main().innerHTML = '<h2>Plan a cutover</h2><p class="warn">No rules stored yet.</p>'; return; }
  const unitOptions = rules.units.map((u) => '<option value="' + esc(u.code) + '">' + esc(u.code) + '</option>').join('');
  const routesJson = JSON.stringify(prefill && prefill.routes ? prefill.routes : rules.routes, null, 1);
  main().innerHTML = '<h2>Plan a cutover</h2>'
    + (canOperate() ? '' : '<p class="warn" id="viewer-note">You are signed in as a viewer: you can dry-run plans but not run them.</p>')
    + '<form id="plan-form" class="card" novalidate>'
    + '<label for="plan-type">What moves</label><select id="plan-type"><option value="MOVE_SLOTS">a slot range to a unit</option><option value="TARGET_ROUTES">edit the routing table</option></select>'
    + '<div id="move-fields" class="row"><div><label for="plan-from">from slot</label><input id="plan-from" type="number" min="0" max="' + (rules.transform.slotCount - 1) + '" required></div>'
    + '<div><label for="plan-to">to slot</label><input id="plan-to" type="number" min="0" max="' + (rules.transform.slotCount - 1) + '" required></div>'
    + '<div><label for="plan-unit">to unit</label><select id="plan-unit">' + unitOptions + '</select></div></div>'
    + '<div id="routes-fields" hidden><label for="plan-routes">Routing table wanted (JSON)</label><textarea id="plan-routes">' + esc(routesJson) + '</textarea></div>'
    + '<label for="plan-reason">Reason (goes into the history)</label><input id="plan-reason" size="60" required value="' + esc(prefill && prefill.reason ? prefill.reason : '') + '">'
    + '<p><button type="submit" id="dry-run">Dry run</button></p></form><div id="plan-result"></div>';
  const type = $('#plan-type');
  const sync = () => { $('#move-fields').hidden = type.value !== 'MOVE_SLOTS'; $('#routes-fields').hidden = type.value !== 'TARGET_ROUTES'; };
  type.addEventListener('change', sync);
  if (prefill && prefill.routes) type.value = 'TARGET_ROUTES';
  sync();
  $('#plan-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    let plan;
    try { plan = readPlan(); } catch (e) { $('#plan-result').innerHTML = '<div class="error" role="alert">' + esc(e.message) + '</div>'; return; }
    try {
      const dry = await api('POST', '/plans/dry-run', plan);
      showDryRun(plan, dry);
    } catch (e) { $('#plan-result').innerHTML = problemHtml(e); }
  });
}

function readPlan() {
  const type = $('#plan-type').value;
  const reason = $('#plan-reason').value.trim();
  if (type === 'TARGET_ROUTES') {
    let routes;
    try { routes = JSON.parse($('#plan-routes').value); } catch (e) { throw new Error('The routing table is not valid JSON: ' + e.message); }
    return { type, routes, reason };
  }
  const num = (id) => ($(id).value === '' ? null : Number($(id).value));
  return { type, from: num('#plan-from'), to: num('#plan-to'), toUnit: $('#plan-unit').value, reason };
}

function showDryRun(plan, dry) {
  const slots = dry.moves.reduce((n, m) => n + (m.range.to - m.range.from + 1), 0);
  const large = slots > LARGE_MOVE_SLOTS;
  const phrase = 'MOVE ' + slots + ' SLOTS';
  let html = '<section class="card" id="dry-run-result"><h3>Dry run</h3><p><span class="big" id="dry-slots">' + slots.toLocaleString() + '</span> slots move; <strong id="dry-agents">'
    + dry.agentsToAcknowledge.length + '</strong> agents must acknowledge; rules version ' + dry.baseVersion + ' in force.</p>';
  html += '<table><thead><tr><th>slots</th><th>from</th><th>to</th></tr></thead><tbody>' + dry.moves.map((m) => '<tr><td>' + m.range.from + '–' + m.range.to + '</td><td>' + esc(m.from) + '</td><td>' + esc(m.to) + '</td></tr>').join('') + '</tbody></table>';
  if (dry.unreachableUnits && dry.unreachableUnits.length) html += '<p class="bad">Unreachable: ' + dry.unreachableUnits.map(esc).join('; ') + '</p>';
  html += '<ol>' + dry.steps.map((s) => '<li><strong>' + esc(s.step) + '</strong>' + (s.skipped ? ' <em>(skipped)</em>' : '') + ': ' + esc(s.description) + ' <span class="muted">(bound ' + fmtMs(s.timeoutMillis) + ')</span></li>').join('') + '</ol>';
  if (canOperate()) {
    if (large) html += '<label for="confirm-phrase">This moves ' + slots.toLocaleString() + ' slots. Type <code>' + phrase + '</code> to confirm</label><input id="confirm-phrase" size="24" autocomplete="off">';
    html += '<p><button id="run-cutover" type="button"' + (large ? ' disabled' : '') + '>Run this cutover</button></p>';
  }
  html += '</section>';
  $('#plan-result').innerHTML = html;
  if (!canOperate()) return;
  const run = $('#run-cutover');
  if (large) $('#confirm-phrase').addEventListener('input', (ev) => { run.disabled = ev.target.value.trim() !== phrase; });
  run.addEventListener('click', async () => {
    run.disabled = true;
    try {
      const c = await api('POST', '/cutovers', plan);
      location.hash = '#/cutovers/' + c.id;
    } catch (e) { $('#plan-result').insertAdjacentHTML('beforeend', problemHtml(e)); run.disabled = false; }
  });
}

// ---------- Cutovers ----------
async function pageCutovers() {
  const list = await api('GET', '/cutovers?limit=100');
  let html = '<h2>Cutovers</h2><table id="cutover-list"><thead><tr><th>started</th><th>status</th><th>moves</th><th>by</th><th>freeze window</th><th>reason</th></tr></thead><tbody>';
  html += list.map((c) => '<tr><td><a href="#/cutovers/' + esc(c.id) + '">' + fmtTime(c.createdAt) + '</a></td><td class="' + statusClass(c.status) + '">' + esc(c.status)
    + (c.dataLossAccepted ? ' <span class="warn">(data loss accepted)</span>' : '') + '</td><td>' + movesText(c.moves) + '</td><td>' + esc(c.operator) + '</td><td>'
    + fmtMs(c.freezeWindowMillis) + '</td><td>' + esc(c.reason) + '</td></tr>').join('');
  main().innerHTML = html + '</tbody></table>' + (list.length ? '' : '<p class="muted">No cutovers yet.</p>');
}

const statusClass = (s) => (s === 'DONE' ? 'ok' : s === 'ROLLED_BACK' ? 'bad' : 'warn');
const movesText = (moves) => moves.map((m) => m.range.from + '–' + m.range.to + ' ' + esc(m.from) + '→' + esc(m.to)).join(', ');
const FORWARD = ['FREEZE', 'CONFIRM_FREEZE', 'MARK', 'CONFIRM_SYNC', 'SWITCH', 'REPLAY'];

async function pageCutover(id) {
  const render = async () => {
    const [c, agents] = await Promise.all([api('GET', '/cutovers/' + encodeURIComponent(id)), api('GET', '/agents')]);
    if (location.hash !== '#/cutovers/' + id) return;
    const now = Date.now();
    const window = c.freezeWindowMillis != null ? c.freezeWindowMillis : c.freezePublishedAt && !c.finishedAt ? now - Date.parse(c.freezePublishedAt) : null;
    let html = '<h2>Cutover <code>' + esc(c.id) + '</code></h2><p>Status <strong id="cutover-status" class="' + statusClass(c.status) + '">' + esc(c.status) + '</strong>'
      + ' · moves ' + movesText(c.moves) + ' · by ' + esc(c.operator) + ' · ' + esc(c.reason) + '</p>'
      + '<p>Freeze window ' + (c.freezeWindowMillis != null ? '' : 'so far ') + '<span class="big" id="freeze-window">' + fmtMs(window) + '</span></p>';
    if (c.dataLossAccepted) html += '<p class="warn">Emergency failover: data loss of the replication window accepted for ' + c.skippedUnits.map(esc).join(', ') + '.</p>';
    if (c.failure) html += '<div class="error" role="alert" id="cutover-failure">' + esc(c.failure) + '</div>';
    (c.warnings || []).forEach((w) => { html += '<p class="warn">' + esc(w) + '</p>'; });
    html += '<table id="steps"><thead><tr><th>step</th><th>state</th><th>elapsed</th><th>detail</th></tr></thead><tbody>';
    const records = c.steps || [];
    const names = records.some((r) => r.step === 'ROLLBACK') ? records.map((r) => r.step) : FORWARD;
    names.forEach((name, i) => {
      const r = records.filter((x) => x.step === name).pop();
      let st = 'pending', elapsed = '';
      if (r) {
        st = r.outcome === 'ok' ? 'done' : r.outcome || 'running';
        elapsed = fmtMs(r.millis != null ? r.millis : now - Date.parse(r.startedAt));
      }
      html += '<tr class="step-' + esc(st === 'interrupted' ? 'failed' : st) + '" data-step="' + esc(name) + '"><td>' + (i + 1) + '. ' + esc(name) + '</td><td>' + esc(st) + '</td><td>' + elapsed + '</td><td>' + esc(r ? r.detail : '') + '</td></tr>';
    });
    html += '</tbody></table>';
    const target = c.step === 'SWITCH' || c.step === 'REPLAY' || c.step === 'DONE' ? c.switchVersion : c.status === 'ROLLING_BACK' || c.status === 'ROLLED_BACK' ? c.rollbackVersion : c.freezeVersion;
    if (target != null) {
      html += '<h3>Acknowledgements of version ' + target + '</h3><table id="acks"><thead><tr><th>unit</th><th>agent</th><th>applied</th><th></th></tr></thead><tbody>';
      agents.units.forEach((u) => u.agents.forEach((a) => {
        const acked = a.appliedVersion >= target;
        html += '<tr><td>' + esc(u.unit) + '</td><td>' + esc(a.agentId) + '</td><td>' + a.appliedVersion + '</td><td class="' + (acked ? 'ok' : 'stale') + '">' + (acked ? 'acknowledged' : 'waiting') + '</td></tr>';
      }));
      html += '</tbody></table>';
    }
    if (canOperate() && c.status === 'RUNNING' && FORWARD.indexOf(c.step) < FORWARD.indexOf('SWITCH')) {
      html += '<p><button class="danger" id="abort">Stop and roll back</button> <span class="muted">possible until the new routes are published</span></p>';
    }
    html += '<div id="cutover-data-checks"></div>';
    main().innerHTML = html;
    cutoverChecks(id).catch(() => {});
    const abort = $('#abort');
    if (abort) abort.addEventListener('click', async () => {
      abort.disabled = true;
      try { await api('POST', '/cutovers/' + encodeURIComponent(id) + '/abort'); } catch (e) { main().insertAdjacentHTML('afterbegin', problemHtml(e)); }
    });
    if (c.status === 'RUNNING' || c.status === 'ROLLING_BACK') state.timer = setTimeout(() => render().catch(showError), 500);
  };
  await render();
}

// ---------- History ----------
async function pageHistory() {
  const [versions, cutovers] = await Promise.all([api('GET', '/rules/history?limit=200'), api('GET', '/cutovers?limit=200')]);
  const byId = Object.fromEntries(cutovers.map((c) => [c.id, c]));
  let html = '<h2>History</h2><table id="history"><thead><tr><th>version</th><th>stored</th><th>purpose</th><th>author</th><th>reason</th><th>cutover</th><th></th></tr></thead><tbody>';
  for (const v of versions) {
    const c = v.cutoverId ? byId[v.cutoverId] : null;
    html += '<tr><td>' + v.version + '</td><td>' + fmtTime(v.storedAt) + '</td><td>' + esc(v.purpose) + '</td><td>' + esc(v.author) + '</td><td>' + esc(v.reason) + '</td><td>'
      + (c ? '<a href="#/cutovers/' + esc(c.id) + '">' + esc(c.status) + '</a>' + (c.freezeWindowMillis != null ? ' · window ' + fmtMs(c.freezeWindowMillis) : '')
        + '<br><span class="muted">' + (c.steps || []).map((s) => esc(s.step) + ' ' + fmtMs(s.millis)).join(', ') + '</span>' : '')
      + '</td><td>' + (v.version > 1 ? '<button class="secondary diff" data-v="' + v.version + '">diff</button> ' : '')
      + (canOperate() ? '<button class="secondary restore" data-v="' + v.version + '">restore…</button>' : '') + '</td></tr>'
      + '<tr hidden id="diff-' + v.version + '"><td colspan="7"></td></tr>';
  }
  main().innerHTML = html + '</tbody></table>';
  main().querySelectorAll('button.diff').forEach((b) => b.addEventListener('click', async () => {
    const v = Number(b.dataset.v);
    const row = $('#diff-' + v);
    if (!row.hidden) { row.hidden = true; return; }
    const [prev, cur] = await Promise.all([api('GET', '/rules/versions/' + (v - 1)), api('GET', '/rules/versions/' + v)]);
    row.firstElementChild.innerHTML = '<pre class="diff" aria-label="Changes from version ' + (v - 1) + ' to ' + v + '">' + lineDiff(pretty(prev), pretty(cur)) + '</pre>';
    row.hidden = false;
  }));
  main().querySelectorAll('button.restore').forEach((b) => b.addEventListener('click', async () => {
    const doc = await api('GET', '/rules/versions/' + b.dataset.v);
    location.hash = '#/plan';
    state.prefill = { routes: doc.routes, reason: 'restore the routes of version ' + b.dataset.v };
  }));
}

function pretty(doc) {
  const { updatedAt, ...rest } = doc;
  return JSON.stringify(rest, null, 1).split('\n');
}

// Line diff by longest common subsequence (documents are small and canonical).
function lineDiff(a, b) {
  const n = a.length, m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Int32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  let out = '', i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { out += '  ' + esc(a[i]) + '\n'; i++; j++; }
    else if (j < m && (i === n || lcs[i][j + 1] > lcs[i + 1][j])) { out += '<span class="add">+ ' + esc(b[j]) + '</span>'; j++; }
    else { out += '<span class="del">- ' + esc(a[i]) + '</span>'; i++; }
  }
  return out;
}

// ---------- Failover ----------
async function pageFailover() {
  const rules = await loadRules();
  if (!rules) { main().innerHTML = '<h2>Emergency failover</h2><p class="warn">No rules stored yet.</p>'; return; }
  const opts = rules.units.map((u) => '<option value="' + esc(u.code) + '">' + esc(u.code) + '</option>').join('');
  main().innerHTML = '<h2>Emergency failover of a lost unit</h2><form id="failover-form" class="card">'
    + '<p>Moves every slot of the lost unit to another unit without waiting for the lost unit\'s agents or for replication: writes the lost unit accepted but had not replicated are lost.</p>'
    + '<div class="row"><div><label for="fo-unit">lost unit</label><select id="fo-unit">' + opts + '</select></div><div><label for="fo-to">to unit</label><select id="fo-to">' + opts + '</select></div></div>'
    + '<label for="fo-reason">Reason</label><input id="fo-reason" size="60" required>'
    + '<label><input type="checkbox" id="fo-accept"> I accept losing the writes of the lost unit that replication had not carried yet</label>'
    + '<label for="fo-typed">Type the lost unit\'s code to confirm</label><input id="fo-typed" autocomplete="off">'
    + '<p><button class="danger" id="fo-run" type="submit" disabled>Fail over</button></p></form><div id="fo-result"></div>';
  const check = () => { $('#fo-run').disabled = !canOperate() || !$('#fo-accept').checked || $('#fo-typed').value.trim() !== $('#fo-unit').value; };
  ['#fo-accept', '#fo-typed', '#fo-unit'].forEach((s) => $(s).addEventListener('input', check));
  $('#failover-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const c = await api('POST', '/cutovers', { type: 'FAILOVER_UNIT', unit: $('#fo-unit').value, toUnit: $('#fo-to').value, acceptDataLoss: true, reason: $('#fo-reason').value.trim() });
      location.hash = '#/cutovers/' + c.id;
    } catch (e) { $('#fo-result').innerHTML = problemHtml(e); }
  });
}

// ---------- router ----------
function showError(e) { if (e.message !== 'signed out') main().innerHTML = problemHtml(e); }

async function route() {
  clearTimeout(state.timer);
  const hash = location.hash || '#/units';
  const [, page, id] = hash.split('/');
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.id === 'nav-' + (page === 'cutovers' ? 'cutovers' : page)));
  try {
    if (page === 'slots') await pageSlots();
    else if (page === 'plan') { const p = state.prefill; state.prefill = null; await pagePlan(p); }
    else if (page === 'cutovers' && id) await pageCutover(decodeURIComponent(id));
    else if (page === 'cutovers') await pageCutovers();
    else if (page === 'history') await pageHistory();
    else if (page === 'failover') await pageFailover();
    else if (page === 'integrity') await pageIntegrity();
    else if (page === 'grey' && id) await pageGreyPlan(decodeURIComponent(id));
    else if (page === 'grey') await pageGrey();
    else await pageUnits();
  } catch (e) { showError(e); }
}

(async function start() {
  try {
    state.me = await api('GET', '/me');
  } catch (e) { return; }
  $('#who').textContent = state.me.username + ' (' + state.me.roles.join(', ').toLowerCase() + ')';
  $('#logout-csrf').value = state.me.csrfToken;
  window.addEventListener('hashchange', route);
  route();
}());
