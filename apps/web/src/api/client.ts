import type { Problem } from "@linli/contracts";
import { i18n } from "../app/i18n";

/** A failed API call, carrying the server's problem details when there were any. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.title ?? `HTTP ${status}`);
  }
}

/** The session's anti-forgery token, which the server set as a readable cookie at sign-in. */
function csrfToken(): string | undefined {
  return document.cookie
    .split("; ")
    .find((pair) => pair.startsWith("linli_csrf="))
    ?.slice("linli_csrf=".length);
}

/**
 * fetch for the Linli API: same-origin cookie, the interface language, JSON in and out; `file`
 * sends a file's bytes as they are, under its own media type.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; file?: Blob; headers?: Record<string, string> } = {},
): Promise<T> {
  const method = init.method ?? "GET";
  const contentType = init.file ? init.file.type || "application/octet-stream" : "application/json";
  const token = method === "GET" ? undefined : csrfToken();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: {
        "accept-language": i18n.language,
        accept: "application/json",
        ...(init.body === undefined && !init.file ? {} : { "content-type": contentType }),
        ...(token ? { "x-csrf-token": token } : {}),
        ...init.headers,
      },
      body: init.file ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (response.status === 204) return undefined as T;
  const isJson = (response.headers.get("content-type") ?? "").includes("json");
  const payload: unknown = isJson ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, (payload as Problem | null) ?? null);
  return payload as T;
}

/** The message to show for a failed call: the server's own words when it gave any. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return i18n.t("errors.network");
    return error.problem?.detail ?? error.problem?.title ?? i18n.t("errors.generic");
  }
  return i18n.t("errors.generic");
}

/**
 * Sends a file's bytes like `api` does, reporting the upload's progress (0–100) as it goes: fetch
 * cannot, so this one call uses XMLHttpRequest.
 */
export function upload<T>(path: string, file: Blob, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", path);
    request.withCredentials = true;
    request.setRequestHeader("accept-language", i18n.language);
    request.setRequestHeader("accept", "application/json");
    request.setRequestHeader("content-type", file.type || "application/octet-stream");
    const token = csrfToken();
    if (token) request.setRequestHeader("x-csrf-token", token);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onerror = () => reject(new ApiError(0, null));
    request.onload = () => {
      let payload: unknown = null;
      try {
        payload = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        payload = null;
      }
      if (request.status >= 200 && request.status < 300) resolve(payload as T);
      else reject(new ApiError(request.status, payload as Problem | null));
    };
    request.send(file);
  });
}
