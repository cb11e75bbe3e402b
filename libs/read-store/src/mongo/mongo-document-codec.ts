// Read models are JSON; MongoDB-compatible servers do not store every JSON document. FerretDB 1.x
// rejects keys containing `.` or starting with `$` at any depth, and arrays directly inside arrays
// ("nested arrays are not supported"); MongoDB itself is awkward with such keys. So documents are
// encoded on the way in and decoded on the way out:
// - in keys, `~` becomes `~t`, `.` becomes `~d` and `$` becomes `~s`; the empty key becomes `~e`
//   (a `meta.` path would name nothing);
// - an array inside an array becomes `{ "~a": [...] }`.
// A user's `~` is always encoded as `~t`, so keys that are exactly `~a` or `~e` can only come from
// the codec: decoding is unambiguous. Plain identifier keys (every field a query or index may name)
// are stored as they are, so filters and indexes need no translation.

const ARRAY = '~a';
const EMPTY = '~e';
const ESCAPES: Record<string, string> = { '~': '~t', '.': '~d', $: '~s' };
const UNESCAPES: Record<string, string> = { t: '~', d: '.', s: '$' };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function encodeKey(key: string): string {
  if (key === '') return EMPTY;
  return /[~.$]/.test(key) ? key.replace(/[~.$]/g, (c) => ESCAPES[c]) : key;
}

function decodeKey(key: string): string {
  if (key === EMPTY) return '';
  return key.includes('~') ? key.replace(/~([tds])/g, (_, c: string) => UNESCAPES[c]) : key;
}

function encode(value: unknown, insideArray: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => encode(item, true));
    return insideArray ? { [ARRAY]: items } : items;
  }
  if (!isObject(value)) return value;
  const encoded: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) encoded[encodeKey(key)] = encode(item, false);
  return encoded;
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === ARRAY) return (value[ARRAY] as unknown[]).map(decode);
  const decoded: Record<string, unknown> = {};
  for (const key of keys) decoded[decodeKey(key)] = decode(value[key]);
  return decoded;
}

// Through JSON first, for the round trip the other stores give (undefined dropped, Dates as text).
export function toMongo<T>(json: T): T {
  return encode(JSON.parse(JSON.stringify(json)), false) as T;
}

export function fromMongo<T>(stored: T): T {
  return decode(stored) as T;
}
