/**
 * The page-side script the typing benches evaluate (`(${script})(${JSON.stringify(queries)})`):
 * for each query, sets the input like a keystroke (native setter + input event, which React's
 * onChange listens to) and waits for the commit marker `window[marker]` (a layout effect exposed
 * in test mode) to move on; `sample` is the expression pushed per keystroke (`t0`: the input's
 * time).
 */
export function typingScript(testId: string, marker: string, sample: string): string {
  return `async (queries) => {
  const input = document.querySelector('[data-testid="${testId}"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const out = [];
  for (const q of queries) {
    await frame();
    const before = window.${marker} ? window.${marker}.seq : 0;
    const t0 = performance.now();
    setValue.call(input, q);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    while ((window.${marker} ? window.${marker}.seq : 0) === before) await new Promise((r) => setTimeout(r, 0));
    out.push(${sample});
  }
  return out;
}`;
}
