import type { AuthErrorCode } from '../errors/auth-error.catalogue';
import type { AccessDenial, AccessDenialRecorder } from './access-denial';

/** For tests: keeps every denial in order. */
export class InMemoryAccessDenialRecorder implements AccessDenialRecorder {
  private readonly recorded: AccessDenial[] = [];

  async record(denial: AccessDenial): Promise<void> {
    this.recorded.push(denial);
  }

  get denials(): readonly AccessDenial[] {
    return [...this.recorded];
  }

  withCode(code: AuthErrorCode): readonly AccessDenial[] {
    return this.recorded.filter((denial) => denial.code === code);
  }

  last(): AccessDenial | undefined {
    return this.recorded[this.recorded.length - 1];
  }

  clear(): void {
    this.recorded.length = 0;
  }
}
