// Interaction for the `onyx view` page. The drawings (one SVG per graph) and their layout come
// from onyx; this script only pans/zooms, switches graphs, searches and fills the side panel.
// Model strings are untrusted: they reach the DOM through textContent only, never as markup.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('onyx-data').textContent);
  const stage = document.getElementById('stage');
  const panel = document.getElementById('panel');
  const crumbs = document.getElementById('crumbs');
  const searchBox = document.getElementById('search');
  const searchCount = document.getElementById('search-count');
  const kinds = ['op', 'input', 'output', 'capture'];
  const views = [];  // per graph: {x, y, k} (translate x/y in px, scale k)
  let current = 0;
  let matches = [];
  let matchAt = -1;
  let selected = null;

  // ---- DOM helpers (text only) ----
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function table(rows) {
    const t = el('table');
    for (const [k, v, cls] of rows) {
      const tr = el('tr');
      tr.appendChild(el('td', 'key', k));
      const td = el('td', cls || '');
      if (v instanceof Node) td.appendChild(v); else td.textContent = String(v);
      tr.appendChild(td);
      t.appendChild(tr);
    }
    return t;
  }
  function fmtCount(n) {
    if (n >= 1e12) return (n / 1e12).toFixed(2) + ' T';
    if (n >= 1e9) return (n / 1e9).toFixed(2) + ' G';
    if (n >= 1e6) return (n / 1e6).toFixed(2) + ' M';
    if (n >= 1e3) return (n / 1e3).toFixed(1) + ' k';
    return String(n);
  }

  // ---- graphs, pan and zoom ----
  function graphDiv(g) { return stage.querySelector('.graph[data-graph="' + g + '"]'); }
  function svgOf(g) { return graphDiv(g).querySelector('svg'); }
  function sizeOf(g) {
    const s = svgOf(g);
    return { w: parseFloat(s.dataset.w), h: parseFloat(s.dataset.h) };
  }
  // The view transform goes on the <svg> element as a CSS transform: the browser then moves and
  // scales the finished drawing without laying the SVG out again (fast for thousands of nodes).
  // While the view moves, the drawing is kept as one composited layer (cheap frames); 200 ms
  // after the last move it is released so the browser redraws it sharp at the new scale.
  let settle = 0;
  function apply() {
    const v = views[current];
    const svg = svgOf(current);
    svg.style.willChange = 'transform';
    svg.style.transform = 'translate(' + v.x + 'px,' + v.y + 'px) scale(' + v.k + ')';
    clearTimeout(settle);
    settle = setTimeout(() => { svg.style.willChange = 'auto'; }, 200);
  }
  function fit() {
    const r = stage.getBoundingClientRect();
    const s = sizeOf(current);
    const k = Math.min(r.width / s.w, r.height / s.h, 1.5);
    views[current] = { k: k, x: (r.width - s.w * k) / 2, y: Math.max(0, (r.height - s.h * k) / 2) };
    apply();
  }
  // First view of a graph: the whole graph when that is legible, else actual size (or the
  // stage's breadth) from where the inputs are: the top, or the left in a left-to-right layout.
  function initialView() {
    const r = stage.getBoundingClientRect();
    const s = sizeOf(current);
    const whole = Math.min(r.width / s.w, r.height / s.h, 1.5);
    if (whole >= 0.6) { fit(); return; }
    if (data.model.left_right) {
      const k = Math.max(whole, Math.min(1, r.height / s.h));
      views[current] = { k: k, x: 0, y: Math.max(0, (r.height - s.h * k) / 2) };
    } else {
      const k = Math.max(whole, Math.min(1, r.width / s.w));
      views[current] = { k: k, x: Math.max(0, (r.width - s.w * k) / 2), y: 0 };
    }
    apply();
  }
  function zoomAt(factor, cx, cy) {
    const v = views[current];
    const k = Math.min(8, Math.max(0.02, v.k * factor));
    v.x = cx - (cx - v.x) * (k / v.k);
    v.y = cy - (cy - v.y) * (k / v.k);
    v.k = k;
    apply();
  }
  function zoomCenter(factor) {
    const r = stage.getBoundingClientRect();
    zoomAt(factor, r.width / 2, r.height / 2);
  }
  // Centres node i of the current graph in the stage (zooming in if the view is very small).
  function centerOn(i) {
    const node = document.getElementById('g' + current + '-n' + i);
    if (!node) return;
    const box = node.getBBox();
    const m = node.transform.baseVal.consolidate().matrix;
    const r = stage.getBoundingClientRect();
    const v = views[current];
    if (v.k < 0.6) v.k = 1;
    v.x = r.width / 2 - (m.e + box.x + box.width / 2) * v.k;
    v.y = r.height / 2 - (m.f + box.y + box.height / 2) * v.k;
    apply();
  }

  function open(g) {
    if (!data.graphs[g]) return;
    graphDiv(current).hidden = true;
    current = g;
    graphDiv(g).hidden = false;
    if (!views[g]) initialView(); else apply();
    crumbs.textContent = '';
    const chain = [];
    for (let at = g; at >= 0; at = data.graphs[at].parent) chain.unshift(at);
    chain.forEach((at, n) => {
      if (n) crumbs.appendChild(el('span', 'sep', '\u203a'));
      const b = el('button', '', n ? crumbLabel(at) : 'main graph');
      b.dataset.graph = at;
      b.addEventListener('click', () => open(at));
      crumbs.appendChild(b);
    });
    runSearch();
    showModel();
  }
  function crumbLabel(g) {
    const gr = data.graphs[g];
    const owner = data.graphs[gr.parent].nodes[gr.parent_node];
    return owner.op + (owner.name ? " '" + owner.name + "'" : '') + ' ' + gr.attr;
  }

  // ---- side panel ----
  function clearSelection() {
    if (selected) selected.classList.remove('selected');
    selected = null;
  }
  function portRows(ports, g) {
    const t = el('table');
    ports.forEach(([name, type, shape, formal, weight], k) => {
      const tr = el('tr');
      tr.appendChild(el('td', 'key', formal || '#' + k));
      const td = el('td', 'mono');
      td.appendChild(el('div', '', name || '(omitted)'));
      td.appendChild(el('div', 'muted', [type, shape].filter(Boolean).join(' ')));
      if (weight >= 0) {
        const b = el('button', '', 'weight details');
        b.addEventListener('click', () => showWeight(g, weight, null));
        td.appendChild(b);
      }
      tr.appendChild(td);
      t.appendChild(tr);
    });
    return t;
  }
  function showNode(g, i, elem) {
    clearSelection();
    if (elem) { selected = elem; elem.classList.add('selected'); }
    const n = data.graphs[g].nodes[i];
    panel.textContent = '';
    panel.dataset.show = 'node';
    const kind = kinds[n.kind];
    panel.appendChild(el('h2', '', kind === 'op' ? n.op : kind + ': ' + n.label));
    if (kind === 'op') {
      panel.appendChild(el('div', 'summary' + (n.summary ? '' : ' muted'),
                           n.summary || 'No summary in onyx\u2019s schema table for this op.'));
      const rows = [['name', n.name || '(unnamed)'], ['domain', n.domain || 'ai.onnx'],
                    ['opset', n.opset],
                    ['since version', n.since ? n.since : 'unknown to the schema table']];
      if (n.flops >= 0) rows.push(['FLOPs (estimate)', fmtCount(n.flops)]);
      if (n.doc) rows.push(['doc', n.doc]);
      panel.appendChild(table(rows));
      panel.appendChild(el('h3', '', 'Attributes'));
      if (!n.attrs.length) panel.appendChild(el('div', 'muted', 'none'));
      const at = el('table');
      at.className = 'attributes';
      for (const [name, type, value, subs, isDefault] of n.attrs) {
        const tr = el('tr');
        tr.appendChild(el('td', 'key', name));
        const td = el('td', 'mono');
        td.appendChild(el('div', 'value' + (isDefault ? ' muted' : ''), value));
        td.appendChild(el('div', 'muted', type + (isDefault ? ' (default)' : '')));
        for (const s of subs) {
          const b = el('button', 'open-body', 'open body');
          b.addEventListener('click', () => open(s));
          td.appendChild(b);
        }
        tr.appendChild(td);
        at.appendChild(tr);
      }
      panel.appendChild(at);
    }
    if (n.in.length) { panel.appendChild(el('h3', '', 'Inputs')); panel.appendChild(portRows(n.in, g)); }
    if (n.out.length) { panel.appendChild(el('h3', '', 'Outputs')); panel.appendChild(portRows(n.out, g)); }
  }
  function showWeight(g, w, elem) {
    clearSelection();
    if (elem) { selected = elem; elem.classList.add('selected'); }
    const t = data.graphs[g].weights[w];
    panel.textContent = '';
    panel.dataset.show = 'weight';
    panel.appendChild(el('h2', '', t.name));
    const rows = [['type', t.dtype], ['shape', t.shape], ['elements', t.numel]];
    if (t.stats) {
      const note = t.stats[3] < t.numel ? ' (first ' + t.stats[3] + ' elements)' : '';
      rows.push(['min' + note, t.stats[0]], ['max' + note, t.stats[1]], ['mean' + note, t.stats[2]]);
    }
    rows.push(['first values', t.first.join(', '), 'mono']);
    panel.appendChild(table(rows));
  }
  function showModel() {
    clearSelection();
    const m = data.model;
    panel.textContent = '';
    panel.dataset.show = 'model';
    panel.appendChild(el('h2', '', m.file || 'model'));
    const g = data.graphs[current];
    panel.appendChild(table([
      ['IR version', m.ir_version], ['producer', (m.producer + ' ' + m.producer_version).trim()],
      ['domain', m.domain], ['model version', m.model_version],
      ['opsets', m.opsets.map((o) => o[0] + ' ' + o[1]).join(', ')],
      ['parameters', fmtCount(m.parameters) + ' (' + m.parameters + ')'],
      ['FLOPs (estimate)', fmtCount(m.flops) + ' over ' + m.flops_nodes + ' nodes'],
      ['this graph', g.nodes.length + ' nodes, ' + g.edges.length + ' edges'],
      ['layout time', g.layout_ms.toFixed(1) + ' ms'],
    ]));
    panel.appendChild(el('div', 'muted', m.flops_rule));
    if (m.metadata.length) {
      panel.appendChild(el('h3', '', 'Metadata'));
      panel.appendChild(table(m.metadata.map(([k, v]) => [k, v])));
    }
    if (m.doc) { panel.appendChild(el('h3', '', 'Doc')); panel.appendChild(el('div', '', m.doc)); }
    if (m.notes.length) {
      panel.appendChild(el('h3', '', 'Notes'));
      for (const n of m.notes) panel.appendChild(el('div', 'note', n));
    }
  }

  // ---- search ----
  function norm(s) { return String(s).toLowerCase().replace(/\u00d7/g, 'x'); }
  function nodeMatches(n, q) {
    if (norm(n.name).includes(q) || norm(n.op).includes(q) || norm(n.label).includes(q)) return true;
    for (const p of n.in.concat(n.out))
      if (norm(p[0]).includes(q) || (p[2] && norm(p[2]).includes(q))) return true;
    return false;
  }
  function runSearch() {
    for (const m of stage.querySelectorAll('.node.match')) m.classList.remove('match');
    matches = [];
    matchAt = -1;
    const q = norm(searchBox.value.trim());
    if (!q) { searchCount.textContent = ''; return; }
    data.graphs[current].nodes.forEach((n, i) => { if (nodeMatches(n, q)) matches.push(i); });
    for (const i of matches) {
      const e = document.getElementById('g' + current + '-n' + i);
      if (e) e.classList.add('match');
    }
    searchCount.textContent = matches.length + (matches.length === 1 ? ' match' : ' matches');
    nextMatch();
  }
  function nextMatch() {
    if (!matches.length) return;
    matchAt = (matchAt + 1) % matches.length;
    centerOn(matches[matchAt]);
  }

  // ---- export ----
  function exportSvg() {
    const svg = svgOf(current).cloneNode(true);
    const s = sizeOf(current);
    svg.setAttribute('width', s.w);
    svg.setAttribute('height', s.h);
    svg.setAttribute('viewBox', '0 0 ' + s.w + ' ' + s.h);
    svg.style.removeProperty('transform');
    for (const e of svg.querySelectorAll('.match, .selected')) e.classList.remove('match', 'selected');
    if (document.body.classList.contains('show-names')) svg.classList.add('show-names');
    const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
    style.textContent = document.getElementById('graph-css').textContent;
    svg.insertBefore(style, svg.firstChild);
    const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    a.download = (current ? 'graph-' + current : 'graph') + '.svg';
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // ---- events ----
  let drag = null;
  stage.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, moved: false };
  });
  window.addEventListener('pointermove', (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true;
    stage.classList.add('dragging');
    views[current].x += dx;
    views[current].y += dy;
    drag.x = e.clientX;
    drag.y = e.clientY;
    apply();
  });
  window.addEventListener('pointerup', () => {
    stage.classList.remove('dragging');
    setTimeout(() => { drag = null; }, 0);
  });
  stage.addEventListener('click', (e) => {
    if (drag && drag.moved) return;
    const chip = e.target.closest('.chip');
    const node = e.target.closest('.node');
    if (chip && node) showWeight(current, +chip.dataset.weight, chip);
    else if (node) showNode(current, +node.dataset.node, node);
    else showModel();
  });
  stage.addEventListener('dblclick', (e) => {
    const node = e.target.closest('.node');
    if (!node) return;
    const n = data.graphs[current].nodes[+node.dataset.node];
    if (n.subs.length) open(n.subs[0]);
  });
  stage.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = stage.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  document.getElementById('zoom-in').addEventListener('click', () => zoomCenter(1.25));
  document.getElementById('zoom-out').addEventListener('click', () => zoomCenter(0.8));
  document.getElementById('fit').addEventListener('click', fit);
  document.getElementById('model-btn').addEventListener('click', showModel);
  document.getElementById('export').addEventListener('click', exportSvg);
  document.getElementById('names').addEventListener('click', (e) => {
    document.body.classList.toggle('show-names');
    e.target.classList.toggle('on');
  });
  searchBox.addEventListener('input', runSearch);
  document.addEventListener('keydown', (e) => {
    if (e.target === searchBox) return;
    if (e.key === 'Escape' && data.graphs[current].parent >= 0) open(data.graphs[current].parent);
    else if (e.key === '/' || (e.key === 'f' && (e.ctrlKey || e.metaKey))) {
      e.preventDefault();
      searchBox.focus();
    }
  });
  searchBox.addEventListener('keydown', (e) => { if (e.key === 'Enter') nextMatch(); });
  window.addEventListener('resize', () => { if (views[current]) apply(); });

  for (const s of stage.querySelectorAll('svg.onyx-graph')) {
    s.dataset.w = s.getAttribute('width');
    s.dataset.h = s.getAttribute('height');
  }
  document.getElementById('banner').textContent = data.model.notes.length
    ? data.model.notes.length + ' note(s) about this model: see the Model panel' : '';
  // For tests and the console: the same actions the UI performs.
  window.onyxViewer = { open: open, showNode: showNode, showWeight: showWeight, fit: fit,
                        current: () => current, data: data };
  open(0);
  document.body.dataset.ready = '1';
})();
