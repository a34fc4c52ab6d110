import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isProblem, serverNow } from '../api/client';
import { work, type Stage } from '../api/endpoints';

export type LeaseState = 'held' | 'warning' | 'lost';

export interface Lease {
  state: LeaseState;
  remainingMs: number;
  /** A heartbeat now (the "keep" action). */
  keep(): Promise<void>;
}

const activityEvents = ['keydown', 'input', 'pointerdown', 'wheel'] as const;

/**
 * Keeps a held task's lease alive while the person works on it: a heartbeat at most every third of the
 * lease (and at most every minute) when there was activity since the last one, a warning when the lease
 * is about to lapse, and, when its time is up, one last heartbeat that either saves it (clocks differ)
 * or confirms it was taken back.
 */
export function useLease(stage: Stage, taskId: string | null, leaseExpiresAt: string | null, onLost: () => void): Lease {
  const [expiresAt, setExpiresAt] = useState(() => Date.parse(leaseExpiresAt ?? '') || 0);
  const [now, setNow] = useState(serverNow);
  const [lost, setLost] = useState(false);
  const lastActivity = useRef(0);
  const lastBeat = useRef(serverNow());
  const leaseLength = useRef(60_000);
  // The lease's length is known from the first render of a task, not only after the effect below: with the
  // 60 s guess a short lease looked about to lapse in its first frame and flashed the warning.
  // Measured when a task is first shown, not each time the page reads its held work again: by then part of
  // the lease has run, and the shorter length would bring heartbeats and the warning ever closer.
  const leaseOf = useRef<string | null>(null);
  if (leaseOf.current !== taskId) {
    leaseOf.current = taskId;
    const at = Date.parse(leaseExpiresAt ?? '') || 0;
    if (at) leaseLength.current = Math.max(5_000, at - serverNow());
  }
  const beating = useRef(false);
  const lostHandler = useRef(onLost);
  lostHandler.current = onLost;

  const shownTask = useRef<string | null>(null);
  /** The latest lease known for the shown task, from its claim, a heartbeat or a read of held work. */
  const latestLease = useRef(0);
  useEffect(() => {
    const at = Date.parse(leaseExpiresAt ?? '') || 0;
    if (shownTask.current !== taskId) {
      shownTask.current = taskId;
      latestLease.current = at;
      setExpiresAt(at);
      setLost(false);
      lastBeat.current = serverNow();
      lastActivity.current = 0;
      leaseLength.current = Math.max(5_000, at - serverNow());
      return;
    }
    // The same task read again. An earlier lease (a read that began before the last heartbeat answered, or
    // before the lease was lost) changes nothing; a later one (the task is held again) moves it on. The
    // typing since the last heartbeat still counts.
    if (at <= latestLease.current) return;
    latestLease.current = at;
    setExpiresAt(at);
    setLost(false);
  }, [taskId, leaseExpiresAt]);

  const beat = useCallback(async () => {
    if (!taskId || beating.current) return;
    beating.current = true;
    lastBeat.current = serverNow();
    try {
      const answer = await work.heartbeat(stage, taskId);
      const at = Date.parse(answer.leaseExpiresAt);
      leaseLength.current = Math.max(leaseLength.current, at - serverNow());
      latestLease.current = Math.max(latestLease.current, at);
      setExpiresAt(latestLease.current);
    } catch (error) {
      if (isProblem(error, 'lease_lost') || isProblem(error, 'task_not_held') || isProblem(error, 'illegal_transition')) {
        setLost(true);
        lostHandler.current();
      }
      // Other failures (network, restart): the next tick tries again.
    } finally {
      beating.current = false;
    }
  }, [stage, taskId]);

  useEffect(() => {
    const active = () => {
      lastActivity.current = serverNow();
    };
    for (const name of activityEvents) window.addEventListener(name, active, { passive: true, capture: true });
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, active, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (!taskId || lost) return;
    const timer = setInterval(() => {
      const current = serverNow();
      setNow(current);
      const interval = Math.min(60_000, leaseLength.current / 3);
      const activeSinceBeat = lastActivity.current > lastBeat.current;
      if (current >= expiresAt) void beat();
      else if (activeSinceBeat && current - lastBeat.current >= interval) void beat();
    }, 1_000);
    return () => clearInterval(timer);
  }, [taskId, lost, expiresAt, beat]);

  const remainingMs = Math.max(0, expiresAt - now);
  const warnAt = Math.min(120_000, leaseLength.current * 0.35);
  const state: LeaseState = lost ? 'lost' : remainingMs <= warnAt ? 'warning' : 'held';
  return { state, remainingMs, keep: beat };
}
