import type { UserRecord } from '../storage/users-repo.js';

declare global {
  namespace Express {
    interface Request {
      id: string;
      user?: UserRecord;
    }
  }
}
