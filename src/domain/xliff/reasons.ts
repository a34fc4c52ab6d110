// The reasons an XLIFF upload is refused, apart from the reader so the reader's helpers can name them
// without importing the reader back.

/**
 * Why an upload is refused: a key of locales/<lng>/xliff.json `reason.*` and the values its message names,
 * so the problem is written in the reader's language.
 */
export type Fail = (reason: XliffReason, params?: Record<string, string | number>, line?: number) => never;

export const xliffReasons = [
  'malformed',
  'doctype',
  'encoding',
  'empty',
  'state20',
  'state12',
  'languageTag',
  'duplicateFile',
  'tooManyUnits',
  'duplicateUnit',
  'tooDeep',
  'notAllowedIn',
  'notAllowedHere',
  'unknownElement',
  'missingAttribute',
  'missingChild',
  'missingBefore',
  'onlyOne',
  'textNotAllowed',
  'wrongRoot',
  'versionMismatch',
  'cpHex',
  'undeclaredElement',
  'attributeNotAllowed',
  'attributeValue',
  'valueNotIn',
  'valueNmtoken',
  'valueName',
  'valueInteger',
  'valueDecimal',
  'valueUri',
  'valueDateTime',
  'valuePattern',
  'duplicateValue',
  'unknownReference',
] as const;
export type XliffReason = (typeof xliffReasons)[number];

/** Why a file is for something else (refused as xliff_mismatch by the import service). */
export const xliffMismatchReasons = ['noArticle', 'noTargetLanguage', 'otherArticle', 'articleMissing', 'localeNotTargeted', 'otherSourceLanguage'] as const;
