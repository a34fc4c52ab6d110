import type { ComponentChildren, Ref } from 'preact';
import { ariaKeys, useShortcut } from '../lib/shortcuts';

interface ActionProps {
  /** Shown on the button and bound while it is on screen and enabled. */
  shortcut?: string;
  onAction: () => void;
  children: ComponentChildren;
  kind?: 'primary' | 'secondary' | 'danger';
  disabled?: boolean;
  busy?: boolean;
  type?: 'button' | 'submit';
  buttonRef?: Ref<HTMLButtonElement>;
  title?: string;
}

/** A button whose keyboard shortcut is part of it: shown in <kbd>, announced, and bound while enabled. */
export function Action({ shortcut, onAction, children, kind = 'secondary', disabled, busy, type = 'button', buttonRef, title }: ActionProps) {
  const inactive = !!disabled || !!busy;
  // A submit button's key (Enter) belongs to its form, not to the whole page.
  useShortcut(type === 'submit' ? undefined : shortcut, () => onAction(), !inactive);
  return (
    <button
      ref={buttonRef}
      type={type}
      class={`action ${kind}`}
      disabled={inactive}
      aria-busy={busy ? 'true' : undefined}
      aria-keyshortcuts={shortcut ? ariaKeys(shortcut) : undefined}
      title={title}
      onClick={type === 'submit' ? undefined : () => onAction()}
    >
      <span class="label">{children}</span>
      {shortcut && <kbd dir="ltr">{shortcut}</kbd>}
    </button>
  );
}
