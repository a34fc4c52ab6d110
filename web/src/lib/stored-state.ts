import { useContext, useEffect, useState } from 'preact/hooks';
import { SessionContext } from '../session';

/**
 * State that survives a reload or an expired session: kept in localStorage under `key` and the signed-in
 * person's id, so someone else signing in on the same browser starts from a blank form.
 */
export function useStoredState<T>(key: string, initial: T): [T, (value: T | ((before: T) => T)) => void, () => void] {
  const owner = useContext(SessionContext)?.user.id ?? 'anyone';
  const storageKey = `dragoman.form.${owner}.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = localStorage.getItem(storageKey);
      return raw ? { ...initial, ...(JSON.parse(raw) as T) } : initial;
    } catch {
      return initial;
    }
  });
  useEffect(() => {
    try {
      localStorage.setItem(storageKey, JSON.stringify(value));
    } catch {
      // Storage full or off: the form still works, it just does not survive a reload.
    }
  }, [storageKey, value]);
  const clear = () => {
    try {
      localStorage.removeItem(storageKey);
    } catch {
      // nothing kept
    }
    setValue(initial);
  };
  return [value, setValue, clear];
}
