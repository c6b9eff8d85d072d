// Basalt's status page: polls /dashboard/api/summary and renders services, pools, volumes and creates.
'use strict';
(function () {
  const REFRESH_MS = 5000, HISTORY = 60;
  const COLORS = ['#1565c0', '#2e7d32', '#f9a825', '#c62828', '#6a1b9a', '#00838f', '#ef6c00', '#5d4037', '#455a64'];
  const history = { labels: [], perMinute: [], p50: [], p99: [] };
  let volumesChart = null, createsChart = null;

  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    children.forEach(c => e.append(c));
    return e;
  };
  const fmt = (v, digits) => (v === null || v === undefined) ? '—' : Number(v).toFixed(digits);

  function renderServices(services) {
    const body = document.querySelector('#services tbody');
    body.replaceChildren(...services.map(s => el('tr', { 'data-host': s.host },
      el('td', {}, s.binary), el('td', {}, s.host),
      el('td', {}, el('span', { class: 'state ' + s.state }, s.state + (s.disabled ? ' (disabled)' : ''))),
      el('td', {}, fmt(s.heartbeat_age_seconds, 1) + ' s'))));
  }

  function renderPools(pools, error) {
    document.getElementById('pools').replaceChildren(...pools.map(p => {
      const total = p.total_gb, alloc = p.allocated_gb || 0;
      const used = (total !== null && p.free_gb !== null) ? Math.max(0, total - p.free_gb - alloc) : 0;
      const pct = v => (total ? Math.min(100, 100 * v / total) : 0) + '%';
      return el('div', { class: 'pool', 'data-pool': p.name },
        el('div', {}, el('b', {}, p.name), ' — ' + fmt(alloc, 0) + ' allocated / ' + fmt(p.free_gb, 0) + ' free of '
          + (total === null ? 'infinite' : fmt(total, 0)) + ' GiB, provisioned ' + fmt(p.provisioned_gb, 0)
          + ', ' + (p.volumes ?? 0) + ' volumes'),
        el('div', { class: 'bar' }, el('span', { class: 'allocated', style: 'width:' + pct(alloc) }),
          el('span', { class: 'used', style: 'width:' + pct(used) })));
    }));
    const err = document.getElementById('pools-error');
    err.hidden = !error;
    err.textContent = error || '';
  }

  function renderVolumes(byStatus) {
    const entries = Object.entries(byStatus);
    document.getElementById('volumes').replaceChildren(...entries.map(([s, n]) => el('li', {}, s + ': ' + n)));
    if (!window.Chart) return;
    if (!volumesChart) {
      volumesChart = new Chart(document.getElementById('volumes-chart'), {
        type: 'doughnut', data: { labels: [], datasets: [{ data: [], backgroundColor: COLORS }] },
        options: { animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'right' } } }
      });
    }
    volumesChart.data.labels = entries.map(e => e[0]);
    volumesChart.data.datasets[0].data = entries.map(e => e[1]);
    volumesChart.update();
  }

  function renderCreates(c, at) {
    document.getElementById('creates').textContent = c.created + ' created, ' + c.available
      + ' available; ' + fmt(c.per_minute, 1) + '/min; create → available p50 ' + fmt(c.latency_p50_seconds, 2)
      + ' s, p99 ' + fmt(c.latency_p99_seconds, 2) + ' s; ' + c.accepted_total + ' accepted by this api since start';
    history.labels.push(new Date(at).toLocaleTimeString());
    history.perMinute.push(c.per_minute);
    history.p50.push(c.latency_p50_seconds);
    history.p99.push(c.latency_p99_seconds);
    Object.values(history).forEach(a => { if (a.length > HISTORY) a.shift(); });
    if (!window.Chart) return;
    if (!createsChart) {
      createsChart = new Chart(document.getElementById('creates-chart'), {
        type: 'line',
        data: { labels: history.labels, datasets: [
          { label: 'creates / min', data: history.perMinute, yAxisID: 'rate', borderColor: COLORS[0] },
          { label: 'p50 s', data: history.p50, yAxisID: 'lat', borderColor: COLORS[1] },
          { label: 'p99 s', data: history.p99, yAxisID: 'lat', borderColor: COLORS[3] }] },
        options: { animation: false, maintainAspectRatio: false, scales: {
          rate: { position: 'left', beginAtZero: true, title: { display: true, text: 'per min' } },
          lat: { position: 'right', beginAtZero: true, title: { display: true, text: 'seconds' },
            grid: { drawOnChartArea: false } } } }
      });
    }
    createsChart.update();
  }

  async function refresh() {
    const error = document.getElementById('error');
    try {
      const r = await fetch('/dashboard/api/summary', { cache: 'no-store' });
      if (!r.ok) throw new Error('HTTP ' + r.status);
      const s = await r.json();
      renderServices(s.services);
      renderPools(s.pools, s.pools_error);
      renderVolumes(s.volumes_by_status);
      renderCreates(s.creates, s.generated_at);
      document.getElementById('updated').textContent = 'updated ' + new Date(s.generated_at).toLocaleTimeString();
      error.hidden = true;
    } catch (e) {
      error.hidden = false;
      error.textContent = 'refresh failed: ' + e.message;
    }
  }

  refresh();
  setInterval(refresh, REFRESH_MS);
})();
