// Unitize console, data integrity (issue 22): replication lag per direction, data checks (after
// cutovers and on demand, with the differing keys), the mis-route audit. Uses console.js's helpers.
'use strict';

const fmtKind = (k) => ({ MISSING_IN_TARGET: 'missing in target', MISSING_IN_SOURCE: 'missing in source', DIFFERENT: 'different' }[k] || k);

function lagTable(lag) {
  let html = '<table id="replication-lag"><thead><tr><th>direction</th><th>lag</th><th>heartbeat seen / written</th><th>measured</th><th></th></tr></thead><tbody>';
  html += lag.directions.map((d) => '<tr data-direction="' + esc(d.source + '->' + d.target) + '"><td>' + esc(d.source) + ' → ' + esc(d.target) + '</td><td class="'
    + (d.overBound ? 'bad' : d.lagMillis == null ? 'muted' : 'ok') + '">' + (d.lagMillis == null ? 'not measured yet' : fmtMs(d.lagMillis)) + '</td><td>'
    + d.seenHeartbeat + ' / ' + d.latestHeartbeat + '</td><td>' + fmtTime(d.measuredAt) + '</td><td>'
    + (d.overBound ? '<span class="bad">over ' + fmtMs(lag.maxLagMillis) + ': cutovers from ' + esc(d.source) + ' to ' + esc(d.target) + ' are refused</span>' : '')
    + (d.error ? ' <span class="warn">' + esc(d.error) + '</span>' : '') + '</td></tr>').join('');
  return html + '</tbody></table>';
}

function checkRows(checks) {
  if (!checks.length) return '<p class="muted">No data checks yet.</p>';
  let html = '<table class="data-checks"><thead><tr><th>started</th><th>status</th><th>compared</th><th>rows</th><th>differences</th><th>by</th></tr></thead><tbody>';
  for (const c of checks) {
    const rows = c.results.map((r) => esc(r.table) + ' ' + r.sourceRows + ' / ' + r.targetRows).join('<br>');
    let diffs = '';
    c.results.forEach((r) => {
      if (r.error) diffs += '<div class="warn">' + esc(r.table) + ': ' + esc(r.error) + '</div>';
      r.differences.forEach((d) => { diffs += '<div class="bad diff-key">' + esc(r.table) + ' key <code>' + esc(d.key) + '</code> (slot ' + d.slot + ') ' + fmtKind(d.kind) + '</div>'; });
      if (r.moreDifferences) diffs += '<div class="bad">… and ' + r.moreDifferences + ' more in ' + esc(r.table) + '</div>';
    });
    if (!diffs && c.error) diffs = '<span class="warn">' + esc(c.error) + '</span>';
    html += '<tr data-check="' + esc(c.id) + '"><td>' + fmtTime(c.startedAt) + '</td><td class="' + (c.status === 'MATCH' ? 'ok' : c.status === 'RUNNING' || c.status === 'SKIPPED' ? 'warn' : 'bad') + '">'
      + esc(c.status) + '</td><td>' + esc(c.sourceUnit) + ' → ' + esc(c.targetUnit) + ' slots ' + c.ranges.map((r) => r.from + '–' + r.to).join(', ')
      + (c.cutoverId ? '<br><a href="#/cutovers/' + esc(c.cutoverId) + '">' + esc(c.cutoverId) + '</a>' : '') + '</td><td>' + rows
      + (c.rowsPerSecond != null ? '<br><span class="muted">' + c.rowsRead + ' read, ' + c.rowsPerSecond + ' rows/s</span>' : '') + '</td><td>' + diffs + '</td><td>' + esc(c.requestedBy) + '</td></tr>';
  }
  return html + '</tbody></table>';
}

function misrouteRows(view) {
  if (!view.enabled) return '<p class="muted">The mis-route audit is off (<code>unitize.control-center.integrity.misroute.enabled</code>).</p>';
  let html = '<p>' + view.units.map((u) => esc(u.unit) + ' (server id ' + esc(u.serverId) + '): ' + u.judged + ' writes judged, ' + u.replicatedSkipped
    + ' replicated rows skipped' + (u.error ? ' <span class="warn">' + esc(u.error) + '</span>' : '')).join(' · ') + '</p>';
  if (!view.writes.length) return html + '<p class="ok" id="no-misroutes">No mis-routed write found.</p>';
  html += '<table id="misroutes"><thead><tr><th>committed</th><th>unit (server id)</th><th>write</th><th>buyer (slot)</th><th>owner under version</th></tr></thead><tbody>';
  html += view.writes.map((w) => '<tr class="bad"><td>' + fmtTime(w.committedAt) + '</td><td>' + esc(w.writingUnit) + ' (' + w.serverId + ')</td><td>' + esc(w.type) + ' '
    + esc(w.table) + ' key <code>' + esc(w.key) + '</code></td><td>' + w.buyerId + ' (' + w.slot + ')</td><td>' + esc(w.ownerUnit) + ' v' + w.rulesVersion
    + (w.kind === 'FROZEN' ? ' (frozen)' : '') + '</td></tr>').join('');
  return html + '</tbody></table>';
}

async function pageIntegrity() {
  const render = async () => {
    const [lag, checks, misroutes] = await Promise.all([api('GET', '/replication/lag'), api('GET', '/data-checks?limit=20'), api('GET', '/misroutes?limit=50')]);
    if (location.hash !== '#/integrity') return;
    let html = '<h2>Data integrity</h2><h3>Replication lag</h3>';
    html += lag.enabled ? lagTable(lag) + '<p class="muted">Heartbeat every ' + fmtMs(lag.intervalMillis) + '; a cutover is refused while its direction lags more than ' + fmtMs(lag.maxLagMillis) + '.</p>'
      : '<p class="muted">The heartbeat is off.</p>';
    html += '<h3>Data checks</h3>';
    if (canOperate()) {
      html += '<div class="card row" id="data-check-form"><div><label for="dc-source">source</label><input id="dc-source" value="center" size="10"></div>'
        + '<div><label for="dc-target">target</label><input id="dc-target" value="unit-b" size="10"></div>'
        + '<div><label for="dc-from">from slot</label><input id="dc-from" type="number" min="0" size="6"></div>'
        + '<div><label for="dc-to">to slot</label><input id="dc-to" type="number" min="0" size="6"></div>'
        + '<div><button id="dc-run">Compare</button></div><div id="dc-result"></div></div>';
    }
    html += checkRows(checks) + '<h3>Mis-routed writes</h3>' + misrouteRows(misroutes);
    const keep = ['dc-source', 'dc-target', 'dc-from', 'dc-to'].map((k) => [k, $('#' + k) ? $('#' + k).value : null]);
    main().innerHTML = html;
    keep.forEach(([k, v]) => { if (v != null && $('#' + k)) $('#' + k).value = v; });
    const run = $('#dc-run');
    if (run) run.addEventListener('click', async () => {
      try {
        await api('POST', '/data-checks', { sourceUnit: $('#dc-source').value.trim(), targetUnit: $('#dc-target').value.trim(),
          ranges: [{ from: Number($('#dc-from').value), to: Number($('#dc-to').value) }] });
        render().catch(showError);
      } catch (e) { $('#dc-result').innerHTML = problemHtml(e); }
    });
    state.timer = setTimeout(() => render().catch(showError), 2000);
  };
  await render();
}

/** The data checks of a cutover, under its steps (called by console.js's cutover page). */
async function cutoverChecks(id) {
  const box = $('#cutover-data-checks');
  if (!box) return;
  const checks = await api('GET', '/cutovers/' + encodeURIComponent(id) + '/data-checks');
  box.innerHTML = '<h3>Data check after the switch</h3>' + (checks.length ? checkRows(checks) : '<p class="muted">None yet (run after the cutover ends DONE).</p>');
}
