import { useLayoutEffect, useRef } from 'preact/hooks';

/**
 * Keyboard shortcuts, matched by physical key (event.code) so they work the same with a Russian or an
 * Arabic keyboard layout. Every shortcut carries a modifier, so typing in a field never triggers one.
 * The most recently registered handler of a combination wins (a dialog over a screen).
 */
export interface Shortcut {
  /** e.g. "Ctrl+Enter", "Alt+N", "Ctrl+1", "Alt+Shift+R" */
  keys: string;
  run: (event: KeyboardEvent) => void;
}

interface Parsed {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  code: string;
}

const registered: Array<{ parsed: Parsed; shortcut: { current: Shortcut & { enabled: boolean } } }> = [];
let listening = false;

function codeOf(key: string): string {
  if (/^[A-Z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  return key; // Enter, Escape, ArrowUp...
}

export function parseKeys(keys: string): Parsed {
  const parts = keys.split('+');
  const key = parts.pop() ?? '';
  return { ctrl: parts.includes('Ctrl'), alt: parts.includes('Alt'), shift: parts.includes('Shift'), code: codeOf(key) };
}

function matches(parsed: Parsed, event: KeyboardEvent): boolean {
  const code = event.code === 'NumpadEnter' ? 'Enter' : event.code.replace(/^Numpad(\d)$/, 'Digit$1');
  return (
    code === parsed.code &&
    parsed.ctrl === (event.ctrlKey || event.metaKey) &&
    parsed.alt === event.altKey &&
    parsed.shift === event.shiftKey
  );
}

/**
 * Whether a key press is the given combination: for a field's own key handler (a comment box's Ctrl+Enter),
 * matched as the page's shortcuts are (physical key, Ctrl or Cmd, the numpad's Enter), never mid-composition.
 */
export function isKeys(event: KeyboardEvent, keys: string): boolean {
  return !event.isComposing && matches(parseKeys(keys), event);
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing) return;
  for (let i = registered.length - 1; i >= 0; i--) {
    const entry = registered[i]!;
    if (entry.shortcut.current.enabled && matches(entry.parsed, event)) {
      event.preventDefault();
      entry.shortcut.current.run(event);
      return;
    }
  }
}

/**
 * Registers a shortcut while the component is mounted; it acts only while `enabled`. Registered in a layout
 * effect and enabled by the render itself, so a key pressed right after the screen changed (a fast typist's
 * Ctrl+Enter) is never lost to a pending effect.
 */
export function useShortcut(keys: string | undefined, run: (event: KeyboardEvent) => void, enabled = true): void {
  const shortcut = useRef<Shortcut & { enabled: boolean }>({ keys: keys ?? '', run, enabled });
  shortcut.current = { keys: keys ?? '', run, enabled };
  useLayoutEffect(() => {
    if (!keys) return;
    if (!listening) {
      window.addEventListener('keydown', onKeyDown);
      listening = true;
    }
    const entry = { parsed: parseKeys(keys), shortcut };
    registered.push(entry);
    return () => {
      const at = registered.indexOf(entry);
      if (at >= 0) registered.splice(at, 1);
    };
  }, [keys]);
}

/** The value of aria-keyshortcuts ("Control+Enter"), which screen readers announce. */
export function ariaKeys(keys: string): string {
  return keys.replace(/\bCtrl\b/g, 'Control');
}
