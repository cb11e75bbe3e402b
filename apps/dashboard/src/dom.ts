// A few DOM helpers: elements built from data, text set as text (never as HTML).

type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

export const clear = (element: Element) => element.replaceChildren();

const COUNT = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const MONEY = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const DAYS = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

// The deployment currency (SALES_CURRENCY), from GET /v1/session: one per deployment, so it is
// set once at sign-in and named wherever amounts are shown.
let currencyCode = '';
export const setCurrency = (code: string) => (currencyCode = code);
export const currency = () => currencyCode;
/** A label for an amount, with its currency: "Won (CNY)". */
export const moneyLabel = (label: string) => (currencyCode ? `${label} (${currencyCode})` : label);

export const fmt = {
  count: (n: number | null | undefined) => (n === null || n === undefined ? '—' : COUNT.format(n)),
  money: (n: number | null | undefined) => (n === null || n === undefined ? '—' : MONEY.format(n)),
  days: (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${DAYS.format(n)} d`),
  hours: (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${DAYS.format(n)} h`),
  rate: (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${(n * 100).toFixed(1)}%`),
  time: (iso: string | null | undefined) => (iso ? iso.replace('T', ' ').slice(0, 16) + 'Z' : '—'),
  text: (s: unknown) => (s === null || s === undefined || s === '' ? '—' : String(s)),
};

/** A figure shown as text, with the exact value the API gave kept beside it for tools and tests. */
export function figure(value: unknown, text: string): HTMLElement {
  return h('span', { 'data-value': JSON.stringify(value ?? null) }, text);
}

export function announce(message: string): void {
  const region = document.getElementById('status-region');
  if (region) region.textContent = message;
}
