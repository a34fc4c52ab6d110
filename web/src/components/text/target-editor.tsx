import type { Ref } from 'preact';
import { useEffect, useImperativeHandle, useRef } from 'preact/hooks';
import { textAttrs, t } from '../../i18n';
import { chipLabel, splitPlaceholders } from './placeholders';

export interface TargetEditorHandle {
  focus(): void;
  /** Replaces the whole text (a memory suggestion), caret at the end. */
  setText(text: string): void;
  /** Inserts a placeholder token at the caret as a chip. */
  insertToken(token: string): void;
  text(): string;
}

interface Props {
  /** The text to start from; the editor is uncontrolled after that (keyed by task). */
  initialText: string;
  /** The language of the text being written, not of the interface. */
  lang: string;
  label: string;
  describedBy?: string;
  readOnly?: boolean;
  onChange: (text: string) => void;
  handle: Ref<TargetEditorHandle>;
}

const blockedInputs = new Set(['insertParagraph', 'insertLineBreak', 'insertFromDrop', 'insertOrderedList', 'insertUnorderedList', 'insertHorizontalRule']);

/**
 * The translation editor: a text field in the target's language and direction, spell-checked in that
 * language, in which inline-markup placeholders are chips that can be moved or deleted whole but never
 * typed into. Its value is plain text with ⟦n⟧ tokens.
 */
export function TargetEditor({ initialText, lang, label, describedBy, readOnly, onChange, handle }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    if (root.current) renderText(root.current, initialText);
  }, [initialText]);

  const emit = () => root.current && changed.current(serialize(root.current));

  useImperativeHandle(handle, () => ({
    focus: () => root.current?.focus(),
    text: () => (root.current ? serialize(root.current) : ''),
    setText(text: string) {
      const element = root.current;
      if (!element) return;
      renderText(element, text);
      element.focus();
      caretToEnd(element);
      emit();
    },
    insertToken(token: string) {
      const element = root.current;
      if (!element || readOnly) return;
      element.focus();
      const selection = getSelection();
      let range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
      if (!range || !element.contains(range.commonAncestorContainer)) {
        caretToEnd(element);
        range = getSelection()!.getRangeAt(0);
      }
      range.deleteContents();
      const chip = chipOf(token);
      range.insertNode(chip);
      range.setStartAfter(chip);
      range.collapse(true);
      selection?.removeAllRanges();
      selection?.addRange(range);
      emit();
    },
  }));

  return (
    <div
      ref={root}
      class="target-editor"
      role="textbox"
      aria-multiline="true"
      aria-label={label}
      aria-describedby={describedBy}
      aria-readonly={readOnly ? 'true' : undefined}
      contentEditable={!readOnly}
      spellcheck
      {...textAttrs(lang)}
      onBeforeInput={(event) => {
        const input = event as InputEvent;
        if (blockedInputs.has(input.inputType) || input.inputType.startsWith('format')) event.preventDefault();
      }}
      onPaste={(event) => {
        // Only text comes in: markup from a web page would smuggle tags past the placeholders.
        event.preventDefault();
        const text = (event.clipboardData?.getData('text/plain') ?? '').replace(/\s*\n\s*/g, ' ');
        document.execCommand('insertText', false, text);
      }}
      onInput={emit}
    />
  );
}

function chipOf(token: string): HTMLSpanElement {
  const [piece] = splitPlaceholders(token);
  const chip = document.createElement('span');
  chip.className = 'chip';
  chip.contentEditable = 'false';
  chip.dataset.token = token;
  chip.title = t('editor.placeholder', { token });
  chip.textContent = piece && piece.kind === 'token' ? chipLabel(piece) : token;
  return chip;
}

function renderText(element: HTMLElement, text: string): void {
  element.replaceChildren(
    ...splitPlaceholders(text).map((piece) => (piece.kind === 'text' ? document.createTextNode(piece.text) : chipOf(piece.token))),
  );
}

/** Back to plain text with tokens; what the browser adds on its own (a trailing <br>, wrappers) is ignored. */
export function serialize(node: Node): string {
  let text = '';
  node.childNodes.forEach((child) => {
    if (child.nodeType === Node.TEXT_NODE) text += (child as Text).data;
    else if (child instanceof HTMLElement) text += child.dataset.token ?? (child.tagName === 'BR' ? '' : serialize(child));
  });
  return text;
}

function caretToEnd(element: HTMLElement): void {
  const range = document.createRange();
  range.selectNodeContents(element);
  range.collapse(false);
  const selection = getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}
