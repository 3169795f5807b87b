// What the Chromium benchmark installs in the page before the app's own scripts run: the
// session token (so a fresh tab opens a list directly), the long tasks as Chromium reports
// them, the time of the last pointer or key input, and a watcher that notes when a condition on
// the page became true and was painted. Times are the page's
// own clock (performance.now(), 0 = navigation start), so no round trip to the driver counts.
//
// Everything here runs inside Chromium: it is passed to page.addInitScript as a function and
// serialised, so it must not use anything from its module.

/** What the watcher waits for. */
export type WatchSpec =
  /** An element matching `selector` is rendered (has a box). */
  | { kind: 'visible'; selector: string }
  /**
   * The risk rows shown differ from `before` (`__benchRows()` before the action), and each of
   * the first twenty reads `mustContain` (a band label), if given.
   */
  | { kind: 'rowsChanged'; before: string; mustContain?: string }
  /** A dialog is open and reads `text`, with no loader in it. */
  | { kind: 'dialog'; text: string };

export interface ProbeState {
  longTasks: { start: number; duration: number }[];
  lastInput: number;
  /** `seen`: the frame in which the condition first held (in the DOM); `done`: the next frame, after that one was painted. */
  watch: { spec: WatchSpec; seen: number | null; done: number | null } | null;
}

declare global {
  interface Window {
    __bench: ProbeState;
    __benchWatch(spec: WatchSpec): void;
    __benchRows(): string;
  }
}

/** `watch`, when given, is watched from navigation start (the time to first rows). */
export function installProbe({ token, watch }: { token: string; watch?: WatchSpec }): void {
  sessionStorage.setItem('vigil.session-token', token);
  const state: ProbeState = { longTasks: [], lastInput: 0, watch: null };
  window.__bench = state;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) state.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No long task reports in this browser: the bench says so (none recorded is not "none over 200 ms").
    state.longTasks.push({ start: -1, duration: -1 });
  }
  const noteInput = (e: Event) => {
    state.lastInput = e.timeStamp;
  };
  addEventListener('pointerdown', noteInput, true);
  addEventListener('keydown', noteInput, true);

  const rendered = (el: Element | null) => el !== null && el.getClientRects().length > 0;
  /**
   * The risk rows shown, as one string: how many, the first twenty ids and the last one (a
   * filter that keeps the first rows of a whole-register table still changes its length).
   */
  const rows = () => {
    const all = document.querySelectorAll('tr[data-risk]');
    const ids = Array.from(all).slice(0, 20).map((r) => r.getAttribute('data-risk'));
    return `${all.length}|${ids.join(' ')}|${all[all.length - 1]?.getAttribute('data-risk') ?? ''}`;
  };
  window.__benchRows = rows;
  const holds = (spec: WatchSpec): boolean => {
    if (spec.kind === 'visible') return rendered(document.querySelector(spec.selector));
    if (spec.kind === 'rowsChanged') {
      const shown = Array.from(document.querySelectorAll('tr[data-risk]')).slice(0, 20);
      if (shown.length === 0 || !rendered(shown[0] ?? null)) return false;
      if (rows() === spec.before) return false;
      return spec.mustContain === undefined || shown.every((r) => (r.textContent ?? '').includes(spec.mustContain as string));
    }
    const dialog = Array.from(document.querySelectorAll('[role="dialog"]')).find(rendered);
    return dialog !== undefined && (dialog.textContent ?? '').includes(spec.text) && dialog.querySelector('[aria-label^="Loading"]') === null;
  };
  window.__benchWatch = (spec) => {
    const watch = { spec, seen: null as number | null, done: null as number | null };
    state.watch = watch;
    // Checked at each frame; once it holds, the time is taken at the next frame, which begins
    // after this frame's style, layout and paint: when a person can see it (rows put in the
    // page are not seen until a long layout of them ends).
    const tick = () => {
      if (state.watch !== watch) return;
      if (holds(spec)) {
        watch.seen = performance.now();
        requestAnimationFrame(() => {
          watch.done = performance.now();
        });
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  if (watch) window.__benchWatch(watch);
}
