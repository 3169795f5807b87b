import { createContext, useContext, useState, type MouseEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** The id of the main landmark, the target of "Skip to main content". */
export const mainContentId = 'main-content';

/** Where a page puts skip links of its own, after the frame's. */
const SkipLinkSlot = createContext<HTMLElement | null>(null);

/**
 * An in-page link that acts in script: a plain `#id` address would be read as a route (the app
 * routes on the hash), so the click is taken over and never reaches the address bar.
 */
function SkipLink({ target, onActivate, children }: { target: string; onActivate: () => void; children: ReactNode }) {
  const activate = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    onActivate();
  };
  return (
    <a className="vigil-skip-link" href={`#${target}`} onClick={activate}>
      {children}
    </a>
  );
}

/**
 * The first focusable things of every page (docs/keyboard.md): "Skip to main content", then
 * any the page adds with PageSkipLink.
 */
export function SkipLinks({ children }: { children: ReactNode }) {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  const toMain = () => document.getElementById(mainContentId)?.focus();
  return (
    <SkipLinkSlot.Provider value={slot}>
      <nav aria-label="Skip links">
        <SkipLink target={mainContentId} onActivate={toMain}>
          Skip to main content
        </SkipLink>
        <span ref={setSlot} />
      </nav>
      {children}
    </SkipLinkSlot.Provider>
  );
}

/** A page's own skip link, placed after "Skip to main content". */
export function PageSkipLink({ target, onActivate, children }: { target: string; onActivate: () => void; children: ReactNode }) {
  const slot = useContext(SkipLinkSlot);
  if (!slot) return null;
  return createPortal(
    <SkipLink target={target} onActivate={onActivate}>
      {children}
    </SkipLink>,
    slot,
  );
}
