// The API as the dashboard calls it: the key from sessionStorage in the Authorization header
// (never in a URL), JSON in, a clear error out.

const KEY = 'sales-engine.api-key';

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  signIn: (key: string) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, string | number | null | undefined>;

export function query(params: Params): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function call(path: string, params: Params, accept: string): Promise<Response> {
  const key = session.key();
  const response = await fetch(`/v1/${path}${query(params)}`, {
    headers: { accept, ...(key ? { authorization: `Bearer ${key}` } : {}) },
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) {
    let code = `HTTP_${response.status}`;
    let message = response.statusText;
    try {
      const body = (await response.json()) as { code?: string; message?: string };
      code = body.code ?? code;
      message = body.message ?? message;
    } catch {
      // not a JSON error body
    }
    throw new ApiFailure(response.status, code, message);
  }
  return response;
}

export async function getJson<T>(path: string, params: Params = {}): Promise<T> {
  return (await (await call(path, params, 'application/json')).json()) as T;
}

/** Fetches the CSV of a report with the key in a header, then hands it to the browser as a file. */
export async function downloadCsv(path: string, params: Params, filename: string): Promise<void> {
  const blob = await (await call(path, params, 'text/csv')).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
