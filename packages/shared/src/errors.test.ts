import { describe, expect, it } from 'vitest';
import { DomainError, isErrorCode } from './errors';

describe('DomainError', () => {
  it('serialises to the API error body with its details, and the code cannot be overwritten', () => {
    const err = new DomainError('module_not_entitled', 'Module not in your plan', {
      module: 'sms',
      code: 'spoofed',
    });
    expect(err.toBody()).toEqual({
      error: { code: 'module_not_entitled', message: 'Module not in your plan', module: 'sms' },
    });
  });

  it('recognises only known codes', () => {
    expect(isErrorCode('not_found')).toBe(true);
    expect(isErrorCode('NOT_FOUND')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
  });
});
