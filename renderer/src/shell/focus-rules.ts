import { useEffect, useRef } from 'react';
import { mainContentId } from './skip-links.tsx';

/** Long enough for a slow page to load its data; only a hang is cut off. */
const headingWaitMs = 20_000;

/**
 * On every new page (docs/keyboard.md, "Where focus goes"): the page starts at the top and
 * focus moves to its h1 (made focusable by script only), so a keyboard or screen-reader user
 * starts reading there instead of from the window's top. The heading may come later (a page's
 * chunk or data still loading): it is waited for. Focus the person or the page has put
 * somewhere meanwhile (a question reached by a link, a field they clicked) is left alone.
 */
export function useRouteFocus(key: string): void {
  // The first page of a session keeps the window's own start (the skip link first).
  const shown = useRef(key);
  useEffect(() => {
    if (shown.current === key) return;
    shown.current = key;
    const before = document.activeElement;
    const untouched = () => {
      const now = document.activeElement;
      return now === null || now === document.body || now === before || !now.isConnected;
    };
    if (untouched()) window.scrollTo({ top: 0 });
    const settle = (): boolean => {
      if (!untouched()) return true;
      // The page left behind may still be in the document, hidden while the new one loads.
      const heading = [...(document.getElementById(mainContentId)?.querySelectorAll<HTMLElement>('h1') ?? [])].find((h) => h.getClientRects().length > 0);
      if (!heading) return false;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      window.scrollTo({ top: 0 });
      return document.activeElement === heading;
    };
    if (settle()) return;
    const observer = new MutationObserver(() => {
      if (settle()) stop();
    });
    const timer = window.setTimeout(() => stop(), headingWaitMs);
    const stop = () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
    observer.observe(document.body, { childList: true, subtree: true });
    return stop;
  }, [key]);
}

/**
 * A refused form (docs/keyboard.md): when a field becomes invalid (aria-invalid, as every
 * Mantine input with an error is) after the person pressed a button (or Enter in a form's
 * field) and before they typed or clicked anything else, focus moves to the first invalid field
 * of that form or dialog. Fields marked while the person types are left alone, and so is a
 * field that was already marked before the press (a button elsewhere on the page does not pull
 * focus to an old error).
 */
export function useFocusOnRefusal(): void {
  useEffect(() => {
    // The form or dialog whose button was pressed last, until the next key or click elsewhere.
    let pressed: Element | null = null;
    const containerOf = (target: EventTarget | null, enter: boolean): Element | null => {
      if (!(target instanceof Element)) return null;
      const button = target.closest('button, [type=submit]');
      const from = button ?? (enter && target.closest('form') ? target : null);
      return from?.closest('form, [role=dialog], main') ?? null;
    };
    const onClick = (event: MouseEvent) => {
      pressed = containerOf(event.target, false);
    };
    const onKey = (event: KeyboardEvent) => {
      pressed = event.key === 'Enter' || event.key === ' ' ? containerOf(event.target, event.key === 'Enter') : null;
    };
    const becameInvalid = (r: MutationRecord) =>
      r.type === 'attributes'
        ? r.oldValue !== 'true' && r.target instanceof Element && r.target.getAttribute('aria-invalid') === 'true'
        : [...r.addedNodes].some((n) => n instanceof Element && (n.matches('[aria-invalid="true"]') || n.querySelector('[aria-invalid="true"]') !== null));
    const observer = new MutationObserver((records) => {
      const container = pressed;
      if (!container || !records.some((r) => becameInvalid(r) && container.contains(r.target))) return;
      const field = container.querySelector<HTMLElement>('[aria-invalid="true"]');
      if (!field) return;
      pressed = null;
      field.focus();
    });
    document.addEventListener('click', onClick, true);
    document.addEventListener('keydown', onKey, true);
    observer.observe(document.body, { attributes: true, attributeOldValue: true, attributeFilter: ['aria-invalid'], subtree: true, childList: true });
    return () => {
      observer.disconnect();
      document.removeEventListener('click', onClick, true);
      document.removeEventListener('keydown', onKey, true);
    };
  }, []);
}
