import { describe, expect, expectTypeOf, it } from 'vitest';
import type { LanguagePair, Role, UserRecord } from '../../src/domain/people.js';
import { roles } from '../../src/domain/people.js';
import type { Task } from '../../src/domain/task.js';
import type { TaskRow } from '../../src/storage/tasks-repo.js';
import type { LanguagePair as RepoPair, Role as RepoRole, UserRecord as RepoUser } from '../../src/storage/users-repo.js';

describe('domain types', () => {
  it('the repositories return exactly the domain shapes (type checked by tsc)', () => {
    expectTypeOf<TaskRow>().toEqualTypeOf<Task>();
    expectTypeOf<RepoUser>().toEqualTypeOf<UserRecord>();
    expectTypeOf<RepoRole>().toEqualTypeOf<Role>();
    expectTypeOf<RepoPair>().toEqualTypeOf<LanguagePair>();
  });

  it('names each role once, the list the request schemas accept', () => {
    expect([...roles]).toEqual(['admin', 'editor', 'translator', 'reviewer', 'publisher']);
    expectTypeOf<Role>().toEqualTypeOf<(typeof roles)[number]>();
  });
});
