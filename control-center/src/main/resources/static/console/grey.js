// Unitize console, grey cutovers (issue 22): plans that move their slots in waves, each wave a full
// confirmed cutover followed by its gates; approve the waiting wave or abort. Uses console.js's helpers.
'use strict';

const greyClass = (s) => (s === 'DONE' || s === 'PASSED' ? 'ok' : s === 'FAILED' || s === 'ABORTED' || s === 'ROLLED_BACK' || s === 'ROLLBACK_FAILED' ? 'bad'
  : s === 'NOT_RUN' || s === 'PENDING' ? 'muted' : 'warn');

async function pageGrey() {
  const list = await api('GET', '/grey-plans?limit=50');
  let html = '<h2>Grey cutovers</h2><p class="muted">A grey cutover moves its slots in waves; after each wave its gates run (data check of the wave\'s slots, '
    + 'replication lag, soak without mis-routed writes, an operator\'s approval). A failing gate moves that wave back to its source; earlier waves stay, later waves never run.</p>';
  if (canOperate()) {
    html += '<div class="card row" id="grey-form"><div><label for="grey-from">from slot</label><input id="grey-from" type="number" min="0" size="6"></div>'
      + '<div><label for="grey-to">to slot</label><input id="grey-to" type="number" min="0" size="6"></div>'
      + '<div><label for="grey-unit">to unit</label><input id="grey-unit" value="unit-b" size="10"></div>'
      + '<div><label for="grey-split">waves</label><input id="grey-split" type="number" min="1" max="100" value="3" size="4"></div>'
      + '<div><label for="grey-soak">soak (s)</label><input id="grey-soak" type="number" min="0" value="0" size="5"></div>'
      + '<div><label><input id="grey-approval" type="checkbox" checked> approve each wave</label></div>'
      + '<div><label for="grey-reason">reason</label><input id="grey-reason" size="30"></div>'
      + '<div><button id="grey-start">Start grey cutover</button></div><div id="grey-result"></div></div>';
  }
  html += '<table id="grey-list"><thead><tr><th>started</th><th>status</th><th>slots</th><th>waves</th><th>by</th><th>reason</th></tr></thead><tbody>';
  html += list.map((p) => '<tr><td><a href="#/grey/' + esc(p.id) + '">' + fmtTime(p.createdAt) + '</a></td><td class="' + greyClass(p.status) + '">' + esc(p.status)
    + '</td><td>' + p.from + '–' + p.to + ' → ' + esc(p.toUnit) + '</td><td>' + p.waves.map((w) => '<span class="' + greyClass(w.status) + '">' + w.index + '</span>').join(' ')
    + '</td><td>' + esc(p.operator) + '</td><td>' + esc(p.reason) + '</td></tr>').join('');
  main().innerHTML = html + '</tbody></table>' + (list.length ? '' : '<p class="muted">No grey cutovers yet.</p>');
  const start = $('#grey-start');
  if (start) start.addEventListener('click', async () => {
    const soak = Number($('#grey-soak').value || 0);
    try {
      const p = await api('POST', '/grey-plans', { from: Number($('#grey-from').value), to: Number($('#grey-to').value), toUnit: $('#grey-unit').value.trim(),
        split: Number($('#grey-split').value), reason: $('#grey-reason').value, gates: { soakSeconds: soak, approval: $('#grey-approval').checked } });
      location.hash = '#/grey/' + p.id;
    } catch (e) { $('#grey-result').innerHTML = problemHtml(e); }
  });
}

function gateHtml(g) {
  return '<div class="gate ' + greyClass(g.state === 'PASSED' ? 'PASSED' : g.state === 'FAILED' ? 'FAILED' : 'RUNNING') + '" data-gate="' + esc(g.gate) + '">'
    + esc(g.gate) + ' ' + esc(g.state) + (g.detail ? ': <span class="gate-detail">' + esc(g.detail) + '</span>' : '') + '</div>';
}

async function pageGreyPlan(id) {
  const render = async () => {
    const p = await api('GET', '/grey-plans/' + encodeURIComponent(id));
    if (location.hash !== '#/grey/' + id) return;
    let html = '<h2>Grey cutover <code>' + esc(p.id) + '</code></h2><p>Status <strong id="grey-status" class="' + greyClass(p.status) + '">' + esc(p.status) + '</strong>'
      + ' · slots ' + p.from + '–' + p.to + ' → ' + esc(p.toUnit) + ' in ' + p.waves.length + ' waves · gates ' + (p.gates.length ? p.gates.map(esc).join(', ') : 'none')
      + ' · by ' + esc(p.operator) + ' · ' + esc(p.reason) + '</p>';
    if (p.failure) html += '<div class="error" role="alert" id="grey-failure">' + esc(p.failure) + '</div>';
    html += '<table id="waves"><thead><tr><th>wave</th><th>slots</th><th>status</th><th>cutover</th><th>gates</th><th>detail</th></tr></thead><tbody>';
    p.waves.forEach((w) => {
      html += '<tr data-wave="' + w.index + '" data-status="' + esc(w.status) + '"><td>' + w.index + '</td><td>' + w.from + '–' + w.to + '</td><td class="' + greyClass(w.status) + '">' + esc(w.status)
        + '</td><td>' + (w.cutoverId ? '<a href="#/cutovers/' + esc(w.cutoverId) + '">' + esc(w.cutoverId) + '</a>' : '')
        + (w.rollbackCutovers || []).map((c) => '<br>back: <a href="#/cutovers/' + esc(c) + '">' + esc(c) + '</a>').join('')
        + '</td><td>' + (w.gates || []).map(gateHtml).join('') + '</td><td>' + esc(w.detail) + '</td></tr>';
    });
    html += '</tbody></table>';
    if (canOperate() && !['DONE', 'FAILED', 'ABORTED', 'ROLLING_BACK'].includes(p.status)) {
      html += '<p>' + (p.status === 'AWAITING_APPROVAL' ? '<button id="grey-approve">Approve wave ' + p.currentWave + '</button> ' : '')
        + '<button class="danger" id="grey-abort">Abort: roll back the current wave</button> <span class="muted">earlier waves stay on ' + esc(p.toUnit) + '</span></p>';
    }
    html += '<div id="grey-action"></div>';
    main().innerHTML = html;
    const act = (button, path) => { if (button) button.addEventListener('click', async () => {
      button.disabled = true;
      try { await api('POST', '/grey-plans/' + encodeURIComponent(id) + path); render().catch(showError); } catch (e) { $('#grey-action').innerHTML = problemHtml(e); }
    }); };
    act($('#grey-approve'), '/approve');
    act($('#grey-abort'), '/abort');
    if (!['DONE', 'FAILED', 'ABORTED'].includes(p.status)) state.timer = setTimeout(() => render().catch(showError), 1000);
  };
  await render();
}
