import { describe, expect, it } from 'vitest';
import {
  baniToInput, decimalForInput, decimalInputProblem, decimalSeparator, formatDecimal, formatMoney, moneyForInput, multiplyMoney, normalizeDecimalInput, parseMoneyInput,
  parseWholeNumberInput, percentOf,
} from './decimal';

describe('exact money arithmetic', () => {
  it('multiplies a decimal quantity by a price in bani, rounding once, half away from zero', () => {
    expect(multiplyMoney('0.5', 15000)).toBe(7500); // half an hour at 150.00 lei
    expect(multiplyMoney('1.25', 999)).toBe(1249); // 1248.75 → 1249
    expect(multiplyMoney('0.333', 100)).toBe(33);
    expect(multiplyMoney('0.005', 100)).toBe(1); // 0.5 bani rounds up
    expect(multiplyMoney('-0.005', 100)).toBe(-1); // and away from zero below it
    expect(multiplyMoney('3', 1)).toBe(3);
  });

  it('does not drift where binary floats do', () => {
    expect(0.1 * 3 * 100).not.toBe(30);
    expect(multiplyMoney('0.1', 300)).toBe(30);
    expect(multiplyMoney('1.005', 100)).toBe(101); // Math.round(1.005 * 100) gives 100
    // A thousand lines of 0.333 × 0.03 lei: exact per line, exact in the sum.
    expect(Array.from({ length: 1000 }, () => multiplyMoney('0.333', 3)).reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('handles large quantities and amounts exactly', () => {
    expect(multiplyMoney('99999.999', 99_999_999)).toBe(9_999_999_800_000);
    expect(() => multiplyMoney('999999999999', 99_999_999_999)).toThrow('too large');
    expect(() => multiplyMoney('1.2.3', 100)).toThrow();
  });

  it('takes VAT percentages of amounts', () => {
    expect(percentOf(10000, 21)).toBe(2100);
    expect(percentOf(333, 21)).toBe(70); // 69.93
    expect(percentOf(1050, 19)).toBe(200); // 199.5 → 200
    expect(percentOf(100, '5.5')).toBe(6); // 5.5
  });

  it('reads what people type', () => {
    expect(normalizeDecimalInput('1,5', 2)).toBe('1.5');
    expect(normalizeDecimalInput(' 0.50 ', 2)).toBe('0.5');
    expect(normalizeDecimalInput('007', 3)).toBe('7');
    expect(normalizeDecimalInput(',25', 2)).toBe('0.25');
    expect(normalizeDecimalInput('1.234', 2)).toBeNull();
    expect(normalizeDecimalInput('abc', 2)).toBeNull();
    expect(normalizeDecimalInput('', 2)).toBeNull();
    expect(normalizeDecimalInput('-1', 2)).toBeNull();
    expect(parseMoneyInput('12,50')).toBe(1250);
    expect(parseMoneyInput('150')).toBe(15000);
    expect(parseMoneyInput('1.234,50')).toBeNull();
    expect(baniToInput(123450)).toBe('1234.50');
    expect(baniToInput(-5)).toBe('-0.05');
  });

  it('says why typed text is refused instead of changing it', () => {
    expect(decimalInputProblem('1,5', 3)).toBeNull();
    expect(decimalInputProblem('-1', 3)).toBe('negative');
    expect(decimalInputProblem('−2,5', 3)).toBe('negative');
    expect(decimalInputProblem('1,2345', 3)).toBe('decimals');
    expect(decimalInputProblem('  ', 3)).toBe('empty');
    expect(decimalInputProblem('1e3', 3)).toBe('notNumber');
    expect(decimalInputProblem('--1', 3)).toBe('notNumber');
    expect(parseWholeNumberInput(' 30 ', 0, 365)).toBe(30);
    for (const typed of ['1e2', '0x10', '1.5', '-2', '', '366']) expect(parseWholeNumberInput(typed, 0, 365)).toBeNull();
  });

  it('takes a comma or a dot, with spaces around, and refuses thousands separators with that reason', () => {
    for (const typed of ['1,5', '1.5', ' 1,50 ', '1,5\u00a0']) expect(normalizeDecimalInput(typed, 2)).toBe('1.5');
    expect(parseMoneyInput(' 1234,50 ')).toBe(123450);
    // "1.234,50" is never read as 1.234 (nor 1234.50): the reason is the thousands separator.
    for (const typed of ['1.234,50', '1,234.50', '1.234.567', '1 234', '1 234,5', '12.345,6', '1’234']) {
      expect(parseMoneyInput(typed), typed).toBeNull();
      expect(decimalInputProblem(typed, 2), typed).toBe('thousands');
      expect(decimalInputProblem(typed, 3), typed).toBe('thousands');
    }
    // A lone separator marks decimals, whichever it is: "1.234" is 1.234 where three decimals are allowed.
    expect(normalizeDecimalInput('1.234', 3)).toBe('1.234');
    expect(decimalInputProblem('1.234', 2)).toBe('decimals');
    expect(decimalInputProblem('1,5,0', 2)).toBe('notNumber');
    expect(decimalInputProblem('-1.234,50', 2)).toBe('negative');
    expect(decimalInputProblem('- 5', 2)).toBe('negative');
    expect(decimalInputProblem('-', 2)).toBe('notNumber');
  });

  it('refuses an amount too large to hold in bani instead of failing', () => {
    expect(parseMoneyInput('9999999999999')).toBe(999999999999900);
    expect(parseMoneyInput('99999999999999')).toBeNull();
  });

  it("shows stored decimals in the language's way: inputs without grouping, texts with it", () => {
    expect(decimalSeparator('ro')).toBe(',');
    expect(decimalSeparator('en')).toBe('.');
    expect(decimalForInput('1.5', 'ro')).toBe('1,5');
    expect(decimalForInput('1.5', 'en')).toBe('1.5');
    expect(decimalForInput('12', 'ro')).toBe('12');
    expect(moneyForInput(15000, 'ro')).toBe('150,00');
    expect(moneyForInput(123405, 'ro')).toBe('1234,05');
    expect(moneyForInput(15000, 'en')).toBe('150.00');
    // What an input shows reads back as the same value.
    for (const bani of [0, 5, 15000, 123405]) for (const locale of ['ro', 'en']) expect(parseMoneyInput(moneyForInput(bani, locale))).toBe(bani);
    expect(formatDecimal('1.5', 'ro')).toBe('1,5');
    expect(formatDecimal('1.5', 'en')).toBe('1.5');
    expect(formatDecimal('1234.50', 'ro')).toBe('1.234,5');
    expect(formatDecimal('1234.5', 'en')).toBe('1,234.5');
    expect(formatDecimal('-0.25', 'ro')).toBe('-0,25');
    expect(formatDecimal('3.000', 'ro')).toBe('3');
    expect(formatDecimal('123456789012.125', 'ro')).toBe('123.456.789.012,125');
    expect(formatDecimal(null, 'ro')).toBe('');
    expect(formatDecimal('x', 'ro')).toBe('x');
  });

  it('formats lei the Romanian way', () => {
    expect(formatMoney(123450).replace(/\s/g, ' ')).toBe('1.234,50 RON');
  });
});
