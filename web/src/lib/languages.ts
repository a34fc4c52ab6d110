import { useEffect, useState } from 'preact/hooks';
import { session } from '../api/endpoints';

/**
 * The languages this installation works in (GET /languages, from DRAGOMAN_LANGUAGES), asked for once per
 * page: every picker offers these rather than a list written into the app.
 */
let asked: Promise<string[]> | null = null;

export function serverLanguages(): Promise<string[]> {
  asked ??= session.languages().then(
    (answer) => answer.items.map((item) => item.code),
    (error: unknown) => {
      asked = null; // asked again next time: a failed look is not remembered
      throw error;
    },
  );
  return asked;
}

/** The server's languages, or an empty list until they arrive (or when they cannot be had). */
export function useServerLanguages(): string[] {
  const [languages, setLanguages] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    serverLanguages().then(
      (codes) => live && setLanguages(codes),
      () => undefined, // the fields still take a typed code
    );
    return () => {
      live = false;
    };
  }, []);
  return languages;
}
