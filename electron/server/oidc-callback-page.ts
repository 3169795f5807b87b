const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The page single sign-on answers a person with: where the provider's redirect lands, or why it
 * could not start. Signed in: it moves on to `/` by a meta refresh
 * (no script: the CSP allows none inline), a navigation this origin starts, so the browser sends
 * the SameSite=Strict session cookie with it (it would not on the redirect chain from the
 * provider). Refused: the reason in words and a way back to sign-in.
 */
export function oidcCallbackPage(refusal: string | null): string {
  const head = refusal === null ? '<meta http-equiv="refresh" content="0; url=/">' : '';
  const body =
    refusal === null
      ? '<p>Signed in. <a href="/">Continue to Vigil</a>.</p>'
      : `<h1>Single sign-on did not sign you in</h1><p>${escapeHtml(refusal)}</p><p><a href="/">Back to sign-in</a></p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}<title>Vigil: signing in</title></head><body>${body}</body></html>\n`;
}
