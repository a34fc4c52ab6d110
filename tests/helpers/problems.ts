/**
 * Whether a problem body names a field with a given reason. The reason is a stable key; it travels as the
 * field's `message` or, where field messages are localized, as its `code`: tests accept either.
 */
export function namesField(body: { errors?: Array<{ path: string; message?: string; code?: string }> }, path: string, reason: string): boolean {
  return (body.errors ?? []).some((e) => e.path === path && (e.message === reason || e.code === reason));
}
