/// <reference lib="dom" />
// Runs in the browser (page.evaluate): what a reader would see as broken on the page as laid out
// now. Self-contained on purpose, as page.evaluate sends only the function's source.

/** Tables wider than their panel without a visible way to scroll, and chart texts that overlap. */
export function layoutProblems(): string[] {
  const found: string[] = [];
  // A table wider than its panel must show a scrollbar (it takes room under the table) and say so.
  for (const wrap of document.querySelectorAll<HTMLElement>('.table-wrap')) {
    const panel = wrap.closest('section') as HTMLElement;
    const wider = wrap.scrollWidth > wrap.clientWidth + 1;
    const scrollbar = wrap.offsetHeight - wrap.clientHeight;
    if (wrap.getBoundingClientRect().right > panel.getBoundingClientRect().right + 1)
      found.push(`${panel.dataset.panel}: table box beyond its panel`);
    const hint = wrap.parentElement?.querySelector<HTMLElement>('.scroll-hint');
    const said = !!hint && !hint.hidden && hint.getBoundingClientRect().height > 0;
    if (wider && (scrollbar < 6 || !said)) found.push(`${panel.dataset.panel}: hidden horizontal scroll`);
  }
  // Texts of one chart must not overlap (labels, axis names, legends, mark lines).
  for (const chart of document.querySelectorAll<HTMLElement>('.chart')) {
    const boxes = [...chart.querySelectorAll('svg text')]
      .filter((t) => (t.textContent ?? '').trim() !== '')
      .map((t) => ({ text: t.textContent!, r: t.getBoundingClientRect() }))
      .filter((b) => b.r.width > 0 && b.r.height > 0);
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 2 && h > 2) {
          const where = (chart.closest('[data-panel]') as HTMLElement | null)?.dataset.panel ?? 'chart';
          found.push(`${where}: "${a.text}" overlaps "${b.text}"`);
        }
      }),
    );
  }
  return found;
}
