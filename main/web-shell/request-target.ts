/**
 * The URL of an HTTP request target, or null when the target is malformed. The target comes
 * from whoever reached the port, so nothing here may throw.
 *
 * Accepted: origin-form (`/path?query`) and absolute-form (`http://host/path`). Refused: no
 * target, `*`, authority-form, targets starting with `//` (the URL parser would read them as
 * a host, `//:99999`), and anything the URL parser refuses (`http://[`).
 */
export function requestTargetUrl(target: string | undefined): URL | null {
  if (!target) return null;
  try {
    if (target.startsWith('/')) return target.startsWith('//') ? null : new URL(`http://127.0.0.1${target}`);
    if (/^https?:\/\//i.test(target)) return new URL(target);
  } catch {
    return null;
  }
  return null;
}
