/**
 * A long name cut in the middle, not at the end: names that share a prefix ("Claude
 * Compliance — Research", "Claude Compliance — Production") stay distinguishable in a narrow
 * column, because their distinctive tail is always shown. The full name is the element's text
 * (screen readers and search read it whole) and the caller's tooltip.
 */

/** Where the kept tail starts: the part after the last " — " (when short), else the last 12 characters. */
export function tailStart(text: string): number {
  const dash = text.lastIndexOf(' — ');
  if (dash > 0 && text.length - dash <= 28) return dash;
  return text.length > 24 ? text.length - 12 : text.length;
}

export function MiddleTruncated({ text }: { text: string }) {
  const cut = tailStart(text);
  if (cut >= text.length) return <>{text}</>;
  return (
    <span className="mid-trunc">
      <span className="mid-head">{text.slice(0, cut)}</span>
      <span className="mid-tail">{text.slice(cut)}</span>
    </span>
  );
}
