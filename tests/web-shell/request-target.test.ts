import { describe, expect, it } from 'vitest';
import { requestTargetUrl } from '../../main/web-shell/request-target';

describe('requestTargetUrl', () => {
  it('reads origin-form and absolute-form targets', () => {
    expect(requestTargetUrl('/rpc?token=abc')?.pathname).toBe('/rpc');
    expect(requestTargetUrl('/rpc?token=abc')?.searchParams.get('token')).toBe('abc');
    expect(requestTargetUrl('/assets/a.js')?.pathname).toBe('/assets/a.js');
    expect(requestTargetUrl('http://127.0.0.1:8080/index.html')?.pathname).toBe('/index.html');
  });

  it('gives null, never an exception, for malformed targets', () => {
    for (const target of [undefined, '', 'http://[', '//:99999', '//evil.example/x', '*', '127.0.0.1:80', 'http://:99999/', 'ftp://x/']) {
      expect(requestTargetUrl(target), String(target)).toBeNull();
    }
  });
});
