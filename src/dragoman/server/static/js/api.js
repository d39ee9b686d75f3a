// The HTTP API, as the dashboard uses it: GET with URL-encoded parameters, JSON back, and an
// Error carrying the server's "detail" message when the answer is not 2xx.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
  }
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  }
  const text = q.toString();
  return text ? "?" + text : "";
}

export async function get(path, params) {
  const res = await fetch("/api/" + path + query(params), { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (!res.ok) throw new ApiError(res.status, body && typeof body.detail === "string" ? body.detail : null);
  return body;
}
