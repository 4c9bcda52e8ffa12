// The explorer in a real browser against the release build: typing queries, facets, the
// timeline, the reader, URL state and history, and the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open } from './harness.mjs';
import { assertSeedTable, listed, until } from './seed-queries.mjs';

let context;
let server;

before(async () => {
  context = await launch();
  server = await serve(undefined, '/dossier/');
});
after(async () => {
  await context?.close();
  await server?.close();
});

test('typing each query of the search table lists exactly its articles', async () => {
  const { page, errors } = await open(context, server.url);
  const input = page.getByTestId('search-input');
  await assertSeedTable(page, input);
  // The segmentation line explains the match.
  await input.fill('东扩');
  await until(() => page.getByTestId('segmentation').innerText(), '分词：东扩', 'segmentation shown');
  // Highlights land on the original text.
  await input.fill('北約');
  const marks = await page.locator('[data-testid=result-item] mark').allInnerTexts();
  // The variants found are highlighted too (NATO in 004).
  assert.ok(
    marks.length > 0 && marks.every((m) => m === '北约' || m === 'NATO'),
    `marks: ${marks.slice(0, 5)}`,
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('a name variant finds every spelling and the line under the box says which', async () => {
  const { page, errors } = await open(context, server.url);
  const input = page.getByTestId('search-input');
  await until(async () => (await listed(page)).length, 5, 'all five listed at start');
  await input.fill('澤倫斯基');
  await until(() => listed(page), ['000', '001'], 'both spellings of Zelensky');
  await until(
    () => page.getByTestId('also-searched').innerText(),
    // 001 also writes Zelenskyy (forms are shown folded).
    '另搜：泽连斯基、zelenskyy',
    'the variants found are named',
  );
  // 000 spells it 泽连斯基 only: its snippet highlights that spelling.
  const marks = await page
    .locator('[data-testid=result-item][data-file^="000"] mark')
    .allInnerTexts();
  assert.ok(marks.length > 0, `marks: ${marks}`);
  // Quoted: only the form typed, and no line.
  await input.fill('"泽伦斯基"');
  await until(() => listed(page), ['001'], 'the quoted form only');
  assert.equal(await page.getByTestId('also-searched').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a facet click narrows the list and its chip removes it', async () => {
  const { page } = await open(context, server.url);
  await until(async () => (await listed(page)).length, 5, 'all five listed');
  await page.locator('[data-testid=facet-option][data-group=source][data-value=观察者网]').click();
  await until(() => listed(page), ['000', '002'], 'only 观察者网 articles');
  const chip = page.locator('[data-testid=active-filter][data-group=source]');
  assert.equal(await chip.count(), 1);
  assert.match(page.url(), /source=/, 'the filter is in the URL');
  await chip.click();
  await until(() => listed(page), ['000', '001', '002', '003', '004'], 'chip removed the filter');
  assert.equal(await page.getByTestId('active-filter').count(), 0);
  await page.close();
});

test('each facet shows its top values; a toggle shows all, and a selected value always shows', async () => {
  const { page, errors } = await open(context, server.url);
  await until(async () => (await listed(page)).length, 5, 'all five listed');
  const people = page.locator('[data-testid=facet-option][data-group=person]');
  const toggle = page.locator('[data-testid=facet-toggle][data-group=person]');
  const values = () => people.evaluateAll((els) => els.map((e) => e.dataset.value));
  // Collapsed by default: eight values and a toggle that says how many there are.
  assert.equal(await people.count(), 8, 'eight people shown at first');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  const label = await toggle.innerText();
  const total = Number(label.match(/^显示全部 (\d+) 项$/)?.[1]);
  assert.ok(total > 8, `the toggle names the total: ${label}`);
  assert.equal(await page.locator(`#${await toggle.getAttribute('aria-controls')}`).count(), 1, 'aria-controls names the list');
  // A group with few values has no toggle.
  assert.equal(await page.locator('[data-testid=facet-toggle][data-group=source]').count(), 0);
  // The keyboard expands it: Enter shows all, Space collapses again.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await until(() => people.count(), total, 'all people after Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await toggle.innerText(), '收起');
  await page.keyboard.press(' ');
  await until(() => people.count(), 8, 'collapsed again after Space');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  // Select the last of all, then collapse: it stays listed (checked) beside the top eight.
  await toggle.click();
  const all = await values();
  const last = all[all.length - 1];
  await page.locator(`[data-testid=facet-option][data-group=person][data-value="${last}"]`).click();
  await until(() => listed(page), ['001'], `only the article naming ${last}`);
  const now = await values();
  assert.ok(now.indexOf(last) >= 8, `${last} ranks below the top eight: ${now}`);
  await toggle.click();
  await until(async () => (await values()).length, 9, 'top eight plus the selected value');
  const shown = await values();
  assert.deepEqual(shown.slice(0, 8), now.slice(0, 8), 'the top eight');
  assert.equal(shown[8], last, 'and the selected value');
  const selected = page.locator(`[data-testid=facet-option][data-group=person][data-value="${last}"]`);
  assert.equal(await selected.getAttribute('aria-checked'), 'true');
  // The same from a URL: the group starts collapsed with the selected value shown.
  const { page: again } = await open(context, page.url());
  await until(() => listed(again), ['001'], 'filtered after reload');
  const again_values = await again
    .locator('[data-testid=facet-option][data-group=person]')
    .evaluateAll((els) => els.map((e) => [e.dataset.value, e.getAttribute('aria-checked')]));
  assert.equal(again_values.length, 9, `top eight plus the selected: ${again_values}`);
  assert.deepEqual(again_values[8], [last, 'true']);
  assert.equal(await again.locator('[data-testid=facet-toggle][data-group=person]').getAttribute('aria-expanded'), 'false');
  assert.deepEqual(errors, []);
  await page.close();
  await again.close();
});

test('a timeline bucket filters by its dates', async () => {
  const { page } = await open(context, server.url);
  await until(async () => (await listed(page)).length, 5, 'all five listed');
  await page.getByTestId('search-input').fill('书面回复');
  await until(() => listed(page), ['000', '001', '002', '003'], 'four articles mention 书面回复');
  // The bucket holding 2022-01-27 (000 and 003 were published then).
  const buckets = await page.getByTestId('timeline-bucket').evaluateAll((els) =>
    els.map((e) => ({ start: e.dataset.start, end: e.dataset.end, articles: Number(e.dataset.articles) })),
  );
  const target = buckets.find((b) => b.start <= '2022-01-27' && '2022-01-27' <= b.end);
  assert.ok(target && target.articles >= 2, `a bucket covering 2022-01-27: ${JSON.stringify(buckets)}`);
  await page.locator(`[data-testid=timeline-bucket][data-start="${target.start}"]`).click();
  const inRange = (d) => d >= target.start && d <= target.end;
  const want = { '000': '2022-01-27', '001': '2022-02-02', '002': '2022-02-03', '003': '2022-01-27' };
  const expected = Object.entries(want).filter(([, d]) => inRange(d)).map(([f]) => f).sort();
  await until(() => listed(page), expected, 'only articles dated within the bucket');
  const chip = page.locator('[data-testid=active-filter][data-group=date]');
  assert.equal(await chip.count(), 1, 'the range shows as a chip');
  // The events listed are those of the span.
  const dates = await page.getByTestId('event-item').evaluateAll((els) => els.map((e) => e.dataset.date));
  assert.ok(dates.length > 0, 'events of the span are listed');
  await chip.click();
  await until(() => listed(page), ['000', '001', '002', '003'], 'range chip removed');
  await page.close();
});

test('dragging across timeline buckets filters by their span; Enter on a bucket filters by it', async () => {
  const { page, errors } = await open(context, server.url);
  await until(async () => (await listed(page)).length, 5, 'all five listed');
  const buckets = await page.getByTestId('timeline-bucket').evaluateAll((els) =>
    els.map((e) => ({ start: e.dataset.start, end: e.dataset.end, articles: Number(e.dataset.articles) })),
  );
  assert.ok(buckets.length >= 3, `several buckets: ${buckets.length}`);
  const [from, to] = [buckets[buckets.length - 3], buckets[buckets.length - 1]];
  const box = async (b) => page.locator(`[data-testid=timeline-bucket][data-start="${b.start}"]`).boundingBox();
  const a = await box(from);
  const b = await box(to);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width * 1.5, a.y + a.height / 2, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 3 });
  assert.equal(await page.locator('.bucket.dragging').count(), 3, 'the dragged span is marked');
  await page.mouse.up();
  const chip = page.locator('[data-testid=active-filter][data-group=date]');
  await chip.waitFor();
  assert.equal(await chip.getAttribute('data-value'), `${from.start}..${to.end}`);
  assert.equal(await page.locator('.bucket.selected').count(), 3, 'the chosen span is highlighted');
  await chip.click();
  await chip.waitFor({ state: 'detached' });
  // Keyboard: each bucket is a button.
  const target = buckets.find((x) => x.articles > 0);
  await page.locator(`[data-testid=timeline-bucket][data-start="${target.start}"]`).focus();
  await page.keyboard.press('Enter');
  await chip.waitFor();
  assert.equal(await chip.getAttribute('data-value'), `${target.start}..${target.end}`);
  assert.ok((await listed(page)).length > 0, 'the bucket has articles');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an event links to its article at that sentence', async () => {
  const { page } = await open(context, server.url);
  await page.getByTestId('search-input').fill('书面回复');
  await until(() => listed(page), ['000', '001', '002', '003'], 'four articles mention 书面回复');
  await page.getByTestId('events-all').click();
  const event = page.locator('[data-testid=event-item][data-date="2022-01-26"]').first();
  await event.waitFor();
  const file = await event.getAttribute('data-file');
  const text = await event.locator('a').innerText();
  await event.locator('a').click();
  const view = page.getByTestId('article-view');
  await view.waitFor();
  assert.equal(await view.getAttribute('data-file'), file, 'the event opens its own article');
  const target = view.locator('.target');
  assert.equal(await target.count(), 1, 'the sentence is marked');
  const sentence = text.replace(/…$/, '');
  assert.ok((await target.innerText()).includes(sentence.slice(0, 20)), `the marked block holds the event: ${sentence}`);
  await page.close();
});

test('opening an article shows it; Escape closes it', async () => {
  const { page } = await open(context, server.url);
  await page.getByTestId('search-input').fill('佩斯科夫');
  await until(() => listed(page), ['001', '003'], 'two results');
  await page.locator('[data-testid=result-item][data-file^="003"] a').first().click();
  const view = page.getByTestId('article-view');
  await view.waitFor();
  assert.equal(await page.getByTestId('article-title').innerText(), '获美国北约书面回复 俄罗斯称愿意继续谈');
  assert.equal(await page.getByTestId('article-source').innerText(), '大纪元');
  assert.match(await page.getByTestId('article-date').innerText(), /2022-01-27/);
  assert.ok((await view.locator('mark').count()) > 0, 'the query is highlighted in the article');
  // No remote image is fetched until asked.
  assert.equal(await view.locator('img').count(), 0, 'no <img> before 显示图片');
  const link = view.locator('a[target=_blank]');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  assert.doesNotMatch(page.url(), /open=/);
  await page.close();
});

test('a URL with query, filter and open article restores that view after reload', async () => {
  const { page } = await open(context, server.url);
  await page.getByTestId('search-input').fill('普京');
  await page.locator('[data-testid=facet-option][data-group=source][data-value=新京报]').click();
  await until(() => listed(page), ['004'], 'filtered to 新京报');
  await page.locator('[data-testid=result-item] a').first().click();
  await page.getByTestId('article-view').waitFor();
  const url = page.url();
  assert.match(url, /#.*q=.*source=.*open=/);
  const { page: again } = await open(context, url);
  await again.getByTestId('article-view').waitFor();
  assert.equal(await again.getByTestId('search-input').inputValue(), '普京');
  assert.equal(await again.locator('[data-testid=active-filter][data-group=source]').count(), 1);
  assert.match(await again.getByTestId('article-title').innerText(), /^在即将迈入新年之时/);
  await again.keyboard.press('Escape');
  await until(() => listed(again), ['004'], 'the list behind the reader is the filtered one');
  await page.close();
  await again.close();
});

test('back and forward move between views', async () => {
  const { page } = await open(context, server.url);
  await until(async () => (await listed(page)).length, 5, 'all five');
  await page.locator('[data-testid=facet-option][data-group=source][data-value=大纪元]').click();
  await until(() => listed(page), ['003'], 'filtered');
  await page.locator('[data-testid=result-item] a').first().click();
  await page.getByTestId('article-view').waitFor();
  await page.goBack();
  await page.getByTestId('article-view').waitFor({ state: 'detached' });
  await until(() => listed(page), ['003'], 'back: reader closed, filter kept');
  await page.goBack();
  await until(() => listed(page), ['000', '001', '002', '003', '004'], 'back again: no filter');
  await page.goForward();
  await until(() => listed(page), ['003'], 'forward: filter again');
  await page.close();
});

test('the keyboard alone finds and opens an article', async () => {
  const { page } = await open(context, server.url);
  await until(async () => (await listed(page)).length, 5, 'all five');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  assert.ok(await page.getByTestId('search-input').evaluate((el) => el === document.activeElement), '/ focuses search');
  await page.keyboard.type('战斧');
  await until(() => listed(page), ['001', '002'], 'typed query');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await page.keyboard.press('Enter');
  await page.getByTestId('article-view').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('article-view').waitFor({ state: 'detached' });
  await page.close();
});

test('the arrows and j/k move one selection through the results; Enter opens it', async () => {
  const { page } = await open(context, server.url);
  await until(async () => (await listed(page)).length, 5, 'all five');
  const items = page.getByTestId('result-item');
  /** Positions of the selected items, and the id of the focused element. */
  const state = () =>
    page.evaluate(() => ({
      selected: [...document.querySelectorAll('[data-testid=result-item]')]
        .map((li, i) => (li.classList.contains('selected') && li.getAttribute('aria-current') === 'true' ? i : -1))
        .filter((i) => i >= 0),
      focused: document.activeElement?.id,
    }));
  assert.deepEqual(await state(), { selected: [], focused: 'q' }, 'nothing selected, search box focused');
  await page.keyboard.press('ArrowDown');
  await until(state, { selected: [0], focused: 'result-0' }, 'ArrowDown from the search box selects the first');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await until(state, { selected: [2], focused: 'result-2' }, 'j twice: the third');
  await page.keyboard.press('k');
  await until(state, { selected: [1], focused: 'result-1' }, 'k: the second');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  await until(state, { selected: [4], focused: 'result-4' }, 'ArrowDown stops at the last');
  await page.keyboard.press('ArrowUp');
  await until(state, { selected: [3], focused: 'result-3' }, 'ArrowUp: the one before');
  const fourth = await items.nth(3).getAttribute('data-file');
  await page.keyboard.press('Enter');
  const view = page.getByTestId('article-view');
  await view.waitFor();
  assert.equal(await view.getAttribute('data-file'), fourth, 'Enter opens the selected result');
  // While the reader is open, j/k do not move the selection; Escape closes it.
  await page.keyboard.press('j');
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
  assert.deepEqual((await state()).selected, [3], 'the selection survives the reader');
  // "/" goes to the search box, Escape there back to the selected result.
  await items.nth(3).locator('a').focus();
  await page.keyboard.press('/');
  await until(state, { selected: [3], focused: 'q' }, '/ focuses the search box');
  await page.keyboard.press('Escape');
  await until(state, { selected: [3], focused: 'result-3' }, 'Escape in the search box returns to the selection');
  // A new query clears the selection.
  await page.getByTestId('search-input').fill('战斧');
  await until(() => listed(page), ['001', '002'], 'typed query');
  await until(async () => (await state()).selected, [], 'new results, no selection');
  await page.close();
});

test('selection moves on the seeds (measured, printed)', async () => {
  const { page } = await open(context, server.url);
  await until(async () => (await listed(page)).length, 5, 'all five');
  // Each sample: 20 alternating ArrowDown/ArrowUp keydowns, each followed by the microtask in
  // which yew renders (a macrotask between presses, not counted).
  const samples = await page.evaluate(async () => {
    const tick = () => new Promise((r) => {
      const c = new MessageChannel();
      c.port1.onmessage = r;
      c.port2.postMessage(0);
    });
    const press = async (key) => {
      const t0 = performance.now();
      document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      await Promise.resolve();
      const dt = performance.now() - t0;
      await tick();
      return dt;
    };
    document.querySelector('#q').focus();
    await press('ArrowDown');
    const out = [];
    for (let round = 0; round < 20; round++) {
      let sum = 0;
      for (let i = 0; i < 20; i++) sum += await press(i % 2 ? 'ArrowUp' : 'ArrowDown');
      out.push(sum);
    }
    return out;
  });
  assert.ok(await page.locator('.result.selected').count() === 1, 'one result selected');
  samples.sort((a, b) => a - b);
  const p = (q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1);
  console.log(`# 20 selection moves, ${samples.length} samples: median ${p(0.5)} ms, p95 ${p(0.95)} ms`);
  await page.close();
});

test('hostile URL state is ignored, never executed or echoed as markup', async () => {
  const evil = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
  const { page } = await open(context, `${server.url}#q=${evil}&tag=${evil}&open=${evil}&sort=${evil}&bogus=1`);
  await page.getByTestId('article-view').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('img[src=x]').count(), 0);
  assert.match(await page.getByTestId('article-title').innerText(), /找不到/);
  await page.close();
});

test('keystroke to painted results on the seeds (measured, printed)', async () => {
  const { page } = await open(context, server.url);
  await until(async () => (await listed(page)).length, 5, 'all five');
  const queries = ['布林肯', '普京', '东扩', '北約', '美国 制裁', 'NATO', '战斧', '书面回复', '乌克兰', '拉夫罗夫'];
  const { rendered, painted } = await page.evaluate(async (qs) => {
    const input = document.querySelector('[data-testid=search-input]');
    const list = document.querySelector('main');
    const rendered = [];
    const painted = [];
    for (let round = 0; round < 5; round++) {
      for (const q of qs) {
        // Start on a fresh frame, so frame alignment does not count against the search.
        await new Promise((r) => requestAnimationFrame(r));
        const changed = new Promise((r) => {
          const o = new MutationObserver(() => {
            o.disconnect();
            r(performance.now());
          });
          o.observe(list, { subtree: true, childList: true, characterData: true, attributes: true });
        });
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
        const t1 = await changed;
        // yew renders all at once; the results are on screen at the next frame.
        await new Promise((r) => setTimeout(r, 0));
        const t2 = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
        rendered.push(performance.now() - t0 - (performance.now() - t1));
        painted.push(t2 - t0);
        input.value = '';
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }
    }
    return { rendered, painted };
  }, queries);
  const stats = (xs) => {
    xs.sort((a, b) => a - b);
    const p = (q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(1);
    return `median ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${p(1)} ms`;
  };
  console.log(`# keystroke to rendered DOM, ${rendered.length} samples: ${stats(rendered)}`);
  console.log(`# keystroke to the next frame after it: ${stats(painted)}`);
  await page.close();
});
