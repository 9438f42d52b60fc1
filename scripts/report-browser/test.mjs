// The HTML report in a real browser (headless Chromium through playwright-core): the
// report of the sample articles renders the totals of the JSON output, filters change
// the rows as they should, an article opens with its findings in context, hostile text
// stays text, and nothing is logged as an error. Saves a screenshot.
//
// Usage: node test.mjs --bin COPYDESK --chromium PATH --screenshot OUT.png
//        node test.mjs --chromium PATH --measure REPORT.html   (time to open a report)
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const work = mkdtempSync(join(tmpdir(), 'copydesk-report-'));
let failures = 0;

function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

function copydesk(argv, cwd) {
  try {
    return execFileSync(args.bin, argv, { cwd, encoding: 'utf8', env: { ...process.env, COPYDESK_NO_CACHE: '1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.status === 1) return e.stdout; // findings
    throw e;
  }
}

const browser = await chromium.launch({
  executablePath: args.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  // playwright gives the browser a fresh temporary profile (--user-data-dir) of its own.
});

/// Opens a report; returns the page, the messages logged as errors, and timings.
async function open(file) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', async (d) => { errors.push('dialog: ' + d.message()); await d.dismiss(); });
  // Nothing may be fetched: every request other than the file itself is a failure.
  await page.route('**/*', (route) => {
    if (route.request().url() === pathToFileURL(file).href) return route.continue();
    errors.push('request: ' + route.request().url());
    return route.abort();
  });
  const started = Date.now();
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready=true]', { timeout: 60000 });
  const wall = Date.now() - started;
  const timing = await page.evaluate(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return { domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) };
  });
  return { page, errors, timing: { ...timing, ready: wall } };
}

const total = (page, key) => page.$eval(`[data-total="${key}"] dd`, (e) => Number(e.textContent.replace(/,/g, '')));
const shown = (page) => page.$eval('#count', (e) => Number(e.dataset.count));
const rows = (page) => page.$$eval('#rows tr', (r) => r.length);

try {
  if (args.measure) {
    const { page, errors, timing } = await open(resolve(args.measure));
    const n = await shown(page);
    const t0 = Date.now();
    await page.selectOption('#f-sev', '2');
    await page.waitForFunction((before) => Number(document.querySelector('#count').dataset.count) !== before, n);
    const filter = Date.now() - t0;
    console.log(JSON.stringify({ findings: n, ...timing, filterMs: filter, errors }));
    check(errors.length === 0, 'no errors');
  } else {
    const root = resolve(args.root || '.');
    // The sample articles, as README's first command lints them.
    const articles = join(work, 'articles');
    cpSync(join(root, 'fixtures/articles'), articles, { recursive: true });
    const report = join(work, 'report.html');
    copydesk(['report', '.', '-o', report], articles);
    const doc = JSON.parse(copydesk(['check', '--format', 'json', '.'], articles));
    const { page, errors, timing } = await open(report);
    console.log(`opened in ${timing.ready} ms (DOMContentLoaded ${timing.domContentLoaded} ms)`);
    const sum = doc.summary;
    check(await total(page, 'findings') === sum.diagnostics, `findings total ${sum.diagnostics}`);
    check(await total(page, 'checked') === sum.files, `files checked ${sum.files}`);
    check(await total(page, 'warning') === sum.warning, `warnings ${sum.warning}`);
    check(await total(page, 'info') === sum.info, `info ${sum.info}`);
    check(await total(page, 'error') === sum.error, `errors ${sum.error}`);
    check(await shown(page) === sum.diagnostics && await rows(page) === Math.min(100, sum.diagnostics), 'the table lists every finding');
    const bars = await page.$$eval('#chart .bar', (b) => b.length);
    check(bars === new Set(doc.diagnostics.map((d) => d.rule)).size, `one bar per rule (${bars})`);
    check(await page.$$eval('#dense li', (l) => l.length) > 0, 'densest articles listed');

    // Filter by rule, then by severity, then clear.
    const rule = 'attribution.vague-source';
    const ruleIndex = await page.$eval('#f-rule', (s, id) => [...s.options].find((o) => o.textContent.startsWith(id + ' ')).value, rule);
    await page.selectOption('#f-rule', ruleIndex);
    const want = doc.diagnostics.filter((d) => d.rule === rule).length;
    check(await shown(page) === want && await rows(page) === want, `rule filter: ${want} rows`);
    const ruleCells = await page.$$eval('#rows td.rule', (c) => [...new Set(c.map((x) => x.textContent))]);
    check(ruleCells.length === 1 && ruleCells[0] === rule, 'only that rule is shown');
    await page.selectOption('#f-rule', '');
    await page.selectOption('#f-sev', '0');
    check(await rows(page) === doc.diagnostics.filter((d) => d.severity === 'info').length, 'severity filter: info only');
    await page.click('#f-reset');
    check(await shown(page) === sum.diagnostics, 'clearing the filters shows everything');

    // Sort by rule: the rule column is in order.
    await page.click('th button[data-sort=rule]');
    const sorted = await page.$$eval('#rows td.rule', (c) => c.map((x) => x.textContent));
    check(sorted.every((r, i) => i === 0 || sorted[i - 1] <= r), 'sorting by rule');
    await page.click('th button[data-sort=file]');

    // Highlighted spans are the findings' text.
    const marks = await page.$$eval('#rows td.excerpt mark', (m) => m.map((x) => x.textContent));
    // The report shows a CR as a space (a lone CR would not break the line).
    const texts = new Set(doc.diagnostics.map((d) => d.text.replace(/\r/g, ' ')));
    const odd = marks.filter((m) => !texts.has(m) && m !== '‸');
    check(marks.length > 0 && odd.length === 0, 'excerpts highlight the flagged words ' + JSON.stringify(odd));
    await page.screenshot({ path: args.screenshot, fullPage: false });

    // An article in context.
    const path = doc.diagnostics[0].path;
    const inFile = doc.diagnostics.filter((d) => d.path === path).length;
    await page.click(`#dense a >> text="${path}"`).catch(() => page.click(`#rows a >> text="${path}"`));
    await page.waitForSelector('#article:not([hidden]) .passage');
    check(await page.$$eval('#article ol.found li', (l) => l.length) === inFile, `article view lists its ${inFile} findings`);
    check(await page.$$eval('#article .passage mark', (m) => m.length) > 0, 'article view highlights in context');
    await page.screenshot({ path: args.screenshot.replace(/\.png$/, '-article.png'), fullPage: false });
    check(errors.length === 0, 'no console errors: ' + errors.join(' | '));

    // With a baseline, what is new is counted, marked and can be shown alone.
    copydesk(['baseline', '.'], articles);
    writeFileSync(join(articles, 'late.md'), '# Late\n\nA deep-seeded doubt.\n');
    const since = join(work, 'since.html');
    copydesk(['report', '.', '--baseline', 'copydesk-baseline.json', '-o', since], articles);
    const b = await open(since);
    check(await total(b.page, 'new') === 1 && await total(b.page, 'findings') === sum.diagnostics + 1, 'baseline: one new finding');
    await b.page.check('#f-new');
    check(await rows(b.page) === 1 && await b.page.$eval('#rows td.file', (c) => c.textContent) === 'late.md', 'new only: the new finding');
    check(await b.page.$$eval('#rows .new', (n) => n.length) === 1, 'the new finding is marked');
    check(b.errors.length === 0, 'no console errors with a baseline: ' + b.errors.join(' | '));

    // Hostile names and text are shown as text, never run.
    const hostile = join(work, 'hostile');
    mkdirSync(hostile);
    writeFileSync(join(hostile, 'x<img src=x onerror="window.pwned=1">.md'),
      'A <script>window.pwned=2</script> hair-brained <img src=x onerror="window.pwned=3"> plan </script><!-- & more.\n');
    const bad = join(work, 'hostile.html');
    copydesk(['report', '.', '-o', bad], hostile);
    const h = await open(bad);
    await h.page.click('#rows a');
    await h.page.waitForSelector('#article:not([hidden]) .passage');
    const pwned = await h.page.evaluate(() => window.pwned);
    const text = await h.page.$eval('#article .passage', (p) => p.textContent);
    const imgs = await h.page.$$eval('img', (i) => i.length);
    check(pwned === undefined && imgs === 0 && text.includes('<script>window.pwned=2</script>'), 'a <script> in an article is inert text');
    check(h.errors.length === 0, 'no console errors on the hostile report: ' + h.errors.join(' | '));
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
if (failures) {
  console.log(`${failures} check(s) failed`);
  process.exit(1);
}
