import { ELLIPSIS, FULL_STOP, isBidiControl, isCloser, isSpacelessTerminal, isStrongTerminal, isTerminal } from './chars.js';

/** A maximal run of terminal punctuation with the closers that belong to it ("?»).", "!..\"", ". . . ."). */
export interface TerminalRun {
  /** Index right after the run: where the sentence ends if the run is a boundary. */
  end: number;
  dots: number;
  strong: boolean;
  ellipsis: boolean;
  /** Contains a spaced ellipsis (". . ."), which the scanner treats specially after an attached stop. */
  spaced: boolean;
  /** Ends with a CJK/Devanagari terminal, which needs no following space. */
  spaceless: boolean;
}

export function readRun(text: string, from: number): TerminalRun {
  const n = text.length;
  let i = from;
  let dots = 0;
  let strong = false;
  let ellipsis = false;
  let spaced = false;
  let spaceless = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === FULL_STOP) dots++;
    else if (c === ELLIPSIS) ellipsis = true;
    else if (isStrongTerminal(c)) strong = true;
    else if (isSpacelessTerminal(c)) spaceless = true;
    else if (isCloser(c) || isBidiControl(c) || c === 0x6d4 || c === 0xfe0f) {
      // Closers, the Urdu/Arabic full stop and the emoji variation selector ("‼️") simply extend the run.
    } else if (c === 0x20 && dots > 0 && continuesSpacedEllipsis(text, i + 1)) {
      spaced = true;
    } else break;
    i++;
  }
  return { end: i, dots, strong, ellipsis: ellipsis || dots >= 2, spaced, spaceless };
}

/** ". . ." continues when a dot follows the space and that dot ends a word-free stretch. */
function continuesSpacedEllipsis(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== FULL_STOP) return false;
  const after = text.charCodeAt(at + 1);
  return Number.isNaN(after) || after === 0x20 || after === FULL_STOP || isCloser(after) || isTerminal(after);
}
