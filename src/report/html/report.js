'use strict';
// The page of `copydesk report`: everything is built from the embedded JSON with
// textContent and createElement, never from HTML strings, so no article text, file name
// or message can become markup.
(function () {
  const D = JSON.parse(document.getElementById('copydesk-data').textContent);
  const F = D.findings; // [file, line, col, rule, sev, msg, passage, start, end, suggestion, new]
  const S = D.strings;
  const SEV = ['info', 'warning', 'error'];
  const PAGE = 100;
  const CONTEXT = 70;
  const nf = new Intl.NumberFormat('en');
  const $ = (id) => document.getElementById(id);

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // Per file: where its findings start in F (they are grouped by file, in order).
  const fileStart = new Int32Array(D.files.length + 1);
  const perRule = new Int32Array(D.rules.length);
  const perSev = [0, 0, 0];
  let fresh = 0;
  for (let i = 0; i < F.length; i++) {
    const f = F[i];
    fileStart[f[0] + 1] = i + 1;
    perRule[f[3]]++;
    perSev[f[4]]++;
    if (f[10]) fresh++;
  }
  for (let k = 1; k <= D.files.length; k++) fileStart[k] = Math.max(fileStart[k], fileStart[k - 1]);
  const count = (fi) => fileStart[fi + 1] - fileStart[fi];

  // ---- header and totals
  const meta = [D.tool, 'checked ' + (D.paths.length ? D.paths.join(' ') : '.')];
  if (D.baseline !== null) meta.push('new findings compared with ' + D.baseline);
  $('meta').textContent = meta.join(' · ');

  const totals = [
    ['checked', 'Files checked', D.checked, ''],
    ['files', 'Files with findings', D.files.length, ''],
    ['findings', 'Findings', F.length, ''],
    ['error', 'Errors', perSev[2], 'error'],
    ['warning', 'Warnings', perSev[1], 'warning'],
    ['info', 'Info', perSev[0], 'info'],
  ];
  if (D.baseline !== null) totals.push(['new', 'New', fresh, '']);
  if (D.failures.length) totals.push(['failures', 'Not linted', D.failures.length, 'error']);
  for (const [key, label, n, cls] of totals) {
    const card = el('div', n ? cls : ''); // a count of nought needs no alarm colour
    card.dataset.total = key;
    card.append(el('dt', null, label), el('dd', null, nf.format(n)));
    $('totals').append(card);
  }

  // ---- findings per rule
  const ruleOrder = D.rules.map((_, i) => i).sort((a, b) => perRule[b] - perRule[a] || (D.rules[a][0] < D.rules[b][0] ? -1 : 1));
  const most = Math.max(1, ...ruleOrder.map((r) => perRule[r]));
  for (const r of ruleOrder) {
    const [id, sev, summary] = D.rules[r];
    const name = el('button', null, id);
    name.type = 'button';
    name.title = summary ? id + ': ' + summary : id;
    name.addEventListener('click', () => {
      state.rule = String(r);
      $('f-rule').value = state.rule;
      apply();
      $('findings-section').scrollIntoView();
    });
    const bar = el('div', 'bar s' + sev);
    bar.style.width = (100 * perRule[r] / most).toFixed(2) + '%';
    bar.setAttribute('aria-hidden', 'true');
    const track = el('div');
    track.append(bar);
    $('chart').append(name, track, el('span', 'num', nf.format(perRule[r])));
  }

  // ---- densest articles
  let dense = D.files.map((f, i) => i).filter((i) => D.files[i][1] >= 100);
  if (!dense.length) dense = D.files.map((f, i) => i).filter((i) => D.files[i][1] > 0);
  const rate = (i) => 1000 * count(i) / D.files[i][1];
  dense.sort((a, b) => rate(b) - rate(a) || a - b);
  for (const i of dense.slice(0, 15)) {
    const li = el('li');
    const a = el('a', null, D.files[i][0]);
    a.href = '#file=' + i;
    li.append(a, el('span', 'rate', ' — ' + rate(i).toFixed(1) + ' per 1,000 words (' + count(i) + ' in ' + nf.format(D.files[i][1]) + ')'));
    $('dense').append(li);
  }

  if (D.failures.length) {
    $('failures-section').hidden = false;
    for (const [path, why] of D.failures) $('failures').append(el('li', null, path + ': ' + why));
  }

  // ---- the table
  const state = { rule: '', sev: '', fresh: false, file: '', sort: 'file', dir: 1, page: 0 };
  let view = new Int32Array(0);
  for (const r of D.rules.map((_, i) => i).sort((a, b) => (D.rules[a][0] < D.rules[b][0] ? -1 : 1))) {
    const o = el('option', null, D.rules[r][0] + ' (' + nf.format(perRule[r]) + ')');
    o.value = String(r);
    $('f-rule').append(o);
  }
  if (D.baseline !== null) $('f-new-label').hidden = false;

  function apply() {
    const rule = state.rule === '' ? -1 : Number(state.rule);
    const sev = state.sev === '' ? -1 : Number(state.sev);
    const needle = state.file.toLowerCase();
    const fileOk = needle ? D.files.map((f) => f[0].toLowerCase().includes(needle)) : null;
    const out = [];
    for (let i = 0; i < F.length; i++) {
      const f = F[i];
      if ((rule < 0 || f[3] === rule) && (sev < 0 || f[4] === sev) && (!state.fresh || f[10]) && (!fileOk || fileOk[f[0]])) out.push(i);
    }
    const key = { file: null, line: 1, rule: 3, sev: 4 }[state.sort];
    const dir = state.dir;
    if (key === null) {
      if (dir < 0) out.reverse();
    } else {
      out.sort((a, b) => dir * (F[a][key] - F[b][key]) || a - b);
    }
    view = Int32Array.from(out);
    state.page = 0;
    render();
  }

  function excerpt(f) {
    const text = D.passages[f[6]][2];
    const s = f[7], e = f[8];
    let from = Math.max(0, s - CONTEXT);
    let before = text.slice(from, s);
    if (from > 0) {
      const sp = before.indexOf(' ');
      before = '… ' + (sp >= 0 ? before.slice(sp + 1) : before);
    }
    let to = Math.min(text.length, e + CONTEXT);
    let after = text.slice(e, to);
    if (to < text.length) {
      const sp = after.lastIndexOf(' ');
      after = (sp > 0 ? after.slice(0, sp) : after) + ' …';
    }
    const span = el('span');
    const mark = el('mark', 's' + f[4], e > s ? text.slice(s, e) : '‸');
    mark.title = S[f[5]];
    span.append(before, mark, after);
    return span;
  }

  function row(i) {
    const f = F[i];
    const tr = el('tr');
    const file = el('td', 'file');
    const a = el('a', null, D.files[f[0]][0]);
    a.href = '#file=' + f[0];
    file.append(a);
    const sev = el('td');
    sev.append(el('span', 'sev s' + f[4], SEV[f[4]]));
    if (D.baseline !== null && f[10]) sev.append(el('span', 'new', 'new'));
    const rule = el('td', 'rule', D.rules[f[3]][0]);
    rule.title = D.rules[f[3]][2];
    const ex = el('td', 'excerpt');
    ex.append(excerpt(f), el('div', 'msg', S[f[5]]));
    tr.append(file, el('td', 'num', f[1] + ':' + f[2]), rule, sev, ex, el('td', 'sugg', S[f[9]]));
    return tr;
  }

  function render() {
    const pages = Math.max(1, Math.ceil(view.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const from = state.page * PAGE;
    const to = Math.min(view.length, from + PAGE);
    const frag = document.createDocumentFragment();
    for (let k = from; k < to; k++) frag.append(row(view[k]));
    $('rows').replaceChildren(frag);
    const c = $('count');
    c.dataset.count = String(view.length);
    c.textContent = view.length
      ? 'Showing ' + nf.format(from + 1) + '–' + nf.format(to) + ' of ' + nf.format(view.length) + ' findings'
      : 'No findings match.';
    $('p-info').textContent = 'Page ' + (state.page + 1) + ' of ' + pages;
    $('p-first').disabled = $('p-prev').disabled = state.page === 0;
    $('p-next').disabled = $('p-last').disabled = state.page >= pages - 1;
    for (const b of document.querySelectorAll('th button')) {
      if (b.dataset.sort === state.sort) b.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
      else b.removeAttribute('aria-sort');
    }
  }

  $('filters').addEventListener('submit', (e) => e.preventDefault());
  $('f-rule').addEventListener('change', (e) => { state.rule = e.target.value; apply(); });
  $('f-sev').addEventListener('change', (e) => { state.sev = e.target.value; apply(); });
  $('f-new').addEventListener('change', (e) => { state.fresh = e.target.checked; apply(); });
  let typing = 0;
  $('f-file').addEventListener('input', (e) => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.file = e.target.value; apply(); }, 150);
  });
  $('f-reset').addEventListener('click', () => {
    Object.assign(state, { rule: '', sev: '', fresh: false, file: '' });
    $('f-rule').value = ''; $('f-sev').value = ''; $('f-new').checked = false; $('f-file').value = '';
    apply();
  });
  for (const b of document.querySelectorAll('th button')) {
    b.addEventListener('click', () => {
      state.dir = state.sort === b.dataset.sort ? -state.dir : 1;
      state.sort = b.dataset.sort;
      apply();
    });
  }
  const pageTo = (p) => () => { state.page = p(); render(); $('findings-section').scrollIntoView(); };
  $('p-first').addEventListener('click', pageTo(() => 0));
  $('p-prev').addEventListener('click', pageTo(() => Math.max(0, state.page - 1)));
  $('p-next').addEventListener('click', pageTo(() => state.page + 1));
  $('p-last').addEventListener('click', pageTo(() => Number.MAX_SAFE_INTEGER));

  // ---- one article's findings in context
  function passage(p, items, numbers) {
    const [, line, text] = D.passages[p];
    const box = el('div', 'passage');
    box.append(el('span', 'where', 'Line ' + line));
    const cuts = new Set([0, text.length]);
    for (const i of items) { cuts.add(F[i][7]); cuts.add(F[i][8]); }
    const points = [...cuts].sort((a, b) => a - b);
    for (let k = 0; k < points.length; k++) {
      const a = points[k];
      for (const i of items) {
        if (F[i][7] === a && F[i][8] === a) {
          const m = el('mark', 's' + F[i][4], '‸');
          m.title = S[F[i][5]];
          box.append(m, el('sup', null, numbers.get(i)));
        }
      }
      if (k + 1 >= points.length) break;
      const b = points[k + 1];
      const over = items.filter((i) => F[i][7] <= a && F[i][8] >= b && F[i][8] > F[i][7]);
      const piece = text.slice(a, b);
      if (!over.length) { box.append(piece); continue; }
      const m = el('mark', 's' + Math.max(...over.map((i) => F[i][4])), piece);
      m.title = over.map((i) => S[F[i][5]]).join('\n');
      box.append(m);
      for (const i of over) if (F[i][8] === b) box.append(el('sup', null, numbers.get(i)));
    }
    return box;
  }

  function showArticle(fi) {
    const art = $('article');
    const [path, words] = D.files[fi];
    const n = count(fi);
    const back = el('button', 'back', '← All findings');
    back.type = 'button';
    back.addEventListener('click', () => { location.hash = ''; });
    const stats = nf.format(n) + (n === 1 ? ' finding' : ' findings') + ' in ' + nf.format(words) + ' words' +
      (words ? ' (' + (1000 * n / words).toFixed(1) + ' per 1,000)' : '');
    art.replaceChildren(back, el('h2', null, path), el('p', 'hint', stats));
    const byPassage = new Map();
    const numbers = new Map();
    for (let i = fileStart[fi], k = 1; i < fileStart[fi + 1]; i++, k++) {
      numbers.set(i, k);
      const p = F[i][6];
      if (!byPassage.has(p)) byPassage.set(p, []);
      byPassage.get(p).push(i);
    }
    for (const p of [...byPassage.keys()].sort((a, b) => a - b)) {
      const items = byPassage.get(p);
      art.append(passage(p, items, numbers));
      const ol = el('ol', 'found');
      ol.start = numbers.get(items[0]);
      for (const i of items) {
        const f = F[i];
        const li = el('li');
        li.append(el('span', 'num', f[1] + ':' + f[2] + ' '), el('span', 'sev s' + f[4], SEV[f[4]]), ' ', el('span', 'rule', D.rules[f[3]][0]), ' ', S[f[5]]);
        if (S[f[9]]) li.append(' → ', el('span', 'sugg', S[f[9]]));
        if (D.baseline !== null && f[10]) li.append(el('span', 'new', 'new'));
        ol.append(li);
      }
      art.append(ol);
    }
  }

  function route() {
    const m = /^#file=(\d+)$/.exec(location.hash);
    const fi = m ? Number(m[1]) : -1;
    const article = fi >= 0 && fi < D.files.length;
    $('overview').hidden = article;
    $('article').hidden = !article;
    if (article) {
      showArticle(fi);
      window.scrollTo(0, 0);
    }
  }
  window.addEventListener('hashchange', route);
  apply();
  route();
  document.documentElement.dataset.ready = 'true';
})();
