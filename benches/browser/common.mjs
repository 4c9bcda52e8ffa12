// What the browser benchmarks share: the queries and the statistics they print.

/** The 50 queries typed in every bundle (the same list as the native benchmark's spirit). */
export const QUERIES = [
  '布林肯', '普京', '佩斯科夫', '泽伦斯基', '拉夫罗夫', '斯托尔滕贝格', '北約', '烏克蘭', 'NATO', 'nato',
  '美国 制裁', '北约 东扩', '俄罗斯 乌克兰 美国', '"书面回复"', '「安全保障」', '"书面回复" -大纪元', '普京 -拜登',
  '布林肯 OR 拉夫罗夫', '普京 OR 泽伦斯基 OR 马克龙', 'tag:北约', 'source:观察者网', 'tag:北约 source:观察者网',
  '2022-01-20..2022-02-01', '普京 2022-01', '北约 2022-01-20..2022-02-01', '东扩', '向东扩张', '战斧', '克里姆林宫',
  '巡航导弹', '欧尔班', '哈萨克斯坦', '绍伊古', '量子计算机', 'xyzzy', '俄', '美', '乌', '的',
  '美国和北约分别向俄罗斯递交了有关双边安全保障草案的书面回复', '乌克兰是美国遏制俄罗斯的一个工具',
  '普京表示愿意同西方继续通过谈判解决问题', 'Pifer', 'Peskov', 'CNN', '', 'place:乌克兰', '2021', 'source:大纪元 普京',
  '美国 -俄罗斯',
];

/** The `q` quantile of `xs` (the nearest rank; NaN for none). */
export const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};
export const median = (xs) => pct(xs, 0.5);
export const spread = (xs) => (xs.length ? Math.max(...xs) - Math.min(...xs) : NaN);
export const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
export const kb = (x) => (x / 1024).toFixed(0);

/** Types `q` into the box and waits for its complete results painted: ms from the keystroke
 * to the frame after them (`frame`), and to the last change to the DOM before it (`dom`). */
export async function typed(page, q) {
  return page.evaluate(async (q) => {
    const input = document.querySelector('[data-testid=search-input]');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    await frame();
    let changed = NaN;
    const observer = new MutationObserver(() => (changed = performance.now()));
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    const t0 = performance.now();
    input.value = q;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    for (;;) {
      const t = await frame();
      const failed = document.querySelector('[data-testid=fetch-error]');
      if (failed || !document.querySelector('[data-testid=fetching]')) {
        observer.disconnect();
        return failed ? { frame: NaN, dom: NaN } : { frame: t - t0, dom: changed - t0 };
      }
    }
  }, q);
}
