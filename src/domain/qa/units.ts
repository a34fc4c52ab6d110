/**
 * Units after a figure, for telling a converted measure ("30 yards" → "27 метрах") from a changed number.
 * Each unit maps to a base unit of its dimension; a target figure that is the source figure converted
 * (within rounding) is worth a warning, never a refusal.
 */
type Dimension = 'length' | 'mass' | 'volume' | 'area' | 'speed' | 'temperature';

interface Unit {
  dimension: Dimension;
  /** Base units per one of this unit; temperatures use `toBase` instead. */
  factor: number;
  toBase?: (value: number) => number;
}

const fahrenheit: Unit = { dimension: 'temperature', factor: 1, toBase: (f) => ((f - 32) * 5) / 9 };
const celsius: Unit = { dimension: 'temperature', factor: 1 };

// Longest alternatives first within each entry; Russian and Arabic forms by stem.
const units: Array<[RegExp, Unit]> = [
  [/^(?:yards?|yds?|ярд\p{L}*|ياردة|ياردات|يارد)/iu, { dimension: 'length', factor: 0.9144 }],
  [/^(?:feet|foot|ft|фут\p{L}*|قدما|أقدام|قدم)/iu, { dimension: 'length', factor: 0.3048 }],
  [/^(?:inch(?:es)?|дюйм\p{L}*|بوصة|بوصات|إنش)/iu, { dimension: 'length', factor: 0.0254 }],
  [/^(?:miles?|мил[ьяие]\p{L}*|ميلا|أميال|ميل)/iu, { dimension: 'length', factor: 1609.34 }],
  [/^(?:kilomet(?:re|er)s?|km|км|километр\p{L}*|كيلومترا|كيلومترات|كيلومتر|كلم|كم)(?![\p{L}/])/iu, { dimension: 'length', factor: 1000 }],
  [/^(?:centimet(?:re|er)s?|cm|см|сантиметр\p{L}*|سنتيمترا|سنتيمترات|سنتيمتر|سم)(?!\p{L})/iu, { dimension: 'length', factor: 0.01 }],
  [/^(?:met(?:re|er)s?|m|м|метр\p{L}*|مترا|أمتار|متر)(?!\p{L})/iu, { dimension: 'length', factor: 1 }],
  [/^(?:pounds?|lbs?|фунт\p{L}*|رطلا|أرطال|رطل)(?!\p{L})/iu, { dimension: 'mass', factor: 0.4536 }],
  [/^(?:ounces?|oz|унци\p{L}*|أونصة|أونصات)/iu, { dimension: 'mass', factor: 0.02835 }],
  [/^(?:kilo(?:gram(?:me)?s?)?|kg|кг|килограмм\p{L}*|كيلوغراما|كيلوغرامات|كيلوغرام|كغ|كيلو)(?!\p{L})/iu, { dimension: 'mass', factor: 1 }],
  [/^(?:gram(?:me)?s?|g|г|грамм\p{L}*|غراما|غرامات|غرام)(?!\p{L})/iu, { dimension: 'mass', factor: 0.001 }],
  [/^(?:gallons?|галлон\p{L}*|غالونا|غالونات|غالون)/iu, { dimension: 'volume', factor: 3.785 }],
  [/^(?:lit(?:re|er)s?|л|литр\p{L}*|لترا|لترات|لتر)(?!\p{L})/iu, { dimension: 'volume', factor: 1 }],
  [/^(?:acres?|акр\p{L}*|فدانا|أفدنة|فدان)/iu, { dimension: 'area', factor: 4046.86 }],
  [/^(?:hectares?|ha|га|гектар\p{L}*|هكتارا|هكتارات|هكتار)(?!\p{L})/iu, { dimension: 'area', factor: 10_000 }],
  [/^(?:mph|miles per hour|мил\p{L}* в час)/iu, { dimension: 'speed', factor: 0.44704 }],
  [/^(?:km\/h|км\/ч|كم\/س)/iu, { dimension: 'speed', factor: 0.27778 }],
  [/^(?:°\s?F|degrees Fahrenheit|градус\p{L}* (?:по )?Фаренгейт\p{L}*|درجة فهرنهايت)/iu, fahrenheit],
  [/^(?:°\s?[CС]|degrees Celsius|градус\p{L}*(?: (?:по )?Цельси\p{L}*)?|درجة مئوية|درجات مئوية)/iu, celsius],
];

export function unitAfter(text: string, end: number): Unit | undefined {
  const after = text.slice(end, end + 40).replace(/^[\s\u00a0]+/, '');
  for (const [pattern, unit] of units) if (pattern.test(after)) return unit;
  return undefined;
}

/** Whether `to` is `from` converted between two different units of one dimension, within 12% for rounding. */
export function isConversion(from: { value: number; unit: Unit }, to: { value: number; unit: Unit }): boolean {
  if (from.unit === to.unit || from.unit.dimension !== to.unit.dimension) return false;
  const base = (v: number, u: Unit) => (u.toBase ? u.toBase(v) : v * u.factor);
  const a = base(from.value, from.unit);
  const b = base(to.value, to.unit);
  if (a === b) return true;
  return Math.abs(a - b) <= 0.12 * Math.max(Math.abs(a), Math.abs(b)) + (from.unit.dimension === 'temperature' ? 1 : 0);
}
